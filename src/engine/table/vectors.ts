/**
 * Arrow vector construction without Arrow's Builders. The Builders compile
 * validity checks with `new Function`, which a strict Content-Security-Policy
 * (no 'unsafe-eval') forbids in the browser, so every column is made from
 * typed arrays with makeData.
 */
import { Bool, DateDay, Dictionary, Float64, Int32, makeData, makeVector, Utf8, type Data, type Vector } from 'apache-arrow';

const encoder = new TextEncoder();

/** A validity bitmap (bit set = present) from a per-row predicate, with its null count. */
export function validityBitmap(length: number, isPresent: (i: number) => boolean): { bitmap: Uint8Array; nullCount: number } {
  const bitmap = new Uint8Array((length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    if (isPresent(i)) bitmap[i >> 3]! |= 1 << (i & 7);
    else nullCount++;
  }
  return { bitmap, nullCount };
}

function nullable(nullCount: number, bitmap: Uint8Array): { nullCount: number; nullBitmap: Uint8Array | undefined } {
  return { nullCount, nullBitmap: nullCount > 0 ? bitmap : undefined };
}

/** UTF-8 strings; null is missing. */
export function utf8Data(values: ReadonlyArray<string | null>): Data<Utf8> {
  const length = values.length;
  const parts: Uint8Array[] = new Array<Uint8Array>(length);
  const valueOffsets = new Int32Array(length + 1);
  let total = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    const bytes = v == null ? EMPTY : encoder.encode(v);
    parts[i] = bytes;
    total += bytes.length;
    valueOffsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < length; i++) data.set(parts[i]!, valueOffsets[i]!);
  const { bitmap, nullCount } = validityBitmap(length, (i) => values[i] != null);
  return makeData({ type: new Utf8(), length, ...nullable(nullCount, bitmap), valueOffsets, data });
}
const EMPTY = new Uint8Array(0);

export function utf8Vector(values: ReadonlyArray<string | null>): Vector<Utf8> {
  return makeVector(utf8Data(values));
}

/** Float64 numbers; NaN marks missing. */
export function float64Vector(values: Float64Array): Vector<Float64> {
  const { bitmap, nullCount } = validityBitmap(values.length, (i) => !Number.isNaN(values[i]));
  return makeVector(makeData({ type: new Float64(), length: values.length, ...nullable(nullCount, bitmap), data: values }));
}

/** Dictionary-encoded text: `codes[i]` indexes `dictionary`; a negative code is missing. */
export function dictionaryVector(dictionary: ReadonlyArray<string>, codes: Int32Array): Vector<Dictionary<Utf8, Int32>> {
  const { bitmap, nullCount } = validityBitmap(codes.length, (i) => codes[i]! >= 0);
  const data = nullCount > 0 ? codes.map((c) => (c < 0 ? 0 : c)) : codes;
  return makeVector(
    makeData({
      type: new Dictionary(new Utf8(), new Int32()),
      length: codes.length,
      ...nullable(nullCount, bitmap),
      data,
      dictionary: utf8Vector(dictionary),
    }),
  );
}

/** Dates as days since 1970-01-01; NaN marks missing. */
export function dateDayVector(days: Float64Array): Vector<DateDay> {
  const { bitmap, nullCount } = validityBitmap(days.length, (i) => !Number.isNaN(days[i]));
  const data = Int32Array.from(days, (d) => (Number.isNaN(d) ? 0 : d));
  return makeVector(makeData({ type: new DateDay(), length: days.length, ...nullable(nullCount, bitmap), data }));
}

/** Booleans: 1 true, 0 false, -1 missing. */
export function boolVector(values: Int8Array): Vector<Bool> {
  const { bitmap, nullCount } = validityBitmap(values.length, (i) => values[i]! >= 0);
  const { bitmap: data } = validityBitmap(values.length, (i) => values[i] === 1);
  return makeVector(makeData({ type: new Bool(), length: values.length, ...nullable(nullCount, bitmap), data }));
}
