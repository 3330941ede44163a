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
import { DateUnit, Precision, Type, type Data } from 'apache-arrow';
import type { RunContext } from '../context.ts';
import { defineAnalysis } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { codesOf, codesOfAsync, type ColumnCodes } from '../table/column-codes.ts';
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

/** A key column as the rules read it: its numbers (null unless it is a number or a date held as plain numbers) and, once needed, its codes. */
interface KeyColumn {
  readonly name: string;
  readonly data: Data;
  readonly numbers: ArrayLike<number> | null;
  codes: ColumnCodes | null;
}

/** The column's values as plain numbers: integers and decimals, dates as day numbers. Null for other columns and for 64-bit integers (bigint) or half floats. */
function numbersOf(ds: Dataset, j: number, data: Data): ArrayLike<number> | null {
  const kind = ds.columns[j]!.kind;
  if (kind !== 'integer' && kind !== 'decimal' && kind !== 'date') return null;
  const type = data.type as { typeId: Type; bitWidth?: number; precision?: Precision; unit?: DateUnit };
  const plain =
    (type.typeId === Type.Float && type.precision !== Precision.HALF) ||
    (type.typeId === Type.Int && (type.bitWidth ?? 64) <= 32) ||
    (type.typeId === Type.Date && type.unit === DateUnit.DAY);
  return plain ? (data.values as ArrayLike<number>) : null;
}

function keyColumns(ds: Dataset, keys: readonly string[]): KeyColumn[] {
  return keys.map((name) => {
    const j = columnIndex(ds, name);
    const data = columnData(ds, j);
    return { name, data, numbers: numbersOf(ds, j, data), codes: null };
  });
}

/** Whether row i of the column is present, from the validity bitmap (Arrow's getValid is a method call per row). */
function presentAt(bitmap: Uint8Array, offset: number, i: number): boolean {
  const bit = offset + i;
  return (bitmap[bit >> 3]! & (1 << (bit & 7))) !== 0;
}

/** Pearson correlation over the rows where both are present; NaN when fewer than 3 such rows or either is constant there. */
function correlation(x: Data, xv: ArrayLike<number>, y: Data, yv: ArrayLike<number>): number {
  const n = x.length;
  const xb = x.nullCount > 0 ? x.nullBitmap : undefined;
  const yb = y.nullCount > 0 ? y.nullBitmap : undefined;
  const xo = x.offset;
  const yo = y.offset;
  let count = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    if ((xb && !presentAt(xb, xo, i)) || (yb && !presentAt(yb, yo, i))) continue;
    count++;
    sx += xv[i]!;
    sy += yv[i]!;
  }
  if (count < 3) return NaN;
  const mx = sx / count;
  const my = sy / count;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    if ((xb && !presentAt(xb, xo, i)) || (yb && !presentAt(yb, yo, i))) continue;
    const dx = xv[i]! - mx;
    const dy = yv[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/**
 * The one-to-one rule on two columns' codes: the number of different (a, b) pairs over
 * the rows where both are present, when it is at most PAIRS_AT_MOST times the smaller
 * number of different values there; otherwise null. The pairs are never all kept: the
 * first b of each a is an array entry, only the other pairs go into a set, and the
 * count stops once it passes the limit, so independent columns cost one or two passes
 * over the codes and the set holds at most a tenth of the values.
 */
function oneToOne(a: ColumnCodes, b: ColumnCodes): { pairs: number; smaller: number } | null {
  if (a.distinct < 2 || b.distinct < 2) return null;
  const missA = a.hasMissing ? a.cardinality - 1 : -1;
  const missB = b.hasMissing ? b.cardinality - 1 : -1;
  const ca = a.codes;
  const cb = b.codes;
  const n = ca.length;
  let da = a.distinct;
  let db = b.distinct;
  if (a.hasMissing || b.hasMissing) {
    const seenA = new Uint8Array(a.cardinality);
    const seenB = new Uint8Array(b.cardinality);
    da = 0;
    db = 0;
    for (let i = 0; i < n; i++) {
      const x = ca[i]!;
      const y = cb[i]!;
      if (x === missA || y === missB) continue;
      if (seenA[x] === 0) {
        seenA[x] = 1;
        da++;
      }
      if (seenB[y] === 0) {
        seenB[y] = 1;
        db++;
      }
    }
  }
  if (da < 2 || db < 2) return null;
  const smaller = Math.min(da, db);
  const limit = Math.floor(PAIRS_AT_MOST * smaller);
  // There are at least as many pairs as values of either column.
  if (Math.max(da, db) > limit) return null;
  const first = new Int32Array(a.cardinality).fill(-1);
  const others = new Set<number>();
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === missA || y === missB) continue;
    const f = first[x]!;
    if (f === y) continue;
    if (f === -1) first[x] = y;
    else {
      const pair = x * b.cardinality + y;
      if (others.has(pair)) continue;
      others.add(pair);
    }
    if (++pairs > limit) return null;
  }
  return { pairs, smaller };
}

