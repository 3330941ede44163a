/**
 * Reading one part of a large file on another thread: the part starts at a record
 * boundary of the file, and its columns come back as plain builder states that the
 * reading thread appends to its own (ColumnBuilder.append), so the dataset is the one
 * a single pass would have made.
 */
import { ColumnBuilder, missingCodes, type BuilderState } from './column-builder.ts';
import { scanRecords, type Declined, type ScanLayout, type ScanState } from './csv-scan.ts';
import type { DateOrder } from '../table/dates.ts';

export interface PartTask {
  /** The part's UTF-8 bytes, from the start of a record to the end of the file. */
  bytes: Uint8Array;
  layout: ScanLayout;
  /** The missing codes besides the empty cell. */
  missing: string[];
  /** The file's columns in its order, with their date settings. */
  columns: { name: string; dateOptions: { order?: DateOrder; yearPivot?: number } }[];
  /** The rows to expect, to size the buffers once. */
  capacity: number;
}

export interface PartResult {
  rows: number;
  /** Set when the part needs PapaParse (and so does the file). */
  declined: Declined | null;
  columns: BuilderState[];
  /** The missing codes met in each column. */
  seen: string[][];
}

/** Read a whole part in one go (it runs on a thread of its own, so it need not yield). */
export function readPart(task: PartTask): PartResult {
  const sinks = task.columns.map((c) => new ColumnBuilder(c.name, c.dateOptions, task.capacity));
  const seen = task.columns.map(() => new Set<string>());
  const state: ScanState = { pos: 0, rows: 0, declined: null };
  scanRecords(task.bytes, task.bytes.length, task.layout, { sinks, seen, missing: missingCodes(task.missing) }, state, task.bytes.length);
  if (state.declined !== null) return { rows: state.rows, declined: state.declined, columns: [], seen: [] };
  return { rows: state.rows, declined: null, columns: sinks.map((s) => s.state()), seen: seen.map((s) => [...s]) };
}

/** The buffers of a result, to transfer rather than copy. */
export function partBuffers(result: PartResult): ArrayBuffer[] {
  return [...new Set(result.columns.flatMap((c) => ColumnBuilder.buffers(c)))];
}

/** Reads parts of files on other threads: the platform's (worker threads in Node, a nested Web Worker in the browser). */
export interface PartReader {
  readPart(task: PartTask): Promise<PartResult>;
  /** Start the thread now, so that it is ready when the first part is: it is asked as soon as a large file is given. */
  warm?(): void;
}
