import { Dictionary, Int32, Type, Utf8, makeData, makeVector, tableFromIPC, type Data, type Field, type Table, type Vector } from 'apache-arrow';
import type { RunContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import { defineReader, type InputFile, type ReadResult } from '../recipe/method.ts';
import { makeDataset, type ColumnInput, type ColumnMeta } from '../table/dataset.ts';
import type { ColumnKind } from '../table/roles.ts';
import { boolVector, dateDayVector, dictionaryVector, float64Vector, utf8Vector } from '../table/vectors.ts';
import { COLUMN_META_KEY, decodeColumnMeta } from './arrow-metadata.ts';
import { isCategorical } from './column-builder.ts';

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"
const MS_PER_DAY = 86_400_000;

/** An Arrow IPC file ("ARROW1") or stream (a continuation marker 0xFFFFFFFF, then a schema message). */
export function isArrowIpc(bytes: Uint8Array): boolean {
  if (MAGIC.every((b, i) => bytes[i] === b)) return true;
  return bytes.length >= 8 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff;
}

/**
 * Read an Arrow IPC file or stream (Feather v2) into a Dataset. Columns written by
 * Safe Extract come back with their kind, role, labels, missing codes, ordinal
 * order and suppressed and changed cells. Other files' columns are mapped onto the
 * engine's types: every integer and float type to Float64 (64-bit integers beyond
 * 2^53 to text, so no digit is lost), Utf8 and LargeUtf8 to text (or a category when
 * few values repeat), dictionaries to categories, dates and midnight timestamps to
 * dates (other timestamps to ISO text), booleans as they are; record batches are
 * joined into one chunk per column.
 * @throws EngineError BAD_FILE (not Arrow, damaged), UNSUPPORTED_COLUMN (lists, structs, binary ...), NO_ROWS
 */
export async function readArrow(files: readonly InputFile[], ctx: RunContext): Promise<ReadResult> {
  if (files.length !== 1) {
    throw new EngineError('BAD_PARAMS', 'Arrow files are opened one at a time; append CSV files, or open each Arrow file on its own.', {
      files: files.map((f) => f.name),
    });
  }
  const file = files[0]!;
  let table: Table;
  try {
    table = tableFromIPC(file.bytes);
  } catch (e) {
    throw new EngineError('BAD_FILE', `"${file.name}" is not a readable Arrow file: ${e instanceof Error ? e.message : String(e)}.`, { file: file.name });
  }
  const rows = table.numRows;
  if (table.schema.fields.length === 0) throw new EngineError('EMPTY_FILE', `"${file.name}" has no columns.`, { file: file.name });
  const columns: ColumnInput[] = [];
  let rolesFromFile = false;
  for (const [j, field] of table.schema.fields.entries()) {
    await ctx.checkpoint();
    const vector = table.getChildAt(j)!;
    const { kind, vector: column } = convert(field, vector, file.name);
    const stored = decodeColumnMeta(field.metadata.get(COLUMN_META_KEY), rows);
    if (stored) rolesFromFile = true;
    const meta: ColumnMeta = stored && fits(stored.kind, column) ? { ...stored, name: field.name } : { name: field.name, kind, role: stored?.role ?? 'other' };
    columns.push({ meta, vector: column });
    ctx.progress('Reading', j + 1, table.schema.fields.length);
  }
  const names = columns.map((c) => c.meta.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined)
    throw new EngineError('DUPLICATE_COLUMNS', `"${file.name}" has more than one column named "${twice}".`, { file: file.name, columns: [twice] });
  return {
    dataset: makeDataset(columns, rows),
    files: [{ name: file.name, format: 'arrow', rows }],
    rolesFromFile,
    detected: {},
    dates: [],
  };
}

/** Whether a stored kind describes the column as converted (a file edited elsewhere may no longer match). */
function fits(kind: ColumnKind, vector: Vector): boolean {
  const t = vector.data[0]!.typeId;
  switch (kind) {
    case 'integer':
    case 'decimal':
      return t === Type.Float;
    case 'categorical':
      return t === Type.Dictionary || t === Type.Utf8;
    case 'text':
      return t === Type.Utf8 || t === Type.Dictionary;
    case 'date':
      return t === Type.Date;
    case 'boolean':
      return t === Type.Bool;
  }
}

function present(data: Data, i: number): boolean {
  return data.nullCount === 0 || data.getValid(i);
}

/** Every row's value through Arrow's own accessor, chunk by chunk. */
function eachValue(vector: Vector, fn: (value: unknown, row: number, present: boolean) => void): void {
  let row = 0;
  for (const data of vector.data) {
    for (let i = 0; i < data.length; i++, row++) fn(present(data, i) ? vector.get(row) : null, row, present(data, i));
  }
}

function convert(field: Field, vector: Vector, fileName: string): { kind: ColumnKind; vector: Vector } {
  const n = vector.length;
  const type = vector.type;
  const single = vector.data.length === 1 ? vector.data[0]! : null;
  switch (type.typeId) {
    case Type.Float:
    case Type.Int: {
      if (single && single.typeId === Type.Float && (single.values as Float64Array).BYTES_PER_ELEMENT === 8 && single.offset === 0) {
        return { kind: integral(single.values as Float64Array, single) ? 'integer' : 'decimal', vector };
      }
      const numbers = single && single.typeId === Type.Int ? intNumbers(single) : null;
      if (numbers) return { kind: 'integer', vector: float64Vector(numbers) };
      const out = new Float64Array(n);
      let exact = true;
      eachValue(vector, (v, i, ok) => {
        if (!ok) out[i] = NaN;
        else if (typeof v === 'bigint') {
          if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) exact = false;
          out[i] = Number(v);
        } else out[i] = v as number;
      });
      if (!exact) return { kind: 'text', vector: utf8Vector(textOf(vector)) };
      const f = float64Vector(out);
      return { kind: integral(out, f.data[0]!) ? 'integer' : 'decimal', vector: f };
    }
    case Type.Utf8:
    case Type.LargeUtf8: {
      const values = textOf(vector);
      const distinct = new Set(values.filter((v) => v !== null)).size;
      const presentCount = values.reduce((s, v) => s + (v === null ? 0 : 1), 0);
      if (presentCount > 0 && isCategorical(distinct, presentCount)) return categorical(values);
      if (single && type.typeId === Type.Utf8 && single.offset === 0) return { kind: 'text', vector };
      return { kind: 'text', vector: utf8Vector(values) };
    }
    case Type.Dictionary: {
      const d = single;
      if (d && d.typeId === Type.Dictionary && d.offset === 0 && (d.values as Int32Array) instanceof Int32Array && d.dictionary?.type.typeId === Type.Utf8) {
        // The same codes and dictionary under a type of our own: dictionary ids from the file
        // could clash with those of columns made here, which Arrow does not allow in one schema.
        const type = new Dictionary(new Utf8(), new Int32());
        return {
          kind: 'categorical',
          vector: makeVector(
            makeData({ type, length: d.length, nullCount: d.nullCount, nullBitmap: d.nullBitmap, data: d.values as Int32Array, dictionary: d.dictionary }),
          ),
        };
      }
      return categorical(textOf(vector));
    }
    case Type.Date:
    case Type.Timestamp: {
      if (
        single &&
        single.typeId === Type.Date &&
        (single.values as Int32Array) instanceof Int32Array &&
        single.offset === 0 &&
        type.typeId === Type.Date &&
        (type as { unit: number }).unit === 0
      ) {
        return { kind: 'date', vector };
      }
      const days = new Float64Array(n);
      let wholeDays = true;
      eachValue(vector, (v, i, ok) => {
        if (!ok) {
          days[i] = NaN;
          return;
        }
        const ms = Number(v);
        if (ms % MS_PER_DAY !== 0) wholeDays = false;
        days[i] = Math.floor(ms / MS_PER_DAY);
      });
      if (wholeDays) return { kind: 'date', vector: dateDayVector(days) };
      const iso: (string | null)[] = [];
      eachValue(vector, (v, _i, ok) => iso.push(ok ? new Date(Number(v)).toISOString() : null));
      return { kind: 'text', vector: utf8Vector(iso) };
    }
    case Type.Bool: {
      if (single && single.offset === 0) return { kind: 'boolean', vector };
      const out = new Int8Array(n);
      eachValue(vector, (v, i, ok) => (out[i] = ok ? (v ? 1 : 0) : -1));
      return { kind: 'boolean', vector: boolVector(out) };
    }
    case Type.Null:
      return { kind: 'text', vector: utf8Vector(new Array<null>(n).fill(null)) };
    default:
      throw new EngineError(
        'UNSUPPORTED_COLUMN',
        `Column "${field.name}" of "${fileName}" holds ${String(type)} values, which Safe Extract cannot use; convert it to numbers, text or dates first.`,
        { file: fileName, column: field.name, type: String(type) },
      );
  }
}

