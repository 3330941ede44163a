/**
 * Read CSV and TSV files into a Dataset: decoding, delimiter and header
 * detection, streaming parse with PapaParse in chunks straight into column
 * builders, missing codes, kind inference, and appending several files whose
 * columns match by name (with a column naming each row's source file).
 */
import Papa from 'papaparse';
import type { RunContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import { defineReader, type FileReadInfo, type InputFile, type ReadResult } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { makeDataset, type ColumnInput, type ColumnMeta } from '../table/dataset.ts';
import { DEFAULT_YEAR_PIVOT, type DateOrder } from '../table/dates.ts';
import { dictionaryVector } from '../table/vectors.ts';
import { ColumnBuilder, missingCodes, parseNumber } from './column-builder.ts';
import { decodeText, DEFAULT_MAX_BYTES } from './decode-text.ts';

export interface ReadOptions {
  /** Cell texts that mean "missing" besides the empty cell, e.g. ["NA", "-9", "."]. */
  missing?: readonly string[];
  /** Force a delimiter instead of detecting one. */
  delimiter?: string;
  /** Force whether the first row is a header instead of detecting it. */
  header?: boolean;
  /** The day-month order of numeric dates, per column; detected from the values where not given. */
  dateOrder?: Readonly<Record<string, DateOrder>>;
  /** Two-digit years are read in [yearPivot, yearPivot + 99]. Default 1930. */
  yearPivot?: number;
  /** Refuse files larger than this many bytes. */
  maxBytes?: number;
  /** Characters parsed per chunk (a tuning knob for benchmarks). */
  chunkSize?: number;
}

/** The missing codes used when the user names none: only the empty cell and NA. */
export const DEFAULT_MISSING: readonly string[] = ['NA'];

/** The name of the column that records each row's file when several are appended. */
export const SOURCE_COLUMN = 'source_file';

/** Parse in chunks of this many characters: small enough that each chunk's garbage dies young. */
export const CHUNK_BYTES = 1 << 20;
const DELIMITERS = [',', '\t', ';', '|'];

/**
 * Read one or more delimited text files into one Dataset. All columns get the
 * role "other"; suggest roles separately.
 * @throws EngineError EMPTY_FILE, NO_ROWS, RAGGED_ROWS, UNTERMINATED_QUOTE, BINARY_FILE,
 *   DUPLICATE_COLUMNS, EMPTY_COLUMN_NAME, FILE_TOO_LARGE, COLUMNS_DIFFER, CANCELLED
 */
export async function readDelimited(files: readonly InputFile[], options: ReadOptions, ctx: RunContext): Promise<ReadResult> {
  if (files.length === 0) throw new EngineError('BAD_PARAMS', 'No file was given.');
  const missing = missingCodes(options.missing ?? DEFAULT_MISSING);
  const totalBytes = files.reduce((s, f) => s + f.bytes.length, 0);
  let builders: ColumnBuilder[] | null = null;
  let names: string[] = [];
  let missingSeen: Set<string>[] = [];
  const dateOptions = (name: string) => ({
    ...(options.dateOrder?.[name] ? { order: options.dateOrder[name] } : {}),
    ...(options.yearPivot !== undefined ? { yearPivot: options.yearPivot } : {}),
  });
  const infos: FileReadInfo[] = [];
  const sourceCodes: number[] = [];
  let bytesBefore = 0;

  for (const [fileIndex, file] of files.entries()) {
    const { text, encoding } = decodeText(file.bytes, file.name, options.maxBytes ?? DEFAULT_MAX_BYTES);
    if (text.trim() === '') throw new EngineError('EMPTY_FILE', `"${file.name}" is empty.`, { file: file.name });
    const delimiter = options.delimiter ?? detectDelimiter(text, file.name);
    const header = options.header ?? detectHeader(text, delimiter);
    // In a one-column file an empty line is a record with a missing value (RFC 4180), not a
    // blank to skip; only the line ends at the very end of the file are dropped.
    const oneColumn = Papa.parse<string[]>(sampleLines(text, 1)[0] ?? '', { delimiter }).data[0]?.length === 1;
    const body = oneColumn ? trimFinalLineEnds(text) : text;
    let order: number[] | null = null;
    let rows = 0;
    let expected = 0;

    const onRows = (data: string[][], first: boolean): void => {
      let start = 0;
      if (first) {
        const headerNames = header ? checkHeader(data[0] ?? [], file.name) : (data[0] ?? []).map((_, j) => `column_${j + 1}`);
        if (header) start = 1;
        expected = headerNames.length;
        if (builders === null) {
          names = headerNames;
          builders = names.map((nm) => new ColumnBuilder(nm, dateOptions(nm)));
          missingSeen = names.map(() => new Set<string>());
          const unknown = Object.keys(options.dateOrder ?? {}).find((c) => !names.includes(c));
          if (unknown !== undefined) {
            throw new EngineError('UNKNOWN_COLUMN', `The date order is set for a column "${unknown}", which "${file.name}" does not have.`, {
              file: file.name,
              column: unknown,
            });
          }
        }
        order = matchColumns(names, headerNames, files[0]!.name, file.name);
      }
      const cols = builders!;
      const map = order!;
      for (let r = start; r < data.length; r++) {
        const row = data[r]!;
        if (row.length !== expected) {
          const line = rows + (r - start) + (header ? 2 : 1);
          throw new EngineError(
            'RAGGED_ROWS',
            `Row ${line} of "${file.name}" has ${row.length} field${row.length === 1 ? '' : 's'}, but the header has ${expected}.`,
            { file: file.name, row: line, fields: row.length, expected },
          );
        }
      }
      const ordered = map.map((k) => cols[k]!);
      const seen = map.map((k) => missingSeen[k]!);
      const width = ordered.length;
      const { first: missingFirst, codes: missingSet } = missing;
      for (let r = start; r < data.length; r++) {
        const row = data[r]!;
        for (let j = 0; j < width; j++) {
          const s = row[j]!;
          if (s === '') ordered[j]!.push(null);
          else if (missingFirst[s.charCodeAt(0)] === 1 && missingSet.has(s)) {
            ordered[j]!.push(null);
            seen[j]!.add(s);
          } else ordered[j]!.push(s);
        }
      }
      rows += data.length - start;
      for (const b of cols) b.flush();
    };

    await parseInChunks(body, delimiter, !oneColumn, file.name, options.chunkSize ?? CHUNK_BYTES, ctx, (data, errors, first, cursor) => {
      const quoteError = errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        const line = rows + (first ? 1 : header ? 2 : 1) + (quoteError.row ?? 0);
        throw new EngineError('UNTERMINATED_QUOTE', `A quoted field that starts on row ${line} of "${file.name}" is never closed.`, {
          file: file.name,
          row: line,
        });
      }
      onRows(data, first);
      ctx.progress('Reading', bytesBefore + Math.round((cursor / Math.max(1, text.length)) * file.bytes.length), totalBytes);
    });

    if (builders === null) throw new EngineError('EMPTY_FILE', `"${file.name}" is empty.`, { file: file.name });
    if (rows === 0) throw new EngineError('NO_ROWS', `"${file.name}" has a header but no rows of data.`, { file: file.name });
    for (let r = 0; r < rows; r++) sourceCodes.push(fileIndex);
    infos.push({ name: file.name, format: 'csv', encoding, delimiter, header, rows });
    bytesBefore += file.bytes.length;
  }

  const dateOrder: Record<string, DateOrder> = {};
  const dates: ReadResult['dates'] = [];
  const columns: ColumnInput[] = (builders ?? ([] as ColumnBuilder[])).map((b, j) => {
    const { kind, vector, dates: reading } = b.finish();
    if (reading?.numeric) {
      dateOrder[b.name] = reading.order;
      dates.push({ column: b.name, order: reading.order, ambiguous: reading.ambiguous });
    }
    const declared = [...missingSeen[j]!].sort();
    const meta: ColumnMeta = { name: b.name, kind, role: 'other', ...(declared.length > 0 ? { missingCodes: { values: declared, ranges: [] } } : {}) };
    return { meta, vector };
  });
  if (files.length > 1) {
    let name = SOURCE_COLUMN;
    for (let k = 2; names.includes(name); k++) name = `${SOURCE_COLUMN}_${k}`;
    columns.push({
      meta: { name, kind: 'categorical', role: 'other' },
      vector: dictionaryVector(
        files.map((f) => f.name),
        Int32Array.from(sourceCodes),
      ),
    });
  }
  ctx.progress('Reading', totalBytes, totalBytes);
  return { dataset: makeDataset(columns), files: infos, rolesFromFile: false, detected: Object.keys(dateOrder).length > 0 ? { dateOrder } : {}, dates };
}

