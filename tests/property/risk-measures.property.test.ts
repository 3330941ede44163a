/**
 * Property tests for lDiversity, tCloseness and riskyCells: every number is checked
 * against a brute-force computation over the generated cells (combinations of exact
 * key values, missing a value of its own), on skewed columns with missing values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyFrequencies } from '../../src/engine/risk/key-frequencies.ts';
import { lDiversity } from '../../src/engine/risk/l-diversity.ts';
import { riskyCells } from '../../src/engine/risk/risky-cells.ts';
import { tCloseness } from '../../src/engine/risk/t-closeness.ts';
import { codesOf } from '../../src/engine/table/column-codes.ts';
import { makeDataset, type ColumnInput, type Dataset } from '../../src/engine/table/dataset.ts';
import { float64Vector, utf8Vector } from '../../src/engine/table/vectors.ts';

// ---------------------------------------------------------------- generators

type Cell = string | number | null;
interface GenColumn {
  numeric: boolean;
  values: Cell[];
}

const TEXT = ['a', 'b', 'Zz', 'é', '東', 'a b', '10', '9'];
const NUMBERS = [-2, 0, 1, 2, 3, 7.5, 10, 100];

/** n cells: one value most of all, a few others, missing at 0, 10 or 40 %. */
const columnArb = (n: number, numeric?: boolean): fc.Arbitrary<GenColumn> =>
  (numeric === undefined ? fc.boolean() : fc.constant(numeric)).chain((isNumeric) => {
    const pool: Cell[] = isNumeric ? NUMBERS : TEXT;
    return fc
      .record({
        common: fc.constantFrom(...pool),
        others: fc.subarray(pool, { minLength: 0, maxLength: 5 }),
        nullPct: fc.constantFrom(0, 10, 40),
        picks: fc.array(fc.tuple(fc.nat(99), fc.nat(1000)), { minLength: n, maxLength: n }),
      })
      .map(({ common, others, nullPct, picks }) => ({
        numeric: isNumeric,
        values: picks.map(([r, j]) => (r < nullPct ? null : r < nullPct + 50 || others.length === 0 ? common : others[j % others.length]!)),
      }));
  });

interface GenTable {
  n: number;
  keys: GenColumn[];
  sensitive: GenColumn;
}

const tableArb = (numericSensitive?: boolean): fc.Arbitrary<GenTable> =>
  fc
    .integer({ min: 0, max: 150 })
    .chain((n) => fc.record({ n: fc.constant(n), keys: fc.array(columnArb(n), { minLength: 1, maxLength: 4 }), sensitive: columnArb(n, numericSensitive) }));

function column(name: string, col: GenColumn): ColumnInput {
  return col.numeric
    ? { meta: { name, kind: 'decimal', role: 'key' }, vector: float64Vector(Float64Array.from(col.values, (x) => (x === null ? NaN : Number(x)))) }
    : { meta: { name, kind: 'text', role: 'key' }, vector: utf8Vector(col.values.map((x) => (x === null ? null : String(x)))) };
}

function build(t: GenTable): Dataset {
  return makeDataset([...t.keys.map((c, j) => column(`k${j}`, c)), column('s', t.sensitive)], t.n);
}

function groupsOf(ds: Dataset, t: GenTable) {
  const f = keyFrequencies(
    ds,
    t.keys.map((_, j) => `k${j}`),
  );
  return { group: f.group, groups: f.groupSize.length, firstRow: f.groupFirstRow };
}

/** Brute force: the records of each combination of exact key values (missing its own value). */
function bruteGroups(t: GenTable, cols: readonly GenColumn[] = t.keys): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < t.n; i++) {
    const key = JSON.stringify(cols.map((c) => c.values[i]));
    const rows = out.get(key);
    if (rows) rows.push(i);
    else out.set(key, [i]);
  }
  return out;
}

// ---------------------------------------------------------------- l-diversity

