/**
 * l-diversity of a sensitive variable within the combinations of the key
 * variables (Machanavajjhala, Kifer, Gehrke and Venkitasubramaniam 2007): distinct
 * l (how many different values), entropy l (exp of the entropy of the values) and
 * recursive (c, l)-diversity, per combination, as sdcMicro 5.8.1's
 * `ldiversity(obj, ldiv_index, l_recurs_c)` (R/measure_risk.R, src/Measure_Risk.h).
 *
 * Combinations: the function takes them from the caller (`group`), so it does not
 * decide how a missing key value counts. sdcMicro 5.8.1 sorts the records by the
 * keys and cuts a group wherever consecutive keys differ, comparing doubles with
 * `!=`; R's NA is a NaN there, which equals nothing, so every record with a missing
 * key value is a combination of its own (size 1). sdcMicro 5.8.2 fixed that (its
 * issue #363): a missing key value is one more category of its key. The `group` of
 * keyFrequencies is that fixed behaviour (combinations of exact values, missing a
 * value of its own) whatever its `missing` mode.
 *
 * Missing sensitive values, as sdcMicro counts them (both 5.8.1 and 5.8.2): its
 * categories are found by comparing values with `==`, and NaN equals nothing, so
 * each record whose sensitive value is missing is a value of its own, different from
 * every other one and from the other missing ones. It adds 1 to distinct l, a share
 * of 1/size to the entropy, and a frequency of 1 to the recursive count. (sdcMicro's
 * `missing` argument, the number -999 by default, is a code for missing of its own;
 * here a value -999 is an ordinary value.)
 *
 * Recursive l: the frequencies r1 >= r2 >= ... >= rm of the values in the
 * combination; the result is the largest l (1 <= l <= m) with r1 < c (rl + ... + rm),
 * or 1 when none; sdcMicro does this sum in single precision (float), and so does
 * this function, so that the same l comes out for any c.
 */
import { EngineError } from '../errors.ts';
import type { ColumnCodes, ReadonlyInt32Array } from '../table/column-codes.ts';

export interface LDiversityOptions {
  /** The constant c of recursive (c, l)-diversity, sdcMicro's l_recurs_c; default 2. */
  recursiveC?: number;
  /** Combinations with distinct l below this fail; default 2. */
  l?: number;
  /** How many failing combinations to list; default 20. */
  top?: number;
  /** The number of records in each combination, when the caller has it (keyFrequencies' groupSize): saves a pass. */
  groupSize?: ReadonlyInt32Array;
}

export interface LDiversityFailure {
  group: number;
  firstRow: number;
  size: number;
  distinct: number;
  entropy: number;
  recursive: number;
}

export interface LDiversityResult {
  sensitive: string;
  /** Per record: distinct l of its combination (sdcMicro's `<var>_Distinct_Ldiversity`); made when first read, as the next two. */
  readonly distinct: Int32Array;
  /** Per record: entropy l of its combination (`<var>_Entropy_Ldiversity`). */
  readonly entropy: Float64Array;
  /** Per record: recursive (c, l)-diversity of its combination (`<var>_Recursive_Ldiversity`). */
  readonly recursive: Int32Array;
  /** The smallest value of each measure over the combinations that have records (0 when there are none). */
  min: { distinct: number; entropy: number; recursive: number };
  /** Combinations with distinct l < l: lowest distinct l first, then lowest entropy l, lowest recursive l, largest, first seen; at most `top`. */
  failing: LDiversityFailure[];
  failingCombinations: number;
  failingRecords: number;
}

/**
 * Distinct, entropy and recursive l-diversity of `sensitive` within each combination.
 * @param group the combination of each record, 0..groups-1 (keyFrequencies' `group`)
 * @param groups the number of combinations
 * @param groupFirstRow the first record of each combination (reported in `failing`)
 * @param sensitive the sensitive variable's name and codes
 * @returns per-record measures as sdcMicro's columns, and a summary
 * @throws EngineError BAD_PARAMS for options out of range or arrays that do not fit together
 */
