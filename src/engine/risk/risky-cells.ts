/**
 * Risky cells, as sdcMicro 5.8.1's `riskyCells(obj, useIdentificationLevel = FALSE,
 * threshold, keyVars, maxDim)` (R/riskyCells.R, after mu-Argus): every combination
 * of 1 to maxDim of the key variables is tabulated, and a cell (a combination of
 * values that occurs in the data) is unsafe when its frequency is at most the
 * threshold (`N <= threshold`, not `<`). A threshold may be given per dimension.
 *
 * Semantics carried over from sdcMicro:
 * - Counts are of records, unweighted: sdcMicro's riskyCells has no weights.
 * - A missing value is a value of its own (data.table groups NA with NA), so cells
 *   with missing values are tabulated like any other; cells that do not occur are
 *   not cells.
 * - Order: dimension 1, 2, ..., maxDim; within a dimension the combinations of the
 *   key variables in `utils::combn` order (lexicographic in the order the keys are
 *   given); within a combination (sdcMicro lists only the number of unsafe cells;
 *   the cells come out of data.table in its key order) by value, variable after
 *   variable, missing first, then numbers by value or else text by code point.
 *
 * Deviation: with `useWeights`, a cell's count is the sum of its records' weights,
 * an estimate of its population frequency, compared with the threshold the same way.
 * sdcMicro does not offer this.
 */