describe('lDiversity properties', () => {
  it('distinct l <= size, 1 <= entropy l <= distinct l, 1 <= recursive l <= distinct l, each as brute force', () => {
    fc.assert(
      fc.property(tableArb(), fc.constantFrom(0.5, 1, 1.5, 2, 3), (t, c) => {
        const ds = build(t);
        const { group, groups, firstRow } = groupsOf(ds, t);
        const r = lDiversity(group, groups, firstRow, { name: 's', codes: codesOf(ds, t.keys.length) }, { recursiveC: c });
        for (const rows of bruteGroups(t).values()) {
          const size = rows.length;
          const freq = new Map<Cell, number>();
          let nulls = 0;
          for (const i of rows) {
            const v = t.sensitive.values[i]!;
            if (v === null) nulls++;
            else freq.set(v, (freq.get(v) ?? 0) + 1);
          }
          const fs = [...freq.values(), ...new Array<number>(nulls).fill(1)].sort((a, b) => b - a);
          const distinct = fs.length;
          const entropy = Math.exp(-fs.reduce((h, f) => h + (f / size) * Math.log(f / size), 0));
          let recursive = 1;
          for (let l = 2; l <= fs.length; l++) if (fs[0]! < c * fs.slice(l - 1).reduce((a, b) => a + b, 0)) recursive = l;
          for (const i of rows) {
            expect(r.distinct[i]).toBe(distinct);
            expect(r.distinct[i]).toBeLessThanOrEqual(size);
            expect(r.entropy[i]!).toBeCloseTo(entropy, 10);
            expect(r.entropy[i]!).toBeLessThanOrEqual(r.distinct[i]! + 1e-9);
            expect(r.entropy[i]!).toBeGreaterThanOrEqual(1 - 1e-12);
            expect(r.recursive[i]).toBe(recursive);
            expect(r.recursive[i]).toBeLessThanOrEqual(r.distinct[i]!);
          }
        }
        const below = [...bruteGroups(t).values()].filter((rows) => r.distinct[rows[0]!]! < 2);
        expect(r.failingCombinations).toBe(below.length);
        expect(r.failingRecords).toBe(below.reduce((s, rows) => s + rows.length, 0));
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------- t-closeness

function bruteNominal(t: GenTable, rows: number[]): number {
  const all = new Map<Cell, number>();
  for (const v of t.sensitive.values) all.set(v, (all.get(v) ?? 0) + 1);
  const mine = new Map<Cell, number>();
  for (const i of rows) mine.set(t.sensitive.values[i]!, (mine.get(t.sensitive.values[i]!) ?? 0) + 1);
  let sum = 0;
  for (const [v, f] of all) sum += Math.abs((mine.get(v) ?? 0) / rows.length - f / t.n);
  return sum / 2;
}

function bruteOrdered(t: GenTable, rows: number[]): number {
  const known = t.sensitive.values.filter((v): v is number => v !== null).map(Number);
  const values = [...new Set(known)].sort((a, b) => a - b);
  const mine = rows
    .map((i) => t.sensitive.values[i]!)
    .filter((v): v is number => v !== null)
    .map(Number);
  if (values.length < 2 || mine.length === 0) return 0;
  let cum = 0;
  let sum = 0;
  for (const v of values) {
    cum += mine.filter((x) => x === v).length / mine.length - known.filter((x) => x === v).length / known.length;
    sum += Math.abs(cum);
  }
  return sum / (values.length - 1);
}

describe('tCloseness properties', () => {
  it('distances are in [0, 1] and equal the brute-force EMD, nominal and ordered', () => {
    fc.assert(
      fc.property(tableArb(true), fc.boolean(), (t, ordered) => {
        const ds = build(t);
        const { group, groups, firstRow } = groupsOf(ds, t);
        const r = tCloseness(group, groups, firstRow, { name: 's', codes: codesOf(ds, t.keys.length) }, { ordered, t: 0.3 });
        let failing = 0;
        for (const rows of bruteGroups(t).values()) {
          const d = r.perGroup[group[rows[0]!]!]!;
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(1);
          expect(d).toBeCloseTo(ordered ? bruteOrdered(t, rows) : bruteNominal(t, rows), 12);
          if (d > 0.3 + 1e-12) failing++;
        }
        expect(r.failingCombinations).toBe(failing);
        expect(r.max).toBe(groups === 0 ? 0 : Math.max(...r.perGroup));
      }),
      { numRuns: 200 },
    );
  });

  it('one combination holding every record is at distance 0', () => {
    fc.assert(
      fc.property(tableArb(true), fc.boolean(), (t, ordered) => {
        fc.pre(t.n > 0);
        const ds = build(t);
        const r = tCloseness(new Int32Array(t.n), 1, Int32Array.of(0), { name: 's', codes: codesOf(ds, t.keys.length) }, { ordered });
        expect(r.perGroup[0]).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------- riskyCells

function combinationsOf(k: number, dim: number): number[][] {
  if (dim === 0) return [[]];
  const out: number[][] = [];
  for (let first = 0; first < k; first++) for (const rest of combinationsOf(k - first - 1, dim - 1)) out.push([first, ...rest.map((j) => j + first + 1)]);
  return out;
}

describe('riskyCells properties', () => {
  it('the unsafe cells and their counts equal a brute-force tabulation', () => {
    fc.assert(
      fc.property(
        tableArb().chain((t) => fc.tuple(fc.constant(t), fc.integer({ min: 1, max: t.keys.length }), fc.integer({ min: 0, max: 6 }))),
        ([t, maxDim, threshold]) => {
          const ds = build(t);
          const keys = t.keys.map((_, j) => ({ name: `k${j}`, codes: codesOf(ds, j) }));
          const r = riskyCells(keys, { maxDim, threshold });
          const expected: { variables: string[]; values: (string | null)[]; count: number }[] = [];
          const perCombination: { variables: string[]; threshold: number; cells: number }[] = [];
          for (let dim = 1; dim <= maxDim; dim++) {
            for (const combo of combinationsOf(t.keys.length, dim)) {
              const variables = combo.map((j) => `k${j}`);
              let cells = 0;
              for (const [key, rows] of bruteGroups(
                t,
                combo.map((j) => t.keys[j]!),
              )) {
                if (rows.length > threshold) continue;
                cells++;
                const values = (JSON.parse(key) as Cell[]).map((v) => (v === null ? null : String(v)));
                expected.push({ variables, values, count: rows.length });
              }
              perCombination.push({ variables, threshold, cells });
            }
          }
          expect(r.perCombination).toEqual(perCombination);
          const byKey = (c: { variables: string[]; values: (string | null)[] }) => JSON.stringify([c.variables, c.values]);
          const sorted = <T extends { variables: string[]; values: (string | null)[] }>(cs: T[]) => [...cs].sort((a, b) => (byKey(a) < byKey(b) ? -1 : 1));
          expect(sorted(r.cells)).toEqual(sorted(expected));
          expect(r.truncated).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});
