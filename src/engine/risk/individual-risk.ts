/**
 * Individual and household re-identification risk, as sdcMicro 5.8.1's measure_risk
 * reports them (Franconi and Polettini 2004; Benedetti and Franconi 1998; Templ,
 * Kowarik and Meindl 2015).
 *
 * With a sampling weight, a record whose key combination has sample frequency fk and
 * estimated population frequency Fk (the summed weights), pk = fk / Fk, has risk
 *   fk = 1: pk / (1 - pk) * log(1 / pk)
 *   fk = 2: pk / (1 - pk) - (pk / (1 - pk))^2 * log(1 / pk)
 *   fk > 2: pk / (fk - (1 - pk))           (sdcMicro's "approx" method)
 *   fk = Fk (every population unit sampled): 1 / fk.
 * Without a weight the risk is 1 / fk. The expected number of re-identifications is
 * the sum of the risks; the global risk is that sum over the number of records.
 * A record's household risk is 1 - prod(1 - risk) over the members of its household:
 * the probability that at least one member is re-identified.
 *
 * Where this differs from sdcMicro, on purpose: a risk above 1 (possible only with
 * weights below 1, where Fk < fk) is capped at 1 with a warning, and a non-integer fk
 * between 1 and 2 (alpha < 1) takes the fk = 2 formula, where sdcMicro gives 0.
 */
