import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/engine/errors.ts';
import { keyFrequencies } from '../../../src/engine/risk/key-frequencies.ts';
import { tCloseness, type TClosenessOptions } from '../../../src/engine/risk/t-closeness.ts';
import { codesOf } from '../../../src/engine/table/column-codes.ts';
import { columnIndex, type Dataset } from '../../../src/engine/table/dataset.ts';
import { readShared, readText } from '../../helpers/data.ts';

function run(ds: Dataset, keys: string[], sensitive: string, options: TClosenessOptions) {
  const f = keyFrequencies(ds, keys);
  return tCloseness(f.group, f.groupSize.length, f.groupFirstRow, { name: sensitive, codes: codesOf(ds, columnIndex(ds, sensitive)) }, options);
}

const csv = (rows: [string, string][]) => 'k,s\n' + rows.map(([k, s]) => `${k},${s}`).join('\n') + '\n';

describe('tCloseness, ordered distance', () => {
  it("gives 0.375 for the paper's salary example: {3k, 4k, 5k} against {3k, ..., 11k}", async () => {
    // Li, Li and Venkatasubramanian (2007), table 3: the first combination's salaries are 3k, 4k, 5k.
    const salaries = [3, 4, 5, 6, 11, 8, 7, 9, 10];
    const keys = ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c'];
    const ds = await readText(csv(salaries.map((s, i) => [keys[i]!, `${s}000`])));
    const r = run(ds, ['k'], 's', { ordered: true });
    expect(r.perGroup[0]).toBeCloseTo(0.375, 15);
    // {6k, 11k, 8k}: cumulative differences -1/9, -2/9, -3/9, -1/9, -2/9, 0, -1/9, -2/9, 0: 12/9 over 8
    // (the paper's 0.167).
    expect(r.perGroup[1]).toBeCloseTo(12 / 72, 15);
    // {7k, 9k, 10k}: -1/9, -2/9, -3/9, -4/9, -2/9, -3/9, -1/9, 1/9, 0: 17/9 over 8.
    expect(r.perGroup[2]).toBeCloseTo(17 / 72, 15);
    expect(r.max).toBeCloseTo(0.375, 15);
    expect(r.failingCombinations).toBe(2);
    expect(r.failingRecords).toBe(6);
    expect(r.worst.map((w) => [w.group, w.firstRow, w.size])).toEqual([
      [0, 0, 3],
      [2, 6, 3],
    ]);
  });

  it('orders numbers by value, not by text', async () => {
    // Values 9 and 10: by value 9 < 10; a combination holding only the largest value
    // is at distance (1/(m-1)) * sum of the file's cumulative shares below it.
    const ds = await readText(
      csv([
        ['a', '10'],
        ['b', '9'],
        ['b', '2'],
        ['b', '10'],
      ]),
    );
    const r = run(ds, ['k'], 's', { ordered: true });
    // Order 2, 9, 10; file 1/4, 1/4, 1/2; combination a: 0, 0, 1. Cumulative: 1/4, 1/2, 0 -> (3/4)/2.
    expect(r.perGroup[0]).toBeCloseTo(3 / 8, 15);
  });

  it('follows a given order of the codes', async () => {
    const ds = await readText(
      csv([
        ['a', 'low'],
        ['a', 'low'],
        ['b', 'high'],
        ['b', 'mid'],
        ['b', 'low'],
        ['b', 'high'],
      ]),
    );
    const codes = codesOf(ds, 1);
    const code = (label: string) => codes.labels.indexOf(label);
    const order = [code('low'), code('mid'), code('high')];
    const r = run(ds, ['k'], 's', { ordered: true, order });
    // File: low 3/6, mid 1/6, high 2/6; a: 1, 0, 0. Cumulative: 1/2, 1/3, 0 -> (5/6)/2.
    expect(r.perGroup[0]).toBeCloseTo(5 / 12, 15);
    expect(() => run(ds, ['k'], 's', { ordered: true })).toThrow(/not a number/);
    expect(() => run(ds, ['k'], 's', { ordered: true, order: order.slice(1) })).toThrow(/leaves out the value "low"/);
    expect(() => run(ds, ['k'], 's', { ordered: true, order: [...order, order[0]!] })).toThrow(/twice/);
  });

  it('leaves missing values out of both distributions', async () => {
    const withNa = await readText(
      csv([
        ['a', '1'],
        ['a', ''],
        ['b', '2'],
        ['b', '3'],
        ['c', ''],
      ]),
    );
    const without = await readText(
      csv([
        ['a', '1'],
        ['b', '2'],
        ['b', '3'],
      ]),
    );
    const r = run(withNa, ['k'], 's', { ordered: true });
    const s = run(without, ['k'], 's', { ordered: true });
    expect(r.perGroup[0]).toBeCloseTo(s.perGroup[0]!, 15);
    expect(r.perGroup[1]).toBeCloseTo(s.perGroup[1]!, 15);
    expect(r.perGroup[2]).toBe(0);
  });

  it('counts a missing decimal sensitive value wherever its code lies', async () => {
    const ds = await readText(
      csv([
        ['a', ''],
        ['a', '-2'],
        ['b', '7.5'],
      ]),
    );
    expect(codesOf(ds, 1).labels.at(-1)).toBeNull();
    // Known values -2, 7.5 (1/2 each); a holds -2 only: cumulative 1 - 1/2, then 0 -> 1/2 over 1.
    expect(Array.from(run(ds, ['k'], 's', { ordered: true }).perGroup)).toEqual([0.5, 0.5]);
  });

  it('is 0 for a single combination (the identity) and for a single value', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const one = tCloseness(
      new Int32Array(ds.table.numRows),
      1,
      Int32Array.of(0),
      { name: 'income', codes: codesOf(ds, columnIndex(ds, 'income')) },
      { ordered: true },
    );
    expect(Array.from(one.perGroup)).toEqual([0]);
    const constant = await readText(
      csv([
        ['a', '5'],
        ['b', '5'],
      ]),
    );
    expect(Array.from(run(constant, ['k'], 's', { ordered: true }).perGroup)).toEqual([0, 0]);
  });

  it('agrees with the plain O(m) sum on testdata (income within the key combinations)', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const keys = ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex'];
    const r = run(ds, keys, 'income', { ordered: true });
    const f = keyFrequencies(ds, keys);
    const col = ds.table.getChild('income')!;
    const values = [...new Set(Array.from({ length: ds.table.numRows }, (_, i) => Number(col.get(i))))].sort((a, b) => a - b);
    const index = new Map(values.map((v, i) => [v, i]));
    const m = values.length;
    const all = new Float64Array(m);
    const per: Float64Array[] = Array.from({ length: f.groupSize.length }, () => new Float64Array(m));
    for (let i = 0; i < ds.table.numRows; i++) {
      const j = index.get(Number(col.get(i)))!;
      all[j]!++;
      per[f.group[i]!]![j]!++;
    }
    for (let g = 0; g < per.length; g++) {
      let cum = 0;
      let sum = 0;
      for (let j = 0; j < m; j++) {
        cum += per[g]![j]! / f.groupSize[g]! - all[j]! / ds.table.numRows;
        sum += Math.abs(cum);
      }
      expect(r.perGroup[g]!).toBeCloseTo(sum / (m - 1), 12);
    }
  });
});

