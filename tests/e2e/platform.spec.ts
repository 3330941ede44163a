/**
 * The method platform in the browser: methods used through their generic forms and
 * replayed by the command line byte for byte; a worker that dies in the middle of a
 * step; Cancel during a long analysis; dates in every written form; an Arrow file
 * opened with its labels and opened again after export.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { makeSampleCsv } from '../../scripts/make-sample.ts';
import { benchDataCsv, makeBenchData } from '../../scripts/bench-data.ts';
import { makeDataset, writeArrow } from '../../src/engine/index.ts';
import { dictionaryVector, float64Vector, utf8Vector } from '../../src/engine/table/vectors.ts';
import { expect, goTo, openSample, test } from './guard.ts';
import { axe, cli, download } from './helpers.ts';

const SAMPLE = 'public/samples/household-survey.csv';

const status = (page: Page) => page.getByRole('contentinfo', { name: 'Status' });
const history = (page: Page) => page.getByRole('complementary', { name: 'History of steps' }).getByRole('listitem');

test('top and bottom coding and recoding through their generic forms, compared, and replayed by the CLI byte for byte', async ({ page }) => {
  test.setTimeout(120_000);
  await openSample(page);
  await goTo(page, 'Protect');
  await axe(page);

  const topBottom = page.getByTestId('method-top-bottom-code');
  await topBottom.getByLabel('Column', { exact: true }).selectOption('income');
  await topBottom.getByLabel(/^Top value/).fill('100000');
  await topBottom.getByRole('button', { name: 'Apply: Top and bottom coding' }).click();
  await expect(history(page)).toHaveCount(1);
  await expect(history(page).last()).toContainText('values above 100,000 set to 100,000');
  const effect = page.getByTestId('last-effect');
  await expect(effect).toContainText('What the last step changed: Top and bottom coding');
  await expect(effect.getByRole('row', { name: /^income/ })).toBeVisible();

  // A bad setting is named by the engine, and nothing is applied.
  const recode = page.getByTestId('method-recode');
  await recode.getByLabel('Column', { exact: true }).selectOption('age');
  await recode.getByLabel('Break points', { exact: true }).fill('0, 40, 18');
  await recode.getByRole('button', { name: 'Apply: Recode numbers into intervals' }).click();
  await expect(page.getByTestId('notice')).toContainText('Parameter "breaks" of step "recode" must be in increasing order');
  await expect(history(page)).toHaveCount(1);
  // Breaks starting at 0 leave out the ages of 0: the step says how many instead of blanking them.
  await recode.getByLabel('Break points', { exact: true }).fill('0, 17, 29, 44, 64, 120');
  await recode.getByRole('button', { name: 'Apply: Recode numbers into intervals' }).click();
  await expect(page.getByTestId('notice')).toContainText(/values of "age" lie outside the breaks \(0, 120\]/);
  await recode.getByLabel('Break points', { exact: true }).fill('-1, 17, 29, 44, 64, 120');
  await recode.getByRole('button', { name: 'Apply: Recode numbers into intervals' }).click();
  await expect(history(page)).toHaveCount(2);
  await expect(history(page).last()).toContainText('into 5 intervals ((-1,17], (17,29], (29,44], (44,64], (64,120])');
  await axe(page);

  await goTo(page, 'Export');
  const compare = page.getByTestId('method-compare');
  await compare.getByRole('button', { name: 'Run: What changed' }).click();
  const table = compare.getByTestId('compare-table');
  await expect(table.getByRole('row', { name: /^age/ })).toContainText('2,000');
  await expect(table.getByRole('row')).toHaveCount(3); // the header, age and income: nothing else changed
  await axe(page);

  const tmp = mkdtempSync(join(tmpdir(), 'se-platform-'));
  const csv = await download(page, /^Download CSV/);
  const recipeText = (await download(page, /Download recipe/)).toString('utf8');
  const recipe = JSON.parse(recipeText);
  expect(recipe.steps).toEqual([
    { id: 'top-bottom-code', params: { column: 'income', top: 100000 } },
    { id: 'recode', params: { column: 'age', breaks: [-1, 17, 29, 44, 64, 120], closed: 'right', outside: 'stop' } },
  ]);
  writeFileSync(join(tmp, 'recipe.json'), recipeText);
  cli(['run', join(tmp, 'recipe.json'), SAMPLE, '-o', join(tmp, 'out.csv')]);
  expect(readFileSync(join(tmp, 'out.csv')).equals(csv), 'the CLI writes the bytes the browser exported').toBe(true);
});

test('a worker that dies in the middle of a step loses nothing: history, grid and export bytes are those of before', async ({ page }) => {
  test.setTimeout(180_000);
  const file = join(mkdtempSync(join(tmpdir(), 'se-kill-')), 'survey.csv');
  writeFileSync(file, makeSampleCsv({ rows: 150_000, seed: 7 }));
  const workers: import('@playwright/test').Worker[] = [];
  page.on('worker', (w) => workers.push(w));
  await page.goto('/');
  await page.getByLabel('Choose one or more files to open').setInputFiles(file);
  await expect(status(page)).toContainText('150,000 rows × 19 columns', { timeout: 60_000 });

  await goTo(page, 'Protect');
  const topBottom = page.getByTestId('method-top-bottom-code');
  await topBottom.getByLabel('Column', { exact: true }).selectOption('income');
  await topBottom.getByLabel(/^Top value/).fill('90000');
  await topBottom.getByRole('button', { name: 'Apply: Top and bottom coding' }).click();
  await expect(history(page)).toHaveCount(1);
  await goTo(page, 'Check the data');
  const grid = page.getByRole('grid');
  await expect(grid.getByRole('row').nth(3)).not.toContainText('Loading…');
  const gridBefore = await grid.getByRole('row').nth(3).innerText();
  expect(gridBefore).toContain('P0000003');
  await goTo(page, 'Export');
  const before = await download(page, /^Download CSV/);

  // A long step: pseudonymise every name and e-mail (about 200,000 distinct values), then crash the worker while it runs.
  await goTo(page, 'Identifiers');
  await page.getByRole('button', { name: 'Generate a key' }).click();
  for (const column of ['full_name', 'email']) {
    await page
      .getByRole('group', { name: new RegExp(`^${column} `) })
      .getByRole('radio', { name: 'Replace with keyed pseudonyms' })
      .check();
  }
  await page.getByRole('button', { name: /^Apply all \d+ choices/ }).click();
  await expect(status(page).getByRole('progressbar')).toBeVisible();
  expect(workers).toHaveLength(1);
  await workers[0]!.evaluate(() => {
    setTimeout(() => {
      throw new Error('test: the worker fails');
    }, 0);
  });
  await expect(page.getByTestId('notice')).toContainText('The engine stopped because of an error, so it was restarted', { timeout: 30_000 });
  await expect(status(page).getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
  await expect.poll(() => workers.length).toBe(2);

  await expect(history(page)).toHaveCount(1);
  await expect(history(page).first()).toContainText('above 90,000 set to 90,000');
  await goTo(page, 'Check the data');
  await expect.poll(() => grid.getByRole('row').nth(3).innerText()).toBe(gridBefore);
  await goTo(page, 'Export');
  const after = await download(page, /^Download CSV/);
  expect(after.equals(before), 'the export after the restart is the export before it').toBe(true);
});

test('Cancel during a long analysis stops it without restarting the worker, and it can be run again', async ({ page, guard }) => {
  test.setTimeout(180_000);
  const file = join(mkdtempSync(join(tmpdir(), 'se-cancel-')), 'million.csv');
  // Six more columns of many different numbers, so that the summaries take long enough to be cancelled.
  const lines = benchDataCsv(makeBenchData(1_000_000)).split('\n');
  const wide = lines.map((l, i) =>
    l === '' ? l : i === 0 ? `${l},m1,m2,m3,m4,m5,m6` : `${l},${[7, 11, 13, 17, 19, 23].map((m) => (i * m) % 999_983).join(',')}`,
  );
  writeFileSync(file, wide.join('\n'));
  const workers: unknown[] = [];
  page.on('worker', (w) => workers.push(w));
  await page.goto('/');
  await page.getByLabel('Choose one or more files to open').setInputFiles(file);
  await expect(status(page)).toContainText('1,000,000 rows × 17 columns', { timeout: 120_000 });
  // The column summaries start by themselves, in the background, once the file is open.
  await expect(status(page)).toContainText('Summarising the columns');
  await status(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('notice')).toContainText('The work was cancelled');
  // They are not started again behind the user's back: the page offers them.
  await goTo(page, 'Check the data');
  await expect(page.getByTestId('profile-stopped')).toContainText('The summaries were stopped before they were finished');
  await expect(status(page).getByRole('progressbar')).toHaveCount(0);
  expect(workers).toHaveLength(1);
  // The dataset and the worker are as they were: rows page in, and the summaries can be made.
  await expect(page.getByRole('grid').getByRole('gridcell').first()).not.toHaveText('Loading…');
  await page.getByRole('button', { name: 'Summarise the columns' }).click();
  await expect(page.getByRole('heading', { name: 'k6' })).toBeVisible({ timeout: 120_000 });
  expect(workers).toHaveLength(1);
  // Regression: Cancel in the status line left an unhandled rejection.
  expect(guard.errors).toEqual([]);
});

test('dates of birth in every written form become years, and a day-month order can be switched', async ({ page }) => {
  const forms: Record<string, string[]> = {
    dob_words: ['12 March 1985', '3 July 1962', '28 February 2001', '30 November 1948', '1 January 1990', '15 August 1977'],
    dob_short: ['12 Mar 1985', '3 Jul 1962', '28 Feb 2001', '30 Nov 1948', '1 Jan 1990', '15 Aug 1977'],
    dob_us: ['March 12, 1985', 'July 3, 1962', 'February 28, 2001', 'November 30, 1948', 'January 1, 1990', 'August 15, 1977'],
    dob_ordinal: ['12th of March 1985', '3rd July 1962', '28th February 2001', '30th November 1948', '1st January 1990', '15th August 1977'],
    dob_iso: ['1985-03-12', '1962-07-03', '2001-02-28', '1948-11-30', '1990-01-01', '1977-08-15'],
    dob_slash: ['12/03/1985', '3/7/1962', '28/02/2001', '30/11/1948', '01/01/1990', '15/08/1977'],
    dob_dots: ['12.03.1985', '03.07.1962', '28.02.2001', '30.11.1948', '01.01.1990', '15.08.1977'],
    dob_two_digit: ['12/03/85', '03/07/62', '28/02/01', '30/11/48', '01/01/90', '15/08/77'],
  };
  const years = ['1985', '1962', '2001', '1948', '1990', '1977'];
  const names = Object.keys(forms);
  const lines = [names.join(','), ...years.map((_, i) => names.map((n) => `"${forms[n]![i]}"`).join(','))];
  await page.goto('/');
  await page
    .getByLabel('Choose one or more files to open')
    .setInputFiles({ name: 'dates.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
  await expect(page.getByTestId('notice')).toContainText('6 rows and 8 columns');
  await goTo(page, 'Identifiers');
  for (const n of names) {
    await expect(page.getByRole('combobox', { name: `Role of ${n}` })).toHaveValue('direct');
    await page
      .getByRole('group', { name: new RegExp(`^${n} `) })
      .getByRole('radio', { name: 'Keep only the year of birth' })
      .check();
  }
  await page.getByRole('button', { name: /^Apply all 8 choices/ }).click();
  await expect(page.getByText('No column is marked as a direct identifier')).toBeVisible();
  await goTo(page, 'Export');
  const csv = (await download(page, /^Download CSV/)).toString('utf8').trim().split('\n');
  expect(csv.slice(1)).toEqual(years.map((y) => names.map(() => y).join(',')));

  // 03/04/1985 could be 3 April or 4 March: read day first, and the page says so and offers the other order.
  await goTo(page, 'Import');
  await page
    .getByLabel('Choose one or more files to open')
    .setInputFiles({ name: 'ambiguous.csv', mimeType: 'text/csv', buffer: Buffer.from('when,n\n03/04/1985,1\n05/06/1990,2\n') });
  await expect(page.getByTestId('notice')).toContainText('2 rows and 2 columns');
  await expect(page.getByText('could be read either way')).toBeVisible();
  await axe(page);
  await page.getByRole('button', { name: 'Read month first instead' }).click();
  await expect(page.getByTestId('notice')).toContainText('The dates in when are now read month first');
  await goTo(page, 'Check the data');
  await expect(page.getByRole('grid').getByRole('gridcell', { name: '1985-03-04' })).toBeVisible();
  const recipe = JSON.parse((await download(page, /Download recipe/)).toString('utf8'));
  expect(recipe.input.dateOrder).toEqual({ when: 'mdy' });
});

test('an Arrow file opens with its variable and value labels and roles, and opens again the same after export', async ({ page }) => {
  const sex = dictionaryVector(['1', '2'], Int32Array.from([0, 1, 1, 0, 0]));
  const ds = makeDataset([
    {
      meta: { name: 'sex', kind: 'categorical', role: 'key', label: 'Sex of the respondent', valueLabels: { '1': 'Male', '2': 'Female' } },
      vector: sex,
    },
    {
      meta: { name: 'income', kind: 'integer', role: 'sensitive', label: 'Annual income (£)' },
      vector: float64Vector(Float64Array.from([21000, 35000, NaN, 18000, 52000])),
    },
    { meta: { name: 'town', kind: 'text', role: 'other' }, vector: utf8Vector(['Leeds', 'York', 'Hull', 'Leeds', 'York']) },
  ]);
  await page.goto('/');
  await page
    .getByLabel('Choose one or more files to open')
    .setInputFiles({ name: 'labelled.arrow', mimeType: 'application/vnd.apache.arrow.file', buffer: Buffer.from(writeArrow(ds)) });
  await expect(page.getByTestId('notice')).toContainText('5 rows and 3 columns');
  await goTo(page, 'Check the data');
  const grid = page.getByRole('grid');
  await expect(grid.getByRole('gridcell', { name: '1 Male' }).first()).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: '2 Female' }).first()).toBeVisible();
  await expect(page.getByText('Sex of the respondent')).toBeVisible();
  await expect(page.getByText('Annual income (£)')).toBeVisible();
  await axe(page);
  await goTo(page, 'Identifiers');
  await expect(page.getByRole('combobox', { name: 'Role of sex' })).toHaveValue('key');
  await expect(page.getByRole('combobox', { name: 'Role of income' })).toHaveValue('sensitive');

  await goTo(page, 'Export');
  const arrow = await download(page, /^Download Arrow file/);
  await goTo(page, 'Import');
  await page
    .getByLabel('Choose one or more files to open')
    .setInputFiles({ name: 'again.arrow', mimeType: 'application/vnd.apache.arrow.file', buffer: arrow });
  await expect(page.getByTestId('notice')).toContainText('again.arrow: 5 rows and 3 columns');
  await goTo(page, 'Check the data');
  await expect(grid.getByRole('gridcell', { name: '2 Female' }).first()).toBeVisible();
  await expect(page.getByText('Sex of the respondent')).toBeVisible();
  await goTo(page, 'Identifiers');
  await expect(page.getByRole('combobox', { name: 'Role of income' })).toHaveValue('sensitive');
});