import type { Data } from 'apache-arrow';
import type { RunContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import { defineAnalysis } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { codesOfAsync, type ColumnCodes } from '../table/column-codes.ts';
import { columnData, columnIndex, type Dataset } from '../table/dataset.ts';
import { KEYS_PARAM, MISSING_PARAM } from './k-anonymity.ts';
import { codeKeysAsync, gather, keyFrequenciesAsync, keyValuesAt, type KeyFrequencies } from './key-frequencies.ts';
import type { MissingMode } from './missing-matches.ts';

/** Per combination: the risk of each of its records, from its fk and (with a weight) Fk. */
export function combinationRisk(groupFk: Float64Array, groupFkWeighted: Float64Array | null): Float64Array {
  const out = new Float64Array(groupFk.length);
  for (let g = 0; g < groupFk.length; g++) {
    const fk = groupFk[g]!;
    if (!groupFkWeighted) {
      out[g] = 1 / fk;
      continue;
    }
    const Fk = groupFkWeighted[g]!;
    let r: number;
    if (fk === Fk) r = 1 / fk;
    else {
      const pk = fk / Fk;
      if (fk > 2) r = pk / (fk - (1 - pk));
      else if (fk > 1) {
        const q = pk / (1 - pk);
        r = q - q * q * Math.log(1 / pk);
      } else r = (pk / (1 - pk)) * Math.log(1 / pk);
    }
    out[g] = r > 1 ? 1 : r;
  }
  return out;
}

/** Per record: the household risk, 1 - prod(1 - risk) over the household; NaN where the household id is missing. */
export function householdRisk(risk: Float64Array, household: HouseholdCodes): Float64Array {
  const n = risk.length;
  const keep = new Float64Array(household.cardinality).fill(1);
  const { codes } = household;
  for (let i = 0; i < n; i++) keep[codes[i]!] = keep[codes[i]!]! * (1 - risk[i]!);
  const missing = household.hasMissing ? household.cardinality - 1 : -1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = codes[i] === missing ? NaN : 1 - keep[codes[i]!]!;
  return out;
}

export interface RiskSummary {
  /** Sum of the risks: the expected number of re-identifications. */
  expectedReidentifications: number;
  /** That over the number of records (sdcMicro's global risk), and as a percentage. */
  globalRisk: number;
  globalRiskPercent: number;
  max: number;
  /** Records whose risk is above the threshold. */
  aboveThreshold: number;
}

export interface RiskBin {
  from: number;
  to: number;
  records: number;
}

export interface RiskyRecord {
  /** 1-based row number. */
  row: number;
  risk: number;
  householdRisk: number | null;
  fk: number;
  Fk: number | null;
  values: (string | null)[];
}

export interface IndividualRiskReport {
  records: number;
  keys: string[];
  weight: string | null;
  household: string | null;
  missing: MissingMode;
  threshold: number;
  individualRisk: RiskSummary;
  householdRisk: (RiskSummary & { households: number }) | null;
  /** Records by individual risk, in bins whose edges are RISK_EDGES. */
  histogram: RiskBin[];
  riskiest: RiskyRecord[];
  /** Things about the input a user should know before trusting the numbers. */
  warnings: string[];
}

/** Bin edges of the risk histogram: risks are mostly small, so the bins are narrow near 0. */
export const RISK_EDGES = [0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1] as const;

export interface IndividualRiskOptions {
  keys: readonly string[];
  weight?: string | null;
  household?: string | null;
  missing?: MissingMode;
  threshold?: number;
  top?: number;
}

export interface PerRecordRisk {
  freq: KeyFrequencies;
  /** Per combination (freq.group): the risk of each of its records. */
  groupRisk: Float64Array;
  risk: Float64Array;
  householdRisk: Float64Array | null;
  /** The number of households (with a household id). */
  households: number | null;
  warnings: string[];
}

/**
 * fk, Fk, risk and household risk of every record, with the warnings the input calls for.
 * @throws EngineError BAD_PARAMS for weights that are missing, zero or negative, or a household id that is also a key
 */
export async function perRecordRisk(ds: Dataset, options: IndividualRiskOptions, ctx: RunContext): Promise<PerRecordRisk> {
  const warnings: string[] = [];
  if (options.household && options.keys.includes(options.household)) {
    throw new EngineError('BAD_PARAMS', `The household id "${options.household}" is also a key variable; choose it as one or the other.`, {
      column: options.household,
    });
  }
  const codes = await codeKeysAsync(ds, options.keys, ctx);
  warnings.push(...keyWarnings(options.keys, codes));
  const freq = await keyFrequenciesAsync(ds, options.keys, options.weight, codes, ctx, { missing: options.missing ?? 'matches-any' });
  await ctx.checkpoint();
  const perGroup = combinationRisk(freq.groupFk, freq.groupFkWeighted);
  // Loops in plain functions: V8 optimises them less well inside an async function.
  const risk = gather(perGroup, freq.group);
  if (freq.groupFkWeighted && anyBelow(freq.groupFkWeighted, freq.groupFk)) {
    warnings.push(
      'Some weights are below 1, so for some combinations the estimated population count Fk is below the sample count fk; their risks were capped at 1.',
    );
  }
  let hh: Float64Array | null = null;
  let households: number | null = null;
  if (options.household) {
    await ctx.checkpoint();
    const hcodes = await householdCodes(ds, options.household, ctx);
    await ctx.checkpoint();
    hh = householdRisk(risk, hcodes);
    households = hcodes.distinct;
    if (hcodes.hasMissing) {
      const missing = countNaN(hh);
      warnings.push(
        `${missing.toLocaleString('en-GB')} records have no household id; they have no household risk and are left out of its total (as in sdcMicro).`,
      );
    }
    if (options.weight) {
      await ctx.checkpoint();
      const mixed = householdsWithMixedWeights(ds, options.weight, hcodes);
      if (mixed.count > 0) {
        warnings.push(
          `${mixed.count.toLocaleString('en-GB')} households have members with different weights (first: row ${mixed.firstRow}); household risk assumes one weight per household, so check the weight and household id.`,
        );
      }
    }
  }
  return { freq, groupRisk: perGroup, risk, householdRisk: hh, households, warnings };
}

/** The codes of a household id, without labels. */
export type HouseholdCodes = Pick<ColumnCodes, 'codes' | 'cardinality' | 'hasMissing' | 'distinct'>;

/**
 * Household ids have about as many values as there are households, too many for the
 * general cache of codes (whose labels would hold every id again as text); their codes
 * alone are kept here, per column, for the next run.
 */
const householdCache = new WeakMap<Data, HouseholdCodes>();

async function householdCodes(ds: Dataset, household: string, ctx: RunContext): Promise<HouseholdCodes> {
  const index = columnIndex(ds, household);
  const data = columnData(ds, index);
  let codes = householdCache.get(data);
  if (!codes) {
    const { codes: c, cardinality, hasMissing, distinct } = await codesOfAsync(ds, index, ctx);
    codes = { codes: c, cardinality, hasMissing, distinct };
    householdCache.set(data, codes);
  }
  return codes;
}

function countNaN(values: Float64Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) count++;
  return count;
}

