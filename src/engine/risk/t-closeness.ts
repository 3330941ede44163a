/**
 * t-closeness of a sensitive variable (Li, Li and Venkatasubramanian 2007): the
 * Earth Mover's Distance between the distribution of the variable within each
 * combination of the key variables and its distribution over the whole file. A
 * combination is t-close when that distance is at most t. sdcMicro has no
 * t-closeness; the distances are the paper's, as ARX computes them:
 *
 * - nominal (equal distance between any two values): half the L1 distance,
 *   (1/2) sum_v |p_v - q_v|, the total variation distance;
 * - ordered (ordinal or numeric): with the m distinct values of the whole file in
 *   order, (1/(m-1)) sum_i |sum_{j<=i} (p_j - q_j)|. Only values that occur in the
 *   file count towards m; with fewer than two, every distance is 0.
 *
 * Missing values: under nominal distance a missing value is one more category (an
 * attacker who learns "missing" has learnt something). Under ordered distance it has
 * no place in the order, so missing values are left out of both distributions; a
 * combination with no known value has distance 0.
 *
 * Method: counts are whole numbers, and each distance is computed from them exactly
 * (integers below 2^53) until the final division. Ordered distances cost
 * O(d log m) per combination with d distinct values in it, not O(m): between two
 * values present in the combination its cumulative count is constant, and the sum
 * of |constant - file's cumulative count| over that stretch comes from prefix sums
 * and a binary search for where the file's cumulative count crosses it.
 */
import { EngineError } from '../errors.ts';
import type { ColumnCodes, ReadonlyInt32Array } from '../table/column-codes.ts';
import { bucketByGroup, firstInOrder } from './l-diversity.ts';

export interface TClosenessOptions {
  /** true for ordered distance (ordinal or numeric variables), false for equal distance (nominal). */
  ordered: boolean;
  /** A combination fails when its distance is above t; default 0.2. */
  t?: number;
  /** How many failing combinations to list; default 20. */
  top?: number;
  /**
   * Ordered distance only: the codes from lowest to highest value. It must contain
   * every code that occurs (except missing). Without it, codes go in the order of
   * their labels' numeric values.
   */
  order?: readonly number[];
}

export interface TClosenessWorst {
  group: number;
  firstRow: number;
  size: number;
  distance: number;
}

export interface TClosenessResult {
  sensitive: string;
  ordered: boolean;
  /** Per combination: its distance, in [0, 1]. */
  perGroup: Float64Array;
  /** The largest distance (0 with no combinations). */
  max: number;
  /** Combinations with distance > t, and their records. */
  failingCombinations: number;
  failingRecords: number;
  /** The failing combinations, largest distance first (then the larger, then first seen); at most `top`. */
  worst: TClosenessWorst[];
}

/** Distances within this of t count as t: they differ from it by rounding only. */
const ROUNDING = 1e-12;

/**
 * The t-closeness distance of each combination from the whole file.
 * @param group the combination of each record, 0..groups-1 (keyFrequencies' `group`)
 * @param groups the number of combinations
 * @param groupFirstRow the first record of each combination (reported in `worst`)
 * @param sensitive the sensitive variable's name and codes
 * @returns the distance of each combination and a summary against t
 * @throws EngineError BAD_PARAMS for options out of range, an order that does not fit the codes,
 *   ordered distance on non-numeric labels without an order, or arrays that do not fit together
 */
export function tCloseness(
  group: ReadonlyInt32Array,
  groups: number,
  groupFirstRow: ReadonlyInt32Array,
  sensitive: { name: string; codes: ColumnCodes },
  options: TClosenessOptions,
): TClosenessResult {
  const t = options.t ?? 0.2;
  const top = options.top ?? 20;
  const ordered = options.ordered;
  if (!(t >= 0 && t <= 1)) throw new EngineError('BAD_PARAMS', `t must be between 0 and 1, not ${t}.`, { t });
  if (!(Number.isInteger(top) && top >= 0))
    throw new EngineError('BAD_PARAMS', `The number of combinations to list must be a whole number of at least 0, not ${top}.`, { top });
  if (!ordered && options.order) throw new EngineError('BAD_PARAMS', 'An order of the values applies only to ordered distance.');
  const codes = sensitive.codes;
  const { start, values } = bucketByGroup(group, groups, groupFirstRow, codes.codes);
  const perGroup = ordered ? orderedDistances(start, values, groups, codes, options.order) : nominalDistances(start, values, groups, codes.cardinality);

  let max = 0;
  let failingCombinations = 0;
  let failingRecords = 0;
  const failingIds: number[] = [];
  for (let g = 0; g < groups; g++) {
    const d = perGroup[g]!;
    if (d > max) max = d;
    if (d - t > ROUNDING) {
      failingCombinations++;
      failingRecords += start[g + 1]! - start[g]!;
      failingIds.push(g);
    }
  }
  const sizeOf = (g: number) => start[g + 1]! - start[g]!;
  const worst = firstInOrder(failingIds, (x, y) => perGroup[y]! - perGroup[x]! || sizeOf(y) - sizeOf(x) || x - y, top).map<TClosenessWorst>((g) => ({
    group: g,
    firstRow: groupFirstRow[g]!,
    size: sizeOf(g),
    distance: perGroup[g]!,
  }));
  return { sensitive: sensitive.name, ordered, perGroup, max, failingCombinations, failingRecords, worst };
}

