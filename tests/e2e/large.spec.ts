import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDataCsv, makeBenchData } from '../../scripts/bench-data.ts';
import { expect, test } from './guard.ts';

test.setTimeout(180_000);

let bigFile = '';
test.beforeAll(() => {
  bigFile = join(mkdtempSync(join(tmpdir(), 'se-big-')), 'million.csv');
  writeFileSync(bigFile, benchDataCsv(makeBenchData(1_000_000)));
});

/** The longest gap between animation frames while `during` runs: the page's worst freeze. */
async function longestFrameGap(page: import('@playwright/test').Page, during: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __gaps: number[]; __stop: boolean };
    w.__gaps = [];
    w.__stop = false;
    let last = performance.now();
    const tick = (t: number) => {
      w.__gaps.push(t - last);
      last = t;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await during();
  return page.evaluate(() => {
    const w = window as unknown as { __gaps: number[]; __stop: boolean };
    w.__stop = true;
    return Math.max(...w.__gaps);
  });
}

test('a 1,000,000-row file loads in the worker while the page stays responsive, and every row is reachable', async ({ page }) => {
  await page.goto('/');
  const status = page.getByRole('contentinfo', { name: 'Status' });
  const gap = await longestFrameGap(page, async () => {
    await page.getByLabel('Choose one or more files to open').setInputFiles(bigFile);
    await expect(status.getByRole('progressbar')).toBeVisible();
    // The page answers while the worker reads: the task list still works.
    await page.getByRole('button', { name: 'Hide history' }).click();
    await expect(page.getByRole('button', { name: 'History' })).toBeVisible();
    await expect(status).toContainText('1,000,000 rows × 11 columns', { timeout: 120_000 });
  });
  expect(gap, 'longest frame gap in ms while loading').toBeLessThan(750);

  await page
    .getByRole('navigation', { name: 'Tasks' })
    .getByRole('button', { name: /^Check the data\b/ })
    .click();
  const grid = page.getByRole('grid');
  await expect(grid).toHaveAttribute('aria-rowcount', '1000001');
  await grid.focus();
  await page.keyboard.press('Control+End');
  await expect(grid.getByRole('row').filter({ hasText: '1000000' }).last()).toBeVisible();
});

test('cancelling a load keeps the data that was open', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open the sample extract' }).click();
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status).toContainText('2,000 rows × 19 columns');
  await page.getByLabel('Choose one or more files to open').setInputFiles(bigFile);
  await status.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('notice')).toContainText('cancelled');
  await expect(status).toContainText('2,000 rows × 19 columns');
  await expect(status.getByRole('progressbar')).toHaveCount(0);
});
