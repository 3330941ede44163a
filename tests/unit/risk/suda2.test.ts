/**
 * suda2 against sdcMicro 5.8.1 on testdata (scores, DIS scores, attribute and
 * attribute-level contributions), and on small examples whose expected values were
 * worked out by hand (the MSUs are listed) and agree with sdcMicro's C++ code.
 */
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../../src/engine/context.ts';
import { EngineError } from '../../../src/engine/errors.ts';
import { suda2, type Suda2Key, type Suda2Result } from '../../../src/engine/risk/suda2.ts';
import { codesOf, type ColumnCodes } from '../../../src/engine/table/column-codes.ts';
import { columnIndex } from '../../../src/engine/table/dataset.ts';
import { readRCsv, readShared, readText } from '../../helpers/data.ts';

const KEYS_A = ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex'];
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));

async function keysOf(csv: string): Promise<Suda2Key[]> {
  const ds = await readText(csv);
  return ds.columns.map((c, j) => ({ name: c.name, codes: codesOf(ds, j) }));
}

async function run(csv: string, options: { maxSize?: number; disFraction?: number } = {}): Promise<Suda2Result> {
  return suda2(await keysOf(csv), options, createRunContext());
}

/** Codes made by hand: values 0..cardinality-1 as given, every label the same text. */
function handCodes(codes: number[], cardinality: number): ColumnCodes {
  return { codes: Int32Array.from(codes), cardinality, hasMissing: false, labels: new Array<string>(cardinality).fill('x'), distinct: new Set(codes).size };
}

