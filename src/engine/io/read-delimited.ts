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
import { readFirstRecord, scanRecords, type ScanLayout, type ScanState, type ScanTarget } from './csv-scan.ts';
import type { PartReader, PartResult, PartTask } from './read-part.ts';
import { decodeText, DEFAULT_MAX_BYTES, utf8Body } from './decode-text.ts';

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
  /** Characters (PapaParse) or bytes (the byte reader) parsed between checkpoints: a tuning knob for tests and benchmarks. */
  chunkSize?: number;
  /** Force one parser: "papaparse" for the comparison in tests and benchmarks. */
  parser?: 'bytes' | 'papaparse';
  /** Files (after their header) at least this large are read in two parts at once, where a helper thread is offered. */
  parallelBytes?: number;
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
 * role "other"; suggest roles separately. The byte reader (csv-scan.ts) reads the
 * files it can; a file it declines sends the whole read to PapaParse, which reads
 * the same columns from the files both accept and names the problem in the others.
 * @throws EngineError EMPTY_FILE, NO_ROWS, RAGGED_ROWS, UNTERMINATED_QUOTE, BINARY_FILE,
 *   DUPLICATE_COLUMNS, EMPTY_COLUMN_NAME, FILE_TOO_LARGE, COLUMNS_DIFFER, CANCELLED
 */
export async function readDelimited(files: readonly InputFile[], options: ReadOptions, ctx: RunContext): Promise<ReadResult> {
  if (files.length === 0) throw new EngineError('BAD_PARAMS', 'No file was given.');
  if (options.parser !== 'papaparse') {
    const read = await readBytes(files, options, ctx);
    if (read !== null) return read;
  }
  return readWithPapa(files, options, ctx);
}

/** The columns being filled, shared by the files of one read. */
interface Columns {
  names: string[];
  builders: ColumnBuilder[];
  missingSeen: Set<string>[];
  infos: FileReadInfo[];
}

function openColumns(names: string[], options: ReadOptions, fileName: string, capacity: number): Columns {
  const unknown = Object.keys(options.dateOrder ?? {}).find((c) => !names.includes(c));
  if (unknown !== undefined) {
    throw new EngineError('UNKNOWN_COLUMN', `The date order is set for a column "${unknown}", which "${fileName}" does not have.`, {
      file: fileName,
      column: unknown,
    });
  }
  const dateOptions = (name: string) => ({
    ...(options.dateOrder?.[name] ? { order: options.dateOrder[name] } : {}),
    ...(options.yearPivot !== undefined ? { yearPivot: options.yearPivot } : {}),
  });
  return {
    names,
    builders: names.map((nm) => new ColumnBuilder(nm, dateOptions(nm), capacity)),
    missingSeen: names.map(() => new Set<string>()),
    infos: [],
  };
}

/** The bytes between progress reports and checkpoints of the byte reader. */
export const SLICE_BYTES = 4 << 20;

