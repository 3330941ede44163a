import { EngineError, toEngineError } from '../errors.ts';
import type { RunContext } from '../context.ts';
import type { Dataset } from '../table/dataset.ts';
import type { DatasetPair } from './method.ts';
import { parseParams, type ParamInput } from './params.ts';
import { analysisDefinition, ANALYSES, type AnalysisId } from './registry.ts';
import { paramFailure } from './run-step.ts';

type Analyses = typeof ANALYSES;

/** The result type of an analysis, from its id. */
export type AnalysisResult<Id extends AnalysisId> = Awaited<ReturnType<Analyses[Id]['run']>>;

/** The parameters an analysis takes, from its id (defaulted ones may be left out). */
export type AnalysisParams<Id extends AnalysisId> = ParamInput<Analyses[Id]['params']>;

/** What an analysis looks at: one dataset, or for a comparison the two versions. */
export type AnalysisInput = Dataset | DatasetPair;

/**
 * Check an analysis's parameters against its declaration and the dataset (for a
 * comparison, the later version), then run it with the run context (progress,
 * cancel, seeded random stream). Analyses never change a dataset.
 * @throws EngineError UNKNOWN_ANALYSIS, BAD_PARAMS, UNKNOWN_COLUMN, CANCELLED, and the analysis's own
 */
export async function runAnalysis<Id extends AnalysisId>(id: Id, input: AnalysisInput, params: unknown, ctx: RunContext): Promise<AnalysisResult<Id>>;
export async function runAnalysis(id: string, input: AnalysisInput, params: unknown, ctx: RunContext): Promise<unknown>;
export async function runAnalysis(id: string, input: AnalysisInput, params: unknown, ctx: RunContext): Promise<unknown> {
  const def = analysisDefinition(id);
  const pair = 'before' in input ? input : null;
  if (def.compares && !pair) throw new EngineError('BAD_PARAMS', `The analysis "${id}" compares two versions of the data; give it both.`, { analysis: id });
  const ds = pair ? pair.after : (input as Dataset);
  const checked = parseParams(def.params, params, paramFailure('analysis', id), ds);
  try {
    return def.compares ? await def.run(pair!, checked, ctx) : await def.run(ds, checked, ctx);
  } catch (e) {
    throw toEngineError(e);
  }
}
