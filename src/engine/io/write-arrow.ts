import { Field, Int32, Int64, RecordBatch, Schema, Struct, Table, Type, makeData, tableToIPC, type Data } from 'apache-arrow';
import { defineWriter } from '../recipe/method.ts';
import type { ColumnMeta, Dataset } from '../table/dataset.ts';
import { columnData } from '../table/dataset.ts';
import { COLUMN_META_KEY, DATASET_FORMAT, DATASET_FORMAT_KEY, encodeColumnMeta } from './arrow-metadata.ts';

const TWO_32 = 4294967296;

/**
 * The dataset as an Arrow IPC file (Feather v2), readable by pyarrow, R arrow and
 * DuckDB, with every column's metadata (role, labels, missing codes, ordinal order,
 * suppressed and changed cells) in its field's metadata, so that Safe Extract opens
 * it again as it was.
 *
 * Columns are written with the type their kind calls for rather than the engine's
 * storage type, so that other tools see integers as integers: integer columns as
 * Int32 when every value fits, else Int64 (kept Float64 only for a value beyond 2^53,
 * or one that is not whole, which Int64 could not carry back unchanged); decimals as
 * Float64; dates as Date (days); categories as dictionaries of UTF-8 with Int32 codes;
 * text as UTF-8; booleans as Bool. Missing values stay null.
 */
export function writeArrow(ds: Dataset): Uint8Array {
  const children = ds.columns.map((meta, j) => exportData(meta, columnData(ds, j)));
  const fields = ds.columns.map((meta, j) => new Field(meta.name, children[j]!.type, true, new Map([[COLUMN_META_KEY, encodeColumnMeta(meta)]])));
  const schema = new Schema(fields, new Map([[DATASET_FORMAT_KEY, DATASET_FORMAT]]));
  const struct = makeData({ type: new Struct(fields), length: ds.table.numRows, nullCount: 0, children });
  const bytes = tableToIPC(new Table([new RecordBatch(schema, struct)]), 'file');
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** A column's Data as written: integer columns narrowed from Float64, every other column as stored. */
function exportData(meta: ColumnMeta, data: Data): Data {
  if (meta.kind !== 'integer' || data.typeId !== Type.Float || !((data.values as unknown) instanceof Float64Array)) return data;
  return integerData(data as Data & { values: Float64Array });
}

/**
 * Float64 integers as Int32, or Int64 when one is out of Int32's range; the Float64
 * Data itself when a present value is not a safe integer. The validity bitmap is
 * carried over and a missing cell's slot left 0. One pass over the values in the
 * usual case (everything fits Int32); a second only for Int64.
 */
function integerData(data: Data & { values: Float64Array }): Data {
  const { length, offset } = data;
  const values = data.values;
  const nullCount = data.nullCount;
  const bitmap = nullCount > 0 ? data.nullBitmap : undefined;
  const out = new Int32Array(length);
  let wide = false;
  for (let i = 0; i < length; i++) {
    const pos = offset + i;
    if (bitmap && (bitmap[pos >> 3]! & (1 << (pos & 7))) === 0) continue;
    const v = values[i]!;
    if ((v | 0) === v) out[i] = v;
    else if (Number.isSafeInteger(v)) {
      wide = true;
      break;
    } else return data;
  }
  const nulls = { nullCount, nullBitmap: bitmap && realigned(bitmap, offset, length) };
  if (!wide) return makeData({ type: new Int32(), length, ...nulls, data: out });
  // Two 32-bit words per value, low word first (Arrow buffers are little-endian),
  // rather than a BigInt per value.
  const words = new Uint32Array(length * 2);
  for (let i = 0; i < length; i++) {
    const pos = offset + i;
    if (bitmap && (bitmap[pos >> 3]! & (1 << (pos & 7))) === 0) continue;
    const v = values[i]!;
    if (!Number.isSafeInteger(v)) return data;
    const high = Math.floor(v / TWO_32);
    words[2 * i] = v - high * TWO_32;
    words[2 * i + 1] = high >>> 0;
  }
  return makeData({ type: new Int64(), length, ...nulls, data: new BigInt64Array(words.buffer) });
}

/** The validity bits of rows offset .. offset + length - 1, starting at bit 0 (the new Data has offset 0). */
function realigned(bitmap: Uint8Array, offset: number, length: number): Uint8Array {
  const bytes = (length + 7) >> 3;
  if ((offset & 7) === 0) return bitmap.subarray(offset >> 3, (offset >> 3) + bytes);
  const out = new Uint8Array(bytes);
  for (let i = 0; i < length; i++) {
    const pos = offset + i;
    if (bitmap[pos >> 3]! & (1 << (pos & 7))) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
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
