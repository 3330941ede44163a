import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { expect, goTo, openSample, test } from './guard.ts';
import { axe, cli, download } from './helpers.ts';

const KEY = 'e2e-test-key-0123456789';
const SAMPLE = 'public/samples/household-survey.csv';

test('the whole flow on the sample: nothing leaves the machine, and the CLI replays the export byte for byte', async ({ page, guard }) => {
  test.setTimeout(120_000);
  await openSample(page);
  await axe(page);

  await goTo(page, 'Check the data');
  const grid = page.getByRole('grid');
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: 'P0000001' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'income' })).toBeVisible();
  await axe(page);

  await goTo(page, 'Identifiers');
  // Regression: a progress report that arrived after its result left the app busy for good.
  await expect(page.getByRole('contentinfo', { name: 'Status' }).getByRole('progressbar')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Role of ni_number' })).toHaveValue('direct');
  await axe(page);
  await page.getByLabel('Key', { exact: true }).fill(KEY);

  const apply = async (column: string, choice: string) => {
    const group = page.getByRole('group', { name: new RegExp(`^${column} `) });
    await group.getByRole('radio', { name: choice }).check();
    await group.getByRole('button', { name: `Apply to ${column}` }).click();
    await expect(page.getByRole('complementary', { name: 'History of steps' })).toContainText(column);
  };
  await apply('email', 'Replace with keyed pseudonyms');
  await apply('postcode', 'Keep only the postcode district');
  await apply('date_of_birth', 'Replace with the age in whole years');
  for (const column of ['person_id', 'full_name', 'address', 'ni_number', 'phone']) await apply(column, 'Remove the column');
  await expect(page.getByText('No column is marked as a direct identifier')).toBeVisible();

  // Undo the last step, then do it again.
  await page.getByRole('button', { name: 'Undo last step' }).click();
  await expect(page.getByRole('group', { name: /^phone / })).toBeVisible();
  await apply('phone', 'Remove the column');

  await goTo(page, 'Risk');
  await page.getByRole('button', { name: 'Measure risk' }).click();
  const result = page.getByTestId('risk-result');
  await expect(result).toContainText('are unique on these');
  await axe(page);

  // The same numbers from the command line on the same columns.
  const tmp = mkdtempSync(join(tmpdir(), 'se-e2e-'));
  await goTo(page, 'Export');
  await axe(page);
  const csv = await download(page, /Download CSV/);
  const recipeText = (await download(page, /Download recipe/)).toString('utf8');
  expect(recipeText).not.toContain(KEY);
  const recipe = JSON.parse(recipeText);
  expect(recipe.format).toBe('safe-extract/recipe@1');
  expect(recipe.steps.map((s: { id: string }) => s.id)).toEqual([
    'pseudonymise',
    'generalise',
    'generalise',
    'drop-columns',
    'drop-columns',
    'drop-columns',
    'drop-columns',
    'drop-columns',
  ]);
  writeFileSync(join(tmp, 'recipe.json'), recipeText);
  cli(['run', join(tmp, 'recipe.json'), SAMPLE, '-o', join(tmp, 'out.csv')], { SAFE_EXTRACT_KEY: KEY });
  expect(readFileSync(join(tmp, 'out.csv')).equals(csv), 'the CLI writes the bytes the browser exported').toBe(true);

  // Pseudonyms are standard HMAC-SHA-256 (checked with OpenSSL through node:crypto).
  const original = Papa.parse<Record<string, string>>(readFileSync(SAMPLE, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const exported = Papa.parse<Record<string, string>>(csv.toString('utf8'), { header: true, skipEmptyLines: true }).data;
  expect(exported).toHaveLength(original.length);
  for (let i = 0; i < original.length; i++) {
    const email = original[i]!.email!;
    expect(exported[i]!.email).toBe(email === '' ? '' : createHmac('sha256', KEY).update(email, 'utf8').digest('hex'));
  }
  expect(Object.keys(exported[0]!)).not.toContain('ni_number');

  const arrow = await download(page, /Download Arrow/);
  expect(arrow.subarray(0, 6).toString('latin1')).toBe('ARROW1');
  expect(guard.errors).toEqual([]);
});

test('the worker has no network: fetch is gone and the policy binds it', async ({ page }) => {
  const workerStarted = page.waitForEvent('worker');
  const response = await page.goto('/');
  expect(response!.headers()['content-security-policy']).toContain("connect-src 'self'");
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).not.toContain('unsafe-eval');
  const worker = await workerStarted;
  await page.getByRole('button', { name: 'Open the sample extract' }).click();
  expect(await worker.evaluate(() => typeof (self as unknown as { fetch?: unknown }).fetch)).toBe('undefined');
  expect(await worker.evaluate(() => typeof (self as unknown as { XMLHttpRequest?: unknown }).XMLHttpRequest)).toBe('undefined');
});

test('one click applies every chosen action, one step per kind of change', async ({ page }) => {
  await openSample(page);
  await goTo(page, 'Identifiers');
  await page
    .getByRole('group', { name: /^email / })
    .getByRole('radio', { name: 'Replace with keyed pseudonyms' })
    .check();
  await expect(page.getByRole('button', { name: /^Apply all 8 choices/ })).toBeDisabled();
  await page.getByRole('button', { name: 'Generate a key' }).click();
  await page.getByRole('button', { name: /^Apply all 8 choices/ }).click();
  await expect(page.getByText('No column is marked as a direct identifier')).toBeVisible();
  const history = page.getByRole('complementary', { name: 'History of steps' }).getByRole('listitem');
  // pseudonymise (email), generalise (date of birth, postcode), then one removal of the other five.
  await expect(history).toHaveCount(4);
  await expect(history.last()).toContainText('Removed 5 columns');
});
