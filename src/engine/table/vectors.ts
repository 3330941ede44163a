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

/** Validity of numbers, NaN marking missing. */
function bitmapOfNumbers(values: Float64Array): { bitmap: Uint8Array; nullCount: number } {
  const length = values.length;
  const bitmap = new Uint8Array((length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i]!;
    if (v === v) bitmap[i >> 3]! |= 1 << (i & 7);
    else nullCount++;
  }
  return { bitmap, nullCount };
}

/** Validity of codes, a negative code marking missing. */
function bitmapOfCodes(codes: Int32Array): { bitmap: Uint8Array; nullCount: number } {
  const length = codes.length;
  const bitmap = new Uint8Array((length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    if (codes[i]! >= 0) bitmap[i >> 3]! |= 1 << (i & 7);
    else nullCount++;
  }
  return { bitmap, nullCount };
}

function nullable(nullCount: number, bitmap: Uint8Array): { nullCount: number; nullBitmap: Uint8Array | undefined } {
  return { nullCount, nullBitmap: nullCount > 0 ? bitmap : undefined };
}

/**
 * Appends strings to a growing UTF-8 buffer in batches: one TextEncoder call per
 * batch (not per string), with offsets from the string lengths when the batch is ASCII.
 */
export class Utf8Accumulator {
  private bytes = new Uint8Array(1 << 16);
  private offsets = new Int32Array(1025);
  private valid = new Uint8Array(1024);
  private length = 0;

  get rows(): number {
    return this.length;
  }

  /** Append a batch; null is missing. */
  append(values: ReadonlyArray<string | null>): void {
    const count = values.length;
    if (count === 0) return;
    const joined = values.join('');
    const start = this.offsets[this.length]!;
    this.ensure(this.length + count, start + joined.length * 3);
    const { read, written } = encoder.encodeInto(joined, this.bytes.subarray(start));
    const ascii = read === joined.length && written === joined.length;
    let at = start;
    for (let k = 0; k < count; k++) {
      const v = values[k];
      const row = this.length + k;
      if (v == null) {
        this.valid[row] = 0;
      } else {
        this.valid[row] = 1;
        at += ascii ? v.length : utf8Length(v);
      }
      this.offsets[row + 1] = at;
    }
    this.length += count;
  }

  private ensure(rows: number, bytes: number): void {
    if (rows + 1 > this.offsets.length) {
      const cap = Math.max(rows + 1, this.offsets.length * 2);
      const offsets = new Int32Array(cap);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const valid = new Uint8Array(cap);
      valid.set(this.valid);
      this.valid = valid;
    }
    if (bytes > this.bytes.length) {
      const b = new Uint8Array(Math.max(bytes, this.bytes.length * 2));
      b.set(this.bytes);
      this.bytes = b;
    }
  }

  /** The strings at the given rows, decoded again (for the rare checks that need them). */
  strings(): (string | null)[] {
    const decoder = new TextDecoder();
    return Array.from({ length: this.length }, (_, i) => (this.valid[i] ? decoder.decode(this.bytes.subarray(this.offsets[i], this.offsets[i + 1])) : null));
  }

  finish(): Data<Utf8> {
    const length = this.length;
    const valid = this.valid;
    const { bitmap, nullCount } = validityBitmap(length, (i) => valid[i] === 1);
    const end = this.offsets[length]!;
    return makeData({
      type: new Utf8(),
      length,
      ...nullable(nullCount, bitmap),
      valueOffsets: this.offsets.slice(0, length + 1),
      data: this.bytes.slice(0, end),
    });
  }
}

/** The number of bytes TextEncoder writes for `s` (lone surrogates become U+FFFD, 3 bytes). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const BATCH = 4096;

/** UTF-8 strings; null is missing. */
export function utf8Data(values: ReadonlyArray<string | null>): Data<Utf8> {
  const acc = new Utf8Accumulator();
  for (let start = 0; start < values.length; start += BATCH) acc.append(values.slice(start, start + BATCH));
  return acc.finish();
}

export function utf8Vector(values: ReadonlyArray<string | null>): Vector<Utf8> {
  return makeVector(utf8Data(values));
}

/** Float64 numbers; NaN marks missing. `nulls`, when the caller knows it: the number of NaN (none: no bitmap to make). */
export function float64Vector(values: Float64Array, nulls?: number): Vector<Float64> {
  if (nulls === 0) return makeVector(makeData({ type: new Float64(), length: values.length, nullCount: 0, data: values }));
  const { bitmap, nullCount } = bitmapOfNumbers(values);
  return makeVector(makeData({ type: new Float64(), length: values.length, ...nullable(nullCount, bitmap), data: values }));
}

/** Dictionary-encoded text: `codes[i]` indexes `dictionary`; a negative code is missing. */
export function dictionaryVector(dictionary: ReadonlyArray<string>, codes: Int32Array): Vector<Dictionary<Utf8, Int32>> {
  const { bitmap, nullCount } = bitmapOfCodes(codes);
  let data = codes;
  if (nullCount > 0) {
    data = new Int32Array(codes.length);
    for (let i = 0; i < codes.length; i++) data[i] = codes[i]! < 0 ? 0 : codes[i]!;
  }
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
  const { bitmap, nullCount } = bitmapOfNumbers(days);
  const data = new Int32Array(days.length);
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    data[i] = d === d ? d : 0;
  }
  return makeVector(makeData({ type: new DateDay(), length: days.length, ...nullable(nullCount, bitmap), data }));
}

/** Dates from codes into a table of days (`dayOfCode[c]`, NaN for an unreadable date); a negative code is missing. */
export function dateDayVectorFromCodes(codes: Int32Array, dayOfCode: Float64Array): Vector<DateDay> {
  const days = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    days[i] = c < 0 ? NaN : dayOfCode[c]!;
  }
  return dateDayVector(days);
}

/** Booleans: 1 true, 0 false, -1 missing. */
export function boolVector(values: Int8Array): Vector<Bool> {
  const { bitmap, nullCount } = validityBitmap(values.length, (i) => values[i]! >= 0);
  const { bitmap: data } = validityBitmap(values.length, (i) => values[i] === 1);
  return makeVector(makeData({ type: new Bool(), length: values.length, ...nullable(nullCount, bitmap), data }));
}
