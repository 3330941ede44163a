/**
 * k-anonymity check on the key variables: how many records (and combinations)
 * occur fewer than k times, the distribution of fk, and the riskiest
 * combinations. A record "violates k-anonymity" when fk < k, as in sdcMicro's
 * print(sdc, 'kAnon') (Samarati and Sweeney 1998; Hundepool et al. 2012, 3.3).
 */
import type { RunContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import { defineAnalysis } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import type { Dataset } from '../table/dataset.ts';
import { codeKeysAsync, keyFrequencies, keyFrequenciesAsync, keyValuesAt, type KeyFrequencies } from './key-frequencies.ts';
import type { MissingMode } from './missing-matches.ts';

export interface KAnonymityOptions {
  keys: readonly string[];
  weight?: string | null;
  /** The user's k, besides the standard 2, 3 and 5. Default 3. */
  k?: number;
  /** How many of the riskiest combinations to list. Default 20. */
  top?: number;
  /** How a missing key value counts; default 'matches-any' (sdcMicro). */
  missing?: MissingMode;
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
  /** How missing key values were counted. */
  missing: MissingMode;
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
  const freq = keyFrequencies(ds, options.keys, options.weight, { missing: options.missing ?? 'matches-any' });
  return kAnonymityFromFrequencies(freq, options, k);
}

export function kAnonymityFromFrequencies(freq: KeyFrequencies, options: KAnonymityOptions, k: number): KAnonymityReport {
  const { groupSize, groupFk, groupFkWeighted, groupFirstRow, keyCodes } = freq;
  const groups = groupSize.length;
  const ks = [...new Set<number>([...STANDARD_KS, k])].sort((a, b) => a - b);
  const violations = ks.map<KViolation>((kk) => {
    let records = 0;
    let combinations = 0;
    for (let g = 0; g < groups; g++) {
      if (groupFk[g]! < kk) {
        records += groupSize[g]!;
        combinations++;
      }
    }
    let weightedRecords: number | null = null;
    if (groupFkWeighted) {
      weightedRecords = 0;
      for (let g = 0; g < groups; g++) if (groupFkWeighted[g]! < kk) weightedRecords += groupSize[g]!;
    }
    return { k: kk, records, combinations, weightedRecords };
  });

  const CAP = 11;
  const recordsAt = new Array<number>(CAP + 1).fill(0);
  const combosAt = new Array<number>(CAP + 1).fill(0);
  for (let g = 0; g < groups; g++) {
    const s = Math.min(Math.max(1, Math.floor(groupFk[g]!)), CAP);
    recordsAt[s]! += groupSize[g]!;
    combosAt[s]!++;
  }
  const distribution: FkBin[] = [];
  for (let s = 1; s <= CAP; s++) {
    distribution.push({ label: s === CAP ? `${CAP}+` : String(s), fk: s, records: recordsAt[s]!, combinations: combosAt[s]! });
  }

  const order = Array.from({ length: groups }, (_, g) => g);
  order.sort((a, b) => groupFk[a]! - groupFk[b]! || (groupFkWeighted ? groupFkWeighted[a]! - groupFkWeighted[b]! : 0) || groupFirstRow[a]! - groupFirstRow[b]!);
  const riskiest = order.slice(0, options.top ?? 20).map<RiskyCombination>((g) => {
    const row = groupFirstRow[g]!;
    return {
      values: keyValuesAt(keyCodes, row),
      fk: groupFk[g]!,
      Fk: groupFkWeighted ? groupFkWeighted[g]! : null,
      firstRow: row,
    };
  });

  return {
    records: freq.group.length,
    keys: [...options.keys],
    weight: options.weight ?? null,
    missing: freq.missing,
    combinations: groups,
    k,
    violations,
    distribution,
    riskiest,
  };
}

/**
 * The k-anonymity check as an analysis: the key columns' codes are made one column at
 * a time with a checkpoint between them (the slow part on a first call), so Cancel is
 * answered promptly; then the counting, which takes a fraction of a second.
 */
async function kAnonymityChecked(ds: Dataset, options: KAnonymityOptions, ctx: RunContext): Promise<KAnonymityReport> {
  const codes = await codeKeysAsync(ds, options.keys, ctx);
  await ctx.checkpoint();
  const k = options.k ?? 3;
  const freq = await keyFrequenciesAsync(ds, options.keys, options.weight, codes, ctx, { missing: options.missing ?? 'matches-any' });
  await ctx.checkpoint();
  return kAnonymityFromFrequencies(freq, options, k);
}

/** The key variables, shared by the risk measures. */
export const KEYS_PARAM = p.columns({
  label: 'Key variables',
  description: 'Facts an intruder could know about a person (quasi-identifiers).',
  roles: ['key'],
});

/** The choice of how missing key values count, shared by the risk measures. */
export const MISSING_PARAM = p
  .choice({
    label: 'Missing key values',
    description:
      'matches-any (as sdcMicro): a missing value matches every value of its key, so records a, b, c, d with ages 30, 30, missing, 40 have fk 3, 3, 4, 2. own-category (as ARX): missing is one more value, so their fk are 2, 2, 1, 1.',
    choices: [
      { value: 'matches-any', label: 'A missing value matches any value (sdcMicro)' },
      { value: 'own-category', label: 'Missing is a value of its own (ARX)' },
    ] as const,
  })
  .withDefault('matches-any');

export const kAnonymityAnalysis = defineAnalysis({
  id: 'k-anonymity',
  title: 'k-anonymity',
  description:
    'Counts, for each record, how many records share its combination of key variables (fk, and with a weight the estimated population count Fk), and how many records and combinations occur fewer than k times. By default a missing value matches any value, as in sdcMicro; it can instead count as a category of its own.',
  source: 'sdcMicro freqCalc and print(sdc, "kAnon") (Templ, Kowarik and Meindl 2015); Samarati and Sweeney (1998); Hundepool et al. (2012), 3.3.',
  stage: 'risk',
  params: {
    keys: KEYS_PARAM,
    weight: p
      .column({
        label: 'Sampling weight',
        description: 'Optional: with a weight, Fk (the estimated population count) is reported too.',
        kinds: ['integer', 'decimal'],
        roles: ['weight'],
      })
      .optional(),
    k: p
      .integer({ label: 'k', description: 'The threshold: every combination should occur at least k times. sdcMicro uses 3 by default.', min: 1, max: 1000 })
      .withDefault(3),
    top: p.integer({ label: 'Riskiest combinations to list', description: 'How many of the rarest combinations to list.', min: 0, max: 1000 }).withDefault(20),
    missing: MISSING_PARAM,
  },
  run: (ds, params, ctx) => kAnonymityChecked(ds, params, ctx),
});
