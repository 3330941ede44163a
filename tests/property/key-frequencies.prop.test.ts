/**
 * Property tests for keyFrequencies and kAnonymity: every number is checked
 * against a brute-force count over the generated cells (missing is a category
 * of its own), on datasets built both with makeDataset + the vector builders
 * (0-300 rows) and through the real CSV reader (1-300 rows).
 */
import fc from 'fast-check';
import type { Vector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { keyFrequencies } from '../../src/engine/risk/key-frequencies.ts';
import { kAnonymity } from '../../src/engine/risk/k-anonymity.ts';
import { makeDataset, type ColumnInput, type Dataset } from '../../src/engine/table/dataset.ts';
import type { ColumnKind } from '../../src/engine/table/roles.ts';
import { boolVector, dateDayVector, dictionaryVector, float64Vector, utf8Vector } from '../../src/engine/table/vectors.ts';
import { readText } from '../helpers/data.ts';

/** These properties check the count with missing as a category of its own (the brute force below); matches-any is checked against sdcMicro's freqCalc in tests/unit/risk. */
const OWN = { missing: 'own-category' } as const;

// ---------------------------------------------------------------- generators

/** Generated value kinds. Every value is in its canonical text form, so the reader cannot merge or split values. */
type GenKind = 'string' | 'integer' | 'wide-integer' | 'decimal' | 'date' | 'boolean' | 'mixed';
const GEN_KINDS: readonly GenKind[] = ['string', 'integer', 'wide-integer', 'decimal', 'date', 'boolean', 'mixed'];

const TEXT_CHARS = ['a', 'b', 'Z', 'é', 'ß', '東', '😀', '👍🏽', ',', '"', "'", '\n', '\r\n', ' ', ';', '|', '\t', '1', '.', '-'];
/** Text that starts with a letter (so never a number, date, boolean or NA), optionally after a space, with commas, quotes, newlines, unicode. */
const textValue = fc
  .tuple(fc.constantFrom('', ' '), fc.constantFrom('a', 'Q', 'é', '東', 'ж', 'x'), fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 5 }))
  .map(([pre, head, tail]) => pre + head + tail.join(''));
const DAY_MS = 86_400_000;
const VALUE: Record<GenKind, fc.Arbitrary<string>> = {
  string: textValue,
  integer: fc.integer({ min: -50, max: 50 }).map(String),
  'wide-integer': fc.integer({ min: -1e12, max: 1e12 }).map(String),
  decimal: fc.integer({ min: -1_000_000, max: 1_000_000 }).map((i) => String(i / 100)),
  date: fc.integer({ min: -25_567, max: 47_481 }).map((d) => new Date(d * DAY_MS).toISOString().slice(0, 10)),
  boolean: fc.constantFrom('true', 'false'),
  mixed: fc.oneof(fc.integer({ min: -20, max: 20 }).map(String), textValue),
};

interface GenColumn {
  kind: GenKind;
  /** For text kinds built with makeDataset: dictionary-encoded or plain UTF-8. */
  dictionary: boolean;
  values: (string | null)[];
}

/** One column of n cells, skewed: a few common values (one most of all) take most rows, the rest are rare; nulls at 0, 5 or 30 %. */
const columnArb = (n: number): fc.Arbitrary<GenColumn> =>
  fc.constantFrom(...GEN_KINDS).chain((kind) =>
    fc
      .record({
        common: fc.uniqueArray(VALUE[kind], { minLength: 1, maxLength: 4 }),
        nullPct: fc.constantFrom(0, 5, 30),
        // Percentage of rare values: mostly skewed columns, some close to unique (so that the
        // product of the key cardinalities passes 2^31 and the combination is re-coded).
        rarePct: fc.constantFrom(15, 15, 60, 95),
        dictionary: fc.boolean(),
        picks: fc.array(fc.tuple(fc.nat(99), VALUE[kind]), { minLength: n, maxLength: n }),
      })
      .map(({ common, nullPct, rarePct, dictionary, picks }) => {
        const firstCommon = Math.max(nullPct, (nullPct + 100 - rarePct) / 2);
        return {
          kind,
          dictionary,
          values: picks.map(([r, rare]) => (r < nullPct ? null : r >= 100 - rarePct ? rare : r < firstCommon ? common[0]! : common[r % common.length]!)),
        };
      }),
  );

interface GenTable {
  n: number;
  keys: GenColumn[];
  /** Weights; null (missing, counted as 0) only in the makeDataset route. */
  weights: (number | null)[];
  /** Sort keys giving a permutation of the key columns. */
  perm: number[];
  k: number;
}

