import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRunContext } from '../../../src/engine/context.ts';
import { combinationRisk, individualRisk, perRecordRisk } from '../../../src/engine/risk/individual-risk.ts';
import { keyFrequencies } from '../../../src/engine/risk/key-frequencies.ts';
import { readRCsv, readShared, readText, SHARED_DATA } from '../../helpers/data.ts';

const KEYS_A = ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex'];
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('individual and household risk against sdcMicro 5.8.1 on testdata', () => {
  it('matches risk, fk, Fk and household risk of every record to 1e-9 relative', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const ref = readRCsv('sdcmicro/refs/A_testdata_individual_risk.csv');
    const r = await perRecordRisk(ds, { keys: KEYS_A, weight: 'sampling_weight', household: 'ori_hid' }, createRunContext());
    expect(r.risk.length).toBe(ref.length);
    let worst = 0;
    for (let i = 0; i < ref.length; i++) {
      expect(r.freq.fk[i], `fk of row ${i + 1}`).toBe(Number(ref[i]!.fk));
      worst = Math.max(
        worst,
        rel(r.freq.Fk![i]!, Number(ref[i]!.Fk)),
        rel(r.risk[i]!, Number(ref[i]!.risk)),
        rel(r.householdRisk![i]!, Number(ref[i]!.hier_risk)),
      );
    }
    // The CSV holds 15 significant digits.
    expect(worst).toBeLessThan(1e-9);
  });

  it('matches the global and household risk summaries', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const g = JSON.parse(readFileSync(SHARED_DATA + 'sdcmicro/refs/A_testdata_global_risk.json', 'utf8'));
    const rep = await individualRisk(ds, { keys: KEYS_A, weight: 'sampling_weight', household: 'ori_hid' }, createRunContext());
    expect(rel(rep.individualRisk.expectedReidentifications, g.global_risk_ER)).toBeLessThan(1e-12);
    expect(rel(rep.individualRisk.globalRisk, g.global_risk)).toBeLessThan(1e-12);
    expect(rel(rep.individualRisk.globalRiskPercent, g.global_risk_pct)).toBeLessThan(1e-12);
    expect(rel(rep.householdRisk!.expectedReidentifications, g.hier_risk_ER)).toBeLessThan(1e-12);
    expect(rel(rep.householdRisk!.globalRiskPercent, g.hier_risk_pct)).toBeLessThan(1e-12);
    expect(rep.histogram.reduce((s, b) => s + b.records, 0)).toBe(4580);
    expect(rep.riskiest[0]!.risk).toBe(rep.individualRisk.max);
    expect(rep.missing).toBe('matches-any');
    expect(rep.warnings).toEqual([]);
  });
});

describe('the risk formula', () => {
  it("follows the three cases of sdcMicro's approximation and 1/fk when fully sampled or unweighted", () => {
    const fk = Float64Array.of(1, 2, 5, 3);
    const Fk = Float64Array.of(10, 20, 50, 3);
    const r = combinationRisk(fk, Fk);
    expect(r[0]).toBeCloseTo((0.1 / 0.9) * Math.log(10), 15);
    expect(r[1]).toBeCloseTo(0.1 / 0.9 - (0.1 / 0.9) ** 2 * Math.log(10), 15);
    expect(r[2]).toBeCloseTo(0.1 / (5 - 0.9), 15);
    expect(r[3]).toBe(1 / 3);
    expect(Array.from(combinationRisk(fk, null))).toEqual([1, 0.5, 0.2, 1 / 3]);
  });
});

