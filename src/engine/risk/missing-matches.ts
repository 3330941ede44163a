/**
 * sdcMicro's treatment of missing key values in fk and Fk (freqCalc, sdcMicro 5.8.1):
 * a missing value matches every category of its key. Two records match when, on
 * every key where both have a value, the values are equal; a record's fk counts the
 * records it matches (itself included) and Fk sums their weights.
 *
 * The rule is restated here from sdcMicro's definition, with its particular cases
 * kept so that the numbers agree record for record:
 * - alpha (0..1) weights a match through a missing value: a complete record counts
 *   each matching record with missing values as alpha; a record with missing values
 *   counts other records with missing values as alpha but complete records as 1.
 * - A record whose key values are all missing gets fk = n (every record) and Fk =
 *   the total weight, yet with two or more keys it is not counted in the fk of
 *   complete records (sdcMicro leaves out that addition); records with some values
 *   missing do count it. With a single key, complete records do count it (times alpha).
 *
 * Method: the combinations (missing as a value of its own) are counted first; only
 * the combinations are matched, pattern of missing keys against pattern: for each
 * pair of patterns the combinations are projected onto the keys that both have and
 * summed in a hash map, so the work grows with combinations times patterns, never
 * with pairs of records.
 */
import { EngineError } from '../errors.ts';
import type { ColumnCodes, ReadonlyInt32Array } from '../table/column-codes.ts';

/** How a missing key value counts in fk: it matches any category (sdcMicro), or it is a category of its own (ARX). */
export type MissingMode = 'matches-any' | 'own-category';

export const MISSING_MODES: readonly MissingMode[] = ['matches-any', 'own-category'];

/** Keys a pattern bit set can describe (bits of an Int32). */
const MAX_KEYS = 30;

/** Per combination, a bit for each key whose value is missing in it. */
export function missingPatterns(keyCodes: readonly ColumnCodes[], groupFirstRow: ReadonlyInt32Array): Int32Array {
  const groups = groupFirstRow.length;
  const out = new Int32Array(groups);
  const keys = keyCodes.filter((k) => k.hasMissing).length;
  if (keys === 0) return out;
  if (keyCodes.length > MAX_KEYS) {
    throw new EngineError(
      'BAD_PARAMS',
      `Missing values can be matched for at most ${MAX_KEYS} key variables; choose fewer keys or count missing as a category of its own.`,
    );
  }
  for (const [j, kc] of keyCodes.entries()) {
    if (!kc.hasMissing) continue;
    const missingCode = kc.cardinality - 1;
    const bit = 1 << j;
    for (let g = 0; g < groups; g++) if (kc.codes[groupFirstRow[g]!] === missingCode) out[g]! |= bit;
  }
  return out;
}

/**
 * fk and Fk per combination with missing values matching any category.
 * `groupWeight` null: no weight, Fk is null.
 */
