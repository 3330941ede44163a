/**
 * The column-code layer: every column as dense integer codes, the form every
 * frequency count, risk measure and protection method works on. Codes are made
 * once per column chunk and cached (columns are immutable and shared along the
 * history), so they are handed out read-only: a method that wrote into them would
 * corrupt every dataset of the history that shares the column.
 */
import { Type, type Data } from 'apache-arrow';
import { bulkCellFormatter, dictionaryStrings } from './cells.ts';
import { columnData, type Dataset } from './dataset.ts';
import { formatDay } from './dates.ts';

/**
 * An Int32Array that cannot be written through: indexing is read-only and the
 * mutating methods are absent. `slice()` gives a writable copy.
 */
export interface ReadonlyInt32Array extends Iterable<number> {
  readonly [index: number]: number;
  readonly length: number;
  readonly byteLength: number;
  subarray(begin?: number, end?: number): ReadonlyInt32Array;
  slice(start?: number, end?: number): Int32Array;
  indexOf(value: number, fromIndex?: number): number;
  includes(value: number, fromIndex?: number): boolean;
  every(predicate: (value: number, index: number) => unknown): boolean;
  some(predicate: (value: number, index: number) => unknown): boolean;
  reduce<U>(fn: (acc: U, value: number, index: number) => U, initial: U): U;
}

/**
 * Per-row integer codes of a column: codes run from 0 to `cardinality - 1`, missing
 * has a code of its own (the last one, when `hasMissing`). Some codes may not occur;
 * `distinct` counts the non-missing values that do.
 */
export interface ColumnCodes {
  readonly codes: ReadonlyInt32Array;
  readonly cardinality: number;
  readonly hasMissing: boolean;
  readonly distinct: number;
  /** The text of each code (missing as null). */
  readonly labels: readonly (string | null)[];
}

/**
 * Map any column to dense integer codes, missing as a category of its own.
 * Dictionary columns reuse their indices; small integer ranges map arithmetically;
 * everything else goes through a hash of the cell's text.
 */
export function columnCodes(data: Data): ColumnCodes {
  const steps = codeSteps(data);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** The same, yielding to `ctx.checkpoint()` every ROWS_PER_STEP rows, so that a cancel is answered within a fraction of a second. */
export async function columnCodesAsync(data: Data, ctx: Checkpointer): Promise<ColumnCodes> {
  const steps = codeSteps(data);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await ctx.checkpoint();
  }
}

/** What the async variants need of a run context. */
export interface Checkpointer {
  checkpoint(): Promise<void>;
}

/** Rows coded between two checkpoints: about 20 ms of hashing text on a slow machine. */
const ROWS_PER_STEP = 1 << 15;

function* codeSteps(data: Data): Generator<void, ColumnCodes> {
  const n = data.length;
  const hasNull = data.nullCount > 0;
  if (data.typeId === Type.Dictionary) {
    const src = data.values as Int32Array;
    const dict = dictionaryStrings(data);
    const labels: (string | null)[] = dict.slice();
    const card = dict.length;
    const used = new Uint8Array(card);
    let distinct = 0;
    const mark = (c: number) => {
      if (used[c] === 0) {
        used[c] = 1;
        distinct++;
      }
    };
    if (!hasNull) {
      for (let i = 0; i < n; i++) mark(src[i]!);
      return { codes: src, cardinality: card, hasMissing: false, labels, distinct };
    }
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (data.getValid(i)) mark((codes[i] = src[i]!));
      else codes[i] = card;
    }
    labels.push(null);
    return { codes, cardinality: card + 1, hasMissing: true, labels, distinct };
  }
  if (data.typeId === Type.Float || data.typeId === Type.Date) {
    const values = data.values as Float64Array | Int32Array;
    let min = Infinity;
    let max = -Infinity;
    let integral = true;
    for (let i = 0; i < n; i++) {
      if (hasNull && !data.getValid(i)) continue;
      const v = values[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
      if (integral && !Number.isInteger(v)) integral = false;
    }
    if (integral && (max - min <= 4 * n + 1024 || min > max)) return rangeCodes(data, values, min, max);
  }
  return data.typeId === Type.Utf8 ? yield* utf8Codes(data) : yield* textCodes(data);
}