function anyBelow(a: Float64Array, b: Float64Array): boolean {
  for (let g = 0; g < a.length; g++) if (a[g]! < b[g]!) return true;
  return false;
}

/** Warnings for key variables that cannot tell records apart: one value only, or missing everywhere. */
export function keyWarnings(keys: readonly string[], codes: readonly ColumnCodes[]): string[] {
  const out: string[] = [];
  for (const [j, key] of keys.entries()) {
    const kc = codes[j]!;
    if (kc.distinct === 0) out.push(`The key variable "${key}" is missing in every record, so it tells records apart not at all.`);
    else if (kc.distinct === 1 && !kc.hasMissing) out.push(`The key variable "${key}" has only one value, so it does not tell records apart.`);
  }
  return out;
}

function householdsWithMixedWeights(ds: Dataset, weight: string, household: HouseholdCodes): { count: number; firstRow: number } {
  const data = columnData(ds, columnIndex(ds, weight));
  const values = data.values as Float64Array;
  const first = new Float64Array(household.cardinality).fill(NaN);
  const flagged = new Uint8Array(household.cardinality);
  const missing = household.hasMissing ? household.cardinality - 1 : -1;
  let count = 0;
  let firstRow = 0;
  for (let i = 0; i < values.length; i++) {
    const h = household.codes[i]!;
    if (h === missing) continue;
    if (Number.isNaN(first[h]!)) first[h] = values[i]!;
    else if (first[h] !== values[i] && !flagged[h]) {
      flagged[h] = 1;
      if (count++ === 0) firstRow = i + 1;
    }
  }
  return { count, firstRow };
}

/** Sum, highest and count above the threshold of per-record risks (NaN left out of the sum, not of the records). */
function summarise(risk: Float64Array, threshold: number): RiskSummary {
  let sum = 0;
  let max = 0;
  let above = 0;
  for (let i = 0; i < risk.length; i++) {
    const r = risk[i]!;
    if (Number.isNaN(r)) continue;
    sum += r;
    if (r > max) max = r;
    if (r > threshold) above++;
  }
  return summary(sum, max, above, risk.length);
}

/** The same from the combinations: each combination's risk counts once per record in it. */
function summariseGroups(groupRisk: Float64Array, groupSize: Int32Array, records: number, threshold: number): RiskSummary {
  let sum = 0;
  let max = 0;
  let above = 0;
  for (let g = 0; g < groupRisk.length; g++) {
    const r = groupRisk[g]!;
    sum += r * groupSize[g]!;
    if (r > max) max = r;
    if (r > threshold) above += groupSize[g]!;
  }
  return summary(sum, max, above, records);
}

function summary(sum: number, max: number, above: number, records: number): RiskSummary {
  const globalRisk = records ? sum / records : 0;
  return { expectedReidentifications: sum, globalRisk, globalRiskPercent: 100 * globalRisk, max, aboveThreshold: above };
}

/** The individual (and household) risk report. */
export async function individualRisk(ds: Dataset, options: IndividualRiskOptions, ctx: RunContext): Promise<IndividualRiskReport> {
  return summariseRisk(await perRecordRisk(ds, options, ctx), options);
}

