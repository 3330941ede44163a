/**
 * k-anonymity check on the key variables: how many records (and combinations)
 * occur fewer than k times, the distribution of fk, and the riskiest
 * combinations. A record "violates k-anonymity" when fk < k, as in sdcMicro's
 * print(sdc, 'kAnon') (Samarati and Sweeney 1998; Hundepool et al. 2012, 3.3).
 */
import { EngineError } from '../errors.ts';
import type { Dataset } from '../table/dataset.ts';
import { keyFrequencies, type KeyFrequencies } from './key-frequencies.ts';

export interface KAnonymityOptions {
  keys: readonly string[];
  weight?: string | null;
  /** The user's k, besides the standard 2, 3 and 5. Default 3. */
  k?: number;
  /** How many of the riskiest combinations to list. Default 20. */
  top?: number;
}

export interface KViolation {
  k: number;
  /** Records with fk < k. */
  records: number;
  /** Combinations occurring fewer than k times. */
  combinations: number;
  /** Records with Fk < k (only with a weight). */
  weightedRecords: number | null;
}

export interface FkBin {
  /** "1", "2", ..., "10", "11+" */
  label: string;
  fk: number;
  records: number;
  combinations: number;
}

export interface RiskyCombination {
  values: (string | null)[];
  fk: number;
  Fk: number | null;
  firstRow: number;
}

export interface KAnonymityReport {
  records: number;
  keys: string[];
  weight: string | null;
  combinations: number;
  k: number;
  /** Sorted by k: 2, 3, 5 and the user's k. */
  violations: KViolation[];
  distribution: FkBin[];
  riskiest: RiskyCombination[];
}

export const STANDARD_KS = [2, 3, 5] as const;

/** The k-anonymity report for the key variables. @throws EngineError BAD_PARAMS, UNKNOWN_COLUMN */
export function kAnonymity(ds: Dataset, options: KAnonymityOptions): KAnonymityReport {
  const k = options.k ?? 3;
  if (!Number.isInteger(k) || k < 1) throw new EngineError('BAD_PARAMS', `k must be a whole number of at least 1, not ${k}.`, { k });
  const freq = keyFrequencies(ds, options.keys, options.weight);
  return kAnonymityFromFrequencies(freq, options, k);
}

export function kAnonymityFromFrequencies(freq: KeyFrequencies, options: KAnonymityOptions, k: number): KAnonymityReport {
  const { fk, Fk, groupSize, groupWeight, groupFirstRow, keyCodes } = freq;
  const groups = groupSize.length;
  const ks = [...new Set<number>([...STANDARD_KS, k])].sort((a, b) => a - b);
  const violations = ks.map<KViolation>((kk) => {
    let records = 0;
    let combinations = 0;
    for (let g = 0; g < groups; g++) {
      const s = groupSize[g]!;
      if (s < kk) {
        records += s;
        combinations++;
      }
    }
    let weightedRecords: number | null = null;
    if (Fk) {
      weightedRecords = 0;
      for (let i = 0; i < Fk.length; i++) if (Fk[i]! < kk) weightedRecords++;
    }
    return { k: kk, records, combinations, weightedRecords };
  });

  const CAP = 11;
  const recordsAt = new Array<number>(CAP + 1).fill(0);
  const combosAt = new Array<number>(CAP + 1).fill(0);
  for (let g = 0; g < groups; g++) {
    const s = Math.min(groupSize[g]!, CAP);
    recordsAt[s]! += groupSize[g]!;
    combosAt[s]!++;
  }
  const distribution: FkBin[] = [];
  for (let s = 1; s <= CAP; s++) {
    distribution.push({ label: s === CAP ? `${CAP}+` : String(s), fk: s, records: recordsAt[s]!, combinations: combosAt[s]! });
  }

  const order = Array.from({ length: groups }, (_, g) => g);
  order.sort((a, b) => groupSize[a]! - groupSize[b]! || (groupWeight ? groupWeight[a]! - groupWeight[b]! : 0) || groupFirstRow[a]! - groupFirstRow[b]!);
  const riskiest = order.slice(0, options.top ?? 20).map<RiskyCombination>((g) => {
    const row = groupFirstRow[g]!;
    return {
      values: keyCodes.map((kc) => kc.labels[kc.codes[row]!] ?? null),
      fk: groupSize[g]!,
      Fk: groupWeight ? groupWeight[g]! : null,
      firstRow: row,
    };
  });

  return {
    records: fk.length,
    keys: [...options.keys],
    weight: options.weight ?? null,
    combinations: groups,
    k,
    violations,
    distribution,
    riskiest,
  };
}
