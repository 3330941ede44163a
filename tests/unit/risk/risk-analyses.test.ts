/**
 * The risk measures as registry analyses: what runAnalysis returns agrees with
 * sdcMicro's reference outputs on testdata, with the engine functions underneath,
 * and with counts made independently; bad parameters get clear errors.
 */
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../../src/engine/context.ts';
import { runAnalysis } from '../../../src/engine/recipe/run-analysis.ts';
import { keyFrequencies } from '../../../src/engine/risk/key-frequencies.ts';
import { pairwiseMerge } from '../../../src/engine/risk/risk-drivers.ts';
import { tCloseness } from '../../../src/engine/risk/t-closeness.ts';
import { codesOf } from '../../../src/engine/table/column-codes.ts';
import { columnIndex } from '../../../src/engine/table/dataset.ts';
import { readFileSync } from 'node:fs';
import { SHARED_DATA, readRCsv, readShared, readText } from '../../helpers/data.ts';

const KEYS_A = ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex'];
const ctx = () => createRunContext();
const relClose = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('individual-risk through the registry', () => {
  it("gives sdcMicro's global and household risk on testdata", async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const ref = JSON.parse(readFileSync(`${SHARED_DATA}sdcmicro/refs/A_testdata_global_risk.json`, 'utf8')) as Record<string, number>;
    const r = await runAnalysis('individual-risk', ds, { keys: KEYS_A, weight: 'sampling_weight', household: 'ori_hid' }, ctx());
    expect(relClose(r.individualRisk.expectedReidentifications, ref.global_risk_ER!)).toBe(true);
    expect(relClose(r.individualRisk.globalRiskPercent, ref.global_risk_pct!)).toBe(true);
    expect(relClose(r.householdRisk!.expectedReidentifications, ref.hier_risk_ER!)).toBe(true);
    expect(r.missing).toBe('matches-any');
    expect(r.histogram.reduce((s, b) => s + b.records, 0)).toBe(ds.table.numRows);
  });
});

describe('l-diversity through the registry', () => {
  it('counts the records and combinations below l as the per-record sdcMicro values do', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const ref = readRCsv('sdcmicro/refs/A_testdata_ldiversity_hhcivil.csv');
    const r = await runAnalysis('l-diversity', ds, { keys: KEYS_A, sensitive: ['hhcivil'], l: 3, top: 1000 }, ctx());
    const distinct = ref.map((row) => Number(row.hhcivil_Distinct_Ldiversity));
    const v = r.variables[0]!;
    expect(v.sensitive).toBe('hhcivil');
    expect(v.failingRecords).toBe(distinct.filter((d) => d < 3).length);
    expect(v.min.distinct).toBe(Math.min(...distinct));
    expect(v.failing.length).toBe(v.failingCombinations);
    expect(v.failing.reduce((s, f) => s + f.size, 0)).toBe(v.failingRecords);
    const keyCodes = KEYS_A.map((k) => codesOf(ds, columnIndex(ds, k)));
    for (const f of v.failing) {
      expect(f.distinct).toBe(distinct[f.firstRow]);
      expect(f.values).toEqual(keyCodes.map((kc) => kc.labels[kc.codes[f.firstRow]!]));
    }
  });

  it('refuses a sensitive variable that is also a key, and asks for one', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    await expect(runAnalysis('l-diversity', ds, { keys: KEYS_A, sensitive: ['sex'] }, ctx())).rejects.toMatchObject({
      code: 'BAD_PARAMS',
      message: expect.stringMatching(/"sex" is chosen both as a key variable and as a sensitive variable/),
    });
    await expect(runAnalysis('t-closeness', ds, { keys: KEYS_A, sensitive: [] }, ctx())).rejects.toMatchObject({ code: 'BAD_PARAMS' });
  });
});

