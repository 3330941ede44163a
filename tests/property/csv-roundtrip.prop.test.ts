/**
 * Property tests for writeCsv against readDelimited:
 * - text tables whose every value starts with a letter (so the reader can read
 *   nothing else into them) survive read -> write -> parse with every cell,
 *   missing included, and writeCsv's output is RFC 4180 as documented;
 * - cells already in the writer's canonical form (shortest-form numbers, ISO dates,
 *   true/false) are written back as the same text;
 * - for arbitrary tables (numbers in odd spellings, dates, booleans, missing
 *   codes, text), read -> write -> read -> write gives identical bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../src/engine/context.ts';
import { writeCsv } from '../../src/engine/io/write-csv.ts';
import { cellFormatter } from '../../src/engine/table/cells.ts';
import { columnData, makeDataset, type Dataset } from '../../src/engine/table/dataset.ts';
import { utf8Vector } from '../../src/engine/table/vectors.ts';
import { readText } from '../helpers/data.ts';

// ---------------------------------------------------------------- generators

const SPECIAL = [
  ',',
  '"',
  '""',
  "'",
  '\n',
  '\r\n',
  '\r',
  ' ',
  '  ',
  ';',
  '|',
  '\t',
  'é',
  'ß',
  'ñ',
  '東京',
  '😀',
  '👍🏽',
  '\u00a0',
  'Ω',
  '1',
  '0',
  '.',
  '-',
  'e',
  'NA',
];
/** One grapheme of any script, without C0 control characters (which would make the file look binary). */
const isControl = (c: number) => (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfeff;
const anyGrapheme = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((s) => ![...s].some((ch) => isControl(ch.codePointAt(0)!)));
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: fc.constantFrom('a', 'b', 'Z', 'x') },
  { weight: 1, arbitrary: anyGrapheme },
);

/**
 * Text the reader keeps exactly as it is: it starts with a letter (optionally after
 * spaces), so it is never a number, a date, a boolean, the missing code NA or empty.
 */
const letterText = fc
  .tuple(fc.constantFrom('', ' ', '  '), fc.constantFrom('a', 'Q', 'é', 'ж', '東', 'x', 'N'), fc.array(piece, { maxLength: 6 }))
  .map(([pre, head, tail]) => pre + head + tail.join(''))
  .filter((s) => s !== 'NA' && !/^(true|false)$/i.test(s));

/** Cell texts of every sort the reader interprets: numbers in odd spellings, codes, dates, booleans, missing codes, text. */
const anyCell = fc.oneof(
  letterText,
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.constantFrom(
    '007',
    '+5',
    '-0',
    '1.50',
    '.5',
    '5.',
    '1e3',
    '1E-7',
    '2.5e+21',
    '0.0000001',
    '123456789012345678',
    '12345678901234567.5',
    '1e400',
    'Infinity',
    '0x1F',
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e25, max: 1e25 }).map(String),
  fc.integer({ min: -25_567, max: 47_481 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)),
  fc.constantFrom('31/12/1999', '1/2/2003', '29/02/2001', '2020-02-30', 'TRUE', 'false', 'True', 'FALSE'),
  fc.constantFrom('', 'NA', ' ', '""'),
  fc.array(piece, { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
);

interface GenTable {
  columns: (string | null)[][];
}

/** A table of `cols` columns and 1-300 rows, skewed (a few common values, many rare ones), nulls allowed when `nulls`. */
function tableArb(cell: fc.Arbitrary<string>, cols: { min: number; max: number }, nulls: (width: number) => boolean): fc.Arbitrary<GenTable> {
  return fc.record({ n: fc.integer({ min: 1, max: 300 }), m: fc.integer(cols) }).chain(({ n, m }) => {
    const column = fc
      .record({
        common: fc.uniqueArray(cell, { minLength: 1, maxLength: 4 }),
        nullPct: nulls(m) ? fc.constantFrom(0, 5, 30) : fc.constant(0),
        picks: fc.array(fc.tuple(fc.nat(99), cell), { minLength: n, maxLength: n }),
      })
      .map(({ common, nullPct, picks }) => picks.map(([r, rare]) => (r < nullPct ? null : r < 60 ? common[0]! : r < 85 ? common[r % common.length]! : rare)));
    return fc.record({ columns: fc.array(column, { minLength: m, maxLength: m }) });
  });
}

const names = (t: GenTable) => t.columns.map((_, j) => `c${j}`);
const rows = (t: GenTable) => t.columns[0]!.length;

/** CSV written independently of writeCsv: every present cell quoted, a missing cell empty, CRLF or LF line ends. */
function toCsv(t: GenTable, eol: string): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const lines = [names(t).join(',')];
  // A record that is one missing field is written "" (a blank line is not a record).
  for (let i = 0; i < rows(t); i++) lines.push(t.columns.map((c) => (c[i] === null ? '' : q(c[i]!))).join(',') || '""');
  return lines.join(eol) + eol;
}

