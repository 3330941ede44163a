/**
 * Column summaries for the "Check the data" view: kind, role, missing and
 * distinct counts, the most frequent values, and for numbers and dates the
 * range, mean and a histogram.
 */
import { Type, type Data } from 'apache-arrow';
import type { RunContext } from '../context.ts';
import { defineAnalysis } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { codesOf, codesOfAsync, type ColumnCodes } from '../table/column-codes.ts';
import { columnData, columnIndex, countBits, type ColumnMeta, type Dataset } from '../table/dataset.ts';
import { formatDay } from '../table/dates.ts';
import { measureOf, type ColumnKind, type Measure, type Role } from '../table/roles.ts';

export interface ValueCount {
  value: string;
  /** The value label of this code, when the column has value labels. */
  label: string | null;
  count: number;
}

export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

export interface ColumnProfile {
  name: string;
  kind: ColumnKind;
  role: Role;
  /** The variable label, when the column has one. */
  label: string | null;
  rows: number;
  /** Cells with no value: missing in the input, or suppressed by a step. */
  missing: number;
  /** Of `missing`, the cells a step suppressed. */
  suppressed: number;
  /** Cells a step changed. */
  changed: number;
  distinct: number;
  /**
   * How the column is read: 'categorical' (bars of its values) or 'numeric' (a
   * distribution), the user's choice or `measureOf` the kind and distinct values.
   */
  measure: Measure;
  /** Whether the measure is the user's choice (a set-measure step). */
  measureChosen: boolean;
  /**
   * The most frequent values, most frequent first (ties in order of first appearance), with their value labels;
   * for numbers read as categories, every code (up to 50) in the order of its value.
   */
  top: ValueCount[];
  /** Numbers and dates: smallest, largest and mean (dates as days since 1970). */
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Numbers and dates: equal-width bins over [min, max]. */
  histogram: HistogramBin[];
  /** Dates: the range as text. */
  range: [string, string] | null;
}

const BINS = 20;

/** Numbers read as categories list every code up to this many. */
const ALL_CODES = 50;

export function profileColumn(ds: Dataset, index: number, most = 10, known?: ColumnCodes): ColumnProfile {
  const meta = ds.columns[index]!;
  const data = columnData(ds, index);
  const n = data.length;
  const codes = known ?? codesOf(ds, index);
  const counts = new Int32Array(codes.cardinality);
  for (let i = 0; i < n; i++) counts[codes.codes[i]!]!++;
  const missing = data.nullCount;
  const distinct = codes.distinct;
  const numbers = meta.kind === 'integer' || meta.kind === 'decimal';
  const measure = measureOf(meta.kind, distinct, meta.measure);
  const everyCode = numbers && measure === 'categorical' && distinct <= ALL_CODES;
  const top = everyCode ? distinct : most;
  // The `top` most frequent codes (count descending, then code), kept in a small sorted list: no sort of every distinct value.
  const order: number[] = [];
  const before = (a: number, b: number) => counts[a]! > counts[b]! || (counts[a] === counts[b] && a < b);
  for (let c = 0; c < codes.cardinality; c++) {
    if (codes.labels[c] === null || counts[c] === 0) continue;
    if (order.length === top && !before(c, order[top - 1]!)) continue;
    let at = order.length === top ? top - 1 : order.length;
    order[at] = c;
    while (at > 0 && before(c, order[at - 1]!)) {
      order[at] = order[at - 1]!;
      order[--at] = c;
    }
  }
  const valueLabels = meta.valueLabels ?? {};
  if (everyCode) order.sort((a, b) => Number(codes.labels[a]) - Number(codes.labels[b]));
  const topValues = order.slice(0, top).map((c) => ({ value: codes.labels[c]!, label: valueLabels[codes.labels[c]!] ?? null, count: counts[c]! }));

  let min: number | null = null;
  let max: number | null = null;
  let mean: number | null = null;
  let histogram: HistogramBin[] = [];
  let range: [string, string] | null = null;
  if ((data.typeId === Type.Float || data.typeId === Type.Date) && n - missing > 0) {
    const values = data.values as Float64Array | Int32Array;
    const valid = data.nullCount > 0 ? (i: number) => data.getValid(i) : () => true;
    let lo = Infinity;
    let hi = -Infinity;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (!valid(i)) continue;
      const v = values[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      sum += v;
    }
    min = lo;
    max = hi;
    mean = sum / (n - missing);
    const bins = lo === hi ? 1 : BINS;
    const width = (hi - lo) / bins || 1;
    histogram = Array.from({ length: bins }, (_, b) => ({ x0: lo + b * width, x1: b === bins - 1 ? hi : lo + (b + 1) * width, count: 0 }));
    for (let i = 0; i < n; i++) {
      if (!valid(i)) continue;
      const b = Math.min(bins - 1, Math.floor((values[i]! - lo) / width));
      histogram[b]!.count++;
    }
    if (data.typeId === Type.Date) range = [formatDay(lo), formatDay(hi)];
  }
  return {
    name: meta.name,
    kind: meta.kind,
    role: meta.role,
    label: meta.label ?? null,
    rows: n,
    missing,
    suppressed: countBits(meta.marks?.suppressed),
    changed: countBits(meta.marks?.changed),
    distinct,
    measure,
    measureChosen: numbers && meta.measure !== undefined,
    top: topValues,
    min,
    max,
    mean,
    histogram,
    range,
  };
}

/** Profiles of every column. */
export function profileColumns(ds: Dataset): ColumnProfile[] {
  return ds.columns.map((_, i) => profileColumn(ds, i));
}

/**
 * Profiles already made, by column chunk and metadata. Both are immutable and shared by
 * every version that did not change the column, so after a step only the columns it
 * rewrote, renamed or gave a new role are summarised again.
 */
const made = new WeakMap<Data, WeakMap<ColumnMeta, ColumnProfile>>();

/** Profiles of the chosen columns (all by default), one column at a time with a checkpoint between them. */
async function profileInTurn(ds: Dataset, columns: readonly string[] | undefined, ctx: RunContext): Promise<ColumnProfile[]> {
  const indices = columns ? columns.map((c) => columnIndex(ds, c)) : ds.columns.map((_, j) => j);
  const out: ColumnProfile[] = [];
  for (const [done, j] of indices.entries()) {
    const data = columnData(ds, j);
    const meta = ds.columns[j]!;
    let byMeta = made.get(data);
    let profile = byMeta?.get(meta);
    if (!profile) {
      const codes = await codesOfAsync(ds, j, ctx);
      await ctx.checkpoint();
      profile = profileColumn(ds, j, 10, codes);
      if (!byMeta) made.set(data, (byMeta = new WeakMap()));
      byMeta.set(meta, profile);
    }
    out.push(profile);
    ctx.progress('Summarising the columns', done + 1, indices.length);
  }
  return out;
}

export const profileAnalysis = defineAnalysis({
  id: 'profile',
  title: 'Column summaries',
  description:
    'For each column: its type, how many values are missing, suppressed or changed, how many are different, the most common values with their labels, and for numbers and dates the range, the mean and a histogram.',
  source: 'Descriptive statistics; the summaries of sdcMicro and VIM (aggr) before protection.',
  stage: 'check',
  params: {
    columns: p.columns({ label: 'Columns', description: 'The columns to summarise; all of them when left out.' }).optional(),
  },
  run: (ds, { columns }, ctx) => profileInTurn(ds, columns, ctx),
});