/** Codes of integers (or days) in a narrow range: the value minus the minimum, compacted only when the range is wide. */
function rangeCodes(data: Data, values: Float64Array | Int32Array, min: number, max: number): ColumnCodes {
  const n = data.length;
  const span = min > max ? 0 : max - min + 1;
  const hasNull = data.nullCount > 0;
  const codes = new Int32Array(n);
  const used = new Uint8Array(span + 1);
  if (hasNull) {
    for (let i = 0; i < n; i++) {
      const c = data.getValid(i) ? values[i]! - min : span;
      codes[i] = c;
      used[c] = 1;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const c = values[i]! - min;
      codes[i] = c;
      used[c] = 1;
    }
  }
  let distinct = 0;
  for (let c = 0; c < span; c++) distinct += used[c]!;
  const hasMissing = used[span] === 1;
  const label = (c: number) => (data.typeId === Type.Date ? formatDay(c + min) : String(c + min));
  if (span <= 65_536) {
    // Narrow range: codes stay value - min; unused codes simply never occur.
    const labels: (string | null)[] = Array.from({ length: span }, (_, c) => label(c));
    if (hasMissing) labels.push(null);
    return { codes, cardinality: hasMissing ? span + 1 : span, hasMissing, labels, distinct };
  }
  // Wide range: compact to the values that occur, in ascending order.
  const remap = new Int32Array(span + 1);
  const labels: (string | null)[] = [];
  let next = 0;
  for (let c = 0; c < span; c++) {
    if (!used[c]) continue;
    remap[c] = next++;
    labels.push(label(c));
  }
  if (hasMissing) {
    remap[span] = next++;
    labels.push(null);
  }
  for (let i = 0; i < n; i++) codes[i] = remap[codes[i]!]!;
  return { codes, cardinality: next, hasMissing, labels, distinct };
}

/**
 * Codes of a UTF-8 column without making a string per cell: each cell's bytes are
 * hashed (FNV-1a) into an open-addressing table of typed arrays and compared byte by
 * byte on a collision; only the first cell of each distinct value becomes a label.
 * Missing, if any, gets the last code.
 */
interface Utf8Table {
  data: Data;
  offsets: Int32Array;
  bytes: Uint8Array;
  hasNull: boolean;
  mask: number;
  slotRow: Int32Array;
  slotHash: Int32Array;
  slotCode: Int32Array;
  codes: Int32Array;
  firstRow: number[];
  sawMissing: boolean;
}

// The hashing loop is a plain function over a range of rows, called chunk by chunk
// from the generator: V8 optimises a hot loop less well inside a generator.
function* utf8Codes(data: Data): Generator<void, ColumnCodes> {
  const n = data.length;
  let capacity = 1024;
  while (capacity < 2 * n) capacity *= 2;
  const t: Utf8Table = {
    data,
    offsets: data.valueOffsets as Int32Array,
    bytes: data.values as Uint8Array,
    hasNull: data.nullCount > 0,
    mask: capacity - 1,
    slotRow: new Int32Array(capacity).fill(-1),
    slotHash: new Int32Array(capacity),
    slotCode: new Int32Array(capacity),
    codes: new Int32Array(n),
    firstRow: [],
    sawMissing: false,
  };
  for (let from = 0; from < n; from += ROWS_PER_STEP) {
    utf8Range(t, from, Math.min(n, from + ROWS_PER_STEP));
    if (from + ROWS_PER_STEP < n) yield;
  }
  const { codes, firstRow, sawMissing } = t;
  const distinct = firstRow.length;
  const format = bulkCellFormatter(data);
  const labels: (string | null)[] = new Array(distinct);
  for (let from = 0; from < distinct; from += ROWS_PER_STEP) {
    for (let c = from; c < Math.min(distinct, from + ROWS_PER_STEP); c++) labels[c] = format(firstRow[c]!);
    if (from + ROWS_PER_STEP < distinct) yield;
  }
  if (sawMissing) {
    for (let i = 0; i < n; i++) if (codes[i]! < 0) codes[i] = distinct;
    labels.push(null);
  }
  return { codes, cardinality: labels.length, hasMissing: sawMissing, labels, distinct };
}

