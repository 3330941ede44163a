/**
 * Which key variables drive the risk: for each key, how many sample uniques (and
 * records below k) there would be if it were dropped from the keys, or coarsened.
 * sdcMicro has no such measure; this one is ours, built from its frequencies.
 *
 * - Sample unique: a record with fk = 1; below k: fk < k. fk is counted as in the
 *   k-anonymity check, with the chosen treatment of missing values.
 * - Dropped: fk over the other keys only (a key alone cannot be dropped: the count
 *   over no keys is the whole file, so no uniques).
 * - Coarsened: the key's categories merged in pairs into half as many, a first step
 *   of global recoding. Numbers (every value numeric) are merged with their
 *   neighbour in order: 1 and 2, 3 and 4, and so on; other values the rarest with
 *   the next rarest (ties by text), so the merges fall where records are few. A
 *   missing value stays missing. Keys with fewer than three values are not coarsened:
 *   merging two values into one is dropping the key.
 * The difference from the current count is how many uniques the change removes.
 */
import type { RunContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import { defineAnalysis } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { recodeCodes, type ColumnCodes } from '../table/column-codes.ts';
import type { Dataset } from '../table/dataset.ts';
import { keyWarnings } from './individual-risk.ts';
import { KEYS_PARAM, MISSING_PARAM } from './k-anonymity.ts';
import { codeKeysAsync, keyFrequenciesAsync } from './key-frequencies.ts';
import type { MissingMode } from './missing-matches.ts';

export interface RiskCounts {
  /** Records with fk = 1. */
  uniques: number;
  /** Records with fk < k. */
  belowK: number;
}

export interface RiskDriver {
  variable: string;
  /** Its number of different values (missing not counted). */
  distinct: number;
  /** The counts over the other keys; null when it is the only key. */
  dropped: RiskCounts | null;
  /** The counts with its values merged in pairs; null with fewer than three values. */
  coarsened: (RiskCounts & { distinct: number; by: 'neighbours' | 'rarest' }) | null;
}

export interface RiskDriversReport {
  records: number;
  keys: string[];
  missing: MissingMode;
  k: number;
  /** The counts over all the keys, as they are. */
  current: RiskCounts;
  /** One per key, the one whose dropping removes the most uniques first (then by coarsening, then in key order). */
  drivers: RiskDriver[];
  warnings: string[];
}

export interface RiskDriversOptions {
  keys: readonly string[];
  k?: number;
  missing?: MissingMode;
}

/** The recoding that merges a key's values in pairs, or null when it has fewer than three. */
export function pairwiseMerge(kc: ColumnCodes): { codes: ColumnCodes; by: 'neighbours' | 'rarest' } | null {
  const count = new Float64Array(kc.cardinality);
  for (let i = 0; i < kc.codes.length; i++) count[kc.codes[i]!]!++;
  const present: number[] = [];
  for (let c = 0; c < kc.cardinality; c++) if (count[c]! > 0 && kc.labels[c] !== null) present.push(c);
  if (present.length < 3) return null;
  const numbers = present.map((c) => Number(kc.labels[c]));
  const numeric = numbers.every((x, j) => Number.isFinite(x) && kc.labels[present[j]!]!.trim() !== '');
  const value = new Map(present.map((c, j) => [c, numbers[j]!]));
  const label = (c: number) => kc.labels[c]!;
  if (numeric) present.sort((a, b) => value.get(a)! - value.get(b)! || a - b);
  else present.sort((a, b) => count[a]! - count[b]! || (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : 0));
  const map = new Int32Array(kc.cardinality);
  const labels: string[] = [];
  for (let j = 0; j < present.length; j += 2) {
    const a = present[j]!;
    const b = present[j + 1];
    map[a] = labels.length;
    if (b !== undefined) map[b] = labels.length;
    labels.push(b === undefined ? label(a) : numeric ? `${label(a)}-${label(b)}` : `${label(a)} or ${label(b)}`);
  }
  return { codes: recodeCodes(kc, map, labels), by: numeric ? 'neighbours' : 'rarest' };
}

async function counts(
  ds: Dataset,
  keys: readonly string[],
  codes: readonly ColumnCodes[],
  k: number,
  missing: MissingMode,
  ctx: RunContext,
): Promise<RiskCounts> {
  const f = await keyFrequenciesAsync(ds, keys, null, codes, ctx, { missing });
  let uniques = 0;
  let belowK = 0;
  for (let g = 0; g < f.groupFk.length; g++) {
    const fk = f.groupFk[g]!;
    if (fk < 2) uniques += f.groupSize[g]!;
    if (fk < k) belowK += f.groupSize[g]!;
  }
  return { uniques, belowK };
}

/** Sample uniques and records below k with each key dropped or coarsened. @throws EngineError BAD_PARAMS */
export async function riskDrivers(ds: Dataset, options: RiskDriversOptions, ctx: RunContext): Promise<RiskDriversReport> {
  const k = options.k ?? 3;
  if (!(Number.isInteger(k) && k >= 2)) throw new EngineError('BAD_PARAMS', `k must be a whole number of at least 2, not ${k}.`, { k });
  const missing = options.missing ?? 'matches-any';
  const keys = [...options.keys];
  const codes = await codeKeysAsync(ds, keys, ctx);
  const current = await counts(ds, keys, codes, k, missing, ctx);
  const drivers: RiskDriver[] = [];
  for (const [j, variable] of keys.entries()) {
    ctx.progress('Trying each key dropped and coarsened', j, keys.length);
    const others = keys.filter((_, i) => i !== j);
    const dropped = others.length
      ? await counts(
          ds,
          others,
          codes.filter((_, i) => i !== j),
          k,
          missing,
          ctx,
        )
      : null;
    const merged = pairwiseMerge(codes[j]!);
    let coarsened: RiskDriver['coarsened'] = null;
    if (merged) {
      const c = await counts(
        ds,
        keys,
        codes.map((kc, i) => (i === j ? merged.codes : kc)),
        k,
        missing,
        ctx,
      );
      coarsened = { ...c, distinct: merged.codes.distinct, by: merged.by };
    }
    drivers.push({ variable, distinct: codes[j]!.distinct, dropped, coarsened });
  }
  ctx.progress('Trying each key dropped and coarsened', keys.length, keys.length);
  const order = drivers.map((d, i) => ({ d, i }));
  const left = (c: RiskCounts | null) => (c ? c.uniques : current.uniques);
  order.sort((a, b) => left(a.d.dropped) - left(b.d.dropped) || left(a.d.coarsened) - left(b.d.coarsened) || a.i - b.i);
  return { records: ds.table.numRows, keys, missing, k, current, drivers: order.map((o) => o.d), warnings: keyWarnings(keys, codes) };
}

export const riskDriversAnalysis = defineAnalysis({
  id: 'risk-drivers',
  title: 'Which variables drive the risk',
  description:
    'For each key variable, how many sample uniques (records alone in their combination) and records below k there would be if it were dropped, or if its values were merged in pairs: where recoding or suppression would help most.',
  source: "Safe Extract's own measure, from sdcMicro's frequency counts (freqCalc).",
  stage: 'risk',
  params: {
    keys: KEYS_PARAM,
    k: p.integer({ label: 'k', description: 'Records in combinations that occur fewer than k times are counted too.', min: 2, max: 1000 }).withDefault(3),
    missing: MISSING_PARAM,
  },
  run: (ds, params, ctx) => riskDrivers(ds, params, ctx),
});
