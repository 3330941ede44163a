/**
 * Issue 9: what a newcomer met. Summaries that read codes as codes, counts that add
 * up, reasons that follow the data, focus that lands on the result, tasks that say
 * why they cannot be used, "Done" only with a result, a way forward from the risk,
 * and downloads confirmed by name.
 */
import { readFileSync } from 'node:fs';
import { tableFromIPC, Type } from 'apache-arrow';
import { axe, download } from './helpers.ts';
import { expect, goTo, openSample, test } from './guard.ts';

const SHARED = '../shared/data/';
const tasks = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Tasks' });
const taskButton = (page: import('@playwright/test').Page, name: string) => tasks(page).getByRole('button', { name: new RegExp(`^${name}\\b`) });
const focusedId = (page: import('@playwright/test').Page) => page.evaluate(() => document.activeElement?.id ?? '');

test('coded whole numbers are shown as bars of their codes, and the switch to numbers is a step of the recipe', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Choose one or more files to open').setInputFiles(`${SHARED}sdcmicro/testdata.csv`);
  await expect(page.getByTestId('notice')).toContainText('4,580 rows');
  // The summaries start in the background: the task is done before it is visited.
  await expect(taskButton(page, 'Check the data')).toContainText('Done', { timeout: 30_000 });
  await goTo(page, 'Check the data');
  const card = (name: string) => page.locator('.cards > li').filter({ has: page.getByRole('heading', { name, exact: true }) });
  for (const coded of ['sex', 'urbrur', 'roof']) {
    await expect(card(coded)).toContainText('read as codes of categories');
    await expect(card(coded).getByRole('figure')).toContainText(`Values of ${coded}`);
  }
  // Every code of roof is a bar, in the order of its code: the codes as a plain read of the file's second field finds them.
  const roofCodes = [
    ...new Set(
      readFileSync(`${SHARED}sdcmicro/testdata.csv`, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[1]!),
    ),
  ].sort((a, b) => Number(a) - Number(b));
  expect(roofCodes.length).toBeGreaterThan(2);
  await expect(card('roof').getByRole('figure').getByRole('table').getByRole('rowheader')).toHaveText(roofCodes);
  // A quantity is a histogram, with both axes titled.
  await expect(card('age')).toContainText('read as a quantity');
  await expect(card('age').locator('.small-axis')).toContainText('age');
  await expect(card('age')).toContainText('Bar height: records');

  await card('sex').getByRole('button', { name: 'Read as numbers instead: sex' }).click();
  await expect(page.getByTestId('notice')).toContainText('Read sex as numbers');
  await expect(card('sex')).toContainText('read as a quantity (your choice)');
  await expect(card('sex').getByRole('figure')).toContainText('Distribution of sex');
  await goTo(page, 'Export');
  const recipe = JSON.parse((await download(page, /^Download recipe/)).toString('utf8'));
  expect(recipe.steps).toEqual([{ id: 'set-measure', params: { columns: ['sex'], as: 'numeric' } }]);
  // The confirmation of the download is in the status line, with the file's name.
  await expect(page.getByTestId('saved')).toHaveText('Saved the recipe as testdata-recipe.json.');
});

