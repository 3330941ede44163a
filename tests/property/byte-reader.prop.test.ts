/**
 * The byte reader against PapaParse: on generated CSVs (quotes, doubled quotes,
 * line breaks inside quotes, empty fields, missing codes, CRLF or LF, every column
 * kind, numbers that turn to text) the byte reader, the byte reader in two parts
 * (as with a helper thread), and PapaParse give the same dataset: names, kinds,
 * missing codes, every cell. Ragged rows give PapaParse's message either way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../src/engine/context.ts';
import { readDelimited } from '../../src/engine/io/read-delimited.ts';
import { readPart } from '../../src/engine/io/read-part.ts';
import type { ReadResult } from '../../src/engine/recipe/method.ts';

const CELLS = [
  '',
  'NA',
  '-9',
  '1',
  '42',
  '007',
  '1.50',
  '-0',
  '+5',
  '1e3',
  '.5',
  '3.25',
  '12/03/1985',
  '1985-03-12',
  'true',
  'FALSE',
  'a',
  'Zoë',
  'x,y',
  'say "hi"',
  'two\nlines',
  '  pad',
  '東京',
];
const cell = fc.oneof(
  fc.constantFrom(...CELLS),
  fc.integer({ min: -99999, max: 99999 }).map(String),
  fc.string({ maxLength: 5 }).filter(
    (s) =>
      ![...s].some((ch) => {
        const c = ch.charCodeAt(0);
        return c < 32 && c !== 9 && c !== 10 && c !== 13;
      }),
  ),
);

function toCsv(rows: string[][], eol: string, quoteAll: boolean): string {
  const q = (s: string) => (quoteAll || /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return rows.map((r) => r.map(q).join(',')).join(eol) + eol;
}

function snapshot(r: ReadResult): unknown {
  const ds = r.dataset;
  return ds.columns.map((m, j) => ({
    name: m.name,
    kind: m.kind,
    missing: m.missingCodes,
    cells: Array.from({ length: ds.table.numRows }, (_, i) => String(ds.table.getChildAt(j)!.get(i))),
  }));
}

const inOneGo = { readPart: async (t: Parameters<typeof readPart>[0]) => structuredClone(readPart(t)) };

describe('the byte reader reads what PapaParse reads', () => {
  it('on generated files, whole, in two parts, and through PapaParse', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 4 })
          .chain((m) => fc.array(fc.array(cell, { minLength: m, maxLength: m }), { minLength: 1, maxLength: 60 }).map((rows) => ({ m, rows }))),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        async ({ m, rows }, eol, quoteAll) => {
          const header = Array.from({ length: m }, (_, j) => `c${j}`);
          // A record of one empty field is a blank line, which both skip in a file of several columns.
          const body = m === 1 ? rows : rows.filter((r) => !(r.length === 1 && r[0] === ''));
          fc.pre(body.length > 0 && !(m === 1 && body.some((r) => r[0] === '')));
          const bytes = new TextEncoder().encode(toCsv([header, ...body], eol, quoteAll));
          const file = [{ name: 'gen.csv', bytes }];
          const settings = { missing: ['NA', '-9'], header: true, delimiter: ',' };
          const papa = await readDelimited(file, { ...settings, parser: 'papaparse' }, createRunContext()).then(snapshot, (e: Error) => e.message);
          const whole = await readDelimited(file, settings, createRunContext()).then(snapshot, (e: Error) => e.message);
          const parts = await readDelimited(file, { ...settings, parallelBytes: 1 }, createRunContext({ helper: inOneGo })).then(
            snapshot,
            (e: Error) => e.message,
          );
          expect(whole).toEqual(papa);
          expect(parts).toEqual(papa);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a ragged row gets the same message from both', async () => {
    const bytes = new TextEncoder().encode('a,b\n1,2\n3\n');
    const msg = (parser: 'bytes' | 'papaparse') => readDelimited([{ name: 'r.csv', bytes }], { parser }, createRunContext()).catch((e: Error) => e.message);
    expect(await msg('bytes')).toBe(await msg('papaparse'));
    expect(await msg('bytes')).toMatch(/Row 3 of "r.csv" has 1 field/);
  });
});