/** The report from the per-record risks (for callers that also want those, as the CLI's --per-record). */
export function summariseRisk(perRecord: PerRecordRisk, options: IndividualRiskOptions): IndividualRiskReport {
  const threshold = options.threshold ?? 0.05;
  const { freq, groupRisk, risk, householdRisk: hh, households, warnings } = perRecord;
  const n = risk.length;
  const histogram: RiskBin[] = [];
  for (let b = 0; b + 1 < RISK_EDGES.length; b++) histogram.push({ from: RISK_EDGES[b]!, to: RISK_EDGES[b + 1]!, records: 0 });
  for (let g = 0; g < groupRisk.length; g++) {
    const r = groupRisk[g]!;
    let b = 0;
    while (b + 1 < histogram.length && r > histogram[b]!.to) b++;
    histogram[b]!.records += freq.groupSize[g]!;
  }
  const riskiest = selectTop(risk, options.top ?? 20).map<RiskyRecord>((i) => {
    const g = freq.group[i]!;
    return {
      row: i + 1,
      risk: risk[i]!,
      householdRisk: hh ? (Number.isNaN(hh[i]!) ? null : hh[i]!) : null,
      fk: freq.groupFk[g]!,
      Fk: freq.groupFkWeighted ? freq.groupFkWeighted[g]! : null,
      values: keyValuesAt(freq.keyCodes, i),
    };
  });
  return {
    records: n,
    keys: [...options.keys],
    weight: options.weight ?? null,
    household: options.household ?? null,
    missing: freq.missing,
    threshold,
    individualRisk: summariseGroups(groupRisk, freq.groupSize, n, threshold),
    householdRisk: hh ? { ...summarise(hh, threshold), households: households ?? 0 } : null,
    histogram,
    riskiest,
    warnings,
  };
}

/**
 * Rows of the `top` largest risks, largest first and ties to the earlier row, in one
 * pass: a short sorted list that a row enters only when it beats the last of it.
 */
export function selectTop(risk: Float64Array, top: number): number[] {
  const rows: number[] = [];
  if (top <= 0) return rows;
  for (let i = 0; i < risk.length; i++) {
    const r = risk[i]!;
    if (rows.length === top && !(r > risk[rows[top - 1]!]!)) continue;
    let at = rows.length === top ? top - 1 : rows.length;
    while (at > 0 && r > risk[rows[at - 1]!]!) at--;
    if (rows.length === top) rows.pop();
    rows.splice(at, 0, i);
  }
  return rows;
}

export const individualRiskAnalysis = defineAnalysis({
  id: 'individual-risk',
  title: 'Individual and household risk',
  description:
    "Estimates each record's chance of being re-identified from how rare its combination of key variables is in the sample (fk) and, with a sampling weight, in the population (Fk); sums them into the expected number of re-identifications. With a household id, also the chance that at least one member of each household is re-identified.",
  source: 'sdcMicro measure_risk and indivRisk (method "approx"); Benedetti and Franconi (1998); Franconi and Polettini (2004); Hundepool et al. (2012), 3.3.',
  stage: 'risk',
  params: {
    keys: KEYS_PARAM,
    weight: p
      .column({
        label: 'Sampling weight',
        description: 'How many people each record stands for. Without it, the risk is 1 / fk.',
        kinds: ['integer', 'decimal'],
        roles: ['weight'],
      })
      .optional(),
    household: p.column({ label: 'Household id', description: 'Optional: records with the same id live together; their risks combine.' }).optional(),
    missing: MISSING_PARAM,
    threshold: p
      .number({ label: 'Risk threshold', description: 'Records whose risk is above this are counted as high risk (0.05 = 1 chance in 20).', min: 0, max: 1 })
      .withDefault(0.05),
    top: p.integer({ label: 'Riskiest records to list', description: 'How many of the riskiest records to list.', min: 0, max: 1000 }).withDefault(20),
  },
  run: (ds, params, ctx) => individualRisk(ds, params, ctx),
});