export function lDiversity(
  group: ReadonlyInt32Array,
  groups: number,
  groupFirstRow: ReadonlyInt32Array,
  sensitive: { name: string; codes: ColumnCodes },
  options: LDiversityOptions = {},
): LDiversityResult {
  const c = options.recursiveC ?? 2;
  const l = options.l ?? 2;
  const top = options.top ?? 20;
  if (!(Number.isFinite(c) && c > 0))
    throw new EngineError('BAD_PARAMS', `The constant c of recursive l-diversity must be a number above 0, not ${c}.`, { recursiveC: c });
  if (!(Number.isInteger(l) && l >= 1)) throw new EngineError('BAD_PARAMS', `l must be a whole number of at least 1, not ${l}.`, { l });
  if (!(Number.isInteger(top) && top >= 0))
    throw new EngineError('BAD_PARAMS', `The number of combinations to list must be a whole number of at least 0, not ${top}.`, { top });
  const codes = sensitive.codes;
  const { start, values } = bucketByGroup(group, groups, groupFirstRow, codes.codes, options.groupSize);
  const card = codes.cardinality;
  // Not always the last code: codes made from the cells' text number missing where it first occurs.
  const missing = codes.hasMissing ? codes.labels.indexOf(null) : -1;

  const gDistinct = new Int32Array(groups);
  const gEntropy = new Float64Array(groups);
  const gRecursive = new Int32Array(groups);
  const count = new Int32Array(card);
  const used = new Int32Array(card);
  const freq = new Int32Array(card);
  const cf = Math.fround(c);
  for (let g = 0; g < groups; g++) {
    const a = start[g]!;
    const b = start[g + 1]!;
    const size = b - a;
    if (size === 0) continue;
    if (size === 1) {
      // One record: one value (missing or not), entropy l exp(0) = 1, recursive l 1.
      gDistinct[g] = 1;
      gEntropy[g] = 1;
      gRecursive[g] = 1;
      continue;
    }
    let d = 0;
    let nMissing = 0;
    for (let k = a; k < b; k++) {
      const v = values[k]!;
      if (v === missing) nMissing++;
      else if (count[v]!++ === 0) used[d++] = v;
    }
    if (d === 1 && nMissing === 0) {
      // One value throughout: entropy l exp(-1 log 1) = 1, recursive l 1.
      count[used[0]!] = 0;
      gDistinct[g] = 1;
      gEntropy[g] = 1;
      gRecursive[g] = 1;
      continue;
    }
    let h = 0;
    for (let j = 0; j < d; j++) {
      const v = used[j]!;
      const f = count[v]!;
      count[v] = 0;
      freq[j] = f;
      const p = f / size;
      h += p * Math.log(p);
    }
    if (nMissing > 0) h += nMissing * (Math.log(1 / size) / size);
    gDistinct[g] = d + nMissing;
    gEntropy[g] = Math.exp(-h);
    gRecursive[g] = recursiveL(freq, d, nMissing, cf);
  }

  let minD = Infinity;
  let minE = Infinity;
  let minR = Infinity;
  let failingCombinations = 0;
  let failingRecords = 0;
  const failingIds: number[] = [];
  for (let g = 0; g < groups; g++) {
    const size = start[g + 1]! - start[g]!;
    if (size === 0) continue;
    if (gDistinct[g]! < minD) minD = gDistinct[g]!;
    if (gEntropy[g]! < minE) minE = gEntropy[g]!;
    if (gRecursive[g]! < minR) minR = gRecursive[g]!;
    if (gDistinct[g]! < l) {
      failingCombinations++;
      failingRecords += size;
      failingIds.push(g);
    }
  }
  const sizeOf = (g: number) => start[g + 1]! - start[g]!;
  const order = (x: number, y: number) =>
    gDistinct[x]! - gDistinct[y]! || gEntropy[x]! - gEntropy[y]! || gRecursive[x]! - gRecursive[y]! || sizeOf(y) - sizeOf(x) || x - y;
  const failing = firstInOrder(failingIds, order, top).map<LDiversityFailure>((g) => ({
    group: g,
    firstRow: groupFirstRow[g]!,
    size: sizeOf(g),
    distinct: gDistinct[g]!,
    entropy: gEntropy[g]!,
    recursive: gRecursive[g]!,
  }));
  const none = minD === Infinity;
  // Per record, made when first read: the summary needs only the combinations.
  const perRecord = <A extends Int32Array | Float64Array>(perGroup: A): A => {
    const out = new (perGroup.constructor as new (n: number) => A)(group.length);
    for (let i = 0; i < group.length; i++) out[i] = perGroup[group[i]!]!;
    return out;
  };
  let distinct: Int32Array | null = null;
  let entropy: Float64Array | null = null;
  let recursive: Int32Array | null = null;
  return {
    sensitive: sensitive.name,
    get distinct() {
      return (distinct ??= perRecord(gDistinct));
    },
    get entropy() {
      return (entropy ??= perRecord(gEntropy));
    },
    get recursive() {
      return (recursive ??= perRecord(gRecursive));
    },
    min: { distinct: none ? 0 : minD, entropy: none ? 0 : minE, recursive: none ? 0 : minR },
    failing,
    failingCombinations,
    failingRecords,
  };
}

