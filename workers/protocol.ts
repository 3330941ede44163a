/**
 * The plain-data types that cross the worker boundary, and the Comlink transfer
 * handler that carries an EngineError's code, hint and details across it
 * (Comlink's default keeps only name, message and stack).
 */
import * as Comlink from 'comlink';
// The page imports this file too, so it takes EngineError from its own small module, not the whole engine.
import { EngineError, type ErrorCode, type ErrorDetails } from '../src/engine/errors.ts';
import type { ColumnKind, FileReadInfo, IdentifierKind, Role } from '../src/engine/index.ts';

export type {
  ColumnProfile,
  KAnonymityOptions,
  KAnonymityReport,
  Progress,
  ReadOptions,
  Recipe,
  Role,
  Secrets,
  Step,
  ParamSpec,
  InputFile,
} from '../src/engine/index.ts';

export interface ColumnSummary {
  name: string;
  kind: ColumnKind;
  role: Role;
  /** The detector's suggestion, made when the file was opened. */
  suggestedRole: Role;
  reason: string;
  identifier: IdentifierKind | null;
}

export interface DatasetSummary {
  rows: number;
  columns: ColumnSummary[];
  files: FileReadInfo[];
  /** Increases with every change, so views know to refetch. */
  version: number;
}

export interface HistoryEntry {
  id: string;
  title: string;
  params: Record<string, unknown>;
  summary: string;
  counts: Record<string, number>;
}

export interface RowPage {
  start: number;
  /** Cell texts, null where missing. */
  rows: (string | null)[][];
}

export interface StepInfo {
  id: string;
  title: string;
  description: string;
  params: import('../src/engine/index.ts').ParamSpec[];
}

export interface EngineState {
  summary: DatasetSummary;
  history: HistoryEntry[];
}

export type ExportFormat = 'csv' | 'arrow';

interface SerializedError {
  isEngineError: boolean;
  code: ErrorCode;
  message: string;
  details: ErrorDetails;
}

/** Register on both sides of the boundary: thrown errors keep their code and details. */
export function registerErrorTransfer(): void {
  const builtIn = Comlink.transferHandlers.get('throw')!;
  Comlink.transferHandlers.set('throw', {
    canHandle: builtIn.canHandle,
    serialize: ({ value }: { value: unknown }) => {
      const e =
        value instanceof EngineError
          ? value
          : new EngineError('INTERNAL', `Something went wrong inside Safe Extract: ${value instanceof Error ? value.message : String(value)}`);
      const s: SerializedError = { isEngineError: true, code: e.code, message: e.message, details: e.details };
      return [s, []];
    },
    deserialize: (s: SerializedError) => {
      throw new EngineError(s.code, s.message, s.details);
    },
  } as Comlink.TransferHandler<unknown, SerializedError>);
}
