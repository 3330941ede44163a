/**
 * Methods are values. Four kinds, each declared once with its id, title, a
 * paragraph in plain words, the source it follows, and typed parameters:
 * - a step changes the data: `(dataset, params, ctx) -> { dataset, log }`;
 * - an analysis only looks: `(dataset, params, ctx) -> result`, or, when it
 *   compares, `({ before, after }, params, ctx) -> result`;
 * - a reader turns file bytes into a Dataset;
 * - a writer turns a Dataset into file bytes.
 * The registry (registry.ts) lists them; the worker, the client, the app's generic
 * form and the command line reach every method through it.
 */
import type { RunContext } from '../context.ts';
import type { Dataset } from '../table/dataset.ts';
import { describeParams, type ParamInfo, type ParamShape, type ParamValues, type SecretSpec } from './params.ts';

/** The task of the app a method is offered in. */
export type Stage = 'import' | 'check' | 'clean' | 'impute' | 'identifiers' | 'risk' | 'protect' | 'tables' | 'export';

/** Secrets by name (`key`): given at run time, never recorded. */
export type Secrets = Readonly<Record<string, string>>;

export interface StepContext extends RunContext {
  readonly secrets: Secrets;
}

/** What a step did, for the history and the report: one sentence and the counts behind it. */
export interface StepLog {
  summary: string;
  counts: Record<string, number>;
  /** New names that would say better what changed columns now hold (old name to new); offered to the user, never applied by the step. */
  renames?: Record<string, string>;
}

export interface StepResult {
  dataset: Dataset;
  log: StepLog;
}

/** A step as it appears in a recipe. */
export interface Step {
  id: string;
  params: Record<string, unknown>;
}

interface MethodBase<Id extends string, S extends ParamShape> {
  readonly id: Id;
  readonly title: string;
  /** One paragraph in plain words: what it does and when to use it. */
  readonly description: string;
  /** The definition it follows: the sdcMicro, ARX, VIM or sdcTable function, or the paper. */
  readonly source: string;
  readonly stage: Stage;
  readonly params: S;
}

export interface StepDefinition<Id extends string = string, S extends ParamShape = ParamShape> extends MethodBase<Id, S> {
  readonly kind: 'step';
  /** The secrets the step needs (the pseudonymisation key). */
  readonly secrets?: readonly SecretSpec[];
  /** Checks across parameters and against the dataset that the parameter types cannot express. */
  check?(ds: Dataset, params: ParamValues<S>): void;
  run(ds: Dataset, params: ParamValues<S>, ctx: StepContext): Promise<StepResult> | StepResult;
}

/** The two versions a comparison looks at. */
export interface DatasetPair {
  before: Dataset;
  after: Dataset;
}

export interface SingleAnalysis<Id extends string, S extends ParamShape, R> extends MethodBase<Id, S> {
  readonly kind: 'analysis';
  readonly compares: false;
  run(ds: Dataset, params: ParamValues<S>, ctx: RunContext): Promise<R> | R;
}

export interface ComparingAnalysis<Id extends string, S extends ParamShape, R> extends MethodBase<Id, S> {
  readonly kind: 'analysis';
  readonly compares: true;
  /** Parameters naming columns are checked against `after`. */
  run(pair: DatasetPair, params: ParamValues<S>, ctx: RunContext): Promise<R> | R;
}

export type AnalysisDefinition<Id extends string = string, S extends ParamShape = ParamShape, R = unknown> =
  SingleAnalysis<Id, S, R> | ComparingAnalysis<Id, S, R>;

/** A file as bytes with its name. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

/** What a reader tells about each file it read. */
export interface FileReadInfo {
  name: string;
  format: string;
  /** Text files: the encoding, delimiter and whether the first row was a header. */
  encoding?: string;
  delimiter?: string;
  header?: boolean;
  rows: number;
}

