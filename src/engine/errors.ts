/**
 * The engine's one error type and its catalogue. Every failure the engine
 * reports is an EngineError with a code from CATALOGUE, a sentence a user
 * understands, a hint on what to do, and plain-data details.
 */
export const CATALOGUE = {
  EMPTY_FILE: { title: 'The file is empty', hint: 'Choose a file that contains a header row and data.' },
  NO_ROWS: { title: 'The file has a header but no rows', hint: 'Check that the file is complete.' },
  RAGGED_ROWS: { title: 'Rows have different numbers of fields', hint: 'Check the delimiter and any unquoted delimiters inside fields.' },
  UNTERMINATED_QUOTE: { title: 'A quoted field is never closed', hint: 'Look for a stray double quote on the row named.' },
  BINARY_FILE: { title: 'The file is not text', hint: 'Export the data as CSV or TSV and open that instead.' },
  DUPLICATE_COLUMNS: { title: 'Two columns have the same name', hint: 'Rename the columns so every name is different.' },
  EMPTY_COLUMN_NAME: { title: 'A column has no name', hint: 'Give every column a header.' },
  FILE_TOO_LARGE: { title: 'The file is too large to open here', hint: 'Split the file, or use the command line on a machine with more memory.' },
  COLUMNS_DIFFER: { title: 'The files have different columns', hint: 'Only files with the same column names can be appended.' },
  UNKNOWN_COLUMN: { title: 'No such column', hint: 'Check the column names.' },
  BAD_PARAMS: { title: 'A setting is not valid', hint: 'Correct the setting named.' },
  UNKNOWN_STEP: { title: 'Unknown step', hint: 'Run `safe-extract steps` to list the steps.' },
  UNKNOWN_ANALYSIS: { title: 'Unknown analysis', hint: 'Run `safe-extract analyses` to list the analyses.' },
  UNKNOWN_FORMAT: { title: 'Unknown file format', hint: 'Run `safe-extract readers` or `safe-extract writers` to list the formats.' },
  UNREADABLE_VALUES: { title: 'Some values cannot be read', hint: 'Correct the values named, or choose to make them missing.' },
  BAD_FILE: { title: 'The file is damaged or not in its format', hint: 'Export the file again from the program that made it.' },
  UNSUPPORTED_COLUMN: { title: 'A column holds a type of data Safe Extract cannot use', hint: 'Convert the column to numbers, text or dates first.' },
  BAD_RECIPE: { title: 'The recipe cannot be read', hint: 'Check the recipe file against the format.' },
  KEY_REQUIRED: { title: 'A pseudonymisation key is needed', hint: 'Enter or generate a key; it is never saved.' },
  NO_DATASET: { title: 'No data is loaded', hint: 'Open a file first.' },
  NOTHING_TO_UNDO: { title: 'There is nothing to undo', hint: '' },
  CANCELLED: { title: 'Cancelled', hint: '' },
  WORKER_RESTARTED: {
    title: 'The engine stopped and was restarted',
    hint: 'Your data and steps were restored. If it happens again, the file may be too large for this computer.',
  },
  INTERNAL: { title: 'Something went wrong inside Safe Extract', hint: 'Please report this with the steps that led to it.' },
} as const satisfies Record<string, { title: string; hint: string }>;

export type ErrorCode = keyof typeof CATALOGUE;

/** Plain data describing where and why: file, row (1-based, counting the header as row 1), column, and more. */
export type ErrorDetails = Record<string, string | number | boolean | null | readonly string[]>;

/** The error every engine function throws. `message` is a full sentence for people. */
export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  constructor(code: ErrorCode, message?: string, details: ErrorDetails = {}) {
    super(message ?? CATALOGUE[code].title);
    this.name = 'EngineError';
    this.code = code;
    this.details = details;
  }
  get hint(): string {
    return CATALOGUE[this.code].hint;
  }
}

/** True for an EngineError, including one rebuilt on the other side of a worker boundary. */
export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}

/** Wrap anything thrown into an EngineError, keeping EngineErrors as they are. */
export function toEngineError(e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  if (e instanceof RangeError && /allocation|Invalid (string|array|typed array) length|memory/i.test(e.message)) {
    return new EngineError('FILE_TOO_LARGE', 'The data is too large for the memory available here.', { cause: e.message });
  }
  const message = e instanceof Error ? e.message : String(e);
  return new EngineError('INTERNAL', `Something went wrong inside Safe Extract: ${message}`, { cause: message });
}
