import { tableToIPC } from 'apache-arrow';
import type { Dataset } from '../table/dataset.ts';

/** The dataset as an Arrow IPC file (Feather v2), readable by pyarrow, R arrow and DuckDB. */
export function writeArrow(ds: Dataset): Uint8Array {
  const bytes = tableToIPC(ds.table, 'file');
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}