export interface ReadResult {
  dataset: Dataset;
  files: FileReadInfo[];
  /** True when the file itself recorded the roles (an Arrow file written here): they are kept, not suggested. */
  rolesFromFile: boolean;
  /** Settings the reader chose that a replay must repeat (the day-month order of each date column), as reader parameters. */
  detected: Record<string, unknown>;
  /** Columns read as dates from numeric forms (12/03/1985): the order used, and whether the values left it open. */
  dates: { column: string; order: 'dmy' | 'mdy'; ambiguous: boolean }[];
}

export interface ReaderDefinition<Id extends string = string, S extends ParamShape = ParamShape> extends MethodBase<Id, S> {
  readonly kind: 'reader';
  /** File name endings, lower case with the dot: [".csv", ".tsv"]. */
  readonly extensions: readonly string[];
  readonly mimeTypes: readonly string[];
  /** Whether the first bytes are this format's (a magic number); text formats say false and are chosen by extension. */
  sniff(bytes: Uint8Array): boolean;
  read(files: readonly InputFile[], params: ParamValues<S>, ctx: RunContext): Promise<ReadResult>;
}

export interface WriterDefinition<Id extends string = string, S extends ParamShape = ParamShape> extends MethodBase<Id, S> {
  readonly kind: 'writer';
  /** The file name ending, with the dot. */
  readonly extension: string;
  readonly mimeType: string;
  write(ds: Dataset, params: ParamValues<S>, ctx: RunContext): Promise<Uint8Array>;
}

export type MethodDefinition = StepDefinition | AnalysisDefinition | ReaderDefinition | WriterDefinition;
export type MethodKind = MethodDefinition['kind'];

/** Declare a step. Its `run` receives parameters typed from `params`. */
export function defineStep<const Id extends string, S extends ParamShape>(def: Omit<StepDefinition<Id, S>, 'kind'>): StepDefinition<Id, S> {
  return { kind: 'step', ...def };
}

/** Declare an analysis of one dataset. */
export function defineAnalysis<const Id extends string, S extends ParamShape, R>(
  def: Omit<SingleAnalysis<Id, S, R>, 'kind' | 'compares'>,
): SingleAnalysis<Id, S, R> {
  return { kind: 'analysis', compares: false, ...def };
}

/** Declare an analysis that compares two versions of a dataset. */
export function defineComparison<const Id extends string, S extends ParamShape, R>(
  def: Omit<ComparingAnalysis<Id, S, R>, 'kind' | 'compares'>,
): ComparingAnalysis<Id, S, R> {
  return { kind: 'analysis', compares: true, ...def };
}

export function defineReader<const Id extends string, S extends ParamShape>(def: Omit<ReaderDefinition<Id, S>, 'kind'>): ReaderDefinition<Id, S> {
  return { kind: 'reader', ...def };
}

export function defineWriter<const Id extends string, S extends ParamShape>(def: Omit<WriterDefinition<Id, S>, 'kind'>): WriterDefinition<Id, S> {
  return { kind: 'writer', ...def };
}

/** A method as plain data: what `safe-extract steps --json` prints and the app's forms are drawn from. */
export interface MethodInfo {
  kind: MethodKind;
  id: string;
  title: string;
  description: string;
  source: string;
  stage: Stage;
  params: ParamInfo[];
  /** Steps: the secrets asked for at run time. */
  secrets?: SecretSpec[];
  /** Analyses: whether it compares two versions. */
  compares?: boolean;
  /** Readers: the file name endings and media types; writers: the ending and media type. */
  extensions?: string[];
  mimeTypes?: string[];
  extension?: string;
  mimeType?: string;
}

export function methodInfo(def: MethodDefinition): MethodInfo {
  const base: MethodInfo = {
    kind: def.kind,
    id: def.id,
    title: def.title,
    description: def.description,
    source: def.source,
    stage: def.stage,
    params: describeParams(def.params),
  };
  switch (def.kind) {
    case 'step':
      return { ...base, secrets: [...(def.secrets ?? [])] };
    case 'analysis':
      return { ...base, compares: def.compares };
    case 'reader':
      return { ...base, extensions: [...def.extensions], mimeTypes: [...def.mimeTypes] };
    case 'writer':
      return { ...base, extension: def.extension, mimeType: def.mimeType };
  }
}