const DELIMITER_CHOICES = [
  { value: ',', label: 'Comma ,' },
  { value: '\t', label: 'Tab' },
  { value: ';', label: 'Semicolon ;' },
  { value: '|', label: 'Bar |' },
] as const;

export const csvReader = defineReader({
  id: 'csv',
  title: 'CSV or TSV text',
  description:
    'Delimited text, as spreadsheets and databases export it: the delimiter, the header row and the text encoding (UTF-8, UTF-16 with a byte-order mark, else Windows-1252) are detected; empty cells and the missing codes you list become missing; numbers, dates, categories and text are told apart. Several files with the same columns are appended.',
  source: 'RFC 4180 (CSV); parsed with PapaParse.',
  stage: 'import',
  extensions: ['.csv', '.tsv', '.tab', '.txt'],
  mimeTypes: ['text/csv', 'text/tab-separated-values', 'text/plain'],
  sniff: () => false,
  params: {
    missing: p
      .texts({
        label: 'Codes that mean missing',
        description: 'Cell texts that mean "missing" besides the empty cell, such as NA, -9 or a full stop.',
        minItems: 0,
      })
      .withDefault([...DEFAULT_MISSING]),
    delimiter: p.choice({ label: 'Delimiter', description: 'The character between fields; detected when left out.', choices: DELIMITER_CHOICES }).optional(),
    header: p
      .boolean({ label: 'First row holds the column names', description: 'Detected when left out; without a header the columns are numbered.' })
      .optional(),
    dateOrder: p
      .mapping({
        label: 'Day-month order of dates',
        description: 'For each column of numeric dates, day first (12/03/1985 is 12 March) or month first. Detected from the values where not given.',
        minItems: 0,
        choices: [
          { value: 'dmy', label: 'Day first' },
          { value: 'mdy', label: 'Month first' },
        ],
      })
      .optional(),
    yearPivot: p
      .integer({
        label: 'Two-digit years from',
        description: 'Two-digit years are read in the hundred years from this one: with 1930, "30" is 1930 and "29" is 2029.',
        min: 1000,
        max: 9900,
      })
      .withDefault(DEFAULT_YEAR_PIVOT),
  },
  read: (files, params, ctx) => readDelimited(files, params, ctx),
});