export function matchingFrequencies(
  keyCodes: readonly ColumnCodes[],
  groupFirstRow: ReadonlyInt32Array,
  groupSize: ReadonlyInt32Array,
  groupWeight: Float64Array | null,
  groupMissing: ReadonlyInt32Array,
  alpha: number,
): { fk: Float64Array; Fk: Float64Array | null } {
  const groups = groupSize.length;
  const fk = Float64Array.from(groupSize as ArrayLike<number>);
  const Fk = groupWeight ? Float64Array.from(groupWeight) : null;
  const weightOf = (g: number) => (groupWeight ? groupWeight[g]! : 0);
  let records = 0;
  let totalWeight = 0;
  for (let g = 0; g < groups; g++) {
    records += groupSize[g]!;
    totalWeight += weightOf(g);
  }
  const all = keyCodes.length >= 31 ? -1 : (1 << keyCodes.length) - 1;

  const complete: number[] = [];
  const byPattern = new Map<number, number[]>();
  for (let g = 0; g < groups; g++) {
    const m = groupMissing[g]!;
    if (m === 0) complete.push(g);
    else {
      let list = byPattern.get(m);
      if (!list) byPattern.set(m, (list = []));
      list.push(g);
    }
  }

  if (keyCodes.length === 1) {
    let naSize = 0;
    let naWeight = 0;
    for (const list of byPattern.values()) {
      for (const g of list) {
        naSize += groupSize[g]!;
        naWeight += weightOf(g);
      }
    }
    for (const c of complete) {
      fk[c] = fk[c]! + naSize * alpha;
      if (Fk) Fk[c] = Fk[c]! + naWeight * alpha;
    }
    for (const list of byPattern.values()) {
      for (const g of list) {
        fk[g] = records;
        if (Fk) Fk[g] = totalWeight;
      }
    }
    return { fk, Fk };
  }

  const project = projector(keyCodes, groupFirstRow);
  const patterns = [...byPattern.keys()];
  for (const p of patterns) {
    if (p === all) continue;
    const mine = byPattern.get(p)!;
    // Complete combinations against this pattern, on the keys this pattern has.
    {
      const shared = all & ~p;
      const ids = new Map<number | string, number>();
      const sumC: number[] = [];
      const sumCW: number[] = [];
      for (const c of complete) {
        const key = project(c, shared);
        let id = ids.get(key);
        if (id === undefined) {
          id = sumC.length;
          ids.set(key, id);
          sumC.push(0);
          sumCW.push(0);
        }
        sumC[id]! += groupSize[c]!;
        sumCW[id]! += weightOf(c);
      }
      const sumA = new Float64Array(sumC.length);
      const sumAW = new Float64Array(sumC.length);
      for (const a of mine) {
        const id = ids.get(project(a, shared));
        if (id === undefined) continue;
        fk[a] = fk[a]! + sumC[id]!;
        if (Fk) Fk[a] = Fk[a]! + sumCW[id]!;
        sumA[id] = sumA[id]! + groupSize[a]! * alpha;
        sumAW[id] = sumAW[id]! + weightOf(a) * alpha;
      }
      for (const c of complete) {
        const id = ids.get(project(c, shared))!;
        fk[c] = fk[c]! + sumA[id]!;
        if (Fk) Fk[c] = Fk[c]! + sumAW[id]!;
      }
    }
    // Other combinations with missing values, pattern by pattern, on the keys both have.
    for (const q of patterns) {
      const shared = all & ~(p | q);
      const sums = new Map<number | string, number>();
      const sumsW = new Map<number | string, number>();
      for (const b of byPattern.get(q)!) {
        const key = project(b, shared);
        sums.set(key, (sums.get(key) ?? 0) + groupSize[b]!);
        sumsW.set(key, (sumsW.get(key) ?? 0) + weightOf(b));
      }
      for (const a of mine) {
        const key = project(a, shared);
        const s = (sums.get(key) ?? 0) - (p === q ? groupSize[a]! : 0);
        const sw = (sumsW.get(key) ?? 0) - (p === q ? weightOf(a) : 0);
        fk[a] = fk[a]! + s * alpha;
        if (Fk) Fk[a] = Fk[a]! + sw * alpha;
      }
    }
  }
  for (const g of byPattern.get(all) ?? []) {
    fk[g] = records;
    if (Fk) Fk[g] = totalWeight;
  }
  return { fk, Fk };
}

/**
 * A combination's codes on a subset of the keys (a bit set) as one map key: a number
 * while the mixed-radix product stays exact in a double, else a string.
 */
function projector(keyCodes: readonly ColumnCodes[], groupFirstRow: ReadonlyInt32Array): (g: number, keys: number) => number | string {
  return (g, keys) => {
    const row = groupFirstRow[g]!;
    let key = 0;
    let product = 1;
    let text: string | null = null;
    for (let j = 0; j < keyCodes.length; j++) {
      if ((keys & (1 << j)) === 0) continue;
      const kc = keyCodes[j]!;
      const code = kc.codes[row]!;
      if (text !== null) text += `,${code}`;
      else if (product * kc.cardinality > Number.MAX_SAFE_INTEGER) text = `${key},${code}`;
      else {
        key = key * kc.cardinality + code;
        product *= kc.cardinality;
      }
    }
    return text ?? key;
  };
}