/** Read every file with the byte reader, or null when one of them needs PapaParse. */
async function readBytes(files: readonly InputFile[], options: ReadOptions, ctx: RunContext): Promise<ReadResult | null> {
  const missing = missingCodes(options.missing ?? DEFAULT_MISSING);
  const totalBytes = files.reduce((s, f) => s + f.bytes.length, 0);
  // Finishing the columns is counted as a twentieth of the work, so that progress moves to the end.
  const total = totalBytes + Math.ceil(totalBytes / 20);
  const slice = options.chunkSize ?? SLICE_BYTES;
  if (totalBytes >= (options.parallelBytes ?? PARALLEL_BYTES)) ctx.helper?.warm?.();
  let columns: Columns | null = null;
  let bytesBefore = 0;
  for (const file of files) {
    const { bytes: b, encoding } = utf8Body(file.bytes, file.name, options.maxBytes ?? DEFAULT_MAX_BYTES);
    if (isBlank(b)) throw new EngineError('EMPTY_FILE', `"${file.name}" is empty.`, { file: file.name });
    const sample = sampleText(b);
    const delimiter = options.delimiter ?? detectDelimiter(sample, file.name);
    const header = options.header ?? detectHeader(sample, delimiter);
    if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 127) return null;
    const oneColumn = Papa.parse<string[]>(sampleLines(sample, 1)[0] ?? '', { delimiter }).data[0]?.length === 1;
    let end = b.length;
    if (oneColumn) while (end > 0 && (b[end - 1] === 10 || b[end - 1] === 13)) end--;
    const d = delimiter.charCodeAt(0);
    let pos = 0;
    let first = readFirstRecord(b, pos, end, d);
    while (first !== null && !oneColumn && isBlankRecord(first.fields) && first.ending !== 'end') {
      pos = first.next;
      first = readFirstRecord(b, pos, end, d);
    }
    if (first === null || (!oneColumn && isBlankRecord(first.fields))) return null;
    const names = header ? checkHeader(first.fields, file.name) : first.fields.map((_, j) => `column_${j + 1}`);
    if (columns === null) columns = openColumns(names, options, file.name, estimateRows(b, totalBytes));
    const order = matchColumns(columns.names, names, files[0]!.name, file.name);
    const target: ScanTarget = { sinks: order.map((k) => columns!.builders[k]!), seen: order.map((k) => columns!.missingSeen[k]!), missing };
    const layout: ScanLayout = { delimiter: d, crlf: first.ending === 'crlf', width: names.length, skipBlank: !oneColumn };
    const state: ScanState = { pos: header ? first.next : pos, rows: 0, declined: null };
    const part = startPart(b, end, state.pos, layout, options, columns, order, ctx.helper);
    // This thread reads up to the part's start (or to the end); progress counts the part as read at the same pace.
    const stop = part?.start ?? end;
    const pace = part ? (end - state.pos) / Math.max(1, stop - state.pos) : 1;
    const from = state.pos;
    while (state.pos < stop) {
      scanRecords(b, end, layout, target, state, Math.min(stop, state.pos + slice));
      if (state.declined !== null) return null;
      const read = Math.min(end, from + (state.pos - from) * pace);
      ctx.progress('Reading', bytesBefore + Math.round((read / Math.max(1, b.length)) * file.bytes.length), total);
      await ctx.checkpoint();
    }
    if (part !== null) {
      if (state.pos === part.start) {
        const result = await part.result;
        if (result.declined !== null) return null;
        for (const [j, k] of order.entries()) {
          columns.builders[k]!.append(ColumnBuilder.fromState(result.columns[j]!));
          for (const code of result.seen[j]!) columns.missingSeen[k]!.add(code);
        }
        state.rows += result.rows;
      } else {
        // The part did not start at a record (its first line break was inside quotes): read on here.
        while (state.pos < end) {
          scanRecords(b, end, layout, target, state, state.pos + slice);
          if (state.declined !== null) return null;
          await ctx.checkpoint();
        }
      }
    }
    if (state.rows === 0) throw new EngineError('NO_ROWS', `"${file.name}" has a header but no rows of data.`, { file: file.name });
    columns.infos.push({ name: file.name, format: 'csv', encoding, delimiter, header, rows: state.rows });
    bytesBefore += file.bytes.length;
  }
  return finishColumns(columns!, files, ctx, totalBytes, total);
}

/** Files smaller than this are read on one thread: a second one would not pay for its start. */
export const PARALLEL_BYTES = 8 << 20;

/**
 * Hand the second half of a large file (from the first line break after its middle)
 * to the helper thread; null when there is no helper or the file is small.
 */
function startPart(
  b: Uint8Array,
  end: number,
  from: number,
  layout: ScanLayout,
  options: ReadOptions,
  columns: Columns,
  order: number[],
  helper: PartReader | undefined,
): { start: number; result: Promise<PartResult> } | null {
  if (helper === undefined || end - from < (options.parallelBytes ?? PARALLEL_BYTES)) return null;
  const lineBreak = b.indexOf(10, from + Math.floor((end - from) / 2));
  if (lineBreak < 0 || lineBreak + 1 >= end) return null;
  const start = lineBreak + 1;
  const rowsPerByte = columns.builders[0]!.capacityHint / Math.max(1, end - from);
  const task: PartTask = {
    bytes: b.slice(start, end),
    layout,
    missing: [...(options.missing ?? DEFAULT_MISSING)],
    columns: order.map((k) => ({ name: columns.names[k]!, dateOptions: columns.builders[k]!.dateSettings })),
    capacity: Math.ceil((end - start) * rowsPerByte) + 16,
  };
  const result = helper.readPart(task);
  // A result nobody waits for (the read was cancelled or declined) must not surface as an unhandled rejection.
  result.catch(() => undefined);
  return { start, result };
}

/** Read every file with PapaParse, each cell handed to the column builders as a string. */
async function readWithPapa(files: readonly InputFile[], options: ReadOptions, ctx: RunContext): Promise<ReadResult> {
  const missing = missingCodes(options.missing ?? DEFAULT_MISSING);
  const missingText = new Set(missing.codes.map((c) => c.text));
  const totalBytes = files.reduce((s, f) => s + f.bytes.length, 0);
  const total = totalBytes + Math.ceil(totalBytes / 20);
  let columns: Columns | null = null;
  let bytesBefore = 0;

  for (const file of files) {
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
        if (columns === null) columns = openColumns(headerNames, options, file.name, 1024);
        order = matchColumns(columns.names, headerNames, files[0]!.name, file.name);
      }
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
      pushRows(
        data,
        start,
        order!.map((k) => columns!.builders[k]!),
        order!.map((k) => columns!.missingSeen[k]!),
        missingText,
      );
      rows += data.length - start;
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
      ctx.progress('Reading', bytesBefore + Math.round((cursor / Math.max(1, text.length)) * file.bytes.length), total);
    });

    if (columns === null) throw new EngineError('EMPTY_FILE', `"${file.name}" is empty.`, { file: file.name });
    if (rows === 0) throw new EngineError('NO_ROWS', `"${file.name}" has a header but no rows of data.`, { file: file.name });
    const read: Columns = columns;
    read.infos.push({ name: file.name, format: 'csv', encoding, delimiter, header, rows });
    bytesBefore += file.bytes.length;
  }
  return finishColumns(columns!, files, ctx, totalBytes, total);
}

