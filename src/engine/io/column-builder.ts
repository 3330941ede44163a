/**
 * Accumulates one column's cells, given as UTF-8 bytes, and infers its kind.
 * Cells start in a numeric buffer, parsed from the bytes without making a string;
 * the first value that is not a plain decimal number moves the column to a
 * dictionary keyed on the bytes (a hash table over one byte arena), and a
 * dictionary that grows past 10,000 values moves to plain UTF-8 offsets and data.
 * Dates and booleans are recognised at the end, over the distinct values only.
 *
 * A column that starts numeric and later turns to text keeps every earlier cell's
 * text exactly as written ("1.50" stays "1.50"): numbers whose text is not what
 * JavaScript would write for them are remembered as text while the column is numeric.
 *
 * The byte reader (csv-scan.ts) and PapaParse (for the files the byte reader
 * declines) both feed this builder, so both give the same columns.
 */
import type { Vector } from 'apache-arrow';
import { makeData, makeVector, Utf8 } from 'apache-arrow';
import { detectDateOrder, parseDate, type DateOrder, type DateParseOptions } from '../table/dates.ts';
import type { ColumnKind } from '../table/roles.ts';
import { boolVector, dateDayVector, dateDayVectorFromCodes, dictionaryVector, float64Vector, utf8Vector } from '../table/vectors.ts';

/** Exact powers of ten: a number with at most 15 digits divided by one of these is correctly rounded. */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Set by parseNumberBytes: how the number's text is written again. SHAPE_STRING: it is
 * what String() writes; 1 to 15: what toFixed() writes with that many decimals ("1.50");
 * SHAPE_OTHER: neither ("+5", "1e3", ".5"), so the text itself must be kept.
 */
let parsedShape = 0;
const SHAPE_STRING = 0;
const SHAPE_OTHER = 255;

/**
 * The number written in bytes [start, end), or NaN; the byte form of parseNumber.
 * Whole numbers of up to 15 digits are accumulated exactly; decimals of up to 15
 * digits are one correctly rounded division by an exact power of ten (so equal to
 * JavaScript's own conversion); anything else goes through that conversion.
 * Sets parsedShape.
 */
export function parseNumberBytes(b: Uint8Array, start: number, end: number): number {
  parsedShape = SHAPE_OTHER;
  const n = end - start;
  if (n === 0 || n > 32) return NaN;
  let i = start;
  let c = b[i]!;
  let negative = false;
  let plus = false;
  if (c === 45 || c === 43) {
    if (n === 1) return NaN;
    negative = c === 45;
    plus = c === 43;
    c = b[++i]!;
  }
  const first = i;
  if (c === 48 && i + 1 < end) {
    const d = b[i + 1]!;
    if (d >= 48 && d <= 57) return NaN;
  }
  let digits = 0;
  let whole = 0;
  let dotAt = -1;
  let exp = false;
  for (; i < end; i++) {
    c = b[i]!;
    if (c >= 48 && c <= 57) {
      digits++;
      whole = whole * 10 + (c - 48);
    } else if (c === 46 && dotAt < 0 && !exp) {
      dotAt = i;
    } else if ((c === 101 || c === 69) && digits > 0 && !exp) {
      exp = true;
      const sign = i + 1 < end ? b[i + 1]! : 0;
      if (sign === 43 || sign === 45) i++;
      if (i + 1 >= end) return NaN;
    } else {
      return NaN;
    }
  }
  if (digits === 0) return NaN;
  if (dotAt < 0 && !exp) {
    if (digits > 15) return NaN;
    if (!plus && !(negative && whole === 0)) parsedShape = SHAPE_STRING;
    return negative ? -whole : whole;
  }
  if (!exp && digits <= 15) {
    const decimals = end - dotAt - 1;
    const v = whole / POW10[decimals]!;
    // With 15 digits or fewer, toFixed gives the text back: no nearer decimal of that many places exists.
    if (!plus && dotAt > first && decimals > 0 && !(negative && whole === 0)) parsedShape = decimals;
    return negative ? -v : v;
  }
  const v = +asciiText(b, start, end);
  return Number.isFinite(v) ? v : NaN;
}

/**
 * A plain decimal number, or NaN. Leading zeros ("007", "01234") and integers
 * longer than 15 digits are not numbers here: they are codes or identifiers,
 * and reading them as numbers would change them.
 */