type ChunkHandler = (data: string[][], errors: Papa.ParseError[], first: boolean, cursor: number) => void;

/** Run PapaParse over the text in chunks, yielding to the event loop (and honouring cancel) between chunks. */
function parseInChunks(
  text: string,
  delimiter: string,
  skipEmptyLines: boolean,
  fileName: string,
  chunkSize: number,
  ctx: RunContext,
  handle: ChunkHandler,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let first = true;
    let failed = false;
    Papa.parse<string[]>(text, {
      delimiter,
      header: false,
      skipEmptyLines,
      chunkSize,
      chunk: (res: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        try {
          handle(res.data, res.errors, first, res.meta.cursor);
          first = false;
        } catch (e) {
          failed = true;
          parser.abort();
          reject(e);
          return;
        }
        parser.pause();
        ctx.checkpoint().then(
          () => parser.resume(),
          (e: unknown) => {
            failed = true;
            parser.abort();
            reject(e);
          },
        );
      },
      complete: () => {
        if (!failed) resolve();
      },
      error: (e: Error) => reject(new EngineError('INTERNAL', `Could not read "${fileName}": ${e.message}`, { file: fileName })),
    });
  });
}

function trimFinalLineEnds(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return end === text.length ? text : text.slice(0, end);
}

function checkHeader(names: readonly string[], fileName: string): string[] {
  const out = names.map((n) => n.trim());
  const empty = out.findIndex((n) => n === '');
  if (empty >= 0) {
    throw new EngineError('EMPTY_COLUMN_NAME', `Column ${empty + 1} of "${fileName}" has no name in the header row.`, {
      file: fileName,
      column: empty + 1,
    });
  }
  const seen = new Set<string>();
  const dupes = out.filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
  if (dupes.length > 0) {
    const list = [...new Set(dupes)];
    throw new EngineError('DUPLICATE_COLUMNS', `"${fileName}" has more than one column named ${list.map((d) => `"${d}"`).join(', ')}.`, {
      file: fileName,
      columns: list,
    });
  }
  return out;
}

