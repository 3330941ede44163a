/**
 * Property tests for suda2: on small random data (up to 60 rows, 1 to 4 keys, a few
 * skewed categories, missing values) the MSUs, scores and contributions are checked
 * against a brute-force enumeration of every subset of the keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../src/engine/context.ts';
import { suda2, type Suda2Key } from '../../src/engine/risk/suda2.ts';
import type { ColumnCodes } from '../../src/engine/table/column-codes.ts';

const SEED = 20261125;

// ---------------------------------------------------------------- generators

/** A key: per row a value 0..4 or null; the values are skewed (one common, some rare). */
const keyArb = (n: number): fc.Arbitrary<(number | null)[]> =>
  fc.record({ categories: fc.integer({ min: 1, max: 5 }), nullPct: fc.constantFrom(0, 0, 10, 30) }).chain(({ categories, nullPct }) =>
    fc.array(
      fc.tuple(fc.nat(99), fc.nat(99), fc.nat(categories - 1)).map(([m, s, rare]) => (m < nullPct ? null : s < 50 ? 0 : rare)),
      { minLength: n, maxLength: n },
    ),
  );

const dataArb = fc.record({ n: fc.integer({ min: 1, max: 60 }), k: fc.integer({ min: 1, max: 4 }) }).chain(({ n, k }) =>
  fc.record({
    keys: fc.array(keyArb(n), { minLength: k, maxLength: k }),
    maxSize: fc.option(fc.integer({ min: 1, max: k + 1 }), { nil: undefined }),
    // Codes need not follow the values' order; the labels say what each code is.
    shuffleCodes: fc.boolean(),
  }),
);

/** ColumnCodes of the values: labels are the numbers as text, missing the last code. */
function toCodes(values: readonly (number | null)[], shuffle: boolean): ColumnCodes {
  const distinct = [...new Set(values.filter((v): v is number => v !== null))].sort((a, b) => a - b);
  if (shuffle) distinct.reverse();
  const code = new Map(distinct.map((v, i) => [v, i]));
  const hasMissing = values.includes(null);
  const labels: (string | null)[] = distinct.map(String);
  if (hasMissing) labels.push(null);
  return {
    codes: Int32Array.from(values, (v) => (v === null ? distinct.length : code.get(v)!)),
    cardinality: labels.length,
    hasMissing,
    labels,
    distinct: distinct.length,
  };
}

// ---------------------------------------------------------------- brute force

/** Is row r unique on the keys in mask S: no other row has all of them, equal and present? */
function uniqueOn(keys: readonly (number | null)[][], r: number, S: number): boolean {
  const n = keys[0]!.length;
  for (let o = 0; o < n; o++) {
    if (o === r) continue;
    let same = true;
    for (let v = 0; v < keys.length && same; v++) if (S & (1 << v)) same = keys[v]![o] !== null && keys[v]![o] === keys[v]![r];
    if (same) return false;
  }
  return true;
}

const sizeOf = (S: number) => [...Array(32).keys()].filter((v) => S & (1 << v)).length;

/** Every row's MSUs: non-empty subsets of its present keys, of at most maxSize keys, it is unique on while on none of their non-empty proper subsets. */
function bruteMsus(keys: readonly (number | null)[][], maxSize: number): number[][] {
  const n = keys[0]!.length;
  const K = keys.length;
  const out: number[][] = [];
  for (let r = 0; r < n; r++) {
    const msus: number[] = [];
    for (let S = 1; S < 1 << K; S++) {
      if (sizeOf(S) > maxSize) continue;
      let present = true;
      for (let v = 0; v < K; v++) if (S & (1 << v) && keys[v]![r] === null) present = false;
      if (!present || !uniqueOn(keys, r, S)) continue;
      let minimal = true;
      for (let v = 0; v < K && minimal; v++) if (S & (1 << v) && S !== 1 << v) minimal = !uniqueOn(keys, r, S & ~(1 << v));
      if (minimal) msus.push(S);
    }
    out.push(msus);
  }
  return out;
}