export function parseNumber(s: string): number {
  const n = s.length;
  if (n === 0 || n > 32) return NaN;
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return NaN;
    b[i] = c;
  }
  return parseNumberBytes(b, 0, n);
}

function asciiText(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}

const TRUE_WORDS = new Set(['true', 'TRUE', 'True']);
const FALSE_WORDS = new Set(['false', 'FALSE', 'False']);

/** Whether a column with `distinct` values among `present` is a category rather than free text. */
export function isCategorical(distinct: number, present: number): boolean {
  return distinct <= 20 || (distinct <= 10_000 && distinct <= 0.2 * present);
}

const NUMERIC = 0;
const DICTIONARY = 1;
const LIST = 2;
type Mode = typeof NUMERIC | typeof DICTIONARY | typeof LIST;

/** The missing codes as bytes, with a table of their first bytes to skip the comparison for most cells. */
export interface MissingCodes {
  first: Uint8Array;
  codes: readonly { text: string; bytes: Uint8Array }[];
}

export function missingCodes(list: readonly string[]): MissingCodes {
  const first = new Uint8Array(256);
  const encoder = new TextEncoder();
  const codes = list.filter((m) => m !== '').map((text) => ({ text, bytes: encoder.encode(text) }));
  for (const c of codes) first[c.bytes[0]!] = 1;
  return { first, codes };
}

/** The missing code the bytes [start, end) spell, or null. */
export function missingCodeAt(missing: MissingCodes, b: Uint8Array, start: number, end: number): string | null {
  if (missing.first[b[start]!] !== 1) return null;
  for (const { text, bytes } of missing.codes) if (bytes.length === end - start && sameBytes(bytes, 0, b, start, bytes.length)) return text;
  return null;
}