/** For each column of a later file, the index of the same-named column of the first file. */
function matchColumns(first: readonly string[], these: readonly string[], firstName: string, thisName: string): number[] {
  const missing = first.filter((n) => !these.includes(n));
  const extra = these.filter((n) => !first.includes(n));
  if (missing.length > 0 || extra.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`it lacks ${missing.map((n) => `"${n}"`).join(', ')}`);
    if (extra.length > 0) parts.push(`it has ${extra.map((n) => `"${n}"`).join(', ')}, which "${firstName}" does not`);
    throw new EngineError('COLUMNS_DIFFER', `"${thisName}" cannot be appended to "${firstName}": ${parts.join('; ')}.`, {
      file: thisName,
      missing,
      extra,
    });
  }
  return these.map((n) => first.indexOf(n));
}

/** Lines of the first few KiB, ignoring newlines inside quotes. */
function sampleLines(text: string, maxLines = 30): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  const end = Math.min(text.length, 65536);
  for (let i = 0; i < end && lines.length < maxLines; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) {
      lines.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (lines.length < maxLines && start < end && end === text.length) lines.push(text.slice(start, end));
  return lines.filter((l) => l.trim() !== '');
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (ch === d && !q) n++;
  }
  return n;
}

/**
 * The delimiter among , tab ; | that splits the sample lines most consistently
 * (same non-zero count on the most lines); a .tsv name prefers tab; comma by default.
 */
export function detectDelimiter(text: string, fileName = ''): string {
  const lines = sampleLines(text);
  let best = fileName.toLowerCase().endsWith('.tsv') ? '\t' : ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const agree = counts.filter((c) => c === first).length;
    const score = agree * 1000 + first;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/**
 * Whether the first row is a header: yes when some column holds a non-number in
 * the first row but numbers below it, or when no field of the first row is a number.
 */
export function detectHeader(text: string, delimiter: string): boolean {
  const parsed = Papa.parse<string[]>(sampleLines(text, 20).join('\n'), { delimiter, header: false, skipEmptyLines: true }).data;
  const [first, ...rest] = parsed;
  if (!first) return true;
  const isNum = (s: string | undefined) => s !== undefined && s !== '' && parseNumber(s.trim()) === parseNumber(s.trim());
  if (!first.some(isNum)) return true;
  return first.some((cell, j) => !isNum(cell) && cell !== '' && rest.length > 0 && rest.every((r) => r[j] === '' || isNum(r[j])));
}