/**
 * The first `top` of `ids` in the order of `compare` (a total order), without sorting
 * them all: a short sorted list that an id enters only when it comes before the last.
 */
export function firstInOrder(ids: readonly number[], compare: (a: number, b: number) => number, top: number): number[] {
  const out: number[] = [];
  if (top <= 0) return out;
  for (const id of ids) {
    if (out.length === top && compare(id, out[top - 1]!) >= 0) continue;
    let at = out.length === top ? top - 1 : out.length;
    while (at > 0 && compare(id, out[at - 1]!) < 0) at--;
    if (out.length === top) out.pop();
    out.splice(at, 0, id);
  }
  return out;
}

/**
 * Recursive (c, l)-diversity from the frequencies `freq[0..d)` of the known values and
 * `nMissing` missing values (each a value of frequency 1), in sdcMicro's float arithmetic:
 * S = c (r2 + ... + rm); while S > r1, take the next frequency off S and raise l.
 */
function recursiveL(freq: Int32Array, d: number, nMissing: number, cf: number): number {
  const m = d + nMissing;
  if (m <= 1) return 1;
  // Few values as a rule: an insertion sort in place, without a view per combination.
  const sorted = d <= 16 ? insertionSorted(freq, d) : freq.subarray(0, d).sort();
  // The j-th largest frequency (0-based); missing values, of frequency 1, come last.
  const r = (j: number) => (j < d ? sorted[d - 1 - j]! : 1);
  const r0 = Math.fround(r(0));
  let sum = 0;
  for (let j = 1; j < m; j++) sum = Math.fround(sum + r(j));
  sum = Math.fround(sum * cf);
  let j = 1;
  while (j < m && sum > r0) {
    sum = Math.fround(sum - Math.fround(cf * r(j)));
    j++;
  }
  return j;
}

function insertionSorted(a: Int32Array, d: number): Int32Array {
  for (let i = 1; i < d; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
  return a;
}

/** The codes of a variable rearranged so that each combination's records are contiguous. */
export interface GroupBuckets {
  /** Per combination, where its records start in `values`; `start[groups]` is the number of records. */
  start: Int32Array;
  /** The codes, combination after combination, in record order within each. */
  values: Int32Array;
}

/**
 * A counting sort of the codes by combination, checking that the arrays fit together.
 * Shared by lDiversity and tCloseness.
 * @throws EngineError BAD_PARAMS when the lengths differ or a record's combination is out of range
 */
export function bucketByGroup(
  group: ReadonlyInt32Array,
  groups: number,
  groupFirstRow: ReadonlyInt32Array,
  codes: ReadonlyInt32Array,
  groupSize?: ReadonlyInt32Array,
): GroupBuckets {
  const n = group.length;
  if (!(Number.isInteger(groups) && groups >= 0))
    throw new EngineError('BAD_PARAMS', `The number of combinations must be a whole number, not ${groups}.`, { groups });
  if (codes.length !== n) {
    throw new EngineError('BAD_PARAMS', `The sensitive variable has ${codes.length} records but the combinations cover ${n}.`, {
      records: codes.length,
      grouped: n,
    });
  }
  if (groupFirstRow.length < groups) {
    throw new EngineError('BAD_PARAMS', `There are ${groups} combinations but only ${groupFirstRow.length} first records.`, { groups });
  }
  const start = new Int32Array(groups + 1);
  if (groupSize && groupSize.length === groups) {
    // Sizes known, from the same grouping as `group` (trusted: only their total is checked).
    start.set(groupSize, 1);
  } else {
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      if (g < 0 || g >= groups)
        throw new EngineError('BAD_PARAMS', `Record ${i + 1} is in combination ${g}, outside 0 to ${groups - 1}.`, { row: i + 1, group: g });
      start[g + 1]!++;
    }
  }
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  if (start[groups] !== n) {
    throw new EngineError('BAD_PARAMS', `The combinations hold ${start[groups]} records, not ${n}.`, { records: n });
  }
  const pos = start.slice(0, groups);
  const values = new Int32Array(n);
  for (let i = 0; i < n; i++) values[pos[group[i]!]!++] = codes[i]!;
  return { start, values };
}
