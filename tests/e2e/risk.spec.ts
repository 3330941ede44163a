/**
 * The Risk panel in the browser: every measure on sdcMicro's testdata against
 * sdcMicro's reference numbers, the two treatments of missing key values on the
 * README's four-record example, warnings shown with the result, and bad choices
 * refused with the data kept.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, goTo, test } from './guard.ts';
import { axe } from './helpers.ts';

const SHARED = '../shared/data/';
const KEYS_A = ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex'];

function refCsv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(`${SHARED}${path}`, 'utf8').trim().split(/\r?\n/);
  const names = head!.split(',').map((s) => s.replace(/^"|"$/g, ''));
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, j) => [names[j]!, v.replace(/^"|"$/g, '')])));
}

async function tick(page: Page, group: string, names: string[]) {
  const boxes = page.getByRole('group', { name: group }).getByRole('checkbox');
  for (const box of await boxes.all()) {
    const name = (await box.evaluate((el) => el.parentElement?.textContent ?? '')).trim();
    if (names.includes(name)) await box.check();
    else await box.uncheck();
  }
}

async function open(page: Page, name: string, content: string | Buffer) {
  await page.goto('/');
  await page
    .getByLabel('Choose one or more files to open')
    .setInputFiles(typeof content === 'string' ? { name, mimeType: 'text/csv', buffer: Buffer.from(content) } : `${SHARED}${name}`);
  await expect(page.getByTestId('notice')).toContainText('rows and');
  await goTo(page, 'Risk');
}

test("testdata: individual and household risk, l-diversity and SUDA2 with sdcMicro's numbers", async ({ page }, info) => {
  const ref = JSON.parse(readFileSync(`${SHARED}sdcmicro/refs/A_testdata_global_risk.json`, 'utf8'));
  const ldiv = refCsv('sdcmicro/refs/A_testdata_ldiversity_hhcivil.csv').map((r) => Number(r.hhcivil_Distinct_Ldiversity));
  const suda = refCsv('sdcmicro/refs/A_testdata_suda2_scores.csv').map((r) => Number(r.score));
  await open(page, 'sdcmicro/testdata.csv', Buffer.alloc(0));
  await tick(page, 'Key variables (quasi-identifiers)', KEYS_A);
  await page.getByLabel('Sampling weight (optional)').selectOption('sampling_weight');
  await page.getByLabel('Household id (optional)').selectOption('ori_hid');
  await tick(page, 'Sensitive variables (optional)', ['hhcivil']);
  await page.getByLabel(/Also find special uniques/).check();
  await page.getByLabel(/Also list risky cells/).check();
  await page.getByRole('button', { name: 'Measure risk' }).click();

  const individual = page.getByTestId('individual-risk');
  await expect(individual).toContainText(`about ${ref.global_risk_ER.toFixed(1)} of 4,580`);
  await expect(individual).toContainText(`${ref.global_risk_pct.toFixed(3)} %`);
  await expect(page.getByTestId('household-risk')).toContainText(`about ${ref.hier_risk_ER.toFixed(1)}`);
  await expect(page.getByTestId('household-risk')).toContainText(`${ref.hier_risk_pct.toFixed(3)} %`);
  await expect(individual.getByRole('figure')).toBeVisible();

  const sensitive = page.getByTestId('sensitive-risk');
  const failing = ldiv.filter((d) => d < 2).length;
  await expect(sensitive.getByRole('row', { name: /^hhcivil/ })).toContainText(failing.toLocaleString('en-GB'));

  const sudaView = page.getByTestId('suda');
  await expect(sudaView).toContainText(`${suda.filter((s) => s > 0).length} records`);
  await expect(sudaView).toContainText(`The highest SUDA score is ${Math.max(...suda)}`);
  await expect(page.getByTestId('risk-drivers').getByRole('row')).toHaveCount(KEYS_A.length + 1);
  await expect(page.getByTestId('risk-result')).toContainText('matches every value');

  // Risky cells against an independent count: every table of 1 to 3 of the keys, cells of at most 2 records.
  const data = refCsv('sdcmicro/testdata.csv');
  let unsafe = 0;
  const choose = (from: number, size: number, chosen: string[]): void => {
    if (chosen.length === size) {
      const counts = new Map<string, number>();
      for (const r of data) {
        const cell = chosen.map((k) => r[k]).join('\u0000');
        counts.set(cell, (counts.get(cell) ?? 0) + 1);
      }
      for (const c of counts.values()) if (c <= 2) unsafe++;
      return;
    }
    for (let j = from; j < KEYS_A.length; j++) choose(j + 1, size, [...chosen, KEYS_A[j]!]);
  };
  for (const size of [1, 2, 3]) choose(0, size, []);
  await expect(page.getByTestId('risky-cells')).toContainText(`${unsafe.toLocaleString('en-GB')} cells have at most 2`);
  await axe(page);
  await page.screenshot({ path: info.outputPath('risk-testdata.png'), fullPage: true });
});

test('missing key values: the two modes give the worked example’s counts, each with its sentence', async ({ page }) => {
  await open(page, 'four.csv', 'record,age,town\na,30,Leeds\nb,30,Leeds\nc,,Leeds\nd,40,Leeds\n');
  await tick(page, 'Key variables (quasi-identifiers)', ['age']);
  await page.getByRole('button', { name: 'Measure risk' }).click();
  const result = page.getByTestId('risk-result');
  // Matches any: fk 3, 3, 4, 2, so one record below k = 3 and none unique.
  await expect(result).toContainText('matches every value');
  const atK = result.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^3\b/ }) });
  await expect(atK.getByRole('cell').first()).toHaveText('1');

  await page.getByLabel(/Missing is a value of its own/).check();
  await expect(page.getByText('one more value of that key, as in ARX')).toBeVisible();
  await page.getByRole('button', { name: 'Measure risk' }).click();
  await expect(result).toContainText('one more value of that key');
  // Own category: fk 2, 2, 1, 1: all four below 3, two unique.
  await expect(atK.getByRole('cell').first()).toHaveText('4');
  await expect(result).toContainText('2 of 4 records');
});

test('warnings are shown with the result, and a bad weight is refused with the data kept', async ({ page }, info) => {
  await open(page, 'weights.csv', 'age,sex,country,w,hh\n30,F,UK,10,1\n30,M,UK,12,1\n40,F,UK,-5,2\n50,M,UK,8,3\n');
  await tick(page, 'Key variables (quasi-identifiers)', ['age', 'sex', 'country']);
  await page.getByLabel('Sampling weight (optional)').selectOption('w');
  await page.getByRole('button', { name: 'Measure risk' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The weight "w" is zero or negative in 1 (first: row 3)');
  await alert.getByRole('button', { name: 'Dismiss this message' }).click();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('4 rows');

  await page.getByLabel('Sampling weight (optional)').selectOption('');
  await page.getByLabel('Household id (optional)').selectOption('hh');
  await page.getByRole('button', { name: 'Measure risk' }).click();
  const warnings = page.getByTestId('risk-warnings');
  await expect(warnings).toContainText('The key variable "country" has only one value');
  await expect(page.getByTestId('household-risk')).toBeVisible();
  await axe(page);
  await page.screenshot({ path: info.outputPath('risk-warnings.png'), fullPage: true });
});