/** Elliot's weight of an MSU of k keys among att, MSUs of at most top - 1 ... written out as a product. */
function weight(k: number, att: number, top: number): number {
  let w = 1;
  for (let i = k; i < top; i++) w *= att - i;
  return w;
}

/** Do two categories of different keys hold the same rows (at least 2, not all)? sdcMicro then credits them its own way. */
function sharedCategories(keys: readonly (number | null)[][]): boolean {
  const n = keys[0]!.length;
  const seen = new Set<string>();
  for (let v = 0; v < keys.length; v++) {
    const rows = new Map<number, number[]>();
    keys[v]!.forEach((x, i) => x !== null && rows.set(x, [...(rows.get(x) ?? []), i]));
    for (const list of rows.values()) {
      if (list.length < 2 || list.length === n) continue;
      const id = list.join(',');
      if (seen.has(id)) return true;
      seen.add(id);
    }
  }
  return false;
}

// ---------------------------------------------------------------- properties

describe('suda2 against a brute-force enumeration of all key subsets', () => {
  it('finds exactly the MSUs, scores them with the SUDA weights, and scores 0 exactly without one', async () => {
    await fc.assert(
      fc.asyncProperty(dataArb, async ({ keys, maxSize, shuffleCodes }) => {
        const K = keys.length;
        const input: Suda2Key[] = keys.map((values, j) => ({ name: `k${j}`, codes: toCodes(values, shuffleCodes) }));
        const r = await suda2(input, { maxSize }, createRunContext());
        const limit = Math.min(maxSize ?? K, K);
        const att = Math.max(K, 3);
        const top = limit < K ? limit : att;
        const msus = bruteMsus(keys, limit);

        expect(r.maxSize).toBe(limit);
        const counts = new Array<number>(limit).fill(0);
        for (const list of msus) for (const S of list) counts[sizeOf(S) - 1]!++;
        expect(r.msuCounts).toEqual(counts);
        expect(r.recordsWithMsu).toBe(msus.filter((l) => l.length > 0).length);

        const credit = new Array<number>(K).fill(0);
        let total = 0;
        msus.forEach((list, i) => {
          const expected = list.reduce((s, S) => s + weight(sizeOf(S), att, top), 0);
          expect(r.score[i], `score of row ${i}`).toBe(expected);
          if (list.length === 0) expect(r.dis[i], `DIS of row ${i}`).toBe(0);
          // sdcMicro's DIS is NaN when no unique has a hash bucket of its own.
          else expect(Number.isNaN(r.dis[i]) || (r.dis[i]! > 0 && r.dis[i]! <= 1)).toBe(true);
          total += expected;
          for (const S of list) for (let v = 0; v < K; v++) if (S & (1 << v)) credit[v]! += weight(sizeOf(S), att, top);
        });
        if (total > 0 && !sharedCategories(keys)) {
          r.contributions.forEach((c, v) => expect(c.contribution).toBeCloseTo((100 * credit[v]!) / total, 9));
        }
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  it('gives each record the same score and DIS score whatever the order of the rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        dataArb.chain((d) => fc.tuple(fc.constant(d), fc.shuffledSubarray([...Array(d.keys[0]!.length).keys()], { minLength: d.keys[0]!.length }))),
        async ([{ keys, maxSize }, order]) => {
          const a = await suda2(
            keys.map((values, j) => ({ name: `k${j}`, codes: toCodes(values, false) })),
            { maxSize },
            createRunContext(),
          );
          const shuffled = keys.map((values) => order.map((i) => values[i]!));
          const b = await suda2(
            shuffled.map((values, j) => ({ name: `k${j}`, codes: toCodes(values, true) })),
            { maxSize },
            createRunContext(),
          );
          order.forEach((from, to) => {
            expect(b.score[to]).toBe(a.score[from]);
            const x = a.dis[from]!;
            const y = b.dis[to]!;
            if (Number.isNaN(x) || Number.isNaN(y)) expect(Number.isNaN(x) && Number.isNaN(y)).toBe(true);
            else expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-12 * Math.max(x, 1e-300));
          });
          expect(b.msuCounts).toEqual(a.msuCounts);
        },
      ),
      { numRuns: 200, seed: SEED },
    );
  });
});
