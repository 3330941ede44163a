/**
 * Every method the engine knows, by kind and id. A new method is one engine file
 * and one line here; the worker, the client, the app's forms, `safe-extract steps`
 * and `safe-extract analyse` find it through these tables.
 */
import { EngineError } from '../errors.ts';
import { dropColumnsStep } from '../identify/drop-columns.ts';
import { generaliseStep } from '../identify/generalise.ts';
import { pseudonymiseStep } from '../identify/pseudonymise.ts';
import { renameColumnStep } from '../identify/rename-column.ts';
import { arrowReader } from '../io/read-arrow.ts';
import { csvReader } from '../io/read-delimited.ts';
import { arrowWriter } from '../io/write-arrow.ts';
import { csvWriter } from '../io/write-csv.ts';
import { profileAnalysis } from '../profile/profile-columns.ts';
import { setMeasureStep } from '../profile/set-measure.ts';
import { recodeStep } from '../protect/recode.ts';
import { topBottomCodeStep } from '../protect/top-bottom-code.ts';
import { individualRiskAnalysis } from '../risk/individual-risk.ts';
import { kAnonymityAnalysis } from '../risk/k-anonymity.ts';
import { riskDriversAnalysis } from '../risk/risk-drivers.ts';
import { riskyCellsAnalysis } from '../risk/risky-cells.ts';
import { sameFactAnalysis } from '../risk/same-fact.ts';
import { lDiversityAnalysis, tClosenessAnalysis } from '../risk/sensitive-measures.ts';
import { suda2Analysis } from '../risk/suda2-analysis.ts';
import { compareAnalysis } from '../utility/compare.ts';
import type { AnalysisDefinition, MethodDefinition, MethodInfo, MethodKind, ReaderDefinition, StepDefinition, WriterDefinition } from './method.ts';
import { methodInfo } from './method.ts';

type ById<D extends readonly { id: string }[]> = { readonly [M in D[number] as M['id']]: M };

function byId<const D extends readonly { id: string }[]>(...defs: D): ById<D> {
  return Object.freeze(Object.fromEntries(defs.map((d) => [d.id, d]))) as ById<D>;
}

export const STEPS = byId(setMeasureStep, renameColumnStep, dropColumnsStep, pseudonymiseStep, generaliseStep, topBottomCodeStep, recodeStep);
export const ANALYSES = byId(
  kAnonymityAnalysis,
  individualRiskAnalysis,
  riskDriversAnalysis,
  lDiversityAnalysis,
  tClosenessAnalysis,
  suda2Analysis,
  riskyCellsAnalysis,
  sameFactAnalysis,
  profileAnalysis,
  compareAnalysis,
);
export const READERS = byId(csvReader, arrowReader);
export const WRITERS = byId(csvWriter, arrowWriter);

export type StepId = keyof typeof STEPS;
export type AnalysisId = keyof typeof ANALYSES;
export type ReaderId = keyof typeof READERS;
export type WriterId = keyof typeof WRITERS;

const TABLES = { step: STEPS, analysis: ANALYSES, reader: READERS, writer: WRITERS } as const;
const NOUN: Record<MethodKind, string> = { step: 'step', analysis: 'analysis', reader: 'file format to read', writer: 'file format to write' };
const CODE = { step: 'UNKNOWN_STEP', analysis: 'UNKNOWN_ANALYSIS', reader: 'UNKNOWN_FORMAT', writer: 'UNKNOWN_FORMAT' } as const;

function lookup(kind: MethodKind, id: string): MethodDefinition {
  const table = TABLES[kind] as Readonly<Record<string, MethodDefinition>>;
  const def = Object.hasOwn(table, id) ? table[id] : undefined;
  if (!def) {
    const ids = Object.keys(table);
    throw new EngineError(CODE[kind], `There is no ${NOUN[kind]} "${id}". The ${kind === 'analysis' ? 'analyses' : `${NOUN[kind]}s`} are: ${ids.join(', ')}.`, {
      [kind]: id,
      available: ids,
    });
  }
  return def;
}

/** @throws EngineError UNKNOWN_STEP naming the id and listing the steps. */
export function stepDefinition(id: string): StepDefinition {
  return lookup('step', id) as StepDefinition;
}

/** @throws EngineError UNKNOWN_ANALYSIS */
export function analysisDefinition(id: string): AnalysisDefinition {
  return lookup('analysis', id) as AnalysisDefinition;
}

/** @throws EngineError UNKNOWN_FORMAT */
export function readerDefinition(id: string): ReaderDefinition {
  return lookup('reader', id) as ReaderDefinition;
}

/** @throws EngineError UNKNOWN_FORMAT */
export function writerDefinition(id: string): WriterDefinition {
  return lookup('writer', id) as WriterDefinition;
}

/** Every method of a kind (or all) as plain data, in registry order. */
export function listMethods(kind?: MethodKind): MethodInfo[] {
  const kinds: MethodKind[] = kind ? [kind] : ['reader', 'step', 'analysis', 'writer'];
  return kinds.flatMap((k) => Object.values(TABLES[k] as Readonly<Record<string, MethodDefinition>>).map(methodInfo));
}

/**
 * The reader for a file: by its first bytes when a format has a magic number (an
 * Arrow file named .csv is still read as Arrow), else by the name's ending, else CSV.
 */
export function readerFor(name: string, bytes: Uint8Array): ReaderDefinition {
  const readers = Object.values(READERS) as readonly ReaderDefinition[];
  const sniffed = readers.find((r) => r.sniff(bytes));
  if (sniffed) return sniffed;
  const lower = name.toLowerCase();
  return readers.find((r) => r.extensions.some((e) => lower.endsWith(e))) ?? READERS.csv;
}
