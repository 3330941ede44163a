import { readFileSync } from 'node:fs';
import { expect, openSample, test } from './guard.ts';

const cases: [string, string | Buffer, RegExp][] = [
  ['empty.csv', '', /is empty/],
  ['header-only.csv', 'a,b,c\n', /has a header but no rows/],
  ['ragged.csv', 'a,b,c\n1,2,3\n4,5\n', /Row 3 of "ragged.csv" has 2 fields, but the header has 3/],
  ['quote.csv', 'a,b\n1,"open\n2,x\n', /never closed/],
  ['binary.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0x00, 0x10]), /does not look like a text file/],
  ['dupes.csv', 'a,b,a\n1,2,3\n', /more than one column named "a"/],
  ['noname.csv', 'a,,c\n1,2,3\n', /Column 2 of "noname.csv" has no name/],
];

test('each bad file gets a message that names the problem, and the loaded data stays', async ({ page }) => {
  await openSample(page);
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status).toContainText('2,000 rows × 19 columns');
  await page
    .getByRole('navigation', { name: 'Tasks' })
    .getByRole('button', { name: /^Import\b/ })
    .click();
  for (const [name, content, message] of cases) {
    await page.getByLabel('Choose one or more files to open').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(message);
    await expect(status).toContainText('2,000 rows × 19 columns');
    await alert.getByRole('button', { name: 'Dismiss this message' }).click();
  }
});

test('files with different columns are not appended, and the message names the columns', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Choose one or more files to open').setInputFiles([
    { name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,c\n1,2,3\n') },
    { name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,d\n1,2,3\n') },
  ]);
  await expect(page.getByRole('alert')).toContainText(/"two.csv" cannot be appended to "one.csv": it lacks "c"; it has "d"/);
  await page.getByLabel('Choose one or more files to open').setInputFiles([
    { name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') },
    { name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from('b,a\n3,4\n') },
  ]);
  await expect(page.getByTestId('notice')).toContainText('one.csv, two.csv: 2 rows and 3 columns');
});

test('a file too large to open is refused before it is read, and the data stays', async ({ page }) => {
  await openSample(page);
  await page
    .getByRole('navigation', { name: 'Tasks' })
    .getByRole('button', { name: /^Import\b/ })
    .click();
  // Pretend the chosen file is 600 MB, without making one.
  await page.evaluate(() => Object.defineProperty(File.prototype, 'size', { get: () => 600 * 1048576 }));
  await page.getByLabel('Choose one or more files to open').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.from('a\n1\n') });
  await expect(page.getByRole('alert')).toContainText('"huge.csv" is 600 MB; the most this can open is 512 MB.');
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('2,000 rows × 19 columns');
});

test('detection can be overridden: delimiter and header, and the recipe records them', async ({ page }) => {
  await page.goto('/');
  const file = { name: 'semi.csv', mimeType: 'text/csv', buffer: Buffer.from('a;b\n1;2\n3;4\n') };
  await page.getByLabel('Choose one or more files to open').setInputFiles(file);
  await expect(page.getByTestId('notice')).toContainText('2 rows and 2 columns');
  await page.getByText('If the columns come out wrong').click();
  await page.getByLabel('Delimiter').selectOption({ label: 'Comma ,' });
  await page.getByLabel('First row holds the column names').selectOption('no');
  await page.getByLabel('Choose one or more files to open').setInputFiles(file);
  await expect(page.getByTestId('notice')).toContainText('3 rows and 1 column.');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download recipe' }).click()]);
  const recipe = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(recipe.input).toEqual({ format: 'csv', missing: ['NA'], delimiter: ',', header: false, yearPivot: 1930 });
});
