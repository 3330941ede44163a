/**
 * Accumulates one column's cells as they stream from the parser and infers its
 * kind. Cells start in a numeric buffer; the first value that is not a plain
 * decimal number moves the column to a dictionary of strings, and a dictionary
 * that grows past half the rows moves to a plain list. Dates and booleans are
 * recognised at the end, over the distinct values only.
 *
 * Knowing approximation: when a column starts numeric and later turns to text,
 * the earlier numbers are kept as JavaScript writes them ("1.50" becomes "1.5").
 */
import type { Vector } from 'apache-arrow';
import { makeVector } from 'apache-arrow';
import { detectDateOrder, parseDate, type DateOrder, type DateParseOptions } from '../table/dates.ts';
import type { ColumnKind } from '../table/roles.ts';
import { boolVector, dateDayVector, dateDayVectorFromCodes, dictionaryVector, float64Vector, Utf8Accumulator, utf8Vector } from '../table/vectors.ts';

/**
 * A plain decimal number, or NaN. Leading zeros ("007", "01234") and integers
 * longer than 15 digits are not numbers here: they are codes or identifiers,
 * and reading them as numbers would change them.
 */
export function parseNumber(s: string): number {
  const n = s.length;
  if (n === 0 || n > 32) return NaN;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 45 || c === 43) {
    if (n === 1) return NaN;
    i = 1;
    c = s.charCodeAt(1);
  }
  if (c === 48 && i + 1 < n) {
    const d = s.charCodeAt(i + 1);
    if (d >= 48 && d <= 57) return NaN;
  }
  let digits = 0;
  let dot = false;
  let exp = false;
  let whole = 0;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      whole = whole * 10 + (c - 48);
    } else if (c === 46 && !dot && !exp) {
      dot = true;
    } else if ((c === 101 || c === 69) && digits > 0 && !exp) {
      exp = true;
      const sign = s.charCodeAt(i + 1);
      if (sign === 43 || sign === 45) i++;
      if (i + 1 >= n) return NaN;
    } else {
      return NaN;
    }
  }
  if (digits === 0 || (!dot && !exp && digits > 15)) return NaN;
  // Whole numbers of up to 15 digits are exact as accumulated; others go through the full conversion.
  if (!dot && !exp) return s.charCodeAt(0) === 45 ? -whole : whole;
  const v = +s;
  return Number.isFinite(v) ? v : NaN;
}

const TRUE_WORDS = new Set(['true', 'TRUE', 'True']);
const FALSE_WORDS = new Set(['false', 'FALSE', 'False']);

/** Whether a column with `distinct` values among `present` is a category rather than free text. */
export function isCategorical(distinct: number, present: number): boolean {
  return distinct <= 20 || (distinct <= 10_000 && distinct <= 0.2 * present);
}

type Mode = 'numeric' | 'dictionary' | 'list';

/** The missing codes: a table of their first characters, to skip the Set for most cells, and the Set. */
export interface MissingCodes {
  first: Uint8Array;
  codes: ReadonlySet<string>;
}

export function missingCodes(list: readonly string[]): MissingCodes {
  const first = new Uint8Array(65536);
  for (const m of list) if (m !== '') first[m.charCodeAt(0)] = 1;
  return { first, codes: new Set(list) };
}

/** A dictionary larger than this moves to plain UTF-8 (it is larger than any category). */
const LIST_AT = 10_001;
const DATE_LIST_AT = 400_000;

/** How a date column was read: its day-month order, and whether the values left that order open. */
export interface DateReading {
  order: DateOrder;
  ambiguous: boolean;
  /** Whether any value was a numeric date (12/03/1985), the only form the order matters for. */
  numeric: boolean;
}

export interface BuiltColumn {
  kind: ColumnKind;
  vector: Vector;
  /** For a date column. */
  dates?: DateReading;
}

export class ColumnBuilder {
  readonly name: string;
  private readonly dateOptions: { order?: DateOrder; yearPivot?: number };
  private length = 0;
  private mode: Mode = 'numeric';
  private integer = true;
  private numbers = new Float64Array(1024);
  private dictionary = new Map<string, number>();
  private dictValues: string[] = [];
  private codes = new Int32Array(0);
  private lastString = '';
  private lastCode = -2;
  private pending: (string | null)[] = [];
  private bytes: Utf8Accumulator | null = null;
  private listAt = LIST_AT;

  constructor(name: string, dateOptions: { order?: DateOrder; yearPivot?: number } = {}) {
    this.name = name;
    this.dateOptions = dateOptions;
  }

  get rows(): number {
    return this.length;
  }

  /** Append one cell; null is missing. */
  push(s: string | null): void {
    const i = this.length++;
    if (this.mode === 'numeric') {
      if (i >= this.numbers.length) this.numbers = grow(this.numbers);
      if (s === null) {
        this.numbers[i] = NaN;
        return;
      }
      const v = parseNumber(s);
      if (v === v) {
        this.numbers[i] = v;
        if (this.integer && !Number.isInteger(v)) this.integer = false;
        return;
      }
      this.toDictionary(i);
    }
    if (this.mode === 'dictionary') {
      if (i >= this.codes.length) this.codes = grow(this.codes);
      if (s === null) {
        this.codes[i] = -1;
        return;
      }
      // Survey files repeat a value down a household; the last one is checked first.
      if (s === this.lastString && this.lastCode >= 0) {
        this.codes[i] = this.lastCode;
        return;
      }
      let code = this.dictionary.get(s);
      if (code === undefined) {
        code = this.dictValues.length;
        this.dictionary.set(s, code);
        this.dictValues.push(s);
        if (code === this.listAt) {
          // Past this many values the column cannot be a category; dates stay, they are few.
          if (this.dateKind(this.dictValues) !== null) this.listAt = DATE_LIST_AT;
          else {
            this.codes[i] = code;
            this.toList(i + 1);
            return;
          }
        }
      }
      this.lastString = s;
      this.lastCode = code;
      this.codes[i] = code;
      return;
    }
    this.pending.push(s);
  }