const tableArb = (minRows: number, nullWeights: boolean): fc.Arbitrary<GenTable> =>
  fc.integer({ min: minRows, max: 300 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      keys: fc.array(columnArb(n), { minLength: 1, maxLength: 6 }),
      weights: fc.array(
        nullWeights
          ? fc.option(
              fc.integer({ min: 1, max: 100_000 }).map((i) => i / 10),
              { freq: 10 },
            )
          : fc.integer({ min: 1, max: 100_000 }).map((i) => i / 10),
        { minLength: n, maxLength: n },
      ),
      perm: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
      k: fc.integer({ min: 1, max: 400 }),
    }),
  );

const keyName = (j: number) => `k${j}`;

function vectorOf(col: GenColumn): { kind: ColumnKind; vector: Vector } {
  const v = col.values;
  switch (col.kind) {
    case 'integer':
    case 'wide-integer':
    case 'decimal':
      return { kind: col.kind === 'decimal' ? 'decimal' : 'integer', vector: float64Vector(Float64Array.from(v, (x) => (x === null ? NaN : Number(x)))) };
    case 'date':
      return { kind: 'date', vector: dateDayVector(Float64Array.from(v, (x) => (x === null ? NaN : Date.parse(x) / DAY_MS))) };
    case 'boolean':
      return { kind: 'boolean', vector: boolVector(Int8Array.from(v, (x) => (x === null ? -1 : x === 'true' ? 1 : 0))) };
    default: {
      if (!col.dictionary) return { kind: 'text', vector: utf8Vector(v) };
      const dict: string[] = [];
      const index = new Map<string, number>();
      const codes = Int32Array.from(v, (x) => {
        if (x === null) return -1;
        let c = index.get(x);
        if (c === undefined) index.set(x, (c = dict.push(x) - 1));
        return c;
      });
      return { kind: 'categorical', vector: dictionaryVector(dict, codes) };
    }
  }
}

function buildDataset(t: GenTable): Dataset {
  const columns: ColumnInput[] = t.keys.map((col, j) => {
    const { kind, vector } = vectorOf(col);
    return { meta: { name: keyName(j), kind, role: 'key' }, vector };
  });
  columns.push({
    meta: { name: 'w', kind: 'decimal', role: 'weight' },
    vector: float64Vector(Float64Array.from(t.weights, (x) => (x === null ? NaN : x))),
  });
  return makeDataset(columns, t.n);
}

/** CSV text written independently of writeCsv: every present cell quoted, missing as an empty field. */
function toCsv(t: GenTable): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const lines = [[...t.keys.map((_, j) => keyName(j)), 'w'].join(',')];
  for (let i = 0; i < t.n; i++) {
    lines.push([...t.keys.map((c) => (c.values[i] === null ? '' : q(c.values[i]!))), String(t.weights[i])].join(','));
  }
  return `${lines.join('\n')}\n`;
}

// ------------------------------------------------------------------ oracle

interface Brute {
  tupleKey: string[];
  fk: number[];
  Fk: number[];
  /** tuple key -> count */
  counts: Map<string, number>;
}

