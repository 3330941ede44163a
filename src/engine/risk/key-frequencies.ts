/**
 * Sample frequency counts of key-variable combinations: fk (records sharing a
 * record's combination) and, with a weight, Fk (the sum of their weights, an
 * estimate of the population frequency), as in sdcMicro's freqCalc.
 *
 * Missing key values (decision record docs/decisions/0006-missing-matches-any.md):
 * by default a missing value matches every category of its key, as in sdcMicro's
 * freqCalc (see missing-matches.ts for the exact rule and its quirks); with
 * `missing: 'own-category'` it is one more category, as ARX counts it.
 *
 * Method: each key column becomes dense integer codes; the codes are combined
 * into one number per record (mixed radix) and counted in an open-addressing
 * hash table over typed arrays.
 */
import type { Data } from 'apache-arrow';
import { EngineError } from '../errors.ts';
import type { RunContext } from '../context.ts';
import { codesOf, codesOfAsync, type ColumnCodes, type ReadonlyInt32Array } from '../table/column-codes.ts';
import { columnData, columnIndex, type Dataset } from '../table/dataset.ts';
import { matchingFrequencies, missingPatterns, type MissingMode } from './missing-matches.ts';

export type { MissingMode } from './missing-matches.ts';

export interface FrequencyOptions {
  /** How a missing key value counts; default 'matches-any' (sdcMicro). */
  missing?: MissingMode;
  /** With 'matches-any': the weight in [0, 1] of a match through a missing value (sdcMicro's alpha); default 1. */
  alpha?: number;
}

export interface KeyFrequencies {
  /** How a missing key value was counted. */
  missing: MissingMode;
  /** sdcMicro's alpha: the weight of a match through a missing value (1 unless chosen). */
  alpha: number;
  /**
   * Per record: the number of records whose key values match the record's (with
   * `own-category`, records with the same combination; with `matches-any`, a missing
   * value matches any value). Whole numbers unless alpha < 1. Made when first read.
   */
  readonly fk: Float64Array;
  /** Per record: the sum of weights over those records (only with a weight). Made when first read. */
  readonly Fk: Float64Array | null;
  /** Per record: its combination's id, 0..combinations-1 in order of first appearance (missing a value of its own). */
  group: Int32Array;
  /** Per combination: the number of records that have exactly it. */
  groupSize: Int32Array;
  /** Per combination: the summed weight of those records (only with a weight). */
  groupWeight: Float64Array | null;
  /** Per combination: fk of its records (equals groupSize with `own-category`). */
  groupFk: Float64Array;
  /** Per combination: Fk of its records (only with a weight). */
  groupFkWeighted: Float64Array | null;
  /** Per combination: a bit for each key (bit j for key j) whose value is missing in it. */
  groupMissing: Int32Array;
  /** Per combination: the first record that has it. */
  groupFirstRow: Int32Array;
  /** Per key: the codes of each record and the text of each code. */
  keyCodes: ColumnCodes[];
}

/**
 * Frequencies of the combinations of `keys` (fk, and Fk when `weight` is given).
 * @throws EngineError UNKNOWN_COLUMN for a key or weight not in the dataset; BAD_PARAMS with no keys.
 */
export function keyFrequencies(ds: Dataset, keys: readonly string[], weight?: string | null, options: FrequencyOptions = {}): KeyFrequencies {
  return drive(frequencySteps(ds, keys, weight, undefined, options));
}

/**
 * The same, with a checkpoint every few hundred thousand rows, for analyses that must
 * answer Cancel promptly; `known` are the keys' codes when the caller has made them (with checkpoints).
 */
export async function keyFrequenciesAsync(
  ds: Dataset,
  keys: readonly string[],
  weight: string | null | undefined,
  known: readonly ColumnCodes[] | undefined,
  ctx: { checkpoint(): Promise<void> },
  options: FrequencyOptions = {},
): Promise<KeyFrequencies> {
  const steps = frequencySteps(ds, keys, weight, known, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await ctx.checkpoint();
  }
}

/**
 * The codes of each key variable, one column at a time with a checkpoint between them
 * (the slow part on a first call, so Cancel is answered promptly) and progress.
 * @throws EngineError UNKNOWN_COLUMN for a key not in the dataset
 */
export async function codeKeysAsync(ds: Dataset, keys: readonly string[], ctx: RunContext, step = 'Coding the key variables'): Promise<ColumnCodes[]> {
  const codes: ColumnCodes[] = [];
  for (const [j, key] of keys.entries()) {
    codes.push(await codesOfAsync(ds, columnIndex(ds, key), ctx));
    ctx.progress(step, j + 1, keys.length);
  }
  return codes;
}

/** The value of each key (null for missing) in one record. */
export function keyValuesAt(keyCodes: readonly ColumnCodes[], row: number): (string | null)[] {
  return keyCodes.map((kc) => kc.labels[kc.codes[row]!] ?? null);
}

