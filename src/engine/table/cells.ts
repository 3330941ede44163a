/**
 * Reading cells back out of Arrow columns: as text (for the grid, CSV export
 * and hashing), and as integer codes (for frequency counts).
 */
import { Type, type Data } from 'apache-arrow';

const MS_PER_DAY = 86_400_000;

/** yyyy-mm-dd for a count of days since 1970-01-01. */
export function formatDay(days: number): string {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 for a calendar date, or NaN if the date does not exist. */
export function dayNumber(year: number, month: number, day: number): number {
  if (!(month >= 1 && month <= 12 && day >= 1 && year >= 0 && year <= 9999)) return NaN;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > days) return NaN;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export type CellFormatter = (row: number) => string | null;

/**
 * A function giving the text of each cell of a column (null when missing).
 * Numbers use JavaScript's shortest round-trip form, dates ISO 8601, booleans true/false.
 */
export function cellFormatter(data: Data): CellFormatter {
  const valid = data.nullCount > 0 ? (i: number) => data.getValid(i) : () => true;
  switch (data.typeId) {
    case Type.Float: {
      const values = data.values as Float64Array;
      return (i) => (valid(i) ? String(values[i]) : null);
    }
    case Type.Dictionary: {
      const codes = data.values as Int32Array;
      const dict = dictionaryStrings(data);
      return (i) => (valid(i) ? dict[codes[i]!]! : null);
    }
    case Type.Utf8: {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = data.values as Uint8Array;
      const decoder = new TextDecoder();
      return (i) => (valid(i) ? decoder.decode(bytes.subarray(offsets[i], offsets[i + 1])) : null);
    }
    case Type.Date: {
      const days = data.values as Int32Array;
      return (i) => (valid(i) ? formatDay(days[i]!) : null);
    }
    case Type.Bool: {
      const bits = data.values as Uint8Array;
      return (i) => (valid(i) ? ((bits[i >> 3]! >> (i & 7)) & 1 ? 'true' : 'false') : null);
    }
    default:
      return (i) => (valid(i) ? String(data.type.ArrayType ? (data.values as ArrayLike<unknown>)[i] : '') : null);
  }
}

/**
 * Like cellFormatter, for reading every cell of a column in turn (codes, export): a
 * UTF-8 column that is all ASCII is decoded once and each cell is a slice of that text.
 */
export function bulkCellFormatter(data: Data): CellFormatter {
  if (data.typeId !== Type.Utf8) return cellFormatter(data);
  const offsets = data.valueOffsets as Int32Array;
  const bytes = (data.values as Uint8Array).subarray(offsets[0], offsets[data.length]);
  const text = new TextDecoder().decode(bytes);
  if (text.length !== bytes.length) return cellFormatter(data);
  const base = offsets[0]!;
  const valid = data.nullCount > 0 ? (i: number) => data.getValid(i) : () => true;
  return (i) => (valid(i) ? text.slice(offsets[i]! - base, offsets[i + 1]! - base) : null);
}

/** The dictionary of a dictionary-encoded column as JS strings. */
export function dictionaryStrings(data: Data): string[] {
  const dict = data.dictionary;
  if (!dict) return [];
  const out = new Array<string>(dict.length);
  for (let i = 0; i < dict.length; i++) out[i] = String(dict.get(i));
  return out;
}

/**
 * Per-row integer codes of a column: codes run from 0 to `cardinality - 1`, missing
 * has a code of its own (the last one, when `hasMissing`). Some codes may not occur;
 * `distinct` counts the non-missing values that do.
 */
export interface ColumnCodes {
  codes: Int32Array;
  cardinality: number;
  hasMissing: boolean;
  distinct: number;
  /** The text of each code (missing as null). */
  labels: (string | null)[];
}

/**
 * Map any column to dense integer codes, missing as a category of its own.
 * Dictionary columns reuse their indices; small integer ranges map arithmetically;
 * everything else goes through a hash of the cell's text.
 */
export function columnCodes(data: Data): ColumnCodes {
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
  return data.typeId === Type.Utf8 ? utf8Codes(data) : textCodes(data);
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
function utf8Codes(data: Data): ColumnCodes {
  const n = data.length;
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const hasNull = data.nullCount > 0;
  let capacity = 1024;
  while (capacity < 2 * n) capacity *= 2;
  const mask = capacity - 1;
  const slotRow = new Int32Array(capacity).fill(-1);
  const slotHash = new Int32Array(capacity);
  const slotCode = new Int32Array(capacity);
  const codes = new Int32Array(n);
  const firstRow: number[] = [];
  let sawMissing = false;
  for (let i = 0; i < n; i++) {
    if (hasNull && !data.getValid(i)) {
      codes[i] = -1;
      sawMissing = true;
      continue;
    }
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    let h = 0x811c9dc5;
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
  const distinct = firstRow.length;
  const format = bulkCellFormatter(data);
  const labels: (string | null)[] = firstRow.map((row) => format(row));
  if (sawMissing) {
    for (let i = 0; i < n; i++) if (codes[i]! < 0) codes[i] = distinct;
    labels.push(null);
  }
  return { codes, cardinality: labels.length, hasMissing: sawMissing, labels, distinct };
}

function sameBytes(bytes: Uint8Array, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) if (bytes[a0 + k] !== bytes[b0 + k]) return false;
  return true;
}

function textCodes(data: Data): ColumnCodes {
  const n = data.length;
  const format = bulkCellFormatter(data);
  const index = new Map<string | null, number>();
  const labels: (string | null)[] = [];
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = format(i);
    let c = index.get(t);
    if (c === undefined) {
      c = labels.length;
      index.set(t, c);
      labels.push(t);
    }
    codes[i] = c;
  }
  const hasMissing = index.has(null);
  return { codes, cardinality: labels.length, hasMissing, labels, distinct: labels.length - (hasMissing ? 1 : 0) };
}
