/**
 * Dataset: an Arrow Table plus the metadata of its columns (kind, role).
 * Datasets are immutable; a step returns a new Dataset that shares every
 * unchanged column (vector) with the one before, so history is cheap.
 * Every column holds exactly one Arrow Data chunk.
 */
import { Field, makeData, RecordBatch, Schema, Struct, Table, type Data, type Vector } from 'apache-arrow';
import { EngineError } from '../errors.ts';
import type { ColumnKind, Role } from './roles.ts';

export interface ColumnMeta {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly role: Role;
}

export interface Dataset {
  readonly table: Table;
  readonly columns: readonly ColumnMeta[];
}

export interface ColumnInput {
  meta: ColumnMeta;
  vector: Vector;
}

/** Assemble a Dataset from columns of equal length, in order. */
export function makeDataset(columns: readonly ColumnInput[], rows?: number): Dataset {
  const length = columns[0]?.vector.length ?? rows ?? 0;
  const fields: Field[] = [];
  const children: Data[] = [];
  for (const { meta, vector } of columns) {
    if (vector.length !== length) throw new EngineError('INTERNAL', `Column "${meta.name}" has ${vector.length} rows, expected ${length}.`);
    const data = vector.data.length === 1 ? vector.data[0]! : makeSingleChunk(vector);
    fields.push(new Field(meta.name, data.type, true));
    children.push(data);
  }
  const schema = new Schema(fields);
  const struct = makeData({ type: new Struct(fields), length, nullCount: 0, children });
  return { table: new Table([new RecordBatch(schema, struct)]), columns: columns.map((c) => c.meta) };
}

function makeSingleChunk(vector: Vector): Data {
  // Every vector the engine builds has one chunk; a multi-chunk one (from an IPC stream) is not supported yet.
  throw new EngineError('INTERNAL', `A column arrived in ${vector.data.length} chunks; Safe Extract expects one.`);
}

/** The index of the named column; throws UNKNOWN_COLUMN naming it. */
export function columnIndex(ds: Dataset, name: string): number {
  const i = ds.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new EngineError('UNKNOWN_COLUMN', `There is no column named "${name}".`, { column: name, available: ds.columns.map((c) => c.name) });
  return i;
}

export function columnVector(ds: Dataset, index: number): Vector {
  const v = ds.table.getChildAt(index);
  if (!v) throw new EngineError('INTERNAL', `Column ${index} does not exist.`);
  return v;
}

/** The single Arrow Data chunk of a column. */
export function columnData(ds: Dataset, index: number): Data {
  return columnVector(ds, index).data[0]!;
}

/** The dataset's columns as inputs for makeDataset, to be edited and reassembled. */
export function columnInputs(ds: Dataset): ColumnInput[] {
  return ds.columns.map((meta, i) => ({ meta, vector: columnVector(ds, i) }));
}

/** A copy of the dataset with new roles (unchanged vectors are shared). */
export function withRoles(ds: Dataset, roles: Readonly<Record<string, Role>>): Dataset {
  for (const name of Object.keys(roles)) columnIndex(ds, name);
  return { table: ds.table, columns: ds.columns.map((c) => ({ ...c, role: roles[c.name] ?? c.role })) };
}

/** The columns' roles as a plain record. */
export function rolesOf(ds: Dataset): Record<string, Role> {
  return Object.fromEntries(ds.columns.map((c) => [c.name, c.role]));
}
