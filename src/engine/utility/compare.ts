import { Type, type Data } from 'apache-arrow';
import type { RunContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import { defineComparison, type DatasetPair } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { codesOfAsync } from '../table/column-codes.ts';
import { columnData, type Dataset } from '../table/dataset.ts';
import type { ColumnKind } from '../table/roles.ts';

/** Mean and standard deviation of a numeric column's present values. */
export interface Moments {
  /** Present (non-missing) values. */
  n: number;
  mean: number | null;
  /** The sample standard deviation (n - 1 in the denominator, as R's sd), null below two values. */
  sd: number | null;
}

export interface ColumnComparison {
  column: string;
  kindBefore: ColumnKind;
  kindAfter: ColumnKind;
  /** Cells present in both versions whose value differs. */
  changed: number;
  /** Cells present before and missing after (suppressed). */
  madeMissing: number;
  /** Cells missing before and present after (imputed). */
  filled: number;
  /** Cells equal in both versions (missing in both counts as equal). */
  unchanged: number;
  /** For columns that hold numbers in both versions. */
  before: Moments | null;
  after: Moments | null;
}

export interface CompareReport {
  rows: number;
  /** Columns in both versions, in the later version's order. */
  columns: ColumnComparison[];
  /** Columns only in the earlier version. */
  removed: string[];
  /** Columns only in the later version. */
  added: string[];
}

/** Rows compared between two checkpoints. */
const STEP = 1 << 17;

function isNumeric(kind: ColumnKind): boolean {
  return kind === 'integer' || kind === 'decimal';
}

/** Mean and sample SD by Welford's update (stable for large values). */
export function moments(data: Data): Moments {
  const values = data.values as Float64Array;
  const hasNull = data.nullCount > 0;
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < data.length; i++) {
    if (hasNull && !data.getValid(i)) continue;
    const v = values[i]!;
    n++;
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
  }
  return { n, mean: n > 0 ? mean : null, sd: n > 1 ? Math.sqrt(m2 / (n - 1)) : null };
}

async function compareColumn(before: Dataset, i: number, after: Dataset, j: number, ctx: RunContext): Promise<Omit<ColumnComparison, 'column'>> {
  const a = columnData(before, i);
  const b = columnData(after, j);
  const kindBefore = before.columns[i]!.kind;
  const kindAfter = after.columns[j]!.kind;
  const n = a.length;
  const numeric = isNumeric(kindBefore) && isNumeric(kindAfter);
  const stats = numeric ? { before: moments(a), after: moments(b) } : { before: null, after: null };
  if (a === b) return { kindBefore, kindAfter, changed: 0, madeMissing: 0, filled: 0, unchanged: n, ...stats };
  let changed = 0;
  let madeMissing = 0;
  let filled = 0;
  const aNull = a.nullCount > 0;
  const bNull = b.nullCount > 0;
  if (a.typeId === Type.Float && b.typeId === Type.Float) {
    const x = a.values as Float64Array;
    const y = b.values as Float64Array;
    for (let r0 = 0; r0 < n; r0 += STEP) {
      for (let r = r0; r < Math.min(n, r0 + STEP); r++) {
        const pa = !aNull || a.getValid(r);
        const pb = !bNull || b.getValid(r);
        if (pa && !pb) madeMissing++;
        else if (!pa && pb) filled++;
        else if (pa && pb && x[r] !== y[r]) changed++;
      }
      await ctx.checkpoint();
    }
  } else {
    // Cells compared as the text they show: codes into each column's labels.
    const ca = await codesOfAsync(before, i, ctx);
    const cb = await codesOfAsync(after, j, ctx);
    for (let r0 = 0; r0 < n; r0 += STEP) {
      for (let r = r0; r < Math.min(n, r0 + STEP); r++) {
        const ta = ca.labels[ca.codes[r]!] ?? null;
        const tb = cb.labels[cb.codes[r]!] ?? null;
        if (ta === tb) continue;
        if (tb === null) madeMissing++;
        else if (ta === null) filled++;
        else changed++;
      }
      await ctx.checkpoint();
    }
  }
  return { kindBefore, kindAfter, changed, madeMissing, filled, unchanged: n - changed - madeMissing - filled, ...stats };
}

/**
 * What changed between two versions of a dataset, column by column: cells whose
 * value changed, cells set to missing and cells filled in, and for numeric columns
 * the mean and standard deviation before and after. Rows are matched by position
 * (no step so far adds or removes rows); columns by name. A column untouched by
 * every step is the same Arrow data in both versions and costs nothing.
 * @throws EngineError BAD_PARAMS when the versions have different numbers of rows
 */
export async function compare(pair: DatasetPair, columns: readonly string[] | undefined, ctx: RunContext): Promise<CompareReport> {
  const { before, after } = pair;
  const rows = after.table.numRows;
  if (before.table.numRows !== rows) {
    throw new EngineError(
      'BAD_PARAMS',
      `The two versions have different numbers of rows (${before.table.numRows.toLocaleString('en-GB')} and ${rows.toLocaleString('en-GB')}), so their cells cannot be matched.`,
    );
  }
  const names = before.columns.map((c) => c.name);
  const chosen = after.columns.map((c, j) => ({ name: c.name, j, i: names.indexOf(c.name) })).filter((c) => c.i >= 0 && (!columns || columns.includes(c.name)));
  const out: ColumnComparison[] = [];
  for (const [done, c] of chosen.entries()) {
    await ctx.checkpoint();
    out.push({ column: c.name, ...(await compareColumn(before, c.i, after, c.j, ctx)) });
    ctx.progress('Comparing the columns', done + 1, chosen.length);
  }
  const afterNames = after.columns.map((c) => c.name);
  return { rows, columns: out, removed: names.filter((n) => !afterNames.includes(n)), added: afterNames.filter((n) => !names.includes(n)) };
}

export const compareAnalysis = defineComparison({
  id: 'compare',
  title: 'What changed',
  description:
    'Compares two versions of the data, column by column: how many values were changed, how many were made missing and how many filled in, and for numbers how the mean and the standard deviation moved. It shows what each protection step cost.',
  source: 'Information loss measures: Hundepool et al. (2012), 3.5; sdcMicro dUtility and the before/after summaries of its reports.',
  stage: 'export',
  params: {
    columns: p.columns({ label: 'Columns', description: 'The columns to compare; all those in both versions when left out.' }).optional(),
  },
  run: (pair, { columns }, ctx) => compare(pair, columns, ctx),
});