describe('t-closeness through the registry', () => {
  it('takes the ordered distance for numbers and the equal distance for categories, as the engine computes them', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const r = await runAnalysis('t-closeness', ds, { keys: KEYS_A, sensitive: ['income', 'hhcivil'], t: 0.3 }, ctx());
    expect(r.variables.map((v) => [v.sensitive, v.ordered])).toEqual([
      ['income', true],
      ['hhcivil', ds.columns[columnIndex(ds, 'hhcivil')]!.kind === 'integer' || ds.columns[columnIndex(ds, 'hhcivil')]!.kind === 'decimal'],
    ]);
    const f = keyFrequencies(ds, KEYS_A, null, { missing: 'own-category' });
    const direct = tCloseness(
      f.group,
      f.groupSize.length,
      f.groupFirstRow,
      { name: 'income', codes: codesOf(ds, columnIndex(ds, 'income')) },
      { ordered: true, t: 0.3 },
    );
    expect(r.variables[0]!.max).toBe(direct.max);
    expect(r.variables[0]!.failingRecords).toBe(direct.failingRecords);
    const equal = await runAnalysis('t-closeness', ds, { keys: KEYS_A, sensitive: ['income'], distance: 'equal' }, ctx());
    expect(equal.variables[0]!.ordered).toBe(false);
  });
});

describe('suda2 through the registry', () => {
  it("summarises sdcMicro's scores: the highest score, the DIS table of print.suda2, the riskiest records", async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const ref = readRCsv('sdcmicro/refs/A_testdata_suda2_scores.csv');
    const score = ref.map((r) => Number(r.score));
    const dis = ref.map((r) => Number(r.disScore));
    const r = await runAnalysis('suda2', ds, { keys: KEYS_A, top: 5 }, ctx());
    expect(r.score.max).toBe(Math.max(...score));
    const edges = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7].map((e) => e + Number.EPSILON);
    const expected = new Array<number>(9).fill(0);
    for (const d of dis) expected[edges.findIndex((e) => d <= e) === -1 ? 8 : edges.findIndex((e) => d <= e)]!++;
    expect(r.disTable.map((b) => b.records)).toEqual(expected);
    expect(r.disTable[0]!.interval).toBe('== 0');
    expect(r.riskiest).toHaveLength(5);
    for (const rec of r.riskiest) expect(rec.score).toBe(score[rec.row - 1]);
    for (let j = 1; j < r.riskiest.length; j++) expect(r.riskiest[j - 1]!.score).toBeGreaterThanOrEqual(r.riskiest[j]!.score);
    expect(r.recordsWithMsu).toBe(score.filter((s) => s > 0).length);
  });
});

describe('risky-cells through the registry', () => {
  it('counts every unsafe cell and lists them, with one threshold or one per dimension', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const one = await runAnalysis('risky-cells', ds, { keys: ['urbrur', 'roof', 'walls'], maxDim: 2, threshold: [5] }, ctx());
    expect(one.thresholds).toEqual([5, 5]);
    expect(one.unsafe).toBe(one.perCombination.reduce((s, c) => s + c.cells, 0));
    expect(one.cells.length).toBe(one.unsafe);
    for (const c of one.cells) expect(c.count).toBeLessThanOrEqual(5);
    const per = await runAnalysis('risky-cells', ds, { keys: ['urbrur', 'roof', 'walls'], maxDim: 2, threshold: [5, 2] }, ctx());
    expect(per.thresholds).toEqual([5, 2]);
    expect(per.unsafe).toBeLessThanOrEqual(one.unsafe);
    // The default dimension, 3, is cut to the number of keys.
    const two = await runAnalysis('risky-cells', ds, { keys: ['urbrur', 'roof'] }, ctx());
    expect(two.maxDim).toBe(2);
    await expect(runAnalysis('risky-cells', ds, { keys: ['urbrur', 'roof'], threshold: [1, 2, 3] }, ctx())).rejects.toMatchObject({ code: 'BAD_PARAMS' });
  });
});

