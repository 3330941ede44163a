import type { RunContext } from '../context.ts';
import { defineWriter } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { bulkCellFormatter } from '../table/cells.ts';
import { columnData, type Dataset } from '../table/dataset.ts';

const encoder = new TextEncoder();
const ROWS_PER_CHUNK = 50_000;

/** RFC 4180 quoting: only fields holding the delimiter, a quote, CR or LF are quoted. */
export function csvField(s: string, delimiter = ','): string {
  if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) return `"${s.replaceAll('"', '""')}"`;
  return s;
}

/**
 * The dataset as UTF-8 CSV bytes (no BOM, LF line ends, header row, missing as an
 * empty field, or as "" when it is a row's only field, so that the line is not blank). Numbers are written in JavaScript's shortest round-trip form,
 * dates as yyyy-mm-dd, so the browser and the command line write identical bytes.
 */
export async function writeCsv(ds: Dataset, ctx: RunContext, delimiter = ','): Promise<Uint8Array> {
  const n = ds.table.numRows;
  const formatters = ds.columns.map((_, j) => bulkCellFormatter(columnData(ds, j)));
  const parts: Uint8Array[] = [encoder.encode(ds.columns.map((c) => csvField(c.name, delimiter)).join(delimiter) + '\n')];
  for (let start = 0; start < n; start += ROWS_PER_CHUNK) {
    const end = Math.min(n, start + ROWS_PER_CHUNK);
    const lines = new Array<string>(end - start);
    for (let i = start; i < end; i++) {
      let line = '';
      for (let j = 0; j < formatters.length; j++) {
        const v = formatters[j]!(i);
        if (j > 0) line += delimiter;
        if (v !== null) line += csvField(v, delimiter);
      }
      // A blank line would be skipped by readers; in a one-column table a missing cell is written "".
      if (line === '') line = '""';
      lines[i - start] = line;
    }
    parts.push(encoder.encode(lines.join('\n') + '\n'));
    ctx.progress('Writing CSV', end, n);
    await ctx.checkpoint();
  }
  return concatBytes(parts);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const csvWriter = defineWriter({
  id: 'csv',
  title: 'CSV',
  description:
    'UTF-8 text with a header row, one line per record, missing values as empty fields, numbers in full and dates as yyyy-mm-dd: the same bytes from the browser and the command line.',
  source: 'RFC 4180 (CSV).',
  stage: 'export',
  extension: '.csv',
  mimeType: 'text/csv',
  params: {
    delimiter: p
      .choice({
        label: 'Delimiter',
        description: 'The character between fields: a comma, or a semicolon for spreadsheets set up for decimal commas, or a tab.',
        choices: [
          { value: ',', label: 'Comma ,' },
          { value: ';', label: 'Semicolon ;' },
          { value: '\t', label: 'Tab' },
        ],
      })
      .withDefault(','),
  },
  write: (ds, { delimiter }, ctx) => writeCsv(ds, ctx, delimiter),
});