/** A 32-bit hash of bytes b[start, end), four bytes a step, mixed at the end (murmur3's finaliser). */
function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = end - start;
  let k = start;
  for (; k + 4 <= end; k += 4) h = Math.imul(h ^ (b[k]! | (b[k + 1]! << 8) | (b[k + 2]! << 16) | (b[k + 3]! << 24)), 0x5bd1e995) ^ (h >>> 13);
  for (; k < end; k++) h = Math.imul(h ^ b[k]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function sameBytes(a: Uint8Array, i: number, b: Uint8Array, j: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
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

/** A column builder's contents as plain data (typed arrays, numbers, strings): see ColumnBuilder.state(). */
export interface BuilderState {
  name: string;
  dateOptions: { order?: DateOrder; yearPivot?: number };
  length: number;
  nulls: number;
  mode: Mode;
  integer: boolean;
  numbers: Float64Array;
  shapes: Uint8Array | null;
  exact: [number, string][];
  arena: Uint8Array;
  starts: Int32Array;
  size: number;
  codes: Int32Array;
  listAt: number;
  data: Uint8Array;
  offsets: Int32Array;
  valid: Uint8Array;
  listNulls: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class ColumnBuilder {
  readonly name: string;
  private readonly dateOptions: { order?: DateOrder; yearPivot?: number };
  private length = 0;
  private nulls = 0;
  private mode: Mode = NUMERIC;
  private capacity: number;
  // Numeric: the numbers (NaN missing), whether all are whole, and the texts String() would not give back.
  private integer = true;
  private numbers: Float64Array;
  private shapes: Uint8Array | null = null;
  private exact = new Map<number, string>();
  // Dictionary: the values' bytes one after another, where each starts, their hashes, an open-addressing table of codes.
  private arena: Uint8Array = new Uint8Array(0);
  private arenaEnd = 0;
  private starts: Int32Array = new Int32Array(0);
  private hashes: Int32Array = new Int32Array(0);
  private table: Int32Array = new Int32Array(0);
  private size = 0;
  private codes: Int32Array = new Int32Array(0);
  private lastCode = -1;
  private listAt = LIST_AT;
  // List: UTF-8 data, offsets, validity bits.
  private data: Uint8Array = new Uint8Array(0);
  private offsets: Int32Array = new Int32Array(0);
  private valid: Uint8Array = new Uint8Array(0);
  private listNulls = 0;
  private scratch = new Uint8Array(256);
  private numberText = new Uint8Array(40);

  /** `capacity`: the rows expected, to size the buffers once. */
  constructor(name: string, dateOptions: { order?: DateOrder; yearPivot?: number } = {}, capacity = 1024) {
    this.name = name;
    this.dateOptions = dateOptions;
    this.capacity = Math.max(16, capacity);
    this.numbers = new Float64Array(this.capacity);
  }

  get rows(): number {
    return this.length;
  }

  /** The rows the buffers were sized for. */
  get capacityHint(): number {
    return this.capacity;
  }

  /** The date settings given at the start. */
  get dateSettings(): { order?: DateOrder; yearPivot?: number } {
    return this.dateOptions;
  }

  /** Append a missing cell. */
  pushNull(): void {
    this.nulls++;
    const i = this.length++;
    if (i >= this.capacity) this.growTo(i + 1);
    if (this.mode === NUMERIC) this.numbers[i] = NaN;
    else if (this.mode === DICTIONARY) this.codes[i] = -1;
    else {
      this.listNulls++;
      this.offsets[i + 1] = this.offsets[i]!;
    }
  }

  /** Append the cell whose UTF-8 bytes are b[start, end) (not empty, not a missing code). */
  push(b: Uint8Array, start: number, end: number): void {
    const i = this.length++;
    if (i >= this.capacity) this.growTo(i + 1);
    if (this.mode === NUMERIC) {
      const v = parseNumberBytes(b, start, end);
      if (v === v) {
        this.numbers[i] = v;
        const shape = parsedShape;
        if (shape !== SHAPE_STRING) {
          if (shape === SHAPE_OTHER) this.exact.set(i, asciiText(b, start, end));
          else (this.shapes ??= new Uint8Array(this.capacity))[i] = shape;
        }
        if (this.integer && !Number.isInteger(v)) this.integer = false;
        return;
      }
      this.toDictionary(i);
      // The mode may have moved on to a list while the earlier numbers were re-added.
    }
    if (this.mode === DICTIONARY) this.pushCode(i, b, start, end);
    else this.pushBytes(i, b, start, end);
  }

  /**
   * Append a cell of 1 to 15 digits, without a leading zero, whose value the caller
   * has added up already (so a numeric column need not parse it again).
   */
  pushWhole(value: number, b: Uint8Array, start: number, end: number): void {
    if (this.mode !== NUMERIC) return this.push(b, start, end);
    const i = this.length++;
    if (i >= this.capacity) this.growTo(i + 1);
    this.numbers[i] = value;
  }

  /** Append a cell given as a string (the PapaParse path); null is missing. */
  pushString(s: string | null): void {
    if (s === null) return this.pushNull();
    if (this.scratch.length < s.length * 3) this.scratch = new Uint8Array(s.length * 3 + 64);
    const { written } = encoder.encodeInto(s, this.scratch);
    this.push(this.scratch, 0, written);
  }

  private growTo(rows: number): void {
    const cap = Math.max(rows, Math.ceil(this.capacity * 1.5));
    if (this.mode === NUMERIC) {
      this.numbers = resized(this.numbers, cap);
      if (this.shapes !== null) this.shapes = resized(this.shapes, cap);
    } else if (this.mode === DICTIONARY) this.codes = resized(this.codes, cap);
    else {
      this.offsets = resized(this.offsets, cap + 1);
      this.valid = resized(this.valid, (cap + 7) >> 3);
    }
    this.capacity = cap;
  }

  private pushCode(i: number, b: Uint8Array, start: number, end: number): void {
    // Survey files repeat a value down a household; the last one is checked first.
    const last = this.lastCode;
    if (last >= 0) {
      const at = this.starts[last]!;
      if (this.starts[last + 1]! - at === end - start && sameBytes(this.arena, at, b, start, end - start)) {
        this.codes[i] = last;
        return;
      }
    }
    const before = this.size;
    const code = this.intern(b, start, end);
    this.codes[i] = code;
    this.lastCode = code;
    if (code === before && this.reachedListSize()) this.toList(i + 1);
  }

  /** Whether a new value made the dictionary too large to be a category (and the values are not dates). */
  private reachedListSize(): boolean {
    if (this.size - 1 !== this.listAt) return false;
    // Past this many values the column cannot be a category; dates stay, they are few.
    if (this.dateKind(this.dictionaryValues()) === null) return true;
    this.listAt = DATE_LIST_AT;
    return false;
  }

  /** The code of the value in bytes b[start, end), added to the dictionary when new. */
  private intern(b: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const h = hashBytes(b, start, end);
    // The table holds pairs (code, hash), so that a probe reads one place.
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = h & mask;
    for (;;) {
      const code = table[2 * slot]!;
      if (code < 0) break;
      if (table[2 * slot + 1] === h) {
        const at = this.starts[code]!;
        if (this.starts[code + 1]! - at === length && sameBytes(this.arena, at, b, start, length)) return code;
      }
      slot = (slot + 1) & mask;
    }
    const code = this.size++;
    table[2 * slot] = code;
    table[2 * slot + 1] = h;
    if (code + 2 > this.starts.length) {
      this.starts = resized(this.starts, this.starts.length * 2);
      this.hashes = resized(this.hashes, this.hashes.length * 2);
    }
    if (this.arenaEnd + length > this.arena.length) this.arena = resized(this.arena, Math.max(this.arena.length * 2, this.arenaEnd + length));
    this.arena.set(b.subarray(start, end), this.arenaEnd);
    this.arenaEnd += length;
    this.starts[code + 1] = this.arenaEnd;
    this.hashes[code] = h;
    if (this.size * 2 > this.table.length >> 1) this.rehash();
    return code;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = (table.length >> 1) - 1;
    for (let code = 0; code < this.size; code++) {
      const h = this.hashes[code]!;
      let slot = h & mask;
      while (table[2 * slot]! >= 0) slot = (slot + 1) & mask;
      table[2 * slot] = code;
      table[2 * slot + 1] = h;
    }
    this.table = table;
  }

  private pushBytes(i: number, b: Uint8Array, start: number, end: number): void {
    const at = this.offsets[i]!;
    const length = end - start;
    if (at + length > this.data.length) this.data = resized(this.data, Math.max(Math.ceil(this.data.length * 1.5), at + length));
    const data = this.data;
    if (length < 24) for (let k = 0; k < length; k++) data[at + k] = b[start + k]!;
    else data.set(b.subarray(start, end), at);
    this.offsets[i + 1] = at + length;
    this.valid[i >> 3]! |= 1 << (i & 7);
  }

  /** Numbers so far become text (as written), then the dictionary takes over from row `upTo`. */
  private toDictionary(upTo: number): void {
    this.leaveNumbers(upTo);
    this.length = upTo + 1;
  }

  /** The text of numeric row j, exactly as it was written. */
  private numberTextAt(j: number): string {
    const v = this.numbers[j]!;
    const shape = this.shapes === null ? SHAPE_STRING : this.shapes[j]!;
    return shape === SHAPE_STRING ? (this.exact.get(j) ?? String(v)) : v.toFixed(shape);
  }

  /** The numbers of rows [0, upTo) become text in a dictionary, as written. */
  private leaveNumbers(upTo: number): void {
    const numbers = this.numbers;
    const texts = (j: number) => this.numberTextAt(j);
    this.mode = DICTIONARY;
    this.codes = new Int32Array(this.capacity);
    this.table = new Int32Array(2048).fill(-1);
    this.starts = new Int32Array(1024);
    this.hashes = new Int32Array(1024);
    this.arena = new Uint8Array(1 << 14);
    this.length = 0;
    for (let j = 0; j < upTo; j++) {
      if (numbers[j] !== numbers[j]) this.pushNull();
      else {
        const text = texts(j);
        for (let k = 0; k < text.length; k++) this.numberText[k] = text.charCodeAt(k);
        this.push(this.numberText, 0, text.length);
      }
    }
    this.numbers = new Float64Array(0);
    this.exact = new Map();
    this.shapes = null;
  }

  // ------------------------------------------------------------ parts read apart, joined

  /** Hand each cell's bytes (null for a missing one) to `visit`, in row order. */
  private forEachCell(visit: (b: Uint8Array | null, start: number, end: number) => void): void {
    const scratch = new Uint8Array(40);
    for (let j = 0; j < this.length; j++) {
      if (this.mode === NUMERIC) {
        if (this.numbers[j] !== this.numbers[j]) visit(null, 0, 0);
        else {
          const text = this.numberTextAt(j);
          for (let k = 0; k < text.length; k++) scratch[k] = text.charCodeAt(k);
          visit(scratch, 0, text.length);
        }
      } else if (this.mode === DICTIONARY) {
        const c = this.codes[j]!;
        if (c < 0) visit(null, 0, 0);
        else visit(this.arena, this.starts[c]!, this.starts[c + 1]!);
      } else if ((this.valid[j >> 3]! & (1 << (j & 7))) === 0) visit(null, 0, 0);
      else visit(this.data, this.offsets[j]!, this.offsets[j + 1]!);
    }
  }

  /**
   * Append the rows another builder read (the next part of the same column), leaving
   * this builder as if it had read them itself: same kind, same dictionary order, same text.
   */
  append(other: ColumnBuilder): void {
    if (other.length === 0) return;
    const base = this.length;
    if (base + other.length > this.capacity) this.growTo(base + other.length);
    if (this.mode === NUMERIC && other.mode === NUMERIC) {
      this.numbers.set(other.numbers.subarray(0, other.length), base);
      if (other.shapes !== null) (this.shapes ??= new Uint8Array(this.capacity)).set(other.shapes.subarray(0, other.length), base);
      for (const [j, text] of other.exact) this.exact.set(base + j, text);
      this.integer &&= other.integer;
      this.nulls += other.nulls;
      this.length += other.length;
      return;
    }
    if (this.mode === NUMERIC) {
      // The first text is in the other part: what came before becomes text, as it would have.
      this.leaveNumbers(base);
    }
    if (this.mode === DICTIONARY && other.mode === DICTIONARY) {
      // The other part's values in its order of first appearance: the order this builder would have met them.
      const remap = new Int32Array(other.size);
      let full = false;
      for (let c = 0; c < other.size && !full; c++) {
        const before = this.size;
        remap[c] = this.intern(other.arena, other.starts[c]!, other.starts[c + 1]!);
        if (remap[c] === before && this.reachedListSize()) full = true;
      }
      if (!full) {
        for (let j = 0; j < other.length; j++) {
          const c = other.codes[j]!;
          this.codes[base + j] = c < 0 ? -1 : remap[c]!;
        }
        this.length += other.length;
        this.lastCode = -1;
        return;
      }
      this.toList(base);
    }
    if (this.mode === LIST && other.mode !== NUMERIC) {
      other.forEachCell((b, start, end) => {
        const i = this.length++;
        if (b === null) {
          this.listNulls++;
          this.offsets[i + 1] = this.offsets[i]!;
        } else this.pushBytes(i, b, start, end);
      });
      return;
    }
    // Numbers after text: each is text here, through the ordinary path.
    other.forEachCell((b, start, end) => (b === null ? this.pushNull() : this.push(b, start, end)));
  }

  /** Everything this builder holds, as plain data that can pass between threads. */
  state(): BuilderState {
    const n = this.length;
    return {
      name: this.name,
      dateOptions: this.dateOptions,
      length: n,
      nulls: this.nulls,
      mode: this.mode,
      integer: this.integer,
      numbers: this.numbers.subarray(0, this.mode === NUMERIC ? n : 0),
      shapes: this.shapes === null ? null : this.shapes.subarray(0, n),
      exact: [...this.exact],
      arena: this.arena.subarray(0, this.arenaEnd),
      starts: this.starts.subarray(0, this.size + 1),
      size: this.size,
      codes: this.codes.subarray(0, this.mode === DICTIONARY ? n : 0),
      listAt: this.listAt,
      data: this.data.subarray(0, this.mode === LIST ? this.offsets[n]! : 0),
      offsets: this.offsets.subarray(0, this.mode === LIST ? n + 1 : 0),
      valid: this.valid.subarray(0, this.mode === LIST ? (n + 7) >> 3 : 0),
      listNulls: this.listNulls,
    };
  }

  /** A builder holding what `state()` gave. */
  static fromState(st: BuilderState): ColumnBuilder {
    const b = new ColumnBuilder(st.name, st.dateOptions, 0);
    b.capacity = st.length;
    b.length = st.length;
    b.nulls = st.nulls;
    b.mode = st.mode;
    b.integer = st.integer;
    b.numbers = st.mode === NUMERIC ? st.numbers : new Float64Array(0);
    b.shapes = st.shapes;
    b.exact = new Map(st.exact);
    b.arena = st.arena;
    b.arenaEnd = st.arena.length;
    b.size = st.size;
    b.starts = st.starts;
    b.codes = st.codes;
    b.listAt = st.listAt;
    b.data = st.data;
    b.offsets = st.offsets;
    b.valid = st.valid;
    b.listNulls = st.listNulls;
    if (st.mode === DICTIONARY) {
      // The hash table is made again here rather than carried.
      b.hashes = new Int32Array(Math.max(1024, st.size + 2));
      for (let c = 0; c < st.size; c++) b.hashes[c] = hashBytes(st.arena, st.starts[c]!, st.starts[c + 1]!);
      let capacity = 1024;
      while (capacity < st.size * 2) capacity *= 2;
      b.table = new Int32Array(capacity);
      b.rehash();
    }
    return b;
  }

  /** The buffers of a state, to transfer rather than copy between threads. */
  static buffers(st: BuilderState): ArrayBuffer[] {
    const list = [st.numbers, st.shapes, st.arena, st.starts, st.codes, st.data, st.offsets, st.valid];
    return [...new Set(list.filter((a): a is NonNullable<typeof a> => a !== null && a.byteLength > 0).map((a) => a.buffer as ArrayBuffer))];
  }

  private toList(upTo: number): void {
    const codes = this.codes;
    const arena = this.arena;
    const starts = this.starts;
    this.mode = LIST;
    this.offsets = new Int32Array(this.capacity + 1);
    this.valid = new Uint8Array((this.capacity + 7) >> 3);
    this.data = new Uint8Array(Math.max(1 << 16, Math.ceil((this.arenaEnd / Math.max(1, this.size)) * this.capacity * 1.1)));
    for (let j = 0; j < upTo; j++) {
      const c = codes[j]!;
      if (c < 0) {
        this.listNulls++;
        this.offsets[j + 1] = this.offsets[j]!;
      } else this.pushBytes(j, arena, starts[c]!, starts[c + 1]!);
    }
    this.codes = new Int32Array(0);
    this.arena = new Uint8Array(0);
    this.starts = new Int32Array(0);
    this.hashes = new Int32Array(0);
    this.table = new Int32Array(0);
    this.size = 0;
  }

  private dictionaryValues(): string[] {
    const out = new Array<string>(this.size);
    for (let c = 0; c < this.size; c++) out[c] = decoder.decode(this.arena.subarray(this.starts[c]!, this.starts[c + 1]!));
    return out;
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
    if (this.mode === NUMERIC) {
      const values = trimmed(this.numbers, n);
      if (this.nulls === n) return { kind: 'text', vector: utf8Vector(new Array<null>(n).fill(null)) };
      return { kind: this.integer ? 'integer' : 'decimal', vector: float64Vector(values, this.nulls) };
    }
    if (this.mode === DICTIONARY) {
      const codes = trimmed(this.codes, n);
      const values = this.dictionaryValues();
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
    const text = (i: number) => decoder.decode(this.data.subarray(this.offsets[i]!, this.offsets[i + 1]!));
    const present = (i: number) => (this.valid[i >> 3]! & (1 << (i & 7))) !== 0;
    // Dates are almost never this varied; check a sample before decoding every value.
    const sample: string[] = [];
    for (let i = 0; i < n && sample.length < 200; i++) if (present(i)) sample.push(text(i));
    if (this.dateKind(sample) !== null) {
      const list: string[] = [];
      for (let i = 0; i < n; i++) if (present(i)) list.push(text(i));
      const dates = this.dateKind(list);
      if (dates) {
        const options = this.parseOptions(dates);
        const days = new Float64Array(n);
        for (let i = 0; i < n; i++) days[i] = present(i) ? parseDate(text(i), options) : NaN;
        return { kind: 'date', vector: dateDayVector(days), dates };
      }
    }
    return { kind: 'text', vector: this.utf8() };
  }

  private utf8(): Vector<Utf8> {
    const n = this.length;
    const end = this.offsets[n]!;
    const nullCount = this.listNulls;
    return makeVector(
      makeData({
        type: new Utf8(),
        length: n,
        nullCount,
        ...(nullCount > 0 ? { nullBitmap: trimmed(this.valid, (n + 7) >> 3) } : {}),
        valueOffsets: trimmed(this.offsets, n + 1),
        data: trimmed(this.data, end),
      }),
    );
  }
}

/** The first `length` elements: a view when little is left over, else a copy that frees the rest. */
function trimmed<T extends Float64Array | Int32Array | Uint8Array>(a: T, length: number): T {
  if (a.length === length) return a;
  return (a.length - length <= a.length >> 3 ? a.subarray(0, length) : a.slice(0, length)) as T;
}

function isBoolean(values: readonly string[]): boolean {
  return values.length > 0 && values.every((v) => TRUE_WORDS.has(v) || FALSE_WORDS.has(v));
}

function resized<T extends Float64Array | Int32Array | Uint8Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a.length <= length ? a : (a.subarray(0, length) as T));
  return b;
}