function drive<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Rows between two yields of the counting loops (a few tens of milliseconds). */
const STEP = 1 << 18;

function* frequencySteps(
  ds: Dataset,
  keys: readonly string[],
  weight: string | null | undefined,
  known: readonly ColumnCodes[] | undefined,
  options: FrequencyOptions,
): Generator<void, KeyFrequencies> {
  if (keys.length === 0) throw new EngineError('BAD_PARAMS', 'Choose at least one key variable.');
  const missing = options.missing ?? 'matches-any';
  const alpha = options.alpha ?? 1;
  if (!(alpha >= 0 && alpha <= 1)) throw new EngineError('BAD_PARAMS', `alpha must be between 0 and 1, not ${alpha}.`, { alpha });
  const n = ds.table.numRows;
  const keyCodes = known ? [...known] : keys.map((k) => codesOf(ds, columnIndex(ds, k)));
  const w = weight ? weightValues(ds, weight) : null;
  const combined = yield* combineCodes(keyCodes, n);
  const { group, groups, size, firstRow } = yield* denseGroupSteps(combined, n);
  const groupSize = size.subarray(0, groups);
  const groupFirstRow = firstRow.subarray(0, groups);
  const groupWeight = w ? sumWeights(w, group, groups) : null;
  const groupMissing = missingPatterns(keyCodes, groupFirstRow);
  let groupFk: Float64Array;
  let groupFkWeighted: Float64Array | null;
  if (missing === 'matches-any' && groupMissing.some((m) => m !== 0)) {
    yield;
    ({ fk: groupFk, Fk: groupFkWeighted } = matchingFrequencies(keyCodes, groupFirstRow, groupSize, groupWeight, groupMissing, alpha));
  } else {
    groupFk = Float64Array.from(groupSize);
    groupFkWeighted = groupWeight;
  }
  return withPerRecord({ missing, alpha, group, groupSize, groupWeight, groupFk, groupFkWeighted, groupMissing, groupFirstRow, keyCodes });
}

/**
 * The per-record fk and Fk, made from the per-combination values when first read:
 * most measures work on combinations, and two passes over a million records are a
 * fifth of the cost of the counting.
 */
function withPerRecord(f: Omit<KeyFrequencies, 'fk' | 'Fk'>): KeyFrequencies {
  let fk: Float64Array | null = null;
  let Fk: Float64Array | null | undefined;
  return Object.defineProperties(f as KeyFrequencies, {
    fk: { enumerable: true, get: () => (fk ??= gather(f.groupFk, f.group)) },
    Fk: { enumerable: true, get: () => (Fk === undefined ? (Fk = f.groupFkWeighted ? gather(f.groupFkWeighted, f.group) : null) : Fk) },
  });
}

/** Per record, the value of its combination. */
export function gather(perGroup: Float64Array, group: Int32Array): Float64Array {
  const out = new Float64Array(group.length);
  for (let i = 0; i < group.length; i++) out[i] = perGroup[group[i]!]!;
  return out;
}

function sumWeights(w: Float64Array, group: Int32Array, groups: number): Float64Array {
  const out = new Float64Array(groups);
  for (let i = 0; i < group.length; i++) {
    const g = group[i]!;
    out[g] = out[g]! + w[i]!;
  }
  return out;
}

/** A weight column's data. @throws EngineError BAD_PARAMS when it does not hold numbers */
export function weightData(ds: Dataset, weight: string): Data {
  const idx = columnIndex(ds, weight);
  const meta = ds.columns[idx]!;
  if (meta.kind !== 'integer' && meta.kind !== 'decimal') {
    throw new EngineError('BAD_PARAMS', `The weight column "${weight}" must hold numbers, but it holds ${meta.kind} values.`, { column: weight });
  }
  return columnData(ds, idx);
}

/** A weight column's values. @throws EngineError BAD_PARAMS when one is missing, zero or negative (checkWeights) */
export function weightValues(ds: Dataset, weight: string): Float64Array {
  checkWeights(ds, weight);
  return weightData(ds, weight).values as Float64Array;
}

/**
 * A sampling weight must be a positive number in every record: a missing, zero or
 * negative weight would make Fk (and every risk from it) silently wrong.
 * @throws EngineError BAD_PARAMS naming the count of each and the first row
 */
