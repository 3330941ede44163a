import { describe, expect, it } from 'vitest';
import { keyFrequencies } from '../../../src/engine/risk/key-frequencies.ts';
import { kAnonymity } from '../../../src/engine/risk/k-anonymity.ts';
import { readRCsv, readShared, readText } from '../../helpers/data.ts';

const KEYS_A = ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex'];

describe('keyFrequencies against sdcMicro 5.8.1 on testdata', () => {
  it('matches fk and Fk of every record (sdcA@risk$individual)', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const ref = readRCsv('sdcmicro/refs/A_testdata_individual_risk.csv');
    const f = keyFrequencies(ds, KEYS_A, 'sampling_weight');
    expect(f.fk.length).toBe(ref.length);
    for (let i = 0; i < ref.length; i++) {
      expect(f.fk[i], `fk of row ${i + 1}`).toBe(Number(ref[i]!.fk));
      expect(f.Fk![i]!, `Fk of row ${i + 1}`).toBeCloseTo(Number(ref[i]!.Fk), 6);
    }
  });

  it('matches the counts of fk < 2, 3, 5 and the number of combinations', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const r = kAnonymity(ds, { keys: KEYS_A, weight: 'sampling_weight', k: 3 });
    expect(r.combinations).toBe(412);
    expect(r.violations.map((v) => [v.k, v.records])).toEqual([
      [2, 157],
      [3, 281],
      [5, 458],
    ]);
    expect(r.violations.map((v) => v.weightedRecords)).toEqual([0, 0, 0]);
  });
});

describe('keyFrequencies', () => {
  it('lets missing match any value by default, or counts it as a category of its own', async () => {
    const ds = await readText('a,b\n1,x\n1,\n1,\n2,x\n');
    expect(Array.from(keyFrequencies(ds, ['a', 'b']).fk)).toEqual([3, 3, 3, 1]);
    expect(Array.from(keyFrequencies(ds, ['a', 'b'], null, { missing: 'own-category' }).fk)).toEqual([1, 2, 2, 1]);
  });

  it('agrees with a plain count on ARX adult (8 key variables, 30,162 records)', async () => {
    const ds = await readShared('arx/adult.csv');
    const keys = ['sex', 'age', 'race', 'marital-status', 'education', 'native-country', 'workclass', 'occupation'];
    const f = keyFrequencies(ds, keys);
    const cols = keys.map((k) => ds.table.getChild(k)!);
    const counts = new Map<string, number>();
    const keyOf = (i: number) => cols.map((c) => String(c.get(i))).join('\u0001');
    for (let i = 0; i < ds.table.numRows; i++) counts.set(keyOf(i), (counts.get(keyOf(i)) ?? 0) + 1);
    for (let i = 0; i < ds.table.numRows; i++) expect(f.fk[i]).toBe(counts.get(keyOf(i)));
    expect(f.groupSize.length).toBe(counts.size);
  });

  it('names an unknown key column', async () => {
    const ds = await readText('a,b\n1,2\n');
    expect(() => keyFrequencies(ds, ['a', 'nope'])).toThrow(/no column named "nope"/);
  });
});
