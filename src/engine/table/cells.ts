/**
 * Reading cells back out of Arrow columns as text: for the grid, CSV export,
 * hashing and comparisons. Numbers use JavaScript's shortest round-trip form,
 * dates ISO 8601, booleans true/false; a missing cell is null.
 */
import { Type, type Data } from 'apache-arrow';
import { formatDay } from './dates.ts';

export type CellFormatter = (row: number) => string | null;

const formatters = new WeakMap<Data, CellFormatter>();

/**
 * A function giving the text of each cell of a column (null when missing), made
 * once per column chunk (columns are immutable) so that row pages cost only their
 * rows. A dictionary's entries are decoded when first asked for, not all at once:
 * a pseudonymised column can hold half a million of them.
 */
export function cellFormatter(data: Data): CellFormatter {
  let f = formatters.get(data);
  if (!f) {
    f = makeFormatter(data);
    formatters.set(data, f);
  }
  return f;
}

function makeFormatter(data: Data): CellFormatter {
  const valid = data.nullCount > 0 ? (i: number) => data.getValid(i) : () => true;
  switch (data.typeId) {
    case Type.Float: {
      const values = data.values as Float64Array;
      return (i) => (valid(i) ? String(values[i]) : null);
    }
    case Type.Dictionary: {
      const codes = data.values as Int32Array;
      const entry = dictionaryEntry(data);
      return (i) => (valid(i) ? entry(codes[i]!) : null);
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
      const offset = data.offset;
      return (i) => (valid(i) ? ((bits[(i + offset) >> 3]! >> ((i + offset) & 7)) & 1 ? 'true' : 'false') : null);
    }
    default:
      return (i) => (valid(i) ? String(data.type.ArrayType ? (data.values as ArrayLike<unknown>)[i] : '') : null);
  }
}

/** The text of dictionary entry `code`, decoded on first use and remembered. */
function dictionaryEntry(data: Data): (code: number) => string {
  const dict = data.dictionary?.data[0];
  if (!dict) return () => '';
  const offsets = dict.valueOffsets as Int32Array;
  const bytes = dict.values as Uint8Array;
  const decoder = new TextDecoder();
  const seen = new Map<number, string>();
  return (code) => {
    let s = seen.get(code);
    if (s === undefined) {
      s = decoder.decode(bytes.subarray(offsets[code], offsets[code + 1]));
      seen.set(code, s);
    }
    return s;
  };
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