describe('risk-drivers', () => {
  it("with sdcMicro's treatment of missing values, dropping a key can add uniques: a record left missing on every other key stops counting", async () => {
    // Record 4 matches record 1 through k1 = 10 while k1 is a key; without k1 it is missing
    // on both remaining keys, and freqCalc does not count such a record towards others.
    const ds = await readText('k0,k1,k2\na,10,0\na,0,5\na,0,5\n,10,\na,0,5\na,0,5\nb,0,0\n');
    const r = await runAnalysis('risk-drivers', ds, { keys: ['k0', 'k1', 'k2'], k: 2 }, ctx());
    expect(r.current.uniques).toBe(1);
    expect(r.drivers.find((d) => d.variable === 'k1')!.dropped!.uniques).toBe(2);
    const own = await runAnalysis('risk-drivers', ds, { keys: ['k0', 'k1', 'k2'], k: 2, missing: 'own-category' }, ctx());
    for (const d of own.drivers) expect(d.dropped!.uniques).toBeLessThanOrEqual(own.current.uniques);
  });

  it('counts uniques with each key dropped, as fk over the other keys does', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const r = await runAnalysis('risk-drivers', ds, { keys: KEYS_A, k: 3 }, ctx());
    const uniques = (keys: string[]) => Array.from(keyFrequencies(ds, keys).fk).filter((f) => f < 2).length;
    const below = (keys: string[]) => Array.from(keyFrequencies(ds, keys).fk).filter((f) => f < 3).length;
    expect(r.current).toEqual({ uniques: uniques(KEYS_A), belowK: below(KEYS_A) });
    expect(r.drivers.map((d) => d.variable).sort()).toEqual([...KEYS_A].sort());
    for (const d of r.drivers) {
      const others = KEYS_A.filter((k) => k !== d.variable);
      expect(d.dropped).toEqual({ uniques: uniques(others), belowK: below(others) });
    }
    // The key whose dropping removes the most uniques comes first.
    for (let j = 1; j < r.drivers.length; j++) expect(r.drivers[j - 1]!.dropped!.uniques).toBeLessThanOrEqual(r.drivers[j]!.dropped!.uniques);
  });

  it('merges numbers with their neighbours and other values rarest first, and leaves keys of two values alone', async () => {
    const ds = await readText('age,colour,sex\n1,red,F\n2,red,M\n3,blue,F\n4,blue,M\n5,green,F\n6,red,F\n,grey,M\n');
    const age = pairwiseMerge(codesOf(ds, columnIndex(ds, 'age')))!;
    expect(age.by).toBe('neighbours');
    expect(age.codes.distinct).toBe(3);
    expect(Array.from(age.codes.codes, (c) => age.codes.labels[c])).toEqual(['1-2', '1-2', '3-4', '3-4', '5-6', '5-6', null]);
    const colour = pairwiseMerge(codesOf(ds, columnIndex(ds, 'colour')))!;
    expect(colour.by).toBe('rarest');
    // green and grey (1 each) merge, then blue (2) with red (3).
    expect(Array.from(colour.codes.codes, (c) => colour.codes.labels[c])).toEqual([
      'blue or red',
      'blue or red',
      'blue or red',
      'blue or red',
      'green or grey',
      'blue or red',
      'green or grey',
    ]);
    expect(pairwiseMerge(codesOf(ds, columnIndex(ds, 'sex')))).toBeNull();

    const r = await runAnalysis('risk-drivers', ds, { keys: ['age', 'sex'], k: 2, missing: 'own-category' }, ctx());
    // Every record is unique on age alone; with age dropped, F (4) and M (3) are not.
    expect(r.current.uniques).toBe(7);
    const age2 = r.drivers.find((d) => d.variable === 'age')!;
    expect(age2.dropped).toEqual({ uniques: 0, belowK: 0 });
    // Ages in pairs by sex: 1-2 F, 1-2 M, 3-4 F, 3-4 M, 5-6 F F, missing M: five uniques.
    expect(age2.coarsened).toEqual({ uniques: 5, belowK: 5, distinct: 3, by: 'neighbours' });
    const sex = r.drivers.find((d) => d.variable === 'sex')!;
    expect(sex.coarsened).toBeNull();
    expect(r.drivers[0]!.variable).toBe('age');
    const single = await runAnalysis('risk-drivers', ds, { keys: ['age'] }, ctx());
    expect(single.drivers[0]!.dropped).toBeNull();
  });
});
