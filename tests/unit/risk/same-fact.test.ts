import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRandom, createRunContext, readInput, runAnalysis, sameFactPairs } from '../../../src/engine/index.ts';
import { makeSampleCsv } from '../../../scripts/make-sample.ts';
import { formatDay } from '../../../src/engine/table/dates.ts';
import { readShared, readText } from '../../helpers/data.ts';

describe('same-fact: key variables that carry the same fact', () => {
  it('finds date of birth and age in the sample survey, and nothing between unrelated keys', async () => {
    const text = makeSampleCsv({ rows: 2000, seed: 20261125 });
    const { dataset } = await readInput([{ name: 's.csv', bytes: new TextEncoder().encode(text) }], { missing: ['NA', '-9'] }, createRunContext());
    const pairs = sameFactPairs(dataset, ['date_of_birth', 'sex', 'age', 'region', 'marital_status']);
    expect(pairs.map((p) => [p.a, p.b, p.how])).toEqual([['date_of_birth', 'age', 'correlation']]);
    expect(pairs[0]!.strength).toBeLessThan(-0.99);
    expect(pairs[0]!.message).toMatch(/"date_of_birth" and "age" carry nearly the same fact/);
  });

  it('finds an age and a year of birth at a fixed date, and a code with its label', async () => {
    const random = createRandom(7);
    const lines = ['age,yob,region_code,region_name,sex'];
    const regions = [
      ['E12000001', 'North East'],
      ['E12000002', 'North West'],
      ['W92000004', 'Wales'],
      ['S92000003', 'Scotland'],
    ];
    for (let i = 0; i < 500; i++) {
      const birthYear = 1930 + Math.floor(random.next() * 80);
      const hadBirthday = random.next() < 0.5;
      const age = 2026 - birthYear - (hadBirthday ? 0 : 1);
      const [code, name] = regions[Math.floor(random.next() * regions.length)]!;
      lines.push(`${age},${birthYear},${code},${name},${random.next() < 0.5 ? 1 : 2}`);
    }
    const ds = await readText(`${lines.join('\n')}\n`);
    const pairs = sameFactPairs(ds, ['age', 'yob', 'region_code', 'region_name', 'sex']);
    expect(pairs.map((p) => [p.a, p.b, p.how])).toEqual([
      ['age', 'yob', 'correlation'],
      ['region_code', 'region_name', 'one-to-one'],
    ]);
    expect(pairs[1]!.strength).toBe(1);
  });

  it('finds age at a fixed survey date beside the date and the year of birth it comes from', async () => {
    const random = createRandom(11);
    const survey = { y: 2026, m: 6, d: 30 };
    const lines = ['date_of_birth,age,year_of_birth,sex'];
    for (let i = 0; i < 800; i++) {
      const dob = formatDay(Math.floor(-15000 + random.next() * 35000));
      const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
      const age = survey.y - y - (m > survey.m || (m === survey.m && d > survey.d) ? 1 : 0);
      lines.push(`${dob},${age},${y},${random.next() < 0.5 ? 'F' : 'M'}`);
    }
    const ds = await readText(`${lines.join('\n')}\n`);
    expect(ds.columns.map((c) => c.kind).slice(0, 3)).toEqual(['date', 'integer', 'integer']);
    const pairs = sameFactPairs(ds, ['sex', 'age', 'year_of_birth', 'date_of_birth']);
    expect(pairs.map((p) => [p.a, p.b, p.how])).toEqual([
      ['age', 'year_of_birth', 'correlation'],
      ['age', 'date_of_birth', 'correlation'],
      ['year_of_birth', 'date_of_birth', 'correlation'],
    ]);
    for (const p of pairs.slice(0, 2)) expect(p.strength).toBeLessThan(-0.99);
    expect(pairs[2]!.strength).toBeGreaterThan(0.99);
  });

  it('finds a numeric code and a numeric label that do not correlate by the one-to-one rule, and not a nearly unique column', async () => {
    const random = createRandom(3);
    const label = [40, 10, 30, 20, 50, 5];
    const lines = ['code,label,id'];
    for (let i = 0; i < 600; i++) {
      const code = Math.floor(random.next() * label.length);
      lines.push(`${code},${label[code]},${i}`);
    }
    const ds = await readText(`${lines.join('\n')}\n`);
    const pairs = sameFactPairs(ds, ['code', 'label', 'id']);
    expect(pairs.map((p) => [p.a, p.b, p.how, p.strength])).toEqual([['code', 'label', 'one-to-one', 1]]);
  });

  it('counts pairs as a plain count would, with missing values, near the limit of 1.1', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.option(fc.integer({ min: 0, max: 40 }), { freq: 12 }), fc.nat({ max: 39 }), fc.integer({ min: 0, max: 40 })), {
          minLength: 3,
          maxLength: 200,
        }),
        async (drawn) => {
          // y mostly follows x (a recoding), with a few strays and some missing, so both sides of the limit come up.
          const rows = drawn.map(([x, roll, other]): [number | null, number | null] => [
            x,
            roll < 3 ? null : roll === 3 ? other : x === null ? other : (x * 7) % 41,
          ]);
          const cell = (v: number | null) => (v === null ? '' : `v${v}`);
          const ds = await readText(`x,y,pad\n${rows.map(([x, y]) => `${cell(x)},${cell(y)},1`).join('\n')}\n`);
          const both = rows.filter(([x, y]) => x !== null && y !== null);
          const da = new Set(both.map(([x]) => x)).size;
          const db = new Set(both.map(([, y]) => y)).size;
          const pairs = new Set(both.map(([x, y]) => `${x}|${y}`)).size;
          const expected = da >= 2 && db >= 2 && pairs <= 1.1 * Math.min(da, db);
          const found = sameFactPairs(ds, ['x', 'y']);
          expect(found.length).toBe(expected ? 1 : 0);
          if (expected) expect(found[0]!.strength).toBeCloseTo(Math.min(da, db) / pairs, 12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("finds nothing among sdcMicro's testdata keys, which are distinct facts", async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    expect(sameFactPairs(ds, ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex'])).toEqual([]);
  });

  it('skips a column with one value or none, and ignores missing values pair by pair', async () => {
    const ds = await readText('a,b,c,d\n1,,5,x\n2,,5,y\n3,,5,\n4,,5,z\n1,,5,x\n2,,5,y\n');
    expect(sameFactPairs(ds, ['a', 'b', 'c'])).toEqual([]);
    // d is missing in row 3 only: over the other rows a and d are one-to-one.
    expect(sameFactPairs(ds, ['a', 'd']).map((p) => p.how)).toEqual(['one-to-one']);
  });

  it('is an analysis of the registry, with progress and a clear error for an unknown column', async () => {
    const ds = await readText('a,b\n1,2\n2,4\n3,6\n4,8\n');
    const steps: string[] = [];
    const ctx = createRunContext({ onProgress: (p) => steps.push(p.step) });
    const report = (await runAnalysis('same-fact', { before: ds, after: ds }, { keys: ['a', 'b'] }, ctx)) as { pairs: unknown[] };
    expect(report.pairs).toHaveLength(1);
    expect(steps).toContain('Looking for keys that carry the same fact');
    await expect(runAnalysis('same-fact', { before: ds, after: ds }, { keys: ['a', 'zz'] }, createRunContext())).rejects.toMatchObject({
      code: 'UNKNOWN_COLUMN',
    });
    await expect(runAnalysis('same-fact', { before: ds, after: ds }, { keys: ['a'] }, createRunContext())).rejects.toMatchObject({ code: 'BAD_PARAMS' });
  });

  it('always finds a copy of a column under another name, and does not depend on the order of the keys', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 })), { minLength: 4, maxLength: 40 }), async (rows) => {
        const ds = await readText(`x,copy,y\n${rows.map(([x, y]) => `v${x},v${x},${y}`).join('\n')}\n`);
        const forward = sameFactPairs(ds, ['x', 'copy', 'y']);
        const backward = sameFactPairs(ds, ['y', 'copy', 'x']);
        const key = (p: { a: string; b: string }) => [p.a, p.b].sort().join('|');
        expect(forward.map(key).sort()).toEqual(backward.map(key).sort());
        const distinctX = new Set(rows.map(([x]) => x)).size;
        expect(forward.some((p) => key(p) === 'copy|x')).toBe(distinctX >= 2);
      }),
      { numRuns: 60 },
    );
  });
});
