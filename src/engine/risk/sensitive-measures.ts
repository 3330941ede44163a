/**
 * The l-diversity and t-closeness analyses: a dataset, its key variables and its
 * sensitive variables in; per sensitive variable, a summary and the combinations
 * that fail, out. The measures themselves are in l-diversity.ts and t-closeness.ts.
 *
 * Combinations are those of keyFrequencies' `group`: exact values, a missing key
 * value one more value of its key (sdcMicro 5.8.2's ldiversity; see l-diversity.ts).
 */
import type { RunContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import { defineAnalysis } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import type { ColumnCodes } from '../table/column-codes.ts';
import { columnIndex, type Dataset } from '../table/dataset.ts';
import { keyWarnings } from './individual-risk.ts';
import { KEYS_PARAM } from './k-anonymity.ts';
import { codeKeysAsync, keyFrequenciesAsync, keyValuesAt, type KeyFrequencies } from './key-frequencies.ts';
import { lDiversity } from './l-diversity.ts';
import { tCloseness } from './t-closeness.ts';

interface Prepared {
  freq: KeyFrequencies;
  sensitive: { name: string; codes: ColumnCodes }[];
  warnings: string[];
}

/** Codes of the keys and the sensitive variables, and the combinations. @throws EngineError BAD_PARAMS for a sensitive variable that is also a key, or none */
async function prepare(ds: Dataset, keys: readonly string[], sensitive: readonly string[], ctx: RunContext): Promise<Prepared> {
  if (sensitive.length === 0) throw new EngineError('BAD_PARAMS', 'Choose at least one sensitive variable.');
  const both = sensitive.filter((s) => keys.includes(s));
  if (both.length > 0) {
    throw new EngineError(
      'BAD_PARAMS',
      `"${both[0]}" is chosen both as a key variable and as a sensitive variable. A key is what an intruder already knows; a sensitive variable is what they must not learn: choose it as one or the other.`,
      { column: both[0]! },
    );
  }
  const keyCodes = await codeKeysAsync(ds, keys, ctx);
  const freq = await keyFrequenciesAsync(ds, keys, null, keyCodes, ctx, { missing: 'own-category' });
  const codes = await codeKeysAsync(ds, sensitive, ctx, 'Coding the sensitive variables');
  const warnings = keyWarnings(keys, keyCodes);
  for (const [j, name] of sensitive.entries()) {
    if (codes[j]!.distinct === 0) warnings.push(`The sensitive variable "${name}" is missing in every record.`);
  }
  return { freq, sensitive: sensitive.map((name, j) => ({ name, codes: codes[j]! })), warnings };
}

export interface FailingCombination {
  /** The combination's value of each key (null for missing). */
  values: (string | null)[];
  /** Its first record, 0-based (as k-anonymity's riskiest combinations). */
  firstRow: number;
  size: number;
}

export interface LDiversityVariable {
  sensitive: string;
  /** The smallest distinct, entropy and recursive l over the combinations. */
  min: { distinct: number; entropy: number; recursive: number };
  /** Combinations (and their records) with distinct l below l. */
  failingCombinations: number;
  failingRecords: number;
  failing: (FailingCombination & { distinct: number; entropy: number; recursive: number })[];
}

export interface LDiversityReport {
  records: number;
  keys: string[];
  combinations: number;
  l: number;
  recursiveC: number;
  variables: LDiversityVariable[];
  warnings: string[];
}

export interface LDiversityAnalysisOptions {
  keys: readonly string[];
  sensitive: readonly string[];
  l?: number;
  recursiveC?: number;
  top?: number;
}

/** Distinct, entropy and recursive l-diversity of each sensitive variable. @throws EngineError BAD_PARAMS */
export async function lDiversityReport(ds: Dataset, options: LDiversityAnalysisOptions, ctx: RunContext): Promise<LDiversityReport> {
  const l = options.l ?? 2;
  const recursiveC = options.recursiveC ?? 2;
  const { freq, sensitive, warnings } = await prepare(ds, options.keys, options.sensitive, ctx);
  const variables: LDiversityVariable[] = [];
  for (const [j, s] of sensitive.entries()) {
    await ctx.checkpoint();
    const r = lDiversity(freq.group, freq.groupSize.length, freq.groupFirstRow, s, { l, recursiveC, top: options.top ?? 20, groupSize: freq.groupSize });
    variables.push({
      sensitive: s.name,
      min: r.min,
      failingCombinations: r.failingCombinations,
      failingRecords: r.failingRecords,
      failing: r.failing.map((f) => ({
        values: keyValuesAt(freq.keyCodes, f.firstRow),
        firstRow: f.firstRow,
        size: f.size,
        distinct: f.distinct,
        entropy: f.entropy,
        recursive: f.recursive,
      })),
    });
    ctx.progress('Measuring l-diversity', j + 1, sensitive.length);
  }
  return { records: freq.group.length, keys: [...options.keys], combinations: freq.groupSize.length, l, recursiveC, variables, warnings };
}

const SENSITIVE_PARAM = p.columns({
  label: 'Sensitive variables',
  description: 'What an intruder must not learn about a person (income, health, ...). Not a key variable.',
  roles: ['sensitive'],
});

export const lDiversityAnalysis = defineAnalysis({
  id: 'l-diversity',
  title: 'l-diversity',
  description:
    'Whether the records sharing a combination of key variables have enough different values of each sensitive variable: when they all have the same value, an intruder who finds the combination learns it without finding the record. Distinct l counts the values; entropy l and recursive (c, l) also weigh how evenly they are spread.',
  source: 'sdcMicro ldiversity (5.8.2 grouping); Machanavajjhala, Kifer, Gehrke and Venkitasubramaniam (2007).',
  stage: 'risk',
  params: {
    keys: KEYS_PARAM,
    sensitive: SENSITIVE_PARAM,
    l: p
      .integer({ label: 'l', description: 'Combinations with fewer than l different sensitive values fail. 2 is the usual minimum.', min: 1, max: 1000 })
      .withDefault(2),
    recursiveC: p
      .number({
        label: 'c of recursive (c, l)-diversity',
        description: 'The most common value must be rarer than c times the rest (sdcMicro: l_recurs_c, default 2).',
        min: 0,
      })
      .withDefault(2),
    top: p
      .integer({ label: 'Failing combinations to list', description: 'How many failing combinations to list per sensitive variable.', min: 0, max: 1000 })
      .withDefault(20),
  },
  run: (ds, params, ctx) => lDiversityReport(ds, params, ctx),
});

export type Distance = 'auto' | 'equal' | 'ordered';

export interface TClosenessVariable {
  sensitive: string;
  /** true: ordered distance; false: equal distance. */
  ordered: boolean;
  max: number;
  failingCombinations: number;
  failingRecords: number;
  worst: (FailingCombination & { distance: number })[];
}

export interface TClosenessReport {
  records: number;
  keys: string[];
  combinations: number;
  t: number;
  variables: TClosenessVariable[];
  warnings: string[];
}

export interface TClosenessAnalysisOptions {
  keys: readonly string[];
  sensitive: readonly string[];
  t?: number;
  distance?: Distance;
  top?: number;
}

/** The t-closeness distance of each combination, per sensitive variable. @throws EngineError BAD_PARAMS */
export async function tClosenessReport(ds: Dataset, options: TClosenessAnalysisOptions, ctx: RunContext): Promise<TClosenessReport> {
  const t = options.t ?? 0.2;
  const distance = options.distance ?? 'auto';
  const { freq, sensitive, warnings } = await prepare(ds, options.keys, options.sensitive, ctx);
  const variables: TClosenessVariable[] = [];
  for (const [j, s] of sensitive.entries()) {
    await ctx.checkpoint();
    const kind = ds.columns[columnIndex(ds, s.name)]!.kind;
    const ordered = distance === 'ordered' || (distance === 'auto' && (kind === 'integer' || kind === 'decimal'));
    const r = tCloseness(freq.group, freq.groupSize.length, freq.groupFirstRow, s, { ordered, t, top: options.top ?? 20 });
    variables.push({
      sensitive: s.name,
      ordered,
      max: r.max,
      failingCombinations: r.failingCombinations,
      failingRecords: r.failingRecords,
      worst: r.worst.map((w) => ({ values: keyValuesAt(freq.keyCodes, w.firstRow), firstRow: w.firstRow, size: w.size, distance: w.distance })),
    });
    ctx.progress('Measuring t-closeness', j + 1, sensitive.length);
  }
  return { records: freq.group.length, keys: [...options.keys], combinations: freq.groupSize.length, t, variables, warnings };
}

export const tClosenessAnalysis = defineAnalysis({
  id: 't-closeness',
  title: 't-closeness',
  description:
    "How far the spread of each sensitive variable within a combination of key variables is from its spread in the whole file (the earth mover's distance, 0 to 1): a combination that is far off tells an intruder something even when its values differ. Numbers use the ordered distance, categories the equal distance.",
  source: "Li, Li and Venkatasubramanian (2007), earth mover's distance as ARX computes it; sdcMicro has no t-closeness.",
  stage: 'risk',
  params: {
    keys: KEYS_PARAM,
    sensitive: SENSITIVE_PARAM,
    t: p
      .number({
        label: 't',
        description: 'Combinations whose distance is above t fail (0 = the same spread as the file, 1 = as far as can be).',
        min: 0,
        max: 1,
      })
      .withDefault(0.2),
    distance: p
      .choice({
        label: 'Distance',
        description: 'auto: ordered for numbers, equal for categories.',
        choices: [
          { value: 'auto', label: 'Ordered for numbers, equal for categories' },
          { value: 'equal', label: 'Equal distance between any two values (nominal)' },
          { value: 'ordered', label: 'Ordered distance (ordinal or numeric)' },
        ] as const,
      })
      .withDefault('auto'),
    top: p
      .integer({ label: 'Worst combinations to list', description: 'How many failing combinations to list per sensitive variable.', min: 0, max: 1000 })
      .withDefault(20),
  },
  run: (ds, params, ctx) => tClosenessReport(ds, params, ctx),
});
