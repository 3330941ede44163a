/**
 * Column summaries for the "Check the data" view: kind, role, missing and
 * distinct counts, the most frequent values, and for numbers and dates the
 * range, mean and a histogram.
 */
import { Type } from 'apache-arrow';
import { formatDay } from '../table/cells.ts';
import { columnData, type Dataset } from '../table/dataset.ts';
import type { ColumnKind, Role } from '../table/roles.ts';
import { cachedColumnCodes } from '../risk/key-frequencies.ts';

export interface ValueCount {
  value: string;
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
  rows: number;
  missing: number;
  distinct: number;
  /** The most frequent values, most frequent first (ties in order of first appearance). */
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

export function profileColumn(ds: Dataset, index: number, top = 10): ColumnProfile {
  const meta = ds.columns[index]!;
  const data = columnData(ds, index);
  const n = data.length;
  const codes = cachedColumnCodes(ds, index);
  const counts = new Int32Array(codes.cardinality);
  for (let i = 0; i < n; i++) counts[codes.codes[i]!]!++;
  const missing = data.nullCount;
  const distinct = codes.distinct;
  const order: number[] = [];
  for (let c = 0; c < codes.cardinality; c++) if (codes.labels[c] !== null && counts[c]! > 0) order.push(c);
  order.sort((a, b) => counts[b]! - counts[a]! || a - b);
  const topValues = order.slice(0, top).map((c) => ({ value: codes.labels[c]!, count: counts[c]! }));

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
  return { name: meta.name, kind: meta.kind, role: meta.role, rows: n, missing, distinct, top: topValues, min, max, mean, histogram, range };
}

/** Profiles of every column. */
export function profileColumns(ds: Dataset): ColumnProfile[] {
  return ds.columns.map((_, i) => profileColumn(ds, i));
}
