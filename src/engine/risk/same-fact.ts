/**
 * Key variables that carry the same fact: age and year of birth, a region's code and
 * its name, a variable and a recoded copy of it. Counting both as keys makes the
 * combinations look rarer than the facts an intruder knows make them, and suggests a
 * choice of keys that does not match any intruder; the Risk page says so beside the
 * keys. Found from the data, never from the names, by two rules:
 *
 * - numbers and dates (dates as day numbers): |Pearson correlation| of at least 0.95
 *   over the records where both are present (age against year of birth at a fixed
 *   date is about -0.99);
 * - any two columns: each (nearly) determines the other, that is the records where both
 *   are present show at most 1.1 times as many different (a, b) pairs as the smaller of
 *   their numbers of different values (one way only is not enough: a column of nearly
 *   unique values, such as a date of birth, determines every other).
 *
 * A column with fewer than two different present values carries no fact to share.
 */
import { Type, type Data } from 'apache-arrow';
import type { RunContext } from '../context.ts';
import { defineAnalysis } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { codesOf, type ColumnCodes } from '../table/column-codes.ts';
import { columnData, columnIndex, type Dataset } from '../table/dataset.ts';

export interface SameFactPair {
  a: string;
  b: string;
  how: 'correlation' | 'one-to-one';
  /** The correlation (with its sign) for 'correlation'; for 'one-to-one', the smaller number of different values divided by the number of different pairs (1 when each value of one goes with exactly one of the other). */
  strength: number;
  message: string;
}

export interface SameFactReport {
  keys: string[];
  pairs: SameFactPair[];
}

export const CORRELATION_AT_LEAST = 0.95;
export const PAIRS_AT_MOST = 1.1;

const NUMERIC = new Set([Type.Float, Type.Int, Type.Date]);

/** Pearson correlation over the rows where both are present; NaN when either is constant there. */
function correlation(x: Data, y: Data): number {
  const xv = x.values as ArrayLike<number>;
  const yv = y.values as ArrayLike<number>;
  const bothValid = x.nullCount > 0 || y.nullCount > 0;
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    if (bothValid && (!x.getValid(i) || !y.getValid(i))) continue;
    n++;
    sx += xv[i]!;
    sy += yv[i]!;
  }
  if (n < 3) return NaN;
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    if (bothValid && (!x.getValid(i) || !y.getValid(i))) continue;
    const dx = xv[i]! - mx;
    const dy = yv[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** Different (a, b) pairs over the records where both are present, and the different values of each there. */
function pairCounts(a: ColumnCodes, b: ColumnCodes): { pairs: number; da: number; db: number } {
  const missA = a.hasMissing ? a.cardinality - 1 : -1;
  const missB = b.hasMissing ? b.cardinality - 1 : -1;
  const seen = new Set<number>();
  const seenA = new Uint8Array(a.cardinality);
  const seenB = new Uint8Array(b.cardinality);
  const ca = a.codes;
  const cb = b.codes;
  for (let i = 0; i < ca.length; i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === missA || y === missB) continue;
    seen.add(x * b.cardinality + y);
    seenA[x] = 1;
    seenB[y] = 1;
  }
  let da = 0;
  let db = 0;
  for (const s of seenA) da += s;
  for (const s of seenB) db += s;
  return { pairs: seen.size, da, db };
}

function sentence(a: string, b: string, how: SameFactPair['how'], strength: number): string {
  const why =
    how === 'correlation'
      ? `they move together almost exactly (correlation ${strength.toFixed(2).replace('-', '−')})`
      : 'each value of one goes with one value of the other';
  return `"${a}" and "${b}" carry nearly the same fact: ${why}. Counting both as key variables makes records look rarer than they are to someone who knows that one fact; consider keeping only one.`;
}

/** The pair rule for columns j and k of the dataset, or null. */
function sameFact(ds: Dataset, j: number, k: number): SameFactPair | null {
  const a = ds.columns[j]!.name;
  const b = ds.columns[k]!.name;
  const ca = codesOf(ds, j);
  const cb = codesOf(ds, k);
  if (ca.distinct < 2 || cb.distinct < 2) return null;
  const x = columnData(ds, j);
  const y = columnData(ds, k);
  if (NUMERIC.has(x.typeId) && NUMERIC.has(y.typeId)) {
    const r = correlation(x, y);
    if (Math.abs(r) >= CORRELATION_AT_LEAST) return { a, b, how: 'correlation', strength: r, message: sentence(a, b, 'correlation', r) };
  }
  const { pairs, da, db } = pairCounts(ca, cb);
  if (da < 2 || db < 2) return null;
  if (pairs <= PAIRS_AT_MOST * Math.min(da, db)) {
    const strength = Math.min(da, db) / pairs;
    return { a, b, how: 'one-to-one', strength, message: sentence(a, b, 'one-to-one', strength) };
  }
  return null;
}

/** The pairs of these key columns that carry the same fact, in the order of the keys. @throws EngineError UNKNOWN_COLUMN */
export function sameFactPairs(ds: Dataset, keys: readonly string[]): SameFactPair[] {
  const idx = keys.map((key) => columnIndex(ds, key));
  const out: SameFactPair[] = [];
  for (let s = 0; s < idx.length; s++)
    for (let t = s + 1; t < idx.length; t++) {
      const pair = sameFact(ds, idx[s]!, idx[t]!);
      if (pair) out.push(pair);
    }
  return out;
}

async function sameFactAsync(ds: Dataset, keys: readonly string[], ctx: RunContext): Promise<SameFactReport> {
  const idx = keys.map((key) => columnIndex(ds, key));
  const pairs: SameFactPair[] = [];
  const total = (idx.length * (idx.length - 1)) / 2;
  let done = 0;
  for (let s = 0; s < idx.length; s++) {
    for (let t = s + 1; t < idx.length; t++) {
      await ctx.checkpoint();
      const pair = sameFact(ds, idx[s]!, idx[t]!);
      if (pair) pairs.push(pair);
      ctx.progress('Looking for keys that carry the same fact', ++done, total);
    }
  }
  return { keys: [...keys], pairs };
}

export const sameFactAnalysis = defineAnalysis({
  id: 'same-fact',
  title: 'Keys that carry the same fact',
  description:
    'Finds pairs of key variables that carry nearly the same fact, such as age and year of birth (numbers that move together, correlation of 0.95 or more) or a code and its name (each value of one goes with one value of the other). Counting both makes records look rarer than they are; keep one.',
  source:
    'Our own check, from the data: Pearson correlation, and the number of different pairs against the number of different values (a functional dependency both ways).',
  stage: 'risk',
  params: {
    keys: p.columns({ label: 'Key variables', description: 'The key variables to compare, two at a time.', roles: ['key'], minItems: 2 }),
  },
  run: (ds, { keys }, ctx) => sameFactAsync(ds, keys, ctx),
});