export function checkWeights(ds: Dataset, weight: string): void {
  const data = weightData(ds, weight);
  const values = data.values as Float64Array;
  let missing = 0;
  let notPositive = 0;
  let first = -1;
  const nullable = data.nullCount > 0;
  for (let i = 0; i < data.length; i++) {
    if (values[i]! > 0 && !nullable) continue;
    const bad = nullable && !data.getValid(i) ? (missing++, true) : !(values[i]! > 0) ? (notPositive++, true) : false;
    if (bad && first < 0) first = i;
  }
  if (missing + notPositive > 0) {
    const parts = [
      missing ? `missing in ${missing.toLocaleString('en-GB')} records` : '',
      notPositive ? `zero or negative in ${notPositive.toLocaleString('en-GB')}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    throw new EngineError(
      'BAD_PARAMS',
      `The weight "${weight}" is ${parts} (first: row ${first + 1}). A sampling weight must be a positive number: fix or drop those records, or measure without a weight.`,
      { column: weight, row: first + 1 },
    );
  }
}

const INT32_LIMIT = 2 ** 31;

/**
 * One number per record from the key codes, mixed radix. While the product of
 * cardinalities stays below 2^31 the numbers are Int32; past that the partial
 * combination is re-coded densely first.
 */
function* combineCodes(keyCodes: readonly ColumnCodes[], n: number): Generator<void, Int32Array> {
  let combined: Int32Array | null = null;
  let card = 1;
  let start = 0;
  while (start < keyCodes.length) {
    // Take as many keys as fit in 31 bits together with the current combination.
    let end = start;
    let product = card;
    while (end < keyCodes.length && product * keyCodes[end]!.cardinality < INT32_LIMIT) product *= keyCodes[end++]!.cardinality;
    if (end === start) {
      // The combination so far is too wide to extend: re-code it densely.
      const dense: DenseGroups = yield* denseGroupSteps(combined!, n);
      combined = dense.group;
      card = dense.groups;
      if (card * keyCodes[start]!.cardinality >= INT32_LIMIT) {
        throw new EngineError('BAD_PARAMS', 'These key variables have too many combinations to count.');
      }
      continue;
    }
    const out: Int32Array = combined ?? new Int32Array(n);
    const cols = keyCodes.slice(start, end).map((k) => k.codes);
    const cards = keyCodes.slice(start, end).map((k) => k.cardinality);
    if (cols.length === 1 && combined === null) {
      out.set(cols[0]!);
    } else {
      for (let s0 = 0; s0 < n; s0 += STEP) {
        combineRange(out, combined !== null, cols, cards, s0, Math.min(n, s0 + STEP));
        if (s0 + STEP < n) yield;
      }
    }
    combined = out;
    card = product;
    start = end;
  }
  return combined!;
}

function combineRange(out: Int32Array, extend: boolean, cols: readonly ReadonlyInt32Array[], cards: readonly number[], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    let key = extend ? out[i]! : 0;
    for (let j = 0; j < cols.length; j++) key = key * cards[j]! + cols[j]![i]!;
    out[i] = key;
  }
}

/**
 * Dense ids, in order of first appearance, for non-negative Int32 keys, via an
 * open-addressing hash table (linear probing) with at least twice as many slots as
 * records; in the same pass, each group's size and first record.
 */
export function denseGroups(keys: ReadonlyInt32Array, n: number): DenseGroups {
  return drive(denseGroupSteps(keys, n));
}

interface DenseGroups {
  group: Int32Array;
  groups: number;
  size: Int32Array;
  firstRow: Int32Array;
}

interface DenseTable extends DenseGroups {
  slotKey: Int32Array;
  slotGroup: Int32Array;
  mask: number;
}

// The loops live in plain functions over a range of rows, called once for the whole
// range by the synchronous path and chunk by chunk by the one with checkpoints: V8
// optimises them less well inside a generator (measured: cached fk 1.2x the floor
// instead of 1.05x).
function* denseGroupSteps(keys: ReadonlyInt32Array, n: number): Generator<void, DenseGroups> {
  let capacity = 1024;
  while (capacity < 2 * n) capacity *= 2;
  const table: DenseTable = {
    slotKey: new Int32Array(capacity).fill(-1),
    slotGroup: new Int32Array(capacity),
    mask: capacity - 1,
    group: new Int32Array(n),
    size: new Int32Array(n),
    firstRow: new Int32Array(n),
    groups: 0,
  };
  for (let start = 0; start < n; start += STEP) {
    denseRange(table, keys, start, Math.min(n, start + STEP));
    if (start + STEP < n) yield;
  }
  return { group: table.group, groups: table.groups, size: table.size, firstRow: table.firstRow };
}

function denseRange(t: DenseTable, keys: ReadonlyInt32Array, from: number, to: number): void {
  const { slotKey, slotGroup, group, size, firstRow, mask } = t;
  let groups = t.groups;
  for (let i = from; i < to; i++) {
    const key = keys[i]!;
    let h = Math.imul(key, 0x9e3779b1);
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const k = slotKey[h]!;
      if (k === key) {
        const g = slotGroup[h]!;
        group[i] = g;
        size[g]!++;
        break;
      }
      if (k === -1) {
        slotKey[h] = key;
        slotGroup[h] = groups;
        group[i] = groups;
        size[groups] = 1;
        firstRow[groups++] = i;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  t.groups = groups;
}