describe('missing key values match any value (sdcMicro freqCalc)', () => {
  // The worked example of the README: ages 30, 30, missing, 40.
  it('one key: complete records count the missing ones; a missing record matches all', async () => {
    const ds = await readText('age\n30\n30\n\n40\n');
    expect(Array.from(keyFrequencies(ds, ['age']).fk)).toEqual([3, 3, 4, 2]);
    expect(Array.from(keyFrequencies(ds, ['age'], null, { missing: 'own-category' }).fk)).toEqual([2, 2, 1, 1]);
  });

  it('two keys: matches on the keys both records have; all-missing records are not counted by complete ones', async () => {
    const ds = await readText('a,b,w\n1,1,10\n1,2,10\n1,,20\n,2,30\n,,40\n2,1,10\n');
    const f = keyFrequencies(ds, ['a', 'b'], 'w');
    // Row 1 (1,1) matches row 3 (1,NA); row 2 (1,2) matches 3 and 4; row 3 (1,NA) matches 1, 2, 4 (NA,2) and 5 (NA,NA);
    // row 4 (NA,2) matches 2, 3 and 5; row 5 matches everything; row 6 (2,1) matches none.
    expect(Array.from(f.fk)).toEqual([2, 3, 5, 4, 6, 1]);
    expect(Array.from(f.Fk!)).toEqual([30, 60, 110, 100, 120, 10]);
  });
});

describe('bad input', () => {
  it('refuses weights that are missing, zero or negative, naming the first row', async () => {
    const ds = await readText('k,w\n1,10\n2,\n1,0\n2,-3\n');
    await expect(individualRisk(ds, { keys: ['k'], weight: 'w' }, createRunContext())).rejects.toThrow(
      /missing in 1 records and zero or negative in 2 \(first: row 2\)/,
    );
  });

  it('warns of keys with one value or all missing, households with mixed weights, and missing household ids', async () => {
    const ds = await readText('k,one,none,w,h\n1,x,,10,1\n2,x,,20,1\n1,x,,10,2\n2,x,,10,\n');
    const rep = await individualRisk(ds, { keys: ['k', 'one', 'none'], weight: 'w', household: 'h' }, createRunContext());
    expect(rep.warnings.join('\n')).toMatch(/"one" has only one value/);
    expect(rep.warnings.join('\n')).toMatch(/"none" is missing in every record/);
    expect(rep.warnings.join('\n')).toMatch(/1 households have members with different weights \(first: row 2\)/);
    expect(rep.warnings.join('\n')).toMatch(/1 records have no household id/);
    expect(rep.householdRisk!.households).toBe(2);
  });

  it('refuses a household id that is also a key', async () => {
    const ds = await readText('k,h\n1,1\n2,1\n');
    await expect(individualRisk(ds, { keys: ['k', 'h'], household: 'h' }, createRunContext())).rejects.toThrow(/also a key variable/);
  });
});

describe("missing values against sdcMicro's own freqCalc", () => {
  // tests/fixtures/sdcmicro-freqcalc-missing.csv: scripts/reference/freqcalc-missing-reference.R ran
  // sdcMicro 5.8.1's freqCalc (R 4.2, data.table) on 300 random records with missing values in three keys.
  it('gives the same fk and Fk for every record', async () => {
    const text = readFileSync(new URL('../../fixtures/sdcmicro-freqcalc-missing.csv', import.meta.url), 'utf8');
    const ds = await readText(text);
    const rows = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const f = keyFrequencies(ds, ['a', 'b', 'c'], 'w');
    let worst = 0;
    for (const [i, r] of rows.entries()) {
      expect(f.fk[i], `fk of row ${i + 1}`).toBe(Number(r[4]));
      worst = Math.max(worst, rel(f.Fk![i]!, Number(r[5])));
    }
    expect(worst).toBeLessThan(1e-9);
  });
});

describe('missing values in keys of every kind', () => {
  it('matches any value in decimal and boolean keys too (missing has the last code whatever the column type)', async () => {
    const ds = await readText('d,b\n,true\n1.5,\n1.5,true\n2.5,false\n');
    // Row 1 (NA,true) matches 2 and 3; row 2 (1.5,NA) matches 1 and 3; row 3 matches 1, 2; row 4 none.
    expect(Array.from(keyFrequencies(ds, ['d', 'b']).fk)).toEqual([3, 3, 3, 1]);
  });
});