import type { RunContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import { defineAnalysis } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import type { ColumnCodes } from '../table/column-codes.ts';
import type { Dataset } from '../table/dataset.ts';
import { KEYS_PARAM } from './k-anonymity.ts';
import { codeKeysAsync, denseGroups, weightValues } from './key-frequencies.ts';

export interface RiskyCellsOptions {
  /** The largest number of key variables tabulated together, 1 to the number of keys. */
  maxDim: number;
  /** A cell is unsafe when its count is at most this; one number, or one per dimension 1..maxDim. */
  threshold: number | readonly number[];
  /** Per record weights, used only with `useWeights`. */
  weights?: Float64Array | null;
  /** Count a cell as its summed weight instead of its records (not in sdcMicro). Default false. */
  useWeights?: boolean;
}

export interface RiskyCell {
  variables: string[];
  /** The cell's value of each variable; null for missing. */
  values: (string | null)[];
  /** Records in the cell (or their summed weight with `useWeights`). */
  count: number;
}

export interface RiskyCombination {
  variables: string[];
  /** The threshold used for this dimension. */
  threshold: number;
  /** The number of unsafe cells (sdcMicro's `unsafe_cells`). */
  cells: number;
}

export interface RiskyCellsResult {
  /** The unsafe cells in sdcMicro's order, at most `limit`. */
  cells: RiskyCell[];
  /** Every combination of variables tabulated, in sdcMicro's order, with its number of unsafe cells. */
  perCombination: RiskyCombination[];
  /** True when there were more unsafe cells than `limit`. */
  truncated: boolean;
}

const INT32_LIMIT = 2 ** 31;

/**
 * Unsafe cells of every combination of up to `maxDim` key variables.
 * @param keys the key variables' names and codes, in the order combinations are formed
 * @param options maxDim, the threshold (or one per dimension) and the optional weights
 * @param limit the most cells to return (default 10,000); the counts per combination are always complete
 * @returns the unsafe cells, the count per combination, and whether the list was cut short
 * @throws EngineError BAD_PARAMS for options out of range, codes or weights of different lengths,
 *   or a combination with too many possible cells to count
 */
export function riskyCells(keys: readonly { name: string; codes: ColumnCodes }[], options: RiskyCellsOptions, limit = 10_000): RiskyCellsResult {
  const steps = riskyCellSteps(keys, options, limit);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** The same, with a checkpoint after each table (one pass over the records), so that Cancel is answered promptly. */
export async function riskyCellsAsync(
  keys: readonly { name: string; codes: ColumnCodes }[],
  options: RiskyCellsOptions,
  limit: number,
  ctx: { checkpoint(): Promise<void>; progress?(step: string, done: number, total: number): void },
): Promise<RiskyCellsResult> {
  const steps = riskyCellSteps(keys, options, limit);
  for (let done = 0; ; done++) {
    const r = steps.next();
    if (r.done) return r.value;
    ctx.progress?.('Tabulating the key variables', done + 1, r.value);
    await ctx.checkpoint();
  }
}

/** Yields the number of tables in all after each table. */
function* riskyCellSteps(
  keys: readonly { name: string; codes: ColumnCodes }[],
  options: RiskyCellsOptions,
  limit: number,
): Generator<number, RiskyCellsResult> {
  const thresholds = checkOptions(keys, options, limit);
  let tables = 0;
  for (let dim = 1; dim <= options.maxDim; dim++) tables += binomial(keys.length, dim);
  const n = keys[0]!.codes.codes.length;
  const weights = options.useWeights ? options.weights! : null;
  const ranks = keys.map((k) => valueRanks(k.codes));
  const cells: RiskyCell[] = [];
  const perCombination: RiskyCombination[] = [];
  let truncated = false;
  const combined = new Int32Array(n);
  for (let dim = 1; dim <= options.maxDim; dim++) {
    const threshold = thresholds[dim - 1]!;
    for (const combo of combinations(keys.length, dim)) {
      const variables = combo.map((j) => keys[j]!.name);
      const { count, firstRow } = tabulate(
        combo.map((j) => keys[j]!.codes),
        combined,
        n,
        weights,
      );
      const unsafe: number[] = [];
      for (let g = 0; g < count.length; g++) if (count[g]! <= threshold) unsafe.push(g);
      perCombination.push({ variables, threshold, cells: unsafe.length });
      if (cells.length + unsafe.length > limit) truncated = true;
      if (cells.length >= limit || unsafe.length === 0) {
        yield tables;
        continue;
      }
      const cols = combo.map((j) => keys[j]!.codes);
      const rk = combo.map((j) => ranks[j]!);
      const byValue = (a: number, b: number) => {
        const ra = firstRow[a]!;
        const rb = firstRow[b]!;
        for (let v = 0; v < cols.length; v++) {
          const codes = cols[v]!.codes;
          const d = rk[v]![codes[ra]!]! - rk[v]![codes[rb]!]!;
          if (d !== 0) return d;
        }
        return 0;
      };
      unsafe.sort(byValue);
      for (const g of unsafe.slice(0, limit - cells.length)) {
        const row = firstRow[g]!;
        cells.push({ variables, values: cols.map((c) => c.labels[c.codes[row]!] ?? null), count: count[g]! });
      }
      yield tables;
    }
  }
  return { cells, perCombination, truncated };
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

function checkOptions(keys: readonly { name: string; codes: ColumnCodes }[], options: RiskyCellsOptions, limit: number): number[] {
  if (keys.length === 0) throw new EngineError('BAD_PARAMS', 'Choose at least one key variable.');
  const n = keys[0]!.codes.codes.length;
  for (const k of keys) {
    if (k.codes.codes.length !== n)
      throw new EngineError('BAD_PARAMS', `The key variable "${k.name}" has ${k.codes.codes.length} records, not ${n}.`, { column: k.name });
  }
  const { maxDim } = options;
  if (!(Number.isInteger(maxDim) && maxDim >= 1 && maxDim <= keys.length)) {
    throw new EngineError('BAD_PARAMS', `The largest dimension must be a whole number from 1 to the number of key variables (${keys.length}), not ${maxDim}.`, {
      maxDim,
    });
  }
  if (!(Number.isInteger(limit) && limit >= 0))
    throw new EngineError('BAD_PARAMS', `The most cells to list must be a whole number of at least 0, not ${limit}.`, { limit });
  const weighted = options.useWeights === true;
  if (weighted && !(options.weights && options.weights.length === n)) {
    throw new EngineError('BAD_PARAMS', `Counting by weight needs one weight per record (${n}).`, { records: n });
  }
  const given = typeof options.threshold === 'number' ? [options.threshold] : [...options.threshold];
  if (given.length !== 1 && given.length !== maxDim) {
    throw new EngineError('BAD_PARAMS', `Give one threshold, or one per dimension (${maxDim}), not ${given.length}.`, { thresholds: given.length });
  }
  for (const t of given) {
    // sdcMicro wants whole numbers; a summed weight can be compared with any number.
    const ok = weighted ? Number.isFinite(t) && t >= 0 : Number.isInteger(t) && t >= 0;
    if (!ok) throw new EngineError('BAD_PARAMS', `A threshold must be a ${weighted ? 'number' : 'whole number'} of at least 0, not ${t}.`, { threshold: t });
  }
  return given.length === 1 ? new Array<number>(maxDim).fill(given[0]!) : given;
}

/** The combinations of `dim` of 0..k-1, in lexicographic order (utils::combn's). */
function* combinations(k: number, dim: number): Generator<number[]> {
  const c = Array.from({ length: dim }, (_, i) => i);
  for (;;) {
    yield c.slice();
    let i = dim - 1;
    while (i >= 0 && c[i] === k - dim + i) i--;
    if (i < 0) return;
    c[i]!++;
    for (let j = i + 1; j < dim; j++) c[j] = c[j - 1]! + 1;
  }
}

/** The cells of one combination of variables: each cell's count (or summed weight) and first record. */
function tabulate(cols: readonly ColumnCodes[], combined: Int32Array, n: number, weights: Float64Array | null): { count: Float64Array; firstRow: Int32Array } {
  let card = 1;
  for (let v = 0; v < cols.length; v++) {
    const col = cols[v]!;
    if (card * col.cardinality >= INT32_LIMIT) {
      const dense = denseGroups(combined, n);
      combined.set(dense.group);
      card = dense.groups;
      if (card * col.cardinality >= INT32_LIMIT) throw new EngineError('BAD_PARAMS', 'These key variables have too many combinations to count.');
    }
    const codes = col.codes;
    const c = col.cardinality;
    if (v === 0) for (let i = 0; i < n; i++) combined[i] = codes[i]!;
    else for (let i = 0; i < n; i++) combined[i] = combined[i]! * c + codes[i]!;
    card *= c;
  }
  let cellOf: Int32Array;
  let cellsSeen: number;
  let firstRow: Int32Array;
  if (card <= Math.max(1 << 16, 2 * n)) {
    // Few possible cells: number them in order of first appearance through a direct table.
    const id = new Int32Array(card).fill(-1);
    cellOf = combined;
    firstRow = new Int32Array(Math.min(card, n));
    cellsSeen = 0;
    for (let i = 0; i < n; i++) {
      const key = combined[i]!;
      let g = id[key]!;
      if (g < 0) {
        g = id[key] = cellsSeen;
        firstRow[cellsSeen++] = i;
      }
      cellOf[i] = g;
    }
  } else {
    const dense = denseGroups(combined, n);
    cellOf = dense.group;
    cellsSeen = dense.groups;
    firstRow = dense.firstRow;
  }
  const count = new Float64Array(cellsSeen);
  if (weights) for (let i = 0; i < n; i++) count[cellOf[i]!]! += weights[i]!;
  else for (let i = 0; i < n; i++) count[cellOf[i]!]!++;
  return { count, firstRow: firstRow.subarray(0, cellsSeen) };
}

/** The rank of each code in data.table's sort: missing first, then numbers by value when every label is one, else text by code point. */
function valueRanks(codes: ColumnCodes): Int32Array {
  const card = codes.cardinality;
  const labels = codes.labels;
  const order = Array.from({ length: card }, (_, c) => c);
  const numbers = new Float64Array(card);
  let numeric = true;
  for (let c = 0; c < card; c++) {
    const label = labels[c] ?? null;
    if (label === null) continue;
    const x = label.trim() === '' ? NaN : Number(label);
    if (Number.isNaN(x)) numeric = false;
    numbers[c] = x;
  }
  order.sort((a, b) => {
    const la = labels[a] ?? null;
    const lb = labels[b] ?? null;
    if (la === null || lb === null) return la === lb ? 0 : la === null ? -1 : 1;
    if (!numeric) return compareCodePoints(la, lb);
    const x = numbers[a]!;
    const y = numbers[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const rank = new Int32Array(card);
  order.forEach((c, r) => (rank[c] = r));
  return rank;
}

/** Text order by Unicode code point, as C-locale sorting of UTF-8 bytes (JavaScript's < compares UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    // A surrogate (a code point above U+FFFF) sorts after every other UTF-16 unit.
    if (sx !== sy) return sx ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export interface RiskyCellsReport extends RiskyCellsResult {
  records: number;
  keys: string[];
  maxDim: number;
  thresholds: number[];
  weight: string | null;
  /** Unsafe cells in all, of every dimension (the list may be cut short). */
  unsafe: number;
}

export interface RiskyCellsAnalysisOptions {
  keys: readonly string[];
  maxDim?: number;
  threshold?: number | readonly number[];
  weight?: string | null;
  limit?: number;
}

/** Unsafe cells of the key variables' tables up to maxDim. @throws EngineError BAD_PARAMS */
export async function riskyCellsReport(ds: Dataset, options: RiskyCellsAnalysisOptions, ctx: RunContext): Promise<RiskyCellsReport> {
  const codes = await codeKeysAsync(ds, options.keys, ctx);
  await ctx.checkpoint();
  const maxDim = Math.min(options.maxDim ?? 3, options.keys.length);
  const threshold = options.threshold ?? 2;
  const result = await riskyCellsAsync(
    options.keys.map((name, j) => ({ name, codes: codes[j]! })),
    { maxDim, threshold, ...(options.weight ? { weights: weightValues(ds, options.weight), useWeights: true } : {}) },
    options.limit ?? 1000,
    ctx,
  );
  const thresholds = Array.from({ length: maxDim }, (_, d) => (typeof threshold === 'number' ? threshold : threshold[d]!));
  return {
    ...result,
    records: ds.table.numRows,
    keys: [...options.keys],
    maxDim,
    thresholds,
    weight: options.weight ?? null,
    unsafe: result.perCombination.reduce((s, c) => s + c.cells, 0),
  };
}

export const riskyCellsAnalysis = defineAnalysis({
  id: 'risky-cells',
  title: 'Risky cells (mu-Argus style)',
  description:
    'Tabulates the key variables one, two, three at a time and lists the cells (combinations of values) with few records: the crossings to collapse or suppress. A cell is unsafe when its count is at most the threshold.',
  source: 'sdcMicro riskyCells (useIdentificationLevel = FALSE), after mu-Argus; Hundepool et al. (2012), 3.4.',
  stage: 'risk',
  params: {
    keys: KEYS_PARAM,
    maxDim: p.integer({ label: 'Largest dimension', description: 'Tabulate up to this many key variables together.', min: 1, max: 10 }).withDefault(3),
    threshold: p
      .numbers({ label: 'Threshold', description: 'A cell with at most this many records is unsafe; one number, or one per dimension (as sdcMicro).' })
      .withDefault([2]),
    weight: p
      .column({
        label: 'Count weights instead (optional)',
        description: 'Compare the summed weights of a cell (its estimated population) with the threshold. Not in sdcMicro.',
        kinds: ['integer', 'decimal'],
      })
      .optional(),
    limit: p
      .integer({ label: 'Cells to list', description: 'How many unsafe cells to list; the counts are always complete.', min: 0, max: 100000 })
      .withDefault(1000),
  },
  run: (ds, params, ctx) => riskyCellsReport(ds, { ...params, threshold: params.threshold.length === 1 ? params.threshold[0]! : params.threshold }, ctx),
});
