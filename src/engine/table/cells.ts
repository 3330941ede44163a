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
  return textCodes(data);
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

function textCodes(data: Data): ColumnCodes {
  const n = data.length;
  const format = cellFormatter(data);
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