describe('tCloseness, equal distance', () => {
  it('is half the L1 distance, missing as a category', async () => {
    const ds = await readText(
      csv([
        ['a', 'x'],
        ['a', 'x'],
        ['b', 'y'],
        ['b', ''],
        ['b', 'x'],
        ['b', 'z'],
      ]),
    );
    const r = run(ds, ['k'], 's', { ordered: false });
    // File: x 3/6, y 1/6, NA 1/6, z 1/6. a: x 1 -> (1/2)(1/2 + 1/6 + 1/6 + 1/6) = 1/2.
    expect(r.perGroup[0]).toBeCloseTo(1 / 2, 15);
    // b: x 1/4, y 1/4, NA 1/4, z 1/4 -> (1/2)(1/4 + 3 * 1/12) = 1/4.
    expect(r.perGroup[1]).toBeCloseTo(1 / 4, 15);
    expect(r.failingCombinations).toBe(2);
    expect(run(ds, ['k'], 's', { ordered: false, t: 0.25 }).failingCombinations).toBe(1);
    expect(run(ds, ['k'], 's', { ordered: false, t: 0.5 }).failingCombinations).toBe(0);
  });

  it('is exactly 0 for a single combination', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const r = tCloseness(
      new Int32Array(ds.table.numRows),
      1,
      Int32Array.of(0),
      { name: 'relat', codes: codesOf(ds, columnIndex(ds, 'relat')) },
      { ordered: false },
    );
    expect(r.perGroup[0]).toBe(0);
    expect(r.max).toBe(0);
    expect(r.worst).toEqual([]);
  });

  it('rejects options out of range', async () => {
    const ds = await readText(csv([['a', 'x']]));
    expect(() => run(ds, ['k'], 's', { ordered: false, t: 1.5 })).toThrow(EngineError);
    expect(() => run(ds, ['k'], 's', { ordered: false, top: 0.5 })).toThrow(EngineError);
    expect(() => run(ds, ['k'], 's', { ordered: false, order: [0] })).toThrow(/only to ordered/);
    expect(() => run(ds, ['k'], 's', { ordered: true, order: [5] })).toThrow(/not a value/);
  });
});