describe('suda2 against sdcMicro 5.8.1 on testdata', async () => {
  const ds = await readShared('sdcmicro/testdata.csv');
  const keys = KEYS_A.map((name) => ({ name, codes: codesOf(ds, columnIndex(ds, name)) }));
  const r = await suda2(keys, {}, createRunContext());

  it('matches the score and DIS score of every record', () => {
    const ref = readRCsv('sdcmicro/refs/A_testdata_suda2_scores.csv');
    expect(r.score.length).toBe(ref.length);
    let worst = 0;
    for (let i = 0; i < ref.length; i++) {
      const score = Number(ref[i]!.score);
      const dis = Number(ref[i]!.disScore);
      // Scores are whole numbers: exact. DIS scores are printed with 15 digits.
      expect(r.score[i], `score of row ${i + 1}`).toBe(score);
      if (dis === 0) expect(r.dis[i], `DIS score of row ${i + 1}`).toBe(0);
      worst = Math.max(worst, rel(r.dis[i]!, dis));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('matches the attribute contributions', () => {
    const ref = readRCsv('sdcmicro/refs/A_testdata_suda2_attribute_contributions.csv');
    expect(r.contributions.map((c) => c.variable)).toEqual(ref.map((x) => x.variable));
    for (let j = 0; j < ref.length; j++) expect(rel(r.contributions[j]!.contribution, Number(ref[j]!.contribution))).toBeLessThan(1e-9);
  });

  it('matches the attribute-level contributions, in the same order', () => {
    const ref = readRCsv('sdcmicro/refs/A_testdata_suda2_attribute_level_contributions.csv');
    expect(r.levelContributions.map((c) => [c.variable, c.value])).toEqual(ref.map((x) => [x.variable, x.attribute]));
    for (let j = 0; j < ref.length; j++) expect(rel(r.levelContributions[j]!.contribution, Number(ref[j]!.contribution))).toBeLessThan(1e-9);
  });

  it('counts the MSUs of each size and the records that have one (brute force over all 127 subsets)', () => {
    expect(r.maxSize).toBe(7);
    expect(r.msuCounts).toEqual([1, 11, 94, 86, 35, 7, 1]);
    expect(r.recordsWithMsu).toBe(157);
  });

  it('with maxSize 3 keeps exactly the MSUs of sizes 1 to 3, the same on every run', async () => {
    const a = await suda2(keys, { maxSize: 3 }, createRunContext());
    const b = await suda2(keys, { maxSize: 3 }, createRunContext());
    expect(a.maxSize).toBe(3);
    expect(a.msuCounts).toEqual([1, 11, 94]);
    expect(Array.from(a.score)).toEqual(Array.from(b.score));
    expect(Array.from(a.dis)).toEqual(Array.from(b.dis));
    // Weights with 7 keys and MSUs of at most 3: size 1 -> 6 * 5, size 2 -> 5, size 3 -> 1.
    expect(Math.max(...a.score)).toBeLessThanOrEqual(Math.max(...r.score));
  });
});

describe('small examples', () => {
  // The example of the SDC guidelines (sdcMicro's own test, commented out there):
  // 4 keys, so MSUs of size 1..4 weigh 3! = 6, 2! = 2, 1, 1.
  const GUIDELINE = [
    'Residence,Gender,Education,Labor',
    'Urban,Female,Secondary incomplete,Employed',
    'Urban,Female,Secondary incomplete,Employed',
    'Urban,Female,Primary incomplete,Non-LF',
    'Urban,Male,Secondary complete,Employed',
    'Rural,Female,Secondary complete,Unemployed',
    'Urban,Male,Secondary complete,Employed',
    'Urban,Female,Primary complete,Non-LF',
    'Urban,Male,Post-secondary,Unemployed',
    'Urban,Female,Secondary incomplete,Non-LF',
    'Urban,Female,Secondary incomplete,Non-LF',
  ].join('\n');

  it('scores the guideline example as sdcMicro does', async () => {
    const r = await run(GUIDELINE);
    // Row 3: {Education}; row 5: {Residence}, {Gender, Education}, {Gender, Labor}, {Education, Labor};
    // row 7: {Education}; row 8: {Education}, {Residence, Labor}, {Gender, Labor}.
    expect(Array.from(r.score)).toEqual([0, 0, 6, 0, 12, 0, 6, 10, 0, 0]);
    expect(r.msuCounts).toEqual([4, 5, 0, 0]);
    const dis = [0, 0, 0.00498679766114321, 0, 0.011383006514236068, 0, 0.00498679766114321, 0.009166678869162469, 0, 0];
    for (let i = 0; i < 10; i++) expect(rel(r.dis[i]!, dis[i]!)).toBeLessThan(1e-12);
    // Credits: Residence 6 + 2, Gender 4 + 2, Education 6 + 4 + 6 + 6, Labor 4 + 4, of 34.
    expect(r.contributions.map((c) => c.contribution)).toEqual([800 / 34, 600 / 34, 2200 / 34, 800 / 34].map((x) => expect.closeTo(x, 12)));
  });

  it('with maxSize 2 keeps the same MSUs here but weighs size 1 by 4 - 1 = 3 and size 2 by 1', async () => {
    const r = await run(GUIDELINE, { maxSize: 2 });
    expect(r.maxSize).toBe(2);
    expect(r.msuCounts).toEqual([4, 5]);
    expect(Array.from(r.score)).toEqual([0, 0, 3, 0, 6, 0, 3, 5, 0, 0]);
  });

  it('finds only MSUs of all three keys in a full 2 x 2 x 2 design, and none with maxSize 2', async () => {
    const rows = ['a,b,c'];
    for (const a of [1, 2]) for (const b of [1, 2]) for (const c of [1, 2]) rows.push(`${a},${b},${c}`);
    const r = await run(rows.join('\n'));
    expect(r.msuCounts).toEqual([0, 0, 8]);
    expect(Array.from(r.score)).toEqual(new Array(8).fill(1));
    expect(Array.from(r.dis)).toEqual(new Array(8).fill(1));
    const two = await run(rows.join('\n'), { maxSize: 2 });
    expect(two.msuCounts).toEqual([0, 0]);
    expect(two.recordsWithMsu).toBe(0);
    expect(Array.from(two.score)).toEqual(new Array(8).fill(0));
    expect(Array.from(two.dis)).toEqual(new Array(8).fill(0));
  });

  it('scores the book example as sdcMicro does', async () => {
    const csv = [
      'age,gender,income,education',
      '20s,male,50k+,highschool',
      '20s,male,50k+,highschool',
      '20s,male,50k-,highschool',
      '20s,male,50k-,highschool',
      '20s,female,50k-,university',
      '20s,female,50k-,highschool',
      '20s,female,50k-,middleschool',
      '60s,male,50k-,university',
    ].join('\n');
    expect(Array.from((await run(csv)).score)).toEqual([0, 0, 0, 0, 4, 2, 6, 8]);
  });

  it('pads a single key to three as sdcMicro does: a unique value weighs (3 - 1)! = 2', async () => {
    const r = await run('a\n1\n1\n2\n3\n3');
    expect(r.maxSize).toBe(1);
    expect(Array.from(r.score)).toEqual([0, 0, 2, 0, 0]);
    expect(rel(r.dis[2]!, 0.002518891494029048)).toBeLessThan(1e-12);
    expect(r.contributions).toEqual([{ variable: 'a', contribution: 100 }]);
    expect(r.levelContributions).toEqual([
      { variable: 'a', value: '1', contribution: 0 },
      { variable: 'a', value: '2', contribution: 100 },
      { variable: 'a', value: '3', contribution: 0 },
    ]);
  });

  it('weighs two keys as three: size 1 -> 2, size 2 -> 1', async () => {
    // Row 1: {a, b}; row 2: {b}; row 5: {a}, {b}.
    const r = await run('a,b\n1,1\n1,2\n2,1\n2,1\n3,3');
    expect(Array.from(r.score)).toEqual([1, 2, 0, 0, 4]);
    const dis = [0.008002240029641313, 0.01882499431237563, 0, 0, 0.04364120444721506];
    for (let i = 0; i < 5; i++) expect(rel(r.dis[i]!, dis[i]!)).toBeLessThan(1e-12);
  });

  it('scores every record when all are unique on one key', async () => {
    const r = await run('a,b\n1,7\n2,7\n3,7\n4,7\n5,7');
    expect(Array.from(r.score)).toEqual([2, 2, 2, 2, 2]);
    expect(Array.from(r.dis)).toEqual([1, 1, 1, 1, 1]);
    expect(r.recordsWithMsu).toBe(5);
    expect(r.contributions).toEqual([
      { variable: 'a', contribution: 100 },
      { variable: 'b', contribution: 0 },
    ]);
  });

  it('gives 0 everywhere when no record is unique; the contributions are then 0 / 0 as in R', async () => {
    const r = await run('a,b,c\n1,2,3\n1,2,3\n2,2,1\n2,2,1');
    expect(Array.from(r.score)).toEqual([0, 0, 0, 0]);
    expect(Array.from(r.dis)).toEqual([0, 0, 0, 0]);
    expect(r.msuCounts).toEqual([0, 0, 0]);
    expect(r.recordsWithMsu).toBe(0);
    for (const c of r.contributions) expect(c.contribution).toBeNaN();
    for (const c of r.levelContributions) expect(c.contribution).toBeNaN();
  });

  it('lets a missing value match nothing and never be part of an MSU', async () => {
    // Row 1 is unique on {a, b} and {b, c}: row 2's missing b is not a 1. Row 2 has only a and c,
    // which row 1 shares. Row 5 is unique on {c}. Rows 3 and 4 are the same.
    const r = await run('a,b,c\n1,1,1\n1,,1\n2,2,1\n2,2,1\n,1,2');
    expect(Array.from(r.score)).toEqual([2, 0, 0, 0, 2]);
    expect(r.msuCounts).toEqual([1, 2, 0]);
    expect(rel(r.dis[0]!, 0.01)).toBeLessThan(1e-12);
    expect(rel(r.dis[4]!, 0.01)).toBeLessThan(1e-12);
    // Missing is not listed among a key's categories.
    expect(r.levelContributions.filter((c) => c.variable === 'b').map((c) => c.value)).toEqual(['1', '2']);
  });

  it('credits categories that hold the same records the way sdcMicro does, not once per MSU', async () => {
    // a=1 and b=3 hold rows 1 and 2, c=2 and d=1 rows 1 and 3. Row 1's MSUs are {a,c}, {a,d},
    // {b,c}, {b,d} (weight 2 each); sdcMicro finds {a,c} and multiplies, crediting a and c 4,
    // b and d 2. Row 2: {c}, {d}; row 3: {a}, {b} (weight 6 each). Total score 32.
    const r = await run('a,b,c,d\n1,3,2,1\n1,3,3,3\n2,1,2,1');
    expect(Array.from(r.score)).toEqual([8, 12, 12]);
    expect(r.contributions.map((c) => c.contribution)).toEqual([31.25, 25, 31.25, 25]);
    expect(r.levelContributions.map((c) => [c.variable, c.value, c.contribution])).toEqual([
      ['a', '1', 40],
      ['a', '2', 60],
      ['b', '1', 75],
      ['b', '3', 25],
      ['c', '2', 40],
      ['c', '3', 60],
      ['d', '1', 25],
      ['d', '3', 75],
    ]);
  });

  it('gives the same contributions whichever order sdcMicro reads the columns in (its own example)', async () => {
    const rows = [
      [2, 0, 0],
      [1, 3, 6],
      [1, 0, 0],
    ];
    const csv = (order: number[]) => [order.map((j) => 'abc'[j]).join(','), ...rows.map((r) => order.map((j) => r[j]).join(','))].join('\n');
    expect((await run(csv([0, 1, 2]))).contributions.map((c) => c.contribution)).toEqual([50, 37.5, 37.5]);
    expect((await run(csv([0, 2, 1]))).contributions.map((c) => c.contribution)).toEqual([50, 37.5, 37.5]);
    expect((await run(csv([2, 0, 1]))).contributions.map((c) => c.contribution)).toEqual([37.5, 50, 37.5]);
  });

  it('lists text categories in sorted order and numbers in numeric order', async () => {
    const r = await run('t,n\nz,10\nb,9\nz,10\nb,9\nm,100');
    expect(r.levelContributions.map((c) => c.value)).toEqual(['b', 'm', 'z', '9', '10', '100']);
  });

  it('gives the same result for a key with very many codes as for the same key coded densely', async () => {
    const n = 40;
    const base = Array.from({ length: n }, (_, i) => (i * 7) % 13);
    const other = Array.from({ length: n }, (_, i) => (i * 5) % 3);
    const sparse = handCodes(
      base.map((c) => c * 150_001),
      (1 << 21) + 1,
    );
    const dense = handCodes(base, 13);
    const third = handCodes(other, 3);
    const a = await suda2(
      [
        { name: 'x', codes: sparse },
        { name: 'y', codes: third },
      ],
      {},
      createRunContext(),
    );
    const b = await suda2(
      [
        { name: 'x', codes: dense },
        { name: 'y', codes: third },
      ],
      {},
      createRunContext(),
    );
    expect(Array.from(a.score)).toEqual(Array.from(b.score));
    expect(a.msuCounts).toEqual(b.msuCounts);
    expect(a.recordsWithMsu).toBeGreaterThan(0);
  });

  it('handles no rows', async () => {
    const r = await suda2([{ name: 'x', codes: handCodes([], 0) }], {}, createRunContext());
    expect(r.score.length).toBe(0);
    expect(r.msuCounts).toEqual([0]);
  });
});

describe('options, errors, cancel and progress', () => {
  it('rejects bad options with BAD_PARAMS', async () => {
    const keys = await keysOf('a,b\n1,2\n2,2');
    for (const options of [
      { maxSize: 0 },
      { maxSize: 1.5 },
      { maxSize: -1 },
      { disFraction: 0 },
      { disFraction: 1 },
      { disFraction: -0.2 },
      { disFraction: Number.NaN },
    ]) {
      await expect(suda2(keys, options, createRunContext()), JSON.stringify(options)).rejects.toMatchObject({ code: 'BAD_PARAMS' });
    }
    await expect(suda2([], {}, createRunContext())).rejects.toBeInstanceOf(EngineError);
    const short = { name: 'c', codes: handCodes([0], 1) };
    await expect(suda2([...keys, short], {}, createRunContext())).rejects.toMatchObject({ code: 'BAD_PARAMS' });
  });

  it('treats a maxSize above the number of keys as no limit', async () => {
    const keys = await keysOf('a,b\n1,1\n1,2\n2,1\n2,1\n3,3');
    const r = await suda2(keys, { maxSize: 9 }, createRunContext());
    expect(r.maxSize).toBe(2);
    expect(Array.from(r.score)).toEqual([1, 2, 0, 0, 4]);
  });

  it('uses disFraction in the DIS score', async () => {
    const keys = await keysOf('a,b\n1,1\n1,2\n2,1\n2,1\n3,3');
    const low = await suda2(keys, { disFraction: 0.01 }, createRunContext());
    const high = await suda2(keys, { disFraction: 0.5 }, createRunContext());
    expect(Array.from(low.score)).toEqual(Array.from(high.score));
    expect(high.dis[4]!).toBeGreaterThan(low.dis[4]!);
  });

  it('stops with CANCELLED when cancel was asked, and reports progress', async () => {
    const n = 100_000;
    const keys = [0, 1, 2].map((j) => ({
      name: `k${j}`,
      codes: handCodes(
        Array.from({ length: n }, (_, i) => (i * (j + 3)) % (7 + j)),
        7 + j,
      ),
    }));
    await expect(suda2(keys, {}, createRunContext({ signal: { aborted: true } }))).rejects.toMatchObject({ code: 'CANCELLED' });
    const steps: string[] = [];
    await suda2(keys, {}, { ...createRunContext(), progress: (step) => steps.push(step) });
    expect(steps.length).toBeGreaterThan(0);
  });
});
