import { Field, RecordBatch, Schema, Struct, Table, makeData, tableToIPC } from 'apache-arrow';
import { defineWriter } from '../recipe/method.ts';
import type { Dataset } from '../table/dataset.ts';
import { columnData } from '../table/dataset.ts';
import { COLUMN_META_KEY, DATASET_FORMAT, DATASET_FORMAT_KEY, encodeColumnMeta } from './arrow-metadata.ts';

/**
 * The dataset as an Arrow IPC file (Feather v2), readable by pyarrow, R arrow and
 * DuckDB, with every column's metadata (role, labels, missing codes, ordinal order,
 * suppressed and changed cells) in its field's metadata, so that Safe Extract opens
 * it again as it was.
 */
export function writeArrow(ds: Dataset): Uint8Array {
  const fields = ds.columns.map((meta, j) => new Field(meta.name, columnData(ds, j).type, true, new Map([[COLUMN_META_KEY, encodeColumnMeta(meta)]])));
  const schema = new Schema(fields, new Map([[DATASET_FORMAT_KEY, DATASET_FORMAT]]));
  const children = ds.columns.map((_, j) => columnData(ds, j));
  const struct = makeData({ type: new Struct(fields), length: ds.table.numRows, nullCount: 0, children });
  const bytes = tableToIPC(new Table([new RecordBatch(schema, struct)]), 'file');
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

export const arrowWriter = defineWriter({
  id: 'arrow',
  title: 'Arrow file (Feather v2)',
  description:
    "Keeps the column types and Safe Extract's metadata (roles, labels, missing codes, suppressed cells), for R (arrow), Python (pyarrow, pandas, polars) and DuckDB, and to open again here.",
  source: 'Apache Arrow IPC file format (Arrow columnar format 1.0).',
  stage: 'export',
  extension: '.arrow',
  mimeType: 'application/vnd.apache.arrow.file',
  params: {},
  write: async (ds) => writeArrow(ds),
});