/**
 * One chunk of integers as numbers (NaN for missing) in one typed-array pass, rather
 * than through Arrow's accessor, which makes the Int32 and Int64 columns of our own
 * exports slow to open; null when a 64-bit value is beyond 2^53 (the caller makes it text).
 */
function intNumbers(data: Data): Float64Array | null {
  const { length, offset } = data;
  const bitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  const missing = (i: number) => bitmap !== undefined && (bitmap[(offset + i) >> 3]! & (1 << ((offset + i) & 7))) === 0;
  const out = new Float64Array(length);
  const values = data.values as ArrayLike<number> | BigInt64Array | BigUint64Array;
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    // Low word first: Arrow buffers are little-endian.
    const words = new Uint32Array(values.buffer, values.byteOffset, 2 * length);
    const signed = values instanceof BigInt64Array;
    for (let i = 0; i < length; i++) {
      if (missing(i)) {
        out[i] = NaN;
        continue;
      }
      const low = words[2 * i]!;
      const high = signed ? words[2 * i + 1]! | 0 : words[2 * i + 1]!;
      if (high > 0x1fffff || high < -0x200000 || (high === -0x200000 && low === 0)) return null;
      out[i] = high * 4294967296 + low;
    }
    return out;
  }
  for (let i = 0; i < length; i++) out[i] = missing(i) ? NaN : values[i]!;
  return out;
}