function pushRows(data: string[][], start: number, builders: ColumnBuilder[], seen: Set<string>[], missing: ReadonlySet<string>): void {
  const width = builders.length;
  for (let r = start; r < data.length; r++) {
    const row = data[r]!;
    for (let j = 0; j < width; j++) {
      const s = row[j]!;
      if (s === '') builders[j]!.pushNull();
      else if (missing.has(s)) {
        builders[j]!.pushNull();
        seen[j]!.add(s);
      } else builders[j]!.pushString(s);
    }
  }
}

/** The finished columns (and the source-file column when several files were appended). */
async function finishColumns(read: Columns, files: readonly InputFile[], ctx: RunContext, totalBytes: number, total: number): Promise<ReadResult> {
  const dateOrder: Record<string, DateOrder> = {};
  const dates: ReadResult['dates'] = [];
  const columns: ColumnInput[] = [];
  for (const [j, b] of read.builders.entries()) {
    const { kind, vector, dates: reading } = b.finish();
    if (reading?.numeric) {
      dateOrder[b.name] = reading.order;
      dates.push({ column: b.name, order: reading.order, ambiguous: reading.ambiguous });
    }
    const declared = [...read.missingSeen[j]!].sort();
    const meta: ColumnMeta = { name: b.name, kind, role: 'other', ...(declared.length > 0 ? { missingCodes: { values: declared, ranges: [] } } : {}) };
    columns.push({ meta, vector });
    ctx.progress('Reading', totalBytes + Math.round(((j + 1) / read.builders.length) * (total - totalBytes)), total);
    await ctx.checkpoint();
  }
  if (files.length > 1) {
    let name = SOURCE_COLUMN;
    for (let k = 2; read.names.includes(name); k++) name = `${SOURCE_COLUMN}_${k}`;
    const codes = new Int32Array(read.infos.reduce((s, f) => s + f.rows, 0));
    let at = 0;
    for (const [k, info] of read.infos.entries()) {
      codes.fill(k, at, at + info.rows);
      at += info.rows;
    }
    columns.push({
      meta: { name, kind: 'categorical', role: 'other' },
      vector: dictionaryVector(
        files.map((f) => f.name),
        codes,
      ),
    });
  }
  ctx.progress('Reading', total, total);
  return {
    dataset: makeDataset(columns),
    files: read.infos,
    rolesFromFile: false,
    detected: Object.keys(dateOrder).length > 0 ? { dateOrder } : {},
    dates,
  };
}

/** Whether the text is empty or only white space (as String.prototype.trim sees it). */
function isBlank(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c >= 0x80) return new TextDecoder().decode(b).trim() === '';
    if (c !== 32 && (c < 9 || c > 13)) return false;
  }
  return true;
}

function isBlankRecord(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}

/**
 * The first few KiB as text for the detectors, cut at a character boundary; longer
 * than the detectors read when the file is, so that they see what they see in the whole text.
 */
function sampleText(b: Uint8Array): string {
  let cut = Math.min(b.length, 4 * SAMPLE_CHARS + 8);
  while (cut < b.length && cut > 0 && (b[cut]! & 0xc0) === 0x80) cut--;
  return new TextDecoder().decode(b.subarray(0, cut));
}

/**
 * The rows to expect in all the files, from the line ends in the first and the last
 * 64 KiB of the first one (lines often grow down a file, as its identifiers do).
 */
function estimateRows(b: Uint8Array, totalBytes: number): number {
  const span = Math.min(b.length, 65536);
  let lines = 0;
  for (let i = 0; i < span; i++) if (b[i] === 10) lines++;
  let sampled = span;
  if (b.length > 2 * span) {
    for (let i = b.length - span; i < b.length; i++) if (b[i] === 10) lines++;
    sampled += span;
  }
  return Math.ceil((totalBytes / sampled) * Math.max(1, lines) * 1.02) + 16;
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

/** The characters the detectors read. */
const SAMPLE_CHARS = 65536;

/** Lines of the first few KiB, ignoring newlines inside quotes. */
function sampleLines(text: string, maxLines = 30): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  const end = Math.min(text.length, SAMPLE_CHARS);
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