/** (1/2) sum_v |n_gv/n_g - N_v/N| = (sum_v |n_gv N - N_v n_g|) / (2 N n_g), missing as a category. */
function nominalDistances(start: Int32Array, values: Int32Array, groups: number, card: number): Float64Array {
  const n = values.length;
  const all = new Float64Array(card);
  for (let k = 0; k < n; k++) all[values[k]!]!++;
  const out = new Float64Array(groups);
  const count = new Int32Array(card);
  const used = new Int32Array(card);
  for (let g = 0; g < groups; g++) {
    const a = start[g]!;
    const size = start[g + 1]! - a;
    if (size === 0) continue;
    let d = 0;
    for (let k = a; k < a + size; k++) {
      const v = values[k]!;
      if (count[v]!++ === 0) used[d++] = v;
    }
    // Values absent from the combination add N_v * n_g each: n_g (N - sum of the present N_v).
    let sum = 0;
    let present = 0;
    for (let j = 0; j < d; j++) {
      const v = used[j]!;
      sum += Math.abs(count[v]! * n - all[v]! * size);
      present += all[v]!;
      count[v] = 0;
    }
    sum += size * (n - present);
    out[g] = sum / (2 * n * size);
  }
  return out;
}

/**
 * (1/(m-1)) sum_i |G_i/n_g - A_i/N| over the ranks i of the m values that occur, where G
 * and A are the cumulative counts of the combination and the file: sum_i |G_i N - n_g A_i|
 * divided by N n_g (m - 1). Missing values are left out of both.
 */
function orderedDistances(start: Int32Array, values: Int32Array, groups: number, codes: ColumnCodes, order: readonly number[] | undefined): Float64Array {
  const card = codes.cardinality;
  // Not always the last code: codes made from the cells' text number missing where it first occurs.
  const missing = codes.hasMissing ? codes.labels.indexOf(null) : -1;
  const all = new Float64Array(card);
  for (let k = 0; k < values.length; k++) all[values[k]!]!++;
  const sequence = order ? checkedOrder(order, codes, all) : numericOrder(codes, all);
  // rank[code] for codes that occur; -1 for missing and absent codes.
  const rank = new Int32Array(card).fill(-1);
  const cumulative: number[] = [];
  let total = 0;
  for (const code of sequence) {
    if (all[code]! === 0) continue;
    rank[code] = cumulative.length;
    total += all[code]!;
    cumulative.push(total);
  }
  const m = cumulative.length;
  const out = new Float64Array(groups);
  if (m < 2) return out;
  const A = Float64Array.from(cumulative);
  // prefix[i] = A_0 + ... + A_{i-1}
  const prefix = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) prefix[i + 1] = prefix[i]! + A[i]!;
  const N = total;
  const count = new Int32Array(m);
  const used = new Int32Array(m);
  for (let g = 0; g < groups; g++) {
    let d = 0;
    let size = 0;
    for (let k = start[g]!; k < start[g + 1]!; k++) {
      const v = values[k]!;
      if (v === missing) continue;
      const r = rank[v]!;
      size++;
      if (count[r]!++ === 0) used[d++] = r;
    }
    if (size === 0) continue;
    const ranks = used.subarray(0, d).sort();
    // Stretch [from, to) of ranks over which the combination's cumulative count G is constant.
    let sum = 0;
    let G = 0;
    let from = 0;
    for (let j = 0; j <= d; j++) {
      const to = j < d ? ranks[j]! : m;
      if (to > from) sum += stretch(A, prefix, from, to, G * N, size);
      if (j < d) {
        G += count[to]!;
        count[to] = 0;
        from = to;
      }
    }
    out[g] = Math.min(1, sum / (N * size * (m - 1)));
  }
  return out;
}

/** sum_{i in [from, to)} |X - s A_i| with A non-decreasing: split where s A_i passes X. */
function stretch(A: Float64Array, prefix: Float64Array, from: number, to: number, X: number, s: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s * A[mid]! > X) hi = mid;
    else lo = mid + 1;
  }
  const below = X * (lo - from) - s * (prefix[lo]! - prefix[from]!);
  const above = s * (prefix[to]! - prefix[lo]!) - X * (to - lo);
  return below + above;
}

/** The non-missing codes in the order of their labels' numeric values. */
function numericOrder(codes: ColumnCodes, all: Float64Array): number[] {
  const seq: number[] = [];
  const value = new Float64Array(codes.cardinality);
  for (let c = 0; c < codes.cardinality; c++) {
    const label = codes.labels[c];
    if (label === null || label === undefined || all[c] === 0) continue;
    const x = label.trim() === '' ? NaN : Number(label);
    if (!Number.isFinite(x)) {
      throw new EngineError('BAD_PARAMS', `Ordered distance needs numbers or an order of the values, and "${label}" is not a number.`, { value: label });
    }
    value[c] = x;
    seq.push(c);
  }
  return seq.sort((a, b) => value[a]! - value[b]!);
}

function checkedOrder(order: readonly number[], codes: ColumnCodes, all: Float64Array): readonly number[] {
  const card = codes.cardinality;
  const seen = new Uint8Array(card);
  for (const c of order) {
    if (!(Number.isInteger(c) && c >= 0 && c < card) || codes.labels[c] === null) {
      throw new EngineError('BAD_PARAMS', `The order names ${c}, which is not a value of the variable.`, { code: c });
    }
    if (seen[c]) throw new EngineError('BAD_PARAMS', `The order names value "${codes.labels[c]}" twice.`, { value: codes.labels[c] ?? null });
    seen[c] = 1;
  }
  for (let c = 0; c < card; c++) {
    if (all[c]! > 0 && !seen[c] && codes.labels[c] !== null) {
      throw new EngineError('BAD_PARAMS', `The order leaves out the value "${codes.labels[c]}".`, { value: codes.labels[c] ?? null });
    }
  }
  return order;
}
