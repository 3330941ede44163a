/**
 * Dataset: an Arrow Table plus the metadata of its columns. Datasets are
 * immutable; a step returns a new Dataset that shares every unchanged column
 * (vector) and its metadata with the one before, so history is cheap. Every
 * column holds exactly one Arrow Data chunk.
 */
import { Field, makeData, RecordBatch, Schema, Struct, Table, type Data, type Vector } from 'apache-arrow';
import { EngineError } from '../errors.ts';
import type { ColumnKind, Measure, Role } from './roles.ts';

/** Values declared as missing by the source (SPSS user-missing, the reader's missing codes): single values and closed ranges. */
export interface MissingCodes {
  readonly values: readonly string[];
  readonly ranges: readonly (readonly [number, number])[];
}

/**
 * A bit per row (bit i of byte i >> 3): the record of which cells a step suppressed
 * (made missing) or changed. Kept apart from the validity bitmap, so that a report can
 * tell a value missing in the input from one a step removed.
 */
export type CellBits = Uint8Array;

export interface CellMarks {
  /** Cells a step set to missing. */
  readonly suppressed: CellBits | null;
  /** Cells a step gave another value (recoded, perturbed, generalised). */
  readonly changed: CellBits | null;
}

export interface ColumnMeta {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly role: Role;
  /** The variable label: what the column means, in words ("Type of roof"). */
  readonly label?: string;
  /** Value labels: the text of a code ("1") to its meaning ("Male"). */
  readonly valueLabels?: Readonly<Record<string, string>>;
  /** Values the source declared as missing. */
  readonly missingCodes?: MissingCodes;
  /** For an ordinal variable, its categories from lowest to highest. */
  readonly order?: readonly string[];
  /** Cells suppressed or changed by steps so far. */
  readonly marks?: CellMarks;
  /** The user's choice of how a numeric column is read (see `measureOf`); absent when not chosen. */
  readonly measure?: Measure;
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
    if (vector.data.length !== 1) throw new EngineError('INTERNAL', `Column "${meta.name}" arrived in ${vector.data.length} chunks; Safe Extract expects one.`);
    const data = vector.data[0]!;
    fields.push(new Field(meta.name, data.type, true));
    children.push(data);
  }
  const schema = new Schema(fields);
  const struct = makeData({ type: new Struct(fields), length, nullCount: 0, children });
  return { table: new Table([new RecordBatch(schema, struct)]), columns: columns.map((c) => c.meta) };
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
  return { table: ds.table, columns: ds.columns.map((c) => (roles[c.name] && roles[c.name] !== c.role ? { ...c, role: roles[c.name]! } : c)) };
}

/** The columns' roles as a plain record. */
export function rolesOf(ds: Dataset): Record<string, Role> {
  return Object.fromEntries(ds.columns.map((c) => [c.name, c.role]));
}

/** What a step says about the new values of a column it rewrites. */
export interface ColumnRewrite {
  vector: Vector;
  kind?: ColumnKind;
  role?: Role;
  /** The cells this step suppressed and changed (merged with the marks the column had). */
  suppressed?: CellBits | null;
  changed?: CellBits | null;
  /** Whether the value labels and ordinal order still describe the new values. Default false. */
  keepValueLabels?: boolean;
  /** The order of the new values' categories, when they are ordinal (intervals). */
  order?: readonly string[];
  /** A new variable label (default: the old one). */
  label?: string;
}

/**
 * The metadata of a column after a step rewrote its values: the variable label and
 * declared missing codes stay, value labels and the ordinal order stay only when the
 * step says they still fit, and the step's suppressed and changed cells are added to
 * the column's record of marks.
 */
export function rewrittenMeta(meta: ColumnMeta, rewrite: ColumnRewrite): ColumnMeta {
  const { valueLabels, order, marks, label, measure, ...rest } = meta;
  const out: { -readonly [K in keyof ColumnMeta]: ColumnMeta[K] } = { ...rest, kind: rewrite.kind ?? meta.kind, role: rewrite.role ?? meta.role };
  // A choice of measure was about the old kind of values; a column of another kind starts afresh.
  if (measure && out.kind === meta.kind) out.measure = measure;
  const newLabel = rewrite.label ?? label;
  if (newLabel !== undefined) out.label = newLabel;
  if (rewrite.keepValueLabels) {
    if (valueLabels) out.valueLabels = valueLabels;
    if (order) out.order = order;
  }
  if (rewrite.order) out.order = rewrite.order;
  const suppressed = orBits(marks?.suppressed ?? null, rewrite.suppressed ?? null);
  const changed = orBits(marks?.changed ?? null, rewrite.changed ?? null);
  if (suppressed || changed) out.marks = { suppressed, changed };
  return out;
}

/** A dataset with one column's values replaced (every other column shared). */
export function withColumn(ds: Dataset, index: number, rewrite: ColumnRewrite): Dataset {
  const inputs = columnInputs(ds);
  inputs[index] = { meta: rewrittenMeta(inputs[index]!.meta, rewrite), vector: rewrite.vector };
  return makeDataset(inputs, ds.table.numRows);
}

/** A zeroed bit set for `length` rows. */
export function emptyBits(length: number): CellBits {
  return new Uint8Array((length + 7) >> 3);
}

export function setBit(bits: CellBits, i: number): void {
  bits[i >> 3]! |= 1 << (i & 7);
}

export function getBit(bits: CellBits | null | undefined, i: number): boolean {
  return bits ? ((bits[i >> 3]! >> (i & 7)) & 1) === 1 : false;
}

/** How many bits are set. */
export function countBits(bits: CellBits | null | undefined): number {
  if (!bits) return 0;
  let n = 0;
  for (let i = 0; i < bits.length; i++) {
    let b = bits[i]!;
    while (b) {
      b &= b - 1;
      n++;
    }
  }
  return n;
}

/** The union of two bit sets (null when both are empty or absent). */
function orBits(a: CellBits | null, b: CellBits | null): CellBits | null {
  const any = (x: CellBits | null) => x !== null && x.some((v) => v !== 0);
  if (!any(b)) return any(a) ? a : null;
  if (!any(a)) return b;
  const out = new Uint8Array(Math.max(a!.length, b!.length));
  for (let i = 0; i < out.length; i++) out[i] = (a![i] ?? 0) | (b![i] ?? 0);
  return out;
}