test('a card of the most common values says how many there are in all', async ({ page }) => {
  // 15 categories, of which the card shows the 6 most common.
  const rows = Array.from({ length: 300 }, (_, i) => `c${String(i % 15).padStart(2, '0')}`);
  const csv = `group\n${rows.join('\n')}\n`;
  await page.goto('/');
  await page.getByLabel('Choose one or more files to open').setInputFiles({ name: 'groups.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('notice')).toContainText('300 rows');
  await goTo(page, 'Check the data');
  const figure = page.locator('.cards > li').getByRole('figure');
  await expect(figure).toContainText('Top 6 of 15 categories');
  await expect(figure.getByRole('table').getByRole('row')).toHaveCount(7);
});

test('focus lands on what an action produced, the roles table can be skipped, and reasons follow the data', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open the sample extract' }).click();
  await expect(page.getByTestId('notice')).toContainText('2,000 rows');
  await expect.poll(() => focusedId(page)).toBe('notice');
  // Success messages are in a polite live region that stays in the page.
  await expect(page.getByTestId('notice-region')).toHaveAttribute('aria-live', 'polite');

  await goTo(page, 'Identifiers');
  const skip = page.getByRole('link', { name: 'Skip the table to the direct identifiers' });
  await skip.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedId(page)).toBe('direct-title');
  // From there the key generator is a few tabs away, not 25.
  let tabs = 0;
  while (tabs < 8 && !(await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Generate a key'))) {
    await page.keyboard.press('Tab');
    tabs++;
  }
  expect(tabs).toBeLessThan(8);

  // The reason is read in full at both widths: nothing is cut off or scrolled out of view.
  for (const width of [1400, 700]) {
    await page.setViewportSize({ width, height: 900 });
    const clipped = await page.locator('.roles').evaluate((table) => {
      const wrap = table.parentElement!;
      const box = wrap.getBoundingClientRect();
      return (
        [...table.querySelectorAll('td.reason')].filter((td) => {
          const r = td.getBoundingClientRect();
          return r.right > box.right + 1 || td.scrollWidth > td.clientWidth + 1;
        }).length + (wrap.scrollWidth > wrap.clientWidth + 1 ? 1000 : 0)
      );
    });
    expect(clipped, `reasons cut off at ${width} px`).toBe(0);
  }
  await page.setViewportSize({ width: 1400, height: 900 });

  const dobReason = page.getByRole('row', { name: /^date_of_birth/ }).locator('td.reason');
  await expect(dobReason).toContainText('full dates');
  const dob = page.getByRole('group', { name: /date_of_birth/ });
  await dob.getByLabel('Keep only the year of birth').check();
  await dob.getByRole('button', { name: 'Apply to date_of_birth' }).click();
  await expect(page.getByTestId('notice')).toContainText('into years of birth');
  await expect.poll(() => focusedId(page)).toBe('notice');
  await expect(dobReason).toContainText('few values are full dates');
  // The name no longer fits: a new one is offered, and the rename is a step.
  const offers = page.getByTestId('rename-offers');
  await expect(offers.getByLabel('New name for date_of_birth')).toHaveValue('year_of_birth');
  await offers.getByRole('button', { name: 'Rename date_of_birth' }).click();
  await expect(page.getByTestId('notice')).toContainText('Renamed date_of_birth to year_of_birth.');
  await expect(page.getByRole('row', { name: /^year_of_birth/ })).toBeVisible();
  await expect(offers).toHaveCount(0);
  await axe(page);
});

test('tasks that cannot be used say why; Done means a result exists', async ({ page }) => {
  await page.goto('/');
  await expect(taskButton(page, 'Risk')).toContainText('Open a file first');
  const fill = taskButton(page, 'Fill gaps');
  await expect(fill).toBeEnabled();
  await expect(fill).toContainText('Not built yet');
  await expect(fill).toHaveAccessibleDescription(/imputation/);
  await fill.click();
  await expect(page.getByTestId('not-built')).toContainText('Not built yet');

  await openSample(page);
  await expect(taskButton(page, 'Identifiers')).toContainText('Needs attention');
  await goTo(page, 'Identifiers');
  await page.getByRole('button', { name: /^Apply all \d+ choices/ }).click();
  await expect(page.getByTestId('notice')).toContainText('Removed');
  await expect.poll(() => focusedId(page)).toBe('notice');
  // No direct identifier is left, but the roles are not confirmed yet.
  await expect(taskButton(page, 'Identifiers')).not.toContainText('Done');
  await page.getByTestId('confirm-roles').click();
  await expect(taskButton(page, 'Identifiers')).toContainText('Done');
});

test('a risk check that finds records below k says what to do next, and Export warns before writing', async ({ page }) => {
  await openSample(page);
  await goTo(page, 'Risk');
  await page.getByRole('button', { name: 'Measure risk' }).click();
  const result = page.getByTestId('risk-result');
  await expect(result).toBeVisible();
  await expect.poll(() => focusedId(page)).toBe('risk-result');
  await expect(page.getByTestId('live-region')).toContainText('Risk measured');
  const advice = page.getByTestId('risk-next-steps');
  await expect(advice).toContainText('What to do next');
  await expect(advice.getByRole('button', { name: 'Protect' })).toBeVisible();
  const below = (
    await result
      .getByRole('table')
      .first()
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^3/ }) })
      .getByRole('cell')
      .first()
      .innerText()
  ).trim();

  await goTo(page, 'Export');
  await expect(page.getByTestId('export-k-warning')).toContainText(`${below} of 2,000 records`);
  const bytes = await download(page, /^Download CSV/);
  expect(bytes.length).toBeGreaterThan(0);
  await expect(page.getByTestId('saved')).toHaveText('Saved household-survey-safe.csv: 2,000 rows as CSV.');
  await download(page, /^Download recipe/);
  // The confirmation of the earlier download does not stay standing.
  await expect(page.getByTestId('saved')).toHaveText('Saved the recipe as household-survey-recipe.json.');
  await expect(page.getByTestId('notice')).toHaveCount(0);
});

test('pre-ticked keys that carry the same fact are pointed out before measuring', async ({ page }) => {
  await openSample(page);
  await goTo(page, 'Identifiers');
  // The default for a date of birth is the age: beside the age column, the same fact twice.
  await page.getByRole('button', { name: /^Apply all \d+ choices/ }).click();
  await expect(page.getByTestId('notice')).toContainText('Removed');
  await goTo(page, 'Risk');
  const keys = page.getByRole('group', { name: 'Key variables (quasi-identifiers)' });
  await expect(keys.getByLabel('date_of_birth', { exact: true })).toBeChecked();
  await expect(keys.getByLabel('age', { exact: true })).toBeChecked();
  await expect(page.getByTestId('same-fact')).toContainText('"date_of_birth" and "age" carry nearly the same fact');
  await keys.getByLabel('date_of_birth', { exact: true }).uncheck();
  await expect(page.getByTestId('same-fact')).toHaveCount(0);
  await axe(page);
});

test('the Arrow export keeps whole numbers, dates and categories as their own types', async ({ page }) => {
  await openSample(page);
  await goTo(page, 'Export');
  const table = tableFromIPC(await download(page, /^Download Arrow/));
  const type = (name: string) => table.schema.fields.find((f) => f.name === name)!.type;
  expect(type('age').typeId).toBe(Type.Int);
  expect((type('age') as { bitWidth: number }).bitWidth).toBe(32);
  expect(type('household_size').typeId).toBe(Type.Int);
  expect(type('weight').typeId).toBe(Type.Float);
  expect(type('date_of_birth').typeId).toBe(Type.Date);
  expect(type('sex').typeId).toBe(Type.Dictionary);
});