  /** Called at the end of each parsed chunk: text held as strings moves into UTF-8 bytes. */
  flush(): void {
    if (this.bytes && this.pending.length > 0) {
      this.bytes.append(this.pending);
      this.pending = [];
    }
  }

  private toDictionary(upTo: number): void {
    this.mode = 'dictionary';
    this.codes = new Int32Array(Math.max(1024, this.numbers.length));
    const numbers = this.numbers;
    this.length = 0;
    for (let j = 0; j < upTo; j++) this.push(numbers[j] !== numbers[j] ? null : String(numbers[j]));
    this.length = upTo + 1;
    this.numbers = new Float64Array(0);
  }

  private toList(upTo: number): void {
    this.mode = 'list';
    const values = this.dictValues;
    this.bytes = new Utf8Accumulator();
    for (let start = 0; start < upTo; start += 4096) {
      const batch: (string | null)[] = [];
      for (let j = start; j < Math.min(upTo, start + 4096); j++) {
        const c = this.codes[j]!;
        batch.push(c < 0 ? null : values[c]!);
      }
      this.bytes.append(batch);
    }
    this.pending = [];
    this.codes = new Int32Array(0);
    this.dictionary = new Map();
    this.dictValues = [];
  }

  /** The day-month order these values are read in, or null when they are not all dates. */
  private dateKind(values: readonly string[]): DateReading | null {
    if (values.length === 0) return null;
    const evidence = detectDateOrder(values);
    if (evidence.conflicting && !this.dateOptions.order) return null;
    const options: DateParseOptions = { order: this.dateOptions.order ?? evidence.order };
    if (this.dateOptions.yearPivot !== undefined) options.yearPivot = this.dateOptions.yearPivot;
    if (!values.every((v) => !Number.isNaN(parseDate(v, options)))) return null;
    return { order: options.order!, ambiguous: !this.dateOptions.order && evidence.ambiguous, numeric: evidence.numeric > 0 };
  }

  private parseOptions(reading: DateReading): DateParseOptions {
    return this.dateOptions.yearPivot !== undefined ? { order: reading.order, yearPivot: this.dateOptions.yearPivot } : { order: reading.order };
  }

  /** The finished Arrow column and its inferred kind. */
  finish(): BuiltColumn {
    const n = this.length;
    if (this.mode === 'numeric') {
      const values = this.numbers.slice(0, n);
      let present = 0;
      for (let i = 0; i < n; i++) if (values[i] === values[i]) present++;
      if (present === 0) return { kind: 'text', vector: utf8Vector(new Array<null>(n).fill(null)) };
      return { kind: this.integer ? 'integer' : 'decimal', vector: float64Vector(values) };
    }
    if (this.mode === 'dictionary') {
      const codes = this.codes.slice(0, n);
      const values = this.dictValues;
      if (isBoolean(values)) return { kind: 'boolean', vector: boolVector(Int8Array.from(codes, (c) => (c < 0 ? -1 : TRUE_WORDS.has(values[c]!) ? 1 : 0))) };
      const dates = this.dateKind(values);
      if (dates) {
        const options = this.parseOptions(dates);
        return {
          kind: 'date',
          vector: dateDayVectorFromCodes(
            codes,
            Float64Array.from(values, (v) => parseDate(v, options)),
          ),
          dates,
        };
      }
      let present = 0;
      for (let i = 0; i < n; i++) if (codes[i]! >= 0) present++;
      if (isCategorical(values.length, present)) return { kind: 'categorical', vector: dictionaryVector(values, codes) };
      return { kind: 'text', vector: utf8Vector(Array.from(codes, (c) => (c < 0 ? null : values[c]!))) };
    }
    this.flush();
    const bytes = this.bytes!;
    const data = bytes.finish();
    // Dates are almost never this varied; check a sample before decoding every value.
    const sample: string[] = [];
    const vec = makeVector(data);
    for (let i = 0; i < n && sample.length < 200; i++) {
      const v = vec.get(i);
      if (v !== null) sample.push(v);
    }
    if (this.dateKind(sample) !== null) {
      const list = bytes.strings();
      const dates = this.dateKind(list.filter((v): v is string => v !== null));
      if (dates) {
        const options = this.parseOptions(dates);
        return { kind: 'date', vector: dateDayVector(Float64Array.from(list, (v) => (v === null ? NaN : parseDate(v, options)))), dates };
      }
    }
    return { kind: 'text', vector: vec };
  }
}

function isBoolean(values: readonly string[]): boolean {
  return values.length > 0 && values.every((v) => TRUE_WORDS.has(v) || FALSE_WORDS.has(v));
}

function grow<T extends Float64Array | Int32Array>(a: T, atLeast = 0): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(1024, a.length * 2, atLeast));
  b.set(a);
  return b;
}