/** A strict RFC 4180 parser (LF record ends, as writeCsv documents): fields, quoted fields with "" escapes. */
function parseRfc4180(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\n') throw new Error(`text after a closing quote at ${i}`);
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n') {
        if (text[i] === '"' || text[i] === '\r') throw new Error(`unquoted ${JSON.stringify(text[i])} at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else {
      // '\n' or end of text
      out.push(row);
      row = [];
      i++;
    }
  }
  return out;
}

function cells(ds: Dataset): (string | null)[][] {
  return ds.columns.map((_, j) => {
    const f = cellFormatter(columnData(ds, j));
    return Array.from({ length: ds.table.numRows }, (_, i) => f(i));
  });
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const write = async (ds: Dataset) => writeCsv(ds, createRunContext());

// ------------------------------------------------------------------- tests

describe('CSV round trip', () => {
  it('text cells (each starting with a letter) and missing cells survive read -> writeCsv -> parse', async () => {
    await fc.assert(
      fc.asyncProperty(
        tableArb(letterText, { min: 1, max: 6 }, () => true),
        fc.constantFrom('\n', '\r\n'),
        async (t, eol) => {
          const ds = await readText(toCsv(t, eol), 'gen.csv');
          expect(ds.table.numRows).toBe(rows(t));
          expect(cells(ds)).toEqual(t.columns);

          const bytes = await write(ds);
          const text = decoder.decode(bytes);
          expect(bytes[0]).not.toBe(0xef); // no BOM
          expect(text.endsWith('\n')).toBe(true);
          // Parsed by an independent RFC 4180 parser: the header, then every cell, missing as an empty field.
          const parsed = parseRfc4180(text);
          expect(parsed[0]).toEqual(names(t));
          expect(parsed.length).toBe(rows(t) + 1);
          for (let i = 0; i < rows(t); i++) expect(parsed[i + 1]).toEqual(t.columns.map((c) => c[i] ?? ''));
          // And by the real reader again.
          const again = await readText(text, 'out.csv');
          expect(again.columns.map((c) => c.name)).toEqual(names(t));
          expect(cells(again)).toEqual(t.columns);
        },
      ),
      { numRuns: 75 },
    );
  });

  it('a one-column text table without missing cells survives the round trip', async () => {
    await fc.assert(
      fc.asyncProperty(
        tableArb(letterText, { min: 1, max: 1 }, () => false),
        async (t) => {
          const ds = await readText(toCsv(t, '\n'), 'gen.csv');
          const again = await readText(decoder.decode(await write(ds)), 'out.csv');
          expect(cells(again)).toEqual(t.columns);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('canonical cells of every kind (shortest-form numbers, ISO dates, true/false, text) come back as the same text', async () => {
    const canonical = fc.oneof(
      letterText,
      fc.integer({ min: -100_000, max: 100_000 }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.integer({ min: -25_567, max: 47_481 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)),
      fc.constantFrom('true', 'false'),
    );
    await fc.assert(
      fc.asyncProperty(
        tableArb(canonical, { min: 2, max: 6 }, () => true),
        async (t) => {
          const ds = await readText(toCsv(t, '\n'), 'gen.csv');
          const parsed = parseRfc4180(decoder.decode(await write(ds)));
          expect(parsed.length).toBe(rows(t) + 1);
          for (let i = 0; i < rows(t); i++) expect(parsed[i + 1]).toEqual(t.columns.map((c) => c[i] ?? ''));
        },
      ),
      { numRuns: 75 },
    );
  });

  it('writeCsv quotes exactly the fields that hold a comma, quote, CR or LF', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(piece, { minLength: 1, maxLength: 5 }).map((a) => a.join('')),
          { minLength: 1, maxLength: 30 },
        ),
        async (values) => {
          const ds = makeDataset([
            { meta: { name: 'v', kind: 'text', role: 'other' }, vector: utf8Vector(values) },
            { meta: { name: 'w', kind: 'text', role: 'other' }, vector: utf8Vector(values.map(() => 'x')) },
          ]);
          const text = decoder.decode(await write(ds));
          const expected = values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v) + ',x');
          expect(text).toBe(['v,w', ...expected].join('\n') + '\n');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('read -> write is idempotent: writing what was read back from writeCsv gives identical bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        tableArb(anyCell, { min: 1, max: 6 }, () => true),
        async (t) => {
          const ds1 = await readText(toCsv(t, '\n'), 'gen.csv');
          expect(ds1.table.numRows).toBe(rows(t));
          const out1 = await write(ds1);
          const ds2 = await readText(decoder.decode(out1), 'out1.csv');
          expect(ds2.table.numRows).toBe(rows(t));
          const out2 = await write(ds2);
          expect(decoder.decode(out2)).toBe(decoder.decode(out1));
          // Missing stays missing.
          const missing1 = cells(ds1).map((c) => c.map((v) => v === null));
          expect(cells(ds2).map((c) => c.map((v) => v === null))).toEqual(missing1);
        },
      ),
      { numRuns: 75 },
    );
  });

  // Regression: a missing cell in a one-column table was written as a blank line, which readers skip.
  it('a one-column table keeps its missing cells through writeCsv -> readDelimited', async () => {
    const ds = makeDataset([{ meta: { name: 'a', kind: 'text', role: 'other' }, vector: utf8Vector(['x', null, 'y']) }]);
    const again = await readText(decoder.decode(await write(ds)), 'out.csv');
    expect(cells(again)).toEqual([['x', null, 'y']]);
  });

  // Regression: a quoted empty field alone on a line is a record with a missing value, and was dropped.
  it('the reader keeps a row that is a single quoted empty field', async () => {
    const ds = await readText('a\nx\n""\ny\n', 'one.csv');
    expect(cells(ds)).toEqual([['x', null, 'y']]);
  });
});
