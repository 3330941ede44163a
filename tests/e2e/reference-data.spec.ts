import { readFileSync } from 'node:fs';
import { expect, goTo, test } from './guard.ts';

const SHARED = '../shared/data/';

/** Tick exactly these key variables on the Risk page. */
async function chooseKeys(page: import('@playwright/test').Page, keys: string[]) {
  const boxes = page.getByRole('group', { name: 'Key variables (quasi-identifiers)' }).getByRole('checkbox');
  for (const box of await boxes.all()) {
    const name = (await box.evaluate((el) => el.parentElement?.textContent ?? '')).trim();
    if (keys.includes(name)) await box.check();
    else await box.uncheck();
  }
}

test("sdcMicro's testdata in the browser gives sdcMicro's counts of fk < 2, 3, 5", async ({ page }) => {
  const ref = JSON.parse(readFileSync(`${SHARED}sdcmicro/refs/A_testdata_global_risk.json`, 'utf8'));
  await page.goto('/');
  await page.getByLabel('Choose one or more files to open').setInputFiles(`${SHARED}sdcmicro/testdata.csv`);
  await expect(page.getByTestId('notice')).toContainText('4,580 rows and 15 columns');
  await goTo(page, 'Risk');
  await chooseKeys(page, ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex']);
  await page.getByLabel('Sampling weight (optional)').selectOption('sampling_weight');
  await page.getByRole('button', { name: 'Measure risk' }).click();
  const result = page.getByTestId('risk-result');
  await expect(result).toContainText(`There are ${ref.n_keys_combinations} different combinations in all`);
  const rows = result.getByRole('table').first().getByRole('row');
  for (const [k, n] of [
    [2, ref.n_fk_lt_2],
    [3, ref.n_fk_lt_3],
    [5, ref.n_fk_lt_5],
  ]) {
    await expect(
      rows
        .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${k}\\b`) }) })
        .getByRole('cell')
        .first(),
    ).toHaveText(String(n));
  }
});

test('ARX adult in the browser: fk counts equal an independent count', async ({ page }) => {
  const [head, ...lines] = readFileSync(`${SHARED}arx/adult.csv`, 'utf8').trim().split(/\r?\n/);
  const names = head!.split(';');
  const keys = ['sex', 'age', 'race', 'marital-status'];
  const idx = keys.map((k) => names.indexOf(k));
  const counts = new Map<string, number>();
  for (const l of lines) {
    const f = l.split(';');
    const key = idx.map((i) => f[i]).join('|');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const below = (k: number) => [...counts.values()].filter((c) => c < k).reduce((a, b) => a + b, 0);

  await page.goto('/');
  await page.getByLabel('Choose one or more files to open').setInputFiles(`${SHARED}arx/adult.csv`);
  await expect(page.getByTestId('notice')).toContainText('30,162 rows and 9 columns');
  await goTo(page, 'Risk');
  await chooseKeys(page, keys);
  await page.getByLabel('k (threshold)').fill('4');
  await page.getByRole('button', { name: 'Measure risk' }).click();
  const result = page.getByTestId('risk-result');
  await expect(result).toContainText(`There are ${counts.size.toLocaleString('en-GB')} different combinations in all`);
  const rows = result.getByRole('table').first().getByRole('row');
  for (const k of [2, 3, 4, 5]) {
    await expect(
      rows
        .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${k}\\b`) }) })
        .getByRole('cell')
        .first(),
    ).toHaveText(below(k).toLocaleString('en-GB'));
  }
});
