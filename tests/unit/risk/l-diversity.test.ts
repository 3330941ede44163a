import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/engine/errors.ts';
import { keyFrequencies } from '../../../src/engine/risk/key-frequencies.ts';
import { lDiversity } from '../../../src/engine/risk/l-diversity.ts';
import { codesOf } from '../../../src/engine/table/column-codes.ts';
import { columnIndex, type Dataset } from '../../../src/engine/table/dataset.ts';
import { readRCsv, readShared, readText } from '../../helpers/data.ts';

const KEYS_A = ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex'];

function run(ds: Dataset, keys: string[], sensitive: string, options = {}) {
  const f = keyFrequencies(ds, keys);
  return lDiversity(f.group, f.groupSize.length, f.groupFirstRow, { name: sensitive, codes: codesOf(ds, columnIndex(ds, sensitive)) }, options);
}

const relClose = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('lDiversity against sdcMicro 5.8.1 on testdata', () => {
  it('matches distinct, entropy and recursive (c = 2) l-diversity of hhcivil for every record', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const ref = readRCsv('sdcmicro/refs/A_testdata_ldiversity_hhcivil.csv');
    const r = run(ds, KEYS_A, 'hhcivil', { recursiveC: 2 });
    expect(r.distinct.length).toBe(ref.length);
    for (let i = 0; i < ref.length; i++) {
      const row = ref[i]!;
      expect(Number(row.row)).toBe(i + 1);
      expect(r.distinct[i], `distinct of row ${i + 1}`).toBe(Number(row.hhcivil_Distinct_Ldiversity));
      expect(
        relClose(r.entropy[i]!, Number(row.hhcivil_Entropy_Ldiversity)),
        `entropy of row ${i + 1}: ${r.entropy[i]} vs ${row.hhcivil_Entropy_Ldiversity}`,
      ).toBe(true);
      expect(r.recursive[i], `recursive of row ${i + 1}`).toBe(Number(row.hhcivil_Recursive_Ldiversity));
      // A single sensitive variable: sdcMicro's multi-variable columns stay 0.
      expect(row.MultiEntropy_Ldiversity).toBe('0');
      expect(row.MultiRecursive_Ldiversity).toBe('0');
    }
  });

  it('summarises the combinations below distinct l', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const ref = readRCsv('sdcmicro/refs/A_testdata_ldiversity_hhcivil.csv');
    const r = run(ds, KEYS_A, 'hhcivil', { l: 3, top: 5 });
    const below = ref.filter((x) => Number(x.hhcivil_Distinct_Ldiversity) < 3).length;
    expect(r.failingRecords).toBe(below);
    expect(r.min).toEqual({ distinct: 1, entropy: 1, recursive: 1 });
    expect(r.failing.length).toBe(5);
    expect(r.failing.every((f) => f.distinct === 1 && f.entropy === 1)).toBe(true);
    // Worst first: ties on the measures go to the larger combination.
    for (let j = 1; j < r.failing.length; j++) expect(r.failing[j - 1]!.size).toBeGreaterThanOrEqual(r.failing[j]!.size);
    const f = keyFrequencies(ds, KEYS_A);
    let combos = 0;
    for (let g = 0; g < f.groupSize.length; g++) if (r.distinct[f.groupFirstRow[g]!]! < 3) combos++;
    expect(r.failingCombinations).toBe(combos);
  });
});