function utf8Range(t: Utf8Table, from: number, to: number): void {
  const { data, offsets, bytes, hasNull, mask, slotRow, slotHash, slotCode, codes, firstRow } = t;
  for (let i = from; i < to; i++) {
    if (hasNull && !data.getValid(i)) {
      codes[i] = -1;
      t.sawMissing = true;
      continue;
    }
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    // `| 0`: the slot table holds signed 32-bit hashes; the empty string's hash is the seed itself.
    let h = 0x811c9dc5 | 0;
    for (let b = start; b < end; b++) h = Math.imul(h ^ bytes[b]!, 0x01000193);
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const row = slotRow[slot]!;
      if (row === -1) {
        slotRow[slot] = i;
        slotHash[slot] = h;
        slotCode[slot] = firstRow.length;
        codes[i] = firstRow.length;
        firstRow.push(i);
        break;
      }
      if (slotHash[slot] === h && sameBytes(bytes, offsets[row]!, offsets[row + 1]!, start, end)) {
        codes[i] = slotCode[slot]!;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
}

function sameBytes(bytes: Uint8Array, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) if (bytes[a0 + k] !== bytes[b0 + k]) return false;
  return true;
}

function* textCodes(data: Data): Generator<void, ColumnCodes> {
  const n = data.length;
  const format = bulkCellFormatter(data);
  const index = new Map<string, number>();
  const labels: (string | null)[] = [];
  const codes = new Int32Array(n);
  let hasMissing = false;
  for (let i = 0; i < n; i++) {
    if ((i & (ROWS_PER_STEP - 1)) === ROWS_PER_STEP - 1) yield;
    const t = format(i);
    if (t === null) {
      codes[i] = -1;
      hasMissing = true;
      continue;
    }
    let c = index.get(t);
    if (c === undefined) {
      c = labels.length;
      index.set(t, c);
      labels.push(t);
    }
    codes[i] = c;
  }
  const distinct = labels.length;
  // Missing takes the last code, as the interface promises.
  if (hasMissing) {
    for (let i = 0; i < n; i++) if (codes[i]! < 0) codes[i] = distinct;
    labels.push(null);
  }
  return { codes, cardinality: labels.length, hasMissing, labels, distinct };
}

const cache = new WeakMap<Data, ColumnCodes>();

/** Above this many distinct values a column's codes are not kept: their labels would hold every value again as a string. */
const CACHE_MAX_CARDINALITY = 65_536;

/** The codes of a dataset's column, cached per column chunk unless the column has very many distinct values. */
export function codesOf(ds: Dataset, index: number): ColumnCodes {
  const data = columnData(ds, index);
  let codes = cache.get(data);
  if (!codes) {
    codes = columnCodes(data);
    if (codes.cardinality <= CACHE_MAX_CARDINALITY) cache.set(data, codes);
  }
  return codes;
}

/** codesOf for analyses: the same codes, made with checkpoints so that Cancel is answered promptly. */
export async function codesOfAsync(ds: Dataset, index: number, ctx: Checkpointer): Promise<ColumnCodes> {
  const data = columnData(ds, index);
  let codes = cache.get(data);
  if (!codes) {
    codes = await columnCodesAsync(data, ctx);
    if (codes.cardinality <= CACHE_MAX_CARDINALITY) cache.set(data, codes);
  }
  return codes;
}

/**
 * The codes a column would have after a recoding, without building the column:
 * `map[c]` is the new code of old code `c` (from 0 to `labels.length - 1`; a
 * negative new code is missing). For searches that try many recodings of a key
 * variable (global recoding, optimal generalisation), this is one pass over the rows.
 */
export function recodeCodes(base: ColumnCodes, map: ArrayLike<number>, labels: readonly string[]): ColumnCodes {
  if (map.length !== base.cardinality) throw new RangeError(`A recoding maps ${map.length} codes; the column has ${base.cardinality}.`);
  const card = labels.length;
  const n = base.codes.length;
  const table = new Int32Array(base.cardinality);
  for (let c = 0; c < base.cardinality; c++) {
    const to = base.labels[c] === null ? -1 : map[c]!;
    if (to >= card) throw new RangeError(`Code ${c} is mapped to ${to}, past the ${card} new labels.`);
    table[c] = to < 0 ? card : to;
  }
  const codes = new Int32Array(n);
  const used = new Uint8Array(card + 1);
  for (let i = 0; i < n; i++) {
    const c = table[base.codes[i]!]!;
    codes[i] = c;
    used[c] = 1;
  }
  const hasMissing = used[card] === 1;
  let distinct = 0;
  for (let c = 0; c < card; c++) distinct += used[c]!;
  const out: (string | null)[] = [...labels];
  if (hasMissing) out.push(null);
  return { codes, cardinality: out.length, hasMissing, labels: out, distinct };
}