function sentence(a: string, b: string, how: SameFactPair['how'], strength: number): string {
  const why =
    how === 'correlation'
      ? `they move together almost exactly (correlation ${strength.toFixed(2).replace('-', '−')})`
      : 'each value of one goes with one value of the other';
  return `"${a}" and "${b}" carry nearly the same fact: ${why}. Counting both as key variables makes records look rarer than they are to someone who knows that one fact; consider keeping only one.`;
}

/** The correlation rule for two key columns, or null when it does not apply or does not hold. */
function byCorrelation(x: KeyColumn, y: KeyColumn): SameFactPair | null {
  if (!x.numbers || !y.numbers) return null;
  const r = correlation(x.data, x.numbers, y.data, y.numbers);
  return Math.abs(r) >= CORRELATION_AT_LEAST
    ? { a: x.name, b: y.name, how: 'correlation', strength: r, message: sentence(x.name, y.name, 'correlation', r) }
    : null;
}

/** The one-to-one rule for two key columns whose codes are made, or null. */
function byOneToOne(x: KeyColumn, y: KeyColumn): SameFactPair | null {
  const found = oneToOne(x.codes!, y.codes!);
  if (!found) return null;
  const strength = found.smaller / found.pairs;
  return { a: x.name, b: y.name, how: 'one-to-one', strength, message: sentence(x.name, y.name, 'one-to-one', strength) };
}

/**
 * The pairs of these key columns that carry the same fact, in the order of the keys
 * (a pair is named in that order too). Each column is coded at most once, and only
 * when the one-to-one rule needs it.
 * @throws EngineError UNKNOWN_COLUMN
 */
export function sameFactPairs(ds: Dataset, keys: readonly string[]): SameFactPair[] {
  const cols = keyColumns(ds, keys);
  const out: SameFactPair[] = [];
  for (let s = 0; s < cols.length; s++)
    for (let t = s + 1; t < cols.length; t++) {
      const x = cols[s]!;
      const y = cols[t]!;
      let pair = byCorrelation(x, y);
      if (!pair) {
        x.codes ??= codesOf(ds, columnIndex(ds, x.name));
        y.codes ??= codesOf(ds, columnIndex(ds, y.name));
        pair = byOneToOne(x, y);
      }
      if (pair) out.push(pair);
    }
  return out;
}

/** sameFactPairs with a checkpoint between pairs and while a column is coded, and progress by pairs. */
async function sameFactAsync(ds: Dataset, keys: readonly string[], ctx: RunContext): Promise<SameFactReport> {
  const cols = keyColumns(ds, keys);
  const pairs: SameFactPair[] = [];
  const total = (cols.length * (cols.length - 1)) / 2;
  let done = 0;
  for (let s = 0; s < cols.length; s++) {
    for (let t = s + 1; t < cols.length; t++) {
      await ctx.checkpoint();
      const x = cols[s]!;
      const y = cols[t]!;
      let pair = byCorrelation(x, y);
      if (!pair) {
        x.codes ??= await codesOfAsync(ds, columnIndex(ds, x.name), ctx);
        y.codes ??= await codesOfAsync(ds, columnIndex(ds, y.name), ctx);
        pair = byOneToOne(x, y);
      }
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