function brute(t: GenTable, order: readonly number[]): Brute {
  const tupleKey: string[] = [];
  for (let i = 0; i < t.n; i++) tupleKey.push(JSON.stringify(order.map((j) => t.keys[j]!.values[i]!)));
  const counts = new Map<string, number>();
  const weights = new Map<string, number>();
  for (let i = 0; i < t.n; i++) {
    const key = tupleKey[i]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    weights.set(key, (weights.get(key) ?? 0) + (t.weights[i] ?? 0));
  }
  return { tupleKey, counts, fk: tupleKey.map((key) => counts.get(key)!), Fk: tupleKey.map((key) => weights.get(key)!) };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

function checkAll(ds: Dataset, t: GenTable): void {
  const keys = t.keys.map((_, j) => keyName(j));
  const b = brute(
    t,
    keys.map((_, j) => j),
  );
  const f = keyFrequencies(ds, keys, 'w', OWN);

  // fk and Fk against the brute-force counts.
  expect(f.fk.length).toBe(t.n);
  for (let i = 0; i < t.n; i++) {
    if (f.fk[i] !== b.fk[i]) expect.fail(`fk of row ${i}: ${f.fk[i]} but ${b.fk[i]} rows share ${b.tupleKey[i]}`);
    if (!close(f.Fk![i]!, b.Fk[i]!)) expect.fail(`Fk of row ${i}: ${f.Fk![i]} but the weights of ${b.tupleKey[i]} sum to ${b.Fk[i]}`);
  }
  // Groups: one per distinct tuple, sizes summing to n, first rows in order of first appearance.
  expect(f.groupSize.length).toBe(b.counts.size);
  expect(f.groupSize.reduce((s, x) => s + x, 0)).toBe(t.n);
  for (let g = 1; g < f.groupFirstRow.length; g++) expect(f.groupFirstRow[g]!).toBeGreaterThan(f.groupFirstRow[g - 1]!);
  for (let i = 0; i < t.n; i++) expect(b.tupleKey[f.groupFirstRow[f.group[i]!]!]).toBe(b.tupleKey[i]);

  // fk does not depend on the order of the key columns.
  const order = keys.map((_, j) => j).sort((x, y) => t.perm[x]! - t.perm[y]! || x - y);
  const permuted = keyFrequencies(
    ds,
    order.map((j) => keys[j]!),
    'w',
    OWN,
  );
  expect(Array.from(permuted.fk)).toEqual(Array.from(f.fk));
  expect(permuted.groupSize.length).toBe(b.counts.size);

  // kAnonymity: records and combinations below k, for 2, 3, 5 and a random k.
  const report = kAnonymity(ds, { keys, weight: 'w', k: t.k, top: t.n + 1, missing: 'own-category' });
  expect(report.records).toBe(t.n);
  expect(report.combinations).toBe(b.counts.size);
  const ks = [...new Set([2, 3, 5, t.k])].sort((x, y) => x - y);
  expect(report.violations.map((v) => v.k)).toEqual(ks);
  for (const v of report.violations) {
    expect(v.records, `records with fk < ${v.k}`).toBe(b.fk.filter((x) => x < v.k).length);
    expect(v.combinations, `combinations with fk < ${v.k}`).toBe([...b.counts.values()].filter((x) => x < v.k).length);
    expect(v.weightedRecords, `records with Fk < ${v.k}`).toBe(b.Fk.filter((x) => x < v.k).length);
  }
  // riskiest: every combination, sorted by fk ascending, each matching its first row's tuple.
  expect(report.riskiest.length).toBe(b.counts.size);
  for (let r = 1; r < report.riskiest.length; r++) expect(report.riskiest[r]!.fk).toBeGreaterThanOrEqual(report.riskiest[r - 1]!.fk);
  for (const c of report.riskiest) {
    const row = c.firstRow;
    expect(c.fk).toBe(b.fk[row]);
    expect(c.values).toEqual(t.keys.map((col) => col.values[row]));
  }
  // The default top-20 list is the head of the same ordering.
  const top = kAnonymity(ds, { keys, weight: 'w', k: t.k, missing: 'own-category' }).riskiest;
  expect(top.map((c) => c.fk)).toEqual(report.riskiest.slice(0, 20).map((c) => c.fk));
}

// ------------------------------------------------------------------- tests

describe('keyFrequencies and kAnonymity agree with brute-force counts', () => {
  it('on datasets built with the vector builders (0-300 rows, 1-6 keys, nulls, skew, missing weights)', () => {
    fc.assert(
      fc.property(tableArb(0, true), (t) => {
        // A missing weight is refused, naming how many and the first row; with them filled in, the counts agree.
        const missing = t.weights.filter((w) => w === null).length;
        if (missing > 0) {
          const first = t.weights.indexOf(null) + 1;
          const keys = t.keys.map((_, j) => keyName(j));
          expect(() => keyFrequencies(buildDataset(t), keys, 'w')).toThrow(
            new RegExp(`The weight "w" is missing in ${missing.toLocaleString('en-GB')} records \\(first: row ${first}\\)`),
          );
          t = { ...t, weights: t.weights.map((w) => w ?? 1) };
        }
        checkAll(buildDataset(t), t);
      }),
      { numRuns: 100 },
    );
  });

  it('on datasets read from generated CSV text by the real reader (1-300 rows)', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb(1, false), async (t) => {
        const ds = await readText(toCsv(t), 'gen.csv', { delimiter: ',', header: true });
        expect(ds.table.numRows).toBe(t.n);
        checkAll(ds, t);
      }),
      { numRuns: 60 },
    );
  });

  it('treats a missing key value as a category of its own, not as a wildcard', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (present, missing) => {
        const t: GenTable = {
          n: present + missing,
          keys: [{ kind: 'string', dictionary: true, values: [...Array<string>(present).fill('a'), ...Array<null>(missing).fill(null)] }],
          weights: Array<number>(present + missing).fill(1),
          perm: [0],
          k: 2,
        };
        const f = keyFrequencies(buildDataset(t), ['k0'], null, OWN);
        expect(Array.from(f.fk)).toEqual([...Array<number>(present).fill(present), ...Array<number>(missing).fill(missing)]);
      }),
      { numRuns: 50 },
    );
  });
});
