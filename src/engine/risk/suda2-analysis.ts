/**
 * SUDA2 as an analysis: the scores of suda2.ts summarised for the app and the
 * command line, with sdcMicro's table of DIS scores (print.suda2) and the records
 * with the highest scores.
 */
import type { RunContext } from '../context.ts';
import { defineAnalysis } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import type { ColumnCodes } from '../table/column-codes.ts';
import type { Dataset } from '../table/dataset.ts';
import { keyWarnings } from './individual-risk.ts';
import { KEYS_PARAM } from './k-anonymity.ts';
import { codeKeysAsync, keyValuesAt } from './key-frequencies.ts';
import { suda2, type Suda2Result } from './suda2.ts';

export interface DisBin {
  /** As sdcMicro prints it: "== 0", "(0.0, 0.1]", ..., "> 0.7". */
  interval: string;
  records: number;
}

export interface SudaRecord {
  /** 1-based row number. */
  row: number;
  score: number;
  dis: number;
  values: (string | null)[];
}

export interface Suda2Report extends Omit<Suda2Result, 'score' | 'dis'> {
  records: number;
  keys: string[];
  disFraction: number;
  /** Highest and mean SUDA score. */
  score: { max: number; mean: number };
  /** Highest and mean DIS score (NaN scores left out). */
  dis: { max: number; mean: number };
  /** Records by DIS score in sdcMicro's intervals (print.suda2). */
  disTable: DisBin[];
  /** Records with the highest SUDA scores, then the highest DIS, then first. */
  riskiest: SudaRecord[];
  warnings: string[];
}

export interface Suda2AnalysisOptions {
  keys: readonly string[];
  maxSize?: number | null;
  disFraction?: number;
  top?: number;
}

const DIS_LABELS = ['== 0', '(0.0, 0.1]', '(0.1, 0.2]', '(0.2, 0.3]', '(0.3, 0.4]', '(0.4, 0.5]', '(0.5, 0.6]', '(0.6, 0.7]', '> 0.7'];

/**
 * sdcMicro's intervals: cut(dis, c(-1, seq(0, 0.7, 0.1) + eps, Inf)), so "== 0" is
 * [0, eps] and each next bin ends just past its tenth. NaN scores are in no bin.
 */
export function disTable(dis: Float64Array): DisBin[] {
  const eps = Number.EPSILON;
  const uppers = Array.from({ length: 8 }, (_, j) => j / 10 + eps);
  const counts = new Array<number>(DIS_LABELS.length).fill(0);
  for (let i = 0; i < dis.length; i++) {
    const d = dis[i]!;
    if (Number.isNaN(d)) continue;
    let b = 0;
    while (b < uppers.length && d > uppers[b]!) b++;
    counts[b]!++;
  }
  return DIS_LABELS.map((interval, j) => ({ interval, records: counts[j]! }));
}

/** SUDA2 scores of every record, summarised. @throws EngineError BAD_PARAMS (see suda2) */
export async function suda2Report(ds: Dataset, options: Suda2AnalysisOptions, ctx: RunContext): Promise<Suda2Report> {
  const codes = await codeKeysAsync(ds, options.keys, ctx);
  const result = await suda2(
    options.keys.map((name, j) => ({ name, codes: codes[j]! })),
    { ...(options.maxSize ? { maxSize: options.maxSize } : {}), disFraction: options.disFraction ?? 0.01 },
    ctx,
  );
  return summariseSuda2(result, codes, options);
}

/** The report from suda2's per-record scores (for callers that also want those, as the CLI's --per-record). */
export function summariseSuda2(result: Suda2Result, codes: readonly ColumnCodes[], options: Suda2AnalysisOptions): Suda2Report {
  const disFraction = options.disFraction ?? 0.01;
  const { score, dis, ...rest } = result;
  const n = score.length;
  let maxScore = 0;
  let sumScore = 0;
  let maxDis = 0;
  let sumDis = 0;
  let known = 0;
  for (let i = 0; i < n; i++) {
    sumScore += score[i]!;
    if (score[i]! > maxScore) maxScore = score[i]!;
    const d = dis[i]!;
    if (Number.isNaN(d)) continue;
    known++;
    sumDis += d;
    if (d > maxDis) maxDis = d;
  }
  const top = options.top ?? 20;
  const scored: number[] = [];
  for (let i = 0; i < n; i++) if (score[i]! > 0) scored.push(i);
  scored.sort((a, b) => score[b]! - score[a]! || (dis[b]! || 0) - (dis[a]! || 0) || a - b);
  const riskiest = scored.slice(0, top).map<SudaRecord>((i) => ({ row: i + 1, score: score[i]!, dis: dis[i]!, values: keyValuesAt(codes, i) }));
  return {
    ...rest,
    records: n,
    keys: [...options.keys],
    disFraction,
    score: { max: maxScore, mean: n ? sumScore / n : 0 },
    dis: { max: maxDis, mean: known ? sumDis / known : 0 },
    disTable: disTable(dis),
    riskiest,
    warnings: keyWarnings(options.keys, codes),
  };
}

export const suda2Analysis = defineAnalysis({
  id: 'suda2',
  title: 'SUDA2 (special uniques)',
  description:
    "Finds, for each record, the smallest sets of key variables on which it is unique in the file (minimal sample uniques). A record unique on few variables is easier to find than one unique only on many, so each gets a SUDA score, and a DIS score: an estimate of the chance that a match on it is correct. Also each key variable's and each value's share of the scores: where to act.",
  source: 'sdcMicro suda2 (original_scores = TRUE); Elliot, Manning and Ford (2002); Manning, Haglin and Keane (2008).',
  stage: 'risk',
  params: {
    keys: KEYS_PARAM,
    maxSize: p
      .integer({
        label: 'Largest set size',
        description: 'Look for unique sets of at most this many key variables; empty for all (as sdcMicro).',
        min: 1,
        max: 32,
      })
      .optional(),
    disFraction: p
      .number({
        label: 'Sampling fraction',
        description: 'The share of the population in the file, for the DIS score (sdcMicro: DisFraction, default 0.01).',
        min: 0,
        max: 1,
      })
      .withDefault(0.01),
    top: p.integer({ label: 'Records to list', description: 'How many of the highest-scoring records to list.', min: 0, max: 1000 }).withDefault(20),
  },
  run: (ds, params, ctx) => suda2Report(ds, params, ctx),
});