describe('lDiversity', () => {
  it('computes the three measures of a hand-made combination', async () => {
    // One combination with values a x4, b x2, c x1, d x1 (8 records).
    const ds = await readText('k,s\n1,a\n1,a\n1,a\n1,a\n1,b\n1,b\n1,c\n1,d\n2,a\n');
    const r = run(ds, ['k'], 's');
    expect(r.distinct[0]).toBe(4);
    const p = [4 / 8, 2 / 8, 1 / 8, 1 / 8];
    expect(r.entropy[0]).toBeCloseTo(Math.exp(-p.reduce((h, q) => h + q * Math.log(q), 0)), 12);
    // c = 2: 4 < 2 * (2 + 1 + 1) holds, 4 < 2 * (1 + 1) does not: l = 2.
    expect(r.recursive[0]).toBe(2);
    // c = 3: 4 < 3 * 2 holds, 4 < 3 * 1 does not: l = 3.
    expect(run(ds, ['k'], 's', { recursiveC: 3 }).recursive[0]).toBe(3);
    // c = 0.5: 4 < 0.5 * 4 fails at once: l = 1.
    expect(run(ds, ['k'], 's', { recursiveC: 0.5 }).recursive[0]).toBe(1);
    expect(Array.from(r.distinct.subarray(8))).toEqual([1]);
    expect(r.failing).toEqual([{ group: 1, firstRow: 8, size: 1, distinct: 1, entropy: 1, recursive: 1 }]);
  });

  it('counts each missing sensitive value as a value of its own, as sdcMicro does', async () => {
    // Combination 1: a, a, NA, NA -> values a, NA1, NA2: distinct 3; frequencies 2, 1, 1.
    // Combination 2: NA alone -> distinct 1.
    const ds = await readText('k,s\n1,a\n1,a\n1,\n1,\n2,\n');
    const r = run(ds, ['k'], 's');
    expect(Array.from(r.distinct)).toEqual([3, 3, 3, 3, 1]);
    expect(r.entropy[0]).toBeCloseTo(Math.exp(-(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25))), 12);
    // 2 < 2 * (1 + 1) holds, 2 < 2 * 1 does not: l = 2.
    expect(r.recursive[0]).toBe(2);
    expect(r.entropy[4]).toBe(1);
    expect(r.recursive[4]).toBe(1);
  });

  it('counts a missing decimal sensitive value wherever its code lies', async () => {
    const ds = await readText('k,s\n1,\n1,7.5\n1,7.5\n');
    expect(codesOf(ds, 1).labels.at(-1)).toBeNull();
    const r = run(ds, ['k'], 's');
    expect(Array.from(r.distinct)).toEqual([2, 2, 2]);
    expect(r.recursive[0]).toBe(1);
  });

  it('takes the combinations it is given, missing key values included', async () => {
    // keyFrequencies' group: a missing key value is a category of its own (sdcMicro 5.8.2).
    const ds = await readText('k,s\n,x\n,y\n1,x\n');
    expect(Array.from(run(ds, ['k'], 's').distinct)).toEqual([2, 2, 1]);
  });

  it('rejects options out of range and arrays that do not fit', async () => {
    const ds = await readText('k,s\n1,a\n');
    const codes = { name: 's', codes: codesOf(ds, 1) };
    const g = Int32Array.of(0);
    expect(() => lDiversity(g, 1, g, codes, { recursiveC: 0 })).toThrow(EngineError);
    expect(() => lDiversity(g, 1, g, codes, { l: 1.5 })).toThrow(/whole number/);
    expect(() => lDiversity(g, 1, g, codes, { top: -1 })).toThrow(EngineError);
    expect(() => lDiversity(Int32Array.of(0, 0), 1, g, codes)).toThrow(/records/);
    expect(() => lDiversity(Int32Array.of(1), 1, g, codes)).toThrow(/outside/);
  });

  it('gives an empty summary for no records', () => {
    const codes = { codes: new Int32Array(0), cardinality: 0, hasMissing: false, distinct: 0, labels: [] };
    const r = lDiversity(new Int32Array(0), 0, new Int32Array(0), { name: 's', codes });
    expect(r.min).toEqual({ distinct: 0, entropy: 0, recursive: 0 });
    expect(r.failingCombinations).toBe(0);
  });
});

describe('lDiversity given the combination sizes', () => {
  it('gives the same result as counting them, and refuses sizes that do not cover the records', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const f = keyFrequencies(ds, KEYS_A);
    const codes = { name: 'hhcivil', codes: codesOf(ds, columnIndex(ds, 'hhcivil')) };
    const counted = lDiversity(f.group, f.groupSize.length, f.groupFirstRow, codes, { top: 50 });
    const given = lDiversity(f.group, f.groupSize.length, f.groupFirstRow, codes, { top: 50, groupSize: f.groupSize });
    expect(Array.from(given.distinct)).toEqual(Array.from(counted.distinct));
    expect(Array.from(given.entropy)).toEqual(Array.from(counted.entropy));
    expect(Array.from(given.recursive)).toEqual(Array.from(counted.recursive));
    expect(given.failing).toEqual(counted.failing);
    const short = Int32Array.from(f.groupSize, (s, g) => (g === 0 ? s - 1 : s));
    expect(() => lDiversity(f.group, f.groupSize.length, f.groupFirstRow, codes, { groupSize: short })).toThrow(EngineError);
  });
});
