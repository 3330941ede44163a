/**
 * The plain-data types that cross the worker boundary, and the Comlink transfer
 * handler that carries an EngineError's code, message and details across it
 * (Comlink's default keeps only name, message and stack).
 */
import * as Comlink from 'comlink';
// The page imports this file too, so it takes EngineError from its own small module, not the whole engine.
import { EngineError, toEngineError, type ErrorCode, type ErrorDetails } from '../src/engine/errors.ts';
import type { ColumnKind, FileReadInfo, IdentifierKind, RecipeInput, Role, Step } from '../src/engine/index.ts';

export type {
  AnalysisId,
  AnalysisParams,
  AnalysisResult,
  ColumnProfile,
  CompareReport,
  FileReadInfo,
  InputFile,
  KAnonymityReport,
  MethodInfo,
  ParamInfo,
  Progress,
  Recipe,
  RecipeInput,
  Role,
  Secrets,
  Stage,
  Step,
  StepId,
} from '../src/engine/index.ts';

export interface ColumnSummary {
  name: string;
  kind: ColumnKind;
  role: Role;
  /** The detector's suggestion for the column as it is now (made again after a step changes or renames it). */
  suggestedRole: Role;
  reason: string;
  identifier: IdentifierKind | null;
  /** The variable label. */
  label: string | null;
  /** Code text to its meaning. */
  valueLabels: Record<string, string> | null;
  /** Ordinal categories, lowest first. */
  order: string[] | null;
  /** Values the source declared as missing. */
  missingCodes: { values: string[]; ranges: [number, number][] } | null;
  /** Cells suppressed and changed by the steps so far. */
  suppressed: number;
  changed: number;
}

export interface DateColumnInfo {
  column: string;
  order: 'dmy' | 'mdy';
  /** The values fit either order; day first was chosen. */
  ambiguous: boolean;
}

export interface DatasetSummary {
  rows: number;
  columns: ColumnSummary[];
  files: FileReadInfo[];
  /** How the input was read, as the recipe records it. */
  input: RecipeInput;
  /** Columns read as dates from numeric forms, with their day-month order. */
  dates: DateColumnInfo[];
  /** Increases with every change (and across a worker restart), so views know to refetch. */
  version: number;
}

export interface HistoryEntry {
  id: string;
  title: string;
  params: Record<string, unknown>;
  summary: string;
  counts: Record<string, number>;
  /** Names the step suggests for columns whose meaning it changed (old to new); the page offers them. */
  renames?: Record<string, string>;
}

/** A cell a step suppressed or changed: its row (from the page's start), column index and mark. */
export type CellMark = [row: number, column: number, mark: 'suppressed' | 'changed'];

export interface RowPage {
  start: number;
  /** Cell texts, null where missing. */
  rows: (string | null)[][];
  /** The cells of this page that steps suppressed or changed. */
  marks: CellMark[];
}

export interface EngineState {
  summary: DatasetSummary;
  history: HistoryEntry[];
}

/** How to open files: a reader by id (else chosen by the files), and settings per reader. */
export interface OpenRequest {
  format?: string;
  settings?: Record<string, Record<string, unknown>>;
}

/** Everything a fresh worker needs to arrive where a lost one was. */
export interface Snapshot {
  files: { name: string; bytes: Uint8Array }[];
  input: RecipeInput;
  roles: Record<string, Role>;
  steps: { step: Step; secrets: Record<string, string> }[];
  /** The last version the page saw: the restored one is later. */
  version: number;
}

export interface AnalyseOptions {
  /** For a comparison: the earlier version, as a position in the history (0 = as opened). Default 0. */
  before?: number;
}

export interface AnalysisOutcome<R = unknown> {
  /** The dataset version the result is about. */
  version: number;
  result: R;
}

interface SerializedError {
  code: ErrorCode;
  message: string;
  details: ErrorDetails;
}

/**
 * Register on both sides of the boundary: a thrown value crosses as the EngineError
 * that toEngineError makes of it (an out-of-memory RangeError as FILE_TOO_LARGE with
 * its cause), and is rebuilt with the same code, message and details.
 */
export function registerErrorTransfer(): void {
  const builtIn = Comlink.transferHandlers.get('throw')!;
  Comlink.transferHandlers.set('throw', {
    canHandle: builtIn.canHandle,
    serialize: ({ value }: { value: unknown }) => {
      const e = toEngineError(value);
      return [{ code: e.code, message: e.message, details: e.details }, []];
    },
    deserialize: (s: SerializedError) => {
      throw new EngineError(s.code, s.message, s.details);
    },
  } as Comlink.TransferHandler<unknown, SerializedError>);
}
