import type { RunContext } from '../context.ts';
import type { Dataset } from '../table/dataset.ts';
import type { ParamSpec, ParamValues } from './params.ts';

/** Secrets a step may need at run time. They never enter a recipe, a log, a report or an export. */
export interface Secrets {
  /** The pseudonymisation key, as text; its UTF-8 bytes key the HMAC. */
  key?: string;
}

export interface StepContext extends RunContext {
  readonly secrets: Secrets;
}

/** What a step did, for the history and the report: one sentence and the counts behind it. */
export interface StepLog {
  summary: string;
  counts: Record<string, number>;
}

export interface StepResult {
  dataset: Dataset;
  log: StepLog;
}

/** A step as it appears in a recipe. */
export interface Step {
  id: string;
  params: ParamValues;
}

/** The definition of a step: checked parameters in, a new Dataset and a log out; the input is never changed. */
export interface StepDefinition {
  id: string;
  title: string;
  description: string;
  params: readonly ParamSpec[];
  /** Further checks against the dataset (columns exist, kinds fit); throws BAD_PARAMS or UNKNOWN_COLUMN. */
  check?(ds: Dataset, params: ParamValues): void;
  run(ds: Dataset, params: ParamValues, ctx: StepContext): Promise<StepResult>;
}