function integral(values: Float64Array, data: Data): boolean {
  for (let i = 0; i < values.length; i++) if (present(data, i) && !Number.isInteger(values[i]!)) return false;
  return true;
}

function textOf(vector: Vector): (string | null)[] {
  const out: (string | null)[] = [];
  eachValue(vector, (v, _i, ok) => out.push(ok ? String(v) : null));
  return out;
}

function categorical(values: readonly (string | null)[]): { kind: ColumnKind; vector: Vector } {
  const index = new Map<string, number>();
  const dict: string[] = [];
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let c = index.get(v);
    if (c === undefined) index.set(v, (c = dict.push(v) - 1));
    return c;
  });
  return { kind: 'categorical', vector: dictionaryVector(dict, codes) };
}

export const arrowReader = defineReader({
  id: 'arrow',
  title: 'Arrow file (Feather v2) or stream',
  description:
    'Apache Arrow IPC, as written by this app, R (arrow), Python (pyarrow, pandas, polars) and DuckDB. A file exported here opens again with its roles, labels, missing codes and record of suppressed cells.',
  source: 'Apache Arrow IPC file and stream formats (Arrow columnar format 1.0).',
  stage: 'import',
  extensions: ['.arrow', '.feather', '.arrows', '.ipc'],
  mimeTypes: ['application/vnd.apache.arrow.file', 'application/vnd.apache.arrow.stream'],
  sniff: isArrowIpc,
  params: {},
  read: (files, _params, ctx) => readArrow(files, ctx),
});
