/**
 * Column metadata in an Arrow file's schema: each field carries its column's
 * kind, role, variable label, value labels, declared missing codes, ordinal order,
 * chosen measure and record of suppressed and changed cells as JSON under `safe-extract:column`;
 * the schema says `safe-extract:format`. Other tools (pyarrow, R arrow, DuckDB)
 * ignore the keys; Safe Extract reads them back.
 */
import type { CellMarks, ColumnMeta, MissingCodes } from '../table/dataset.ts';
import { COLUMN_KINDS, MEASURES, ROLES, type ColumnKind, type Measure, type Role } from '../table/roles.ts';

export const DATASET_FORMAT_KEY = 'safe-extract:format';
export const DATASET_FORMAT = 'safe-extract/dataset@1';
export const COLUMN_META_KEY = 'safe-extract:column';

interface StoredMeta {
  kind: ColumnKind;
  role: Role;
  label?: string;
  valueLabels?: Record<string, string>;
  missingCodes?: { values: string[]; ranges: [number, number][] };
  order?: string[];
  measure?: Measure;
  marks?: { suppressed?: string; changed?: string };
}

/** The JSON stored for a column (its name is the field's name). */
export function encodeColumnMeta(meta: ColumnMeta): string {
  const out: StoredMeta = { kind: meta.kind, role: meta.role };
  if (meta.label !== undefined) out.label = meta.label;
  if (meta.valueLabels) out.valueLabels = { ...meta.valueLabels };
  if (meta.missingCodes) out.missingCodes = { values: [...meta.missingCodes.values], ranges: meta.missingCodes.ranges.map(([a, b]) => [a, b]) };
  if (meta.order) out.order = [...meta.order];
  if (meta.measure) out.measure = meta.measure;
  if (meta.marks && (meta.marks.suppressed || meta.marks.changed)) {
    out.marks = {};
    if (meta.marks.suppressed) out.marks.suppressed = toBase64(meta.marks.suppressed);
    if (meta.marks.changed) out.marks.changed = toBase64(meta.marks.changed);
  }
  return JSON.stringify(out);
}

/**
 * The metadata stored for a column, or null when the text is not ours or is damaged
 * (the column is then treated as if it carried none). Bit sets are cut to `rows`.
 */
export function decodeColumnMeta(text: string | undefined, rows: number): Omit<ColumnMeta, 'name'> | null {
  if (text === undefined) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Partial<StoredMeta>;
  if (!COLUMN_KINDS.includes(r.kind as ColumnKind) || !ROLES.includes(r.role as Role)) return null;
  const out: { -readonly [K in keyof ColumnMeta]?: ColumnMeta[K] } = { kind: r.kind!, role: r.role! };
  if (typeof r.label === 'string') out.label = r.label;
  if (isStringRecord(r.valueLabels)) out.valueLabels = r.valueLabels;
  const missing = missingOf(r.missingCodes);
  if (missing) out.missingCodes = missing;
  if (Array.isArray(r.order) && r.order.every((x) => typeof x === 'string')) out.order = r.order;
  if (MEASURES.includes(r.measure as Measure)) out.measure = r.measure!;
  const bytes = (rows + 7) >> 3;
  const bits = (s: unknown) => (typeof s === 'string' ? fit(fromBase64(s), bytes) : null);
  const marks: CellMarks = { suppressed: bits(r.marks?.suppressed), changed: bits(r.marks?.changed) };
  if (marks.suppressed || marks.changed) out.marks = marks;
  return out as Omit<ColumnMeta, 'name'>;
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}

function missingOf(v: unknown): MissingCodes | null {
  if (typeof v !== 'object' || v === null) return null;
  const m = v as { values?: unknown; ranges?: unknown };
  const values = Array.isArray(m.values) && m.values.every((x) => typeof x === 'string') ? (m.values as string[]) : [];
  const ranges =
    Array.isArray(m.ranges) && m.ranges.every((r) => Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'number'))
      ? (m.ranges as [number, number][])
      : [];
  return values.length > 0 || ranges.length > 0 ? { values, ranges } : null;
}

function fit(bits: Uint8Array, bytes: number): Uint8Array {
  if (bits.length === bytes) return bits;
  const out = new Uint8Array(bytes);
  out.set(bits.subarray(0, bytes));
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

/** Standard base64 (RFC 4648) with padding. */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    chunk +=
      ALPHABET[(n >> 18) & 63]! +
      ALPHABET[(n >> 12) & 63]! +
      (i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=') +
      (i + 2 < bytes.length ? ALPHABET[n & 63]! : '=');
    if (chunk.length >= 65536) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = INDEX[clean.charCodeAt(i)] ?? -1;
    if (v < 0) return new Uint8Array(0);
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 255;
    }
  }
  return out.subarray(0, at);
}
