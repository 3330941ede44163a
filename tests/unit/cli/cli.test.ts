/**
 * The command line, run in-process through main(argv, io) with a fake CliIo:
 * in-memory files for what the tests write, real reads of ../shared/data.
 * Reference numbers come from sdcMicro 5.8.1's outputs in ../shared/data/sdcmicro/refs,
 * from independent counts, and from node:crypto's HMAC.
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { listMethods, type MethodInfo } from '../../../src/engine/index.ts';
import { fakeIo } from '../../helpers/cli-io.ts';
import { readRCsv, SHARED_DATA } from '../../helpers/data.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TESTDATA = '../shared/data/sdcmicro/testdata.csv';
const ADULT = '../shared/data/arx/adult.csv';
const KEYS_A = 'urbrur,roof,walls,water,electcon,relat,sex';

const text = (v: Uint8Array | string | undefined) => (v === undefined ? undefined : typeof v === 'string' ? v : new TextDecoder().decode(v));

async function cli(argv: string[], io = fakeIo()) {
  const code = await main(argv, io);
  return { code, io, out: io.out(), err: io.err() };
}

// --------------------------------------------------------------- inspect

describe('safe-extract inspect', () => {
  it('describes sdcMicro testdata: 4580 rows, every column with type, missing, distinct and a suggested role', async () => {
    const { code, out, err } = await cli(['inspect', TESTDATA, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out) as {
      rows: number;
      columns: { name: string; type: string; missing: number; distinct: number; suggestedRole: string; reason: string }[];
    };
    expect(r.rows).toBe(4580);

    // Independent: the file's own header and distinct numeric values per column.
    const [head, ...lines] = readFileSync(resolve(ROOT, TESTDATA), 'utf8').trim().split(/\r?\n/);
    const names = head!.split(',').map((s) => s.replace(/^"|"$/g, ''));
    expect(r.columns.map((c) => c.name)).toEqual(names);
    for (const [j, c] of r.columns.entries()) {
      expect(typeof c.type).toBe('string');
      expect(c.reason, `the reason for ${c.name}`).toMatch(/^[A-Z0-9].*\.$/);
      expect(['direct', 'key', 'sensitive', 'weight', 'household', 'other']).toContain(c.suggestedRole);
      const raw = lines.map((l) => l.split(',')[j]!);
      const missing = raw.filter((v) => v === '' || v === 'NA').length;
      expect(c.missing, `missing in ${c.name}`).toBe(missing);
      expect(c.distinct, `distinct in ${c.name}`).toBe(new Set(raw.filter((v) => v !== '' && v !== 'NA').map(Number)).size);
    }
    const role = (name: string) => r.columns.find((c) => c.name === name)!.suggestedRole;
    const reason = (name: string) => r.columns.find((c) => c.name === name)!.reason;
    expect(role('sampling_weight')).toBe('weight');
    expect(reason('sampling_weight')).toBe('The name suggests a sampling weight.');
    expect(role('ori_hid')).toBe('household');
    expect(reason('ori_hid')).toBe('The name suggests a household identifier, which groups people who live together.');
    expect(role('income')).toBe('sensitive');
  });

  it('prints a table without --json', async () => {
    const { code, out } = await cli(['inspect', TESTDATA]);
    expect(code).toBe(0);
    expect(out).toMatch(/4,580 rows, 15 columns/);
    expect(out).toMatch(/sampling_weight\s+integer\s+0\s+1\s+weight/);
  });
});

// ------------------------------------------------------------------ risk

describe('safe-extract risk', () => {
  const ref = JSON.parse(readFileSync(`${SHARED_DATA}sdcmicro/refs/A_testdata_global_risk.json`, 'utf8')) as Record<string, number>;

  it("matches sdcMicro 5.8.1's global numbers on testdata (7 keys, sampling weight)", async () => {
    const { code, out, err } = await cli(['risk', TESTDATA, '--keys', KEYS_A, '--weight', 'sampling_weight', '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.records).toBe(ref.n);
    expect(r.records).toBe(4580);
    expect(r.combinations).toBe(ref.n_keys_combinations);
    expect(r.keys).toEqual(KEYS_A.split(','));
    expect(r.weight).toBe('sampling_weight');
    expect(r.violations).toEqual({ '2': ref.n_fk_lt_2, '3': ref.n_fk_lt_3, '5': ref.n_fk_lt_5 });
    expect(r.violations).toEqual({ '2': 157, '3': 281, '5': 458 });
    expect(r.weightedViolations).toEqual({ '2': ref.weighted_viol_k2, '3': ref.weighted_viol_k3, '5': ref.weighted_viol_k5 });
  });

  it("--per-record writes fk, Fk, risk, household risk, SUDA and DIS scores of all 4,580 records, equal to sdcMicro's per-record values", async () => {
    const argv = ['risk', TESTDATA, '--keys', KEYS_A, '--weight', 'sampling_weight', '--household', 'ori_hid', '--suda', '--json', '--per-record', 'out.csv'];
    const { code, io, out } = await cli(argv);
    expect(code).toBe(0);
    const [head, ...rows] = text(io.files.get('out.csv'))!.trim().split('\n');
    expect(head).toBe('row,fk,Fk,risk,householdRisk,suda,dis');
    const expected = readRCsv('sdcmicro/refs/A_testdata_individual_risk.csv');
    const suda = readRCsv('sdcmicro/refs/A_testdata_suda2_scores.csv');
    expect(rows.length).toBe(4580);
    expect(expected.length).toBe(4580);
    const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.abs(b);
    for (const [i, line] of rows.entries()) {
      const [row, fk, Fk, risk, hh, score, dis] = line.split(',').map(Number);
      const e = expected[i]!;
      expect(row).toBe(Number(e.row));
      if (fk !== Number(e.fk)) expect.fail(`fk of row ${i + 1}: ${fk}, sdcMicro ${e.fk}`);
      if (!near(Fk!, Number(e.Fk))) expect.fail(`Fk of row ${i + 1}: ${Fk}, sdcMicro ${e.Fk}`);
      if (!near(risk!, Number(e.risk))) expect.fail(`risk of row ${i + 1}: ${risk}, sdcMicro ${e.risk}`);
      if (!near(hh!, Number(e.hier_risk))) expect.fail(`household risk of row ${i + 1}: ${hh}, sdcMicro ${e.hier_risk}`);
      if (score !== Number(suda[i]!.score)) expect.fail(`SUDA score of row ${i + 1}: ${score}, sdcMicro ${suda[i]!.score}`);
      if (!(Math.abs(dis! - Number(suda[i]!.disScore)) <= 1e-12)) expect.fail(`DIS score of row ${i + 1}: ${dis}, sdcMicro ${suda[i]!.disScore}`);
    }
    const r = JSON.parse(out);
    expect(Math.abs(r.individualRisk.expectedReidentifications - ref.global_risk_ER!)).toBeLessThan(1e-9 * ref.global_risk_ER!);
    expect(Math.abs(r.individualRisk.globalRiskPercent - ref.global_risk_pct!)).toBeLessThan(1e-9 * ref.global_risk_pct!);
    expect(Math.abs(r.householdRisk.expectedReidentifications - ref.hier_risk_ER!)).toBeLessThan(1e-9 * ref.hier_risk_ER!);
    expect(r.household).toBe('ori_hid');
    expect(r.weight).toBe('sampling_weight');
    expect(r.householdRisk.households).toBe(new Set(readRCsv('sdcmicro/testdata.csv').map((row) => row.ori_hid)).size);
    expect(r.suda.recordsWithMsu).toBe(suda.filter((x) => Number(x.score) > 0).length);
    expect(r.suda.score.max).toBe(Math.max(...suda.map((x) => Number(x.score))));
    const contributions = readRCsv('sdcmicro/refs/A_testdata_suda2_attribute_contributions.csv');
    expect(r.suda.contributions.map((c: { variable: string }) => c.variable)).toEqual(contributions.map((c) => c.variable));
  });

  it('without a weight or household, --per-record has fk and risk = 1 / fk only', async () => {
    const { code, io } = await cli(['risk', TESTDATA, '--keys', 'urbrur,roof', '--per-record', 'out.csv']);
    expect(code).toBe(0);
    const [head, ...rows] = text(io.files.get('out.csv'))!.trim().split('\n');
    expect(head).toBe('row,fk,risk');
    for (const line of rows.slice(0, 50)) {
      const [, fk, risk] = line.split(',').map(Number);
      expect(risk).toBe(1 / fk!);
    }
  });

  it('--sensitive adds l-diversity; a sensitive key, a bad --key-missing and --max-size without --suda are refused', async () => {
    const { code, out } = await cli(['risk', TESTDATA, '--keys', KEYS_A, '--sensitive', 'hhcivil', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    const ldiv = readRCsv('sdcmicro/refs/A_testdata_ldiversity_hhcivil.csv').map((row) => Number(row.hhcivil_Distinct_Ldiversity));
    expect(r.lDiversity.l).toBe(2);
    expect(r.lDiversity.variables[0].failingRecords).toBe(ldiv.filter((d) => d < 2).length);
    expect(r.lDiversity.variables[0].min.distinct).toBe(Math.min(...ldiv));
    expect(r.missing).toBe('matches-any');

    const both = await cli(['risk', TESTDATA, '--keys', KEYS_A, '--sensitive', 'sex']);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/"sex" is chosen both as a key variable and as a sensitive variable/);
    const mode = await cli(['risk', TESTDATA, '--keys', KEYS_A, '--key-missing', 'ignore']);
    expect(mode.code).toBe(2);
    expect(mode.err).toMatch(/--key-missing must be matches-any or own-category, not "ignore"/);
    const size = await cli(['risk', TESTDATA, '--keys', KEYS_A, '--max-size', '3']);
    expect(size.code).toBe(2);
    expect(size.err).toMatch(/--max-size applies to --suda/);
  });

  it('refuses zero, negative or missing weights, naming the first row, and warns about mixed household weights', async () => {
    const files = { 'w.csv': 'a,b,w,hh\n1,x,10,1\n1,y,0,1\n2,x,5,2\n' };
    const zero = await cli(['risk', 'w.csv', '--keys', 'a,b', '--weight', 'w'], fakeIo({ files }));
    expect(zero.code).toBe(2);
    expect(zero.err).toMatch(/The weight "w" is zero or negative in 1 \(first: row 2\)/);
    const mixed = { 'm.csv': 'a,b,w,hh\n1,x,10,1\n1,y,12,1\n2,x,5,2\n2,x,5,3\n' };
    const warn = await cli(['risk', 'm.csv', '--keys', 'a,b', '--weight', 'w', '--household', 'hh', '--json'], fakeIo({ files: mixed }));
    expect(warn.code).toBe(0);
    expect(JSON.parse(warn.out).warnings.join(' ')).toMatch(/1 households have members with different weights \(first: row 2\)/);
    const text = await cli(['risk', 'm.csv', '--keys', 'a,b', '--weight', 'w', '--household', 'hh'], fakeIo({ files: mixed }));
    expect(text.out).toMatch(/Warning: 1 households have members with different weights/);
  });

  it('counts k-anonymity violations on ARX adult (sex, age, race; k = 7) as an independent count does', async () => {
    const { code, out } = await cli(['risk', ADULT, '--keys', 'sex,age,race', '--k', '7', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(Object.keys(r.violations)).toEqual(['2', '3', '5', '7']);
    expect(r.k).toBe(7);

    // Independent count with a Map over the raw file (semicolon-separated, no quoting, no missing keys).
    const [head, ...lines] = readFileSync(resolve(ROOT, ADULT), 'utf8').trim().split(/\r?\n/);
    const cols = head!.split(';');
    const idx = ['sex', 'age', 'race'].map((k) => cols.indexOf(k));
    const keyOf = (l: string) => {
      const f = l.split(';');
      return idx.map((j) => f[j]).join('\u0000');
    };
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(keyOf(l), (counts.get(keyOf(l)) ?? 0) + 1);
    expect(r.records).toBe(lines.length);
    expect(r.combinations).toBe(counts.size);
    for (const k of [2, 3, 5, 7]) {
      expect(r.violations[String(k)], `records with fk < ${k}`).toBe(lines.filter((l) => counts.get(keyOf(l))! < k).length);
      expect(r.combinationsBelow[String(k)], `combinations with fk < ${k}`).toBe([...counts.values()].filter((c) => c < k).length);
    }
    expect(r.weightedViolations).toBeUndefined();
  });

  it('prints a summary without --json', async () => {
    const { code, out } = await cli(['risk', TESTDATA, '--keys', KEYS_A]);
    expect(code).toBe(0);
    expect(out).toMatch(/4,580 records, 412 combinations/);
    expect(out).toMatch(/k = 2: 157 records/);
  });

  it('names an unknown key column', async () => {
    const { code, err } = await cli(['risk', TESTDATA, '--keys', 'urbrur,nonesuch']);
    expect(code).not.toBe(0);
    expect(err).toMatch(/"nonesuch"/);
  });
});

// ------------------------------------------------------------------- run

describe('safe-extract run', () => {
  const KEY = ' correct horse battery staple ✓ '; // its exact UTF-8 bytes, spaces included, key the HMAC
  const DATA = [
    'name,email,age,town',
    'Ann Smith,ann@example.com,34,Leeds',
    'Bob Jones,,41,York',
    'Cé Ñ,"o\'brien, c@example.org",29,',
    'Dee,ann@example.com,NA,Leeds',
    'Eve,NA,52,Hull',
    'Fay,東京@example.jp,61,Leeds',
  ].join('\n');
  const RECIPE = {
    format: 'safe-extract/recipe@1',
    seed: 7,
    input: { missing: ['NA'] },
    roles: { email: 'direct' },
    steps: [
      { id: 'drop-columns', params: { columns: ['name'] } },
      { id: 'pseudonymise', params: { columns: ['email'] } },
    ],
  };
  const recipeWith = (patch: object) => JSON.stringify({ ...RECIPE, ...patch });
  const hmac = (value: string) => createHmac('sha256', KEY).update(value, 'utf8').digest('hex');

  it('drops a column and pseudonymises another with the key from SAFE_EXTRACT_KEY, as node:crypto computes it', async () => {
    const io = fakeIo({ files: { 'recipe.json': JSON.stringify(RECIPE), 'data.csv': DATA }, env: { SAFE_EXTRACT_KEY: KEY } });
    const { code, err } = await cli(['run', 'recipe.json', 'data.csv', '-o', 'out.csv', '--report', 'report.json'], io);
    expect(err).toMatch(/Wrote 6 rows to out\.csv/);
    expect(code).toBe(0);
    expect(io.prompts).toEqual([]); // the key came from the environment
    const out = text(io.files.get('out.csv'))!;
    expect(out.split('\n')).toEqual([
      'email,age,town',
      `${hmac('ann@example.com')},34,Leeds`,
      ',41,York', // missing stays missing
      `${hmac("o'brien, c@example.org")},29,`,
      `${hmac('ann@example.com')},,Leeds`,
      ',52,Hull', // NA is missing too
      `${hmac('東京@example.jp')},61,Leeds`,
      '',
    ]);
    // The key is nowhere: not in the report (which holds the recipe), the output or the messages.
    const report = text(io.files.get('report.json'))!;
    expect(JSON.parse(report).recipe).toMatchObject(RECIPE); // with the defaults filled in
    for (const s of [report, out, io.out(), io.err()]) expect(s).not.toContain(KEY);
  });

  it('asks for the key when SAFE_EXTRACT_KEY is not set, and uses the answer', async () => {
    const io = fakeIo({ files: { 'recipe.json': JSON.stringify(RECIPE), 'data.csv': DATA }, prompt: KEY });
    const { code } = await cli(['run', 'recipe.json', 'data.csv', '-o', 'out.csv'], io);
    expect(code).toBe(0);
    expect(io.prompts.length).toBe(1);
    expect(text(io.files.get('out.csv'))!.split('\n')[1]).toBe(`${hmac('ann@example.com')},34,Leeds`);
  });

  it('without a key and without a terminal, exits non-zero naming SAFE_EXTRACT_KEY and writes nothing', async () => {
    const io = fakeIo({ files: { 'recipe.json': JSON.stringify(RECIPE), 'data.csv': DATA }, prompt: null });
    const { code, err } = await cli(['run', 'recipe.json', 'data.csv', '-o', 'out.csv'], io);
    expect(code).not.toBe(0);
    expect(err).toMatch(/SAFE_EXTRACT_KEY/);
    expect(io.files.has('out.csv')).toBe(false);
  });

  it('an empty SAFE_EXTRACT_KEY counts as no key', async () => {
    const io = fakeIo({ files: { 'recipe.json': JSON.stringify(RECIPE), 'data.csv': DATA }, env: { SAFE_EXTRACT_KEY: '' }, prompt: null });
    const { code, err } = await cli(['run', 'recipe.json', 'data.csv', '-o', 'out.csv'], io);
    expect(code).not.toBe(0);
    expect(err).toMatch(/SAFE_EXTRACT_KEY/);
  });

  it('does not ask for a key when the recipe does not pseudonymise', async () => {
    const io = fakeIo({ files: { 'recipe.json': recipeWith({ steps: [RECIPE.steps[0]] }), 'data.csv': DATA } });
    const { code } = await cli(['run', 'recipe.json', 'data.csv', '-o', 'out.csv'], io);
    expect(code).toBe(0);
    expect(io.prompts).toEqual([]);
    expect(text(io.files.get('out.csv'))!.split('\n')[0]).toBe('email,age,town');
  });

  it('refuses an unknown step, naming it', async () => {
    const io = fakeIo({
      files: { 'recipe.json': recipeWith({ steps: [{ id: 'shuffle-rows', params: {} }] }), 'data.csv': DATA },
      env: { SAFE_EXTRACT_KEY: KEY },
    });
    const { code, err } = await cli(['run', 'recipe.json', 'data.csv', '-o', 'out.csv'], io);
    expect(code).not.toBe(0);
    expect(err).toMatch(/"shuffle-rows"/);
    expect(io.files.has('out.csv')).toBe(false);
  });

  it('refuses an unknown parameter, naming it', async () => {
    const steps = [{ id: 'pseudonymise', params: { columns: ['email'], salt: 'pepper' } }];
    const io = fakeIo({ files: { 'recipe.json': recipeWith({ steps }), 'data.csv': DATA }, env: { SAFE_EXTRACT_KEY: KEY } });
    const { code, err } = await cli(['run', 'recipe.json', 'data.csv', '-o', 'out.csv'], io);
    expect(code).not.toBe(0);
    expect(err).toMatch(/"salt"/);
    expect(io.files.has('out.csv')).toBe(false);
  });

  it('refuses a recipe of format safe-extract/recipe@2, naming the format', async () => {
    const io = fakeIo({ files: { 'recipe.json': recipeWith({ format: 'safe-extract/recipe@2' }), 'data.csv': DATA }, env: { SAFE_EXTRACT_KEY: KEY } });
    const { code, err } = await cli(['run', 'recipe.json', 'data.csv', '-o', 'out.csv'], io);
    expect(code).not.toBe(0);
    expect(err).toContain('safe-extract/recipe@2');
    expect(io.files.has('out.csv')).toBe(false);
  });

  it('refuses a step that names a column the data does not have', async () => {
    const io = fakeIo({ files: { 'recipe.json': recipeWith({ steps: [{ id: 'drop-columns', params: { columns: ['surname'] } }] }), 'data.csv': DATA } });
    const { code, err } = await cli(['run', 'recipe.json', 'data.csv', '-o', 'out.csv'], io);
    expect(code).not.toBe(0);
    expect(err).toMatch(/"surname"/);
  });

  it('needs -o', async () => {
    const io = fakeIo({ files: { 'recipe.json': JSON.stringify(RECIPE), 'data.csv': DATA }, env: { SAFE_EXTRACT_KEY: KEY } });
    const { code, err } = await cli(['run', 'recipe.json', 'data.csv'], io);
    expect(code).toBe(2);
    expect(err).toMatch(/-o/);
  });
});

// ----------------------------------------------------------------- steps

describe('safe-extract steps, analyses, readers, writers', () => {
  it('--json lists exactly the registry, each method with its parameters as declared', async () => {
    for (const [command, kind] of [
      ['steps', 'step'],
      ['analyses', 'analysis'],
      ['readers', 'reader'],
      ['writers', 'writer'],
    ] as const) {
      const { code, out } = await cli([command, '--json']);
      expect(code).toBe(0);
      expect(JSON.parse(out)).toEqual(listMethods(kind));
    }
  });

  it('describes each parameter so that a form can be drawn from it', async () => {
    const steps = JSON.parse((await cli(['steps', '--json'])).out) as MethodInfo[];
    const byId = Object.fromEntries(steps.map((s) => [s.id, s]));
    expect(Object.keys(byId)).toEqual(['set-measure', 'rename-column', 'drop-columns', 'pseudonymise', 'generalise', 'top-bottom-code', 'recode']);
    const param = (id: string, name: string) => byId[id]!.params.find((p) => p.name === name)!;
    expect(byId['drop-columns']!.params.map((p) => p.name)).toEqual(['columns']);
    expect(param('pseudonymise', 'length')).toMatchObject({ type: 'integer', min: 8, max: 64, default: 64, required: false });
    expect(param('pseudonymise', 'normalise').choices!.map((c) => c.value)).toEqual(['none', 'trim', 'trim-lowercase']);
    expect(byId.pseudonymise!.secrets).toEqual([expect.objectContaining({ name: 'key', label: 'Pseudonymisation key' })]);
    expect(param('generalise', 'asOf')).toMatchObject({ type: 'date', when: { param: 'to', values: ['age'] } });
    expect(param('recode', 'breaks')).toMatchObject({ type: 'numbers', minItems: 2, increasing: true, required: true });
    expect(param('recode', 'column')).toMatchObject({ type: 'column', kinds: ['integer', 'decimal'] });
    expect(param('recode', 'closed')).toMatchObject({ type: 'choice', default: 'right' });
    expect(param('top-bottom-code', 'top')).toMatchObject({ type: 'number', required: false });
    for (const s of steps) {
      expect(s.source, `${s.id} names its source`).toMatch(/sdcMicro|Hundepool|RFC|No published method/);
      expect(s.stage).toMatch(/^(check|clean|identifiers|protect)$/);
    }
  });

  it('prints the steps as text without --json, with their secrets and where the CLI reads them', async () => {
    const { code, out } = await cli(['steps']);
    expect(code).toBe(0);
    for (const id of ['set-measure', 'rename-column', 'drop-columns', 'pseudonymise', 'generalise', 'top-bottom-code', 'recode'])
      expect(out).toMatch(new RegExp(`^${id}: `, 'm'));
    expect(out).toMatch(/secret key: from SAFE_EXTRACT_KEY/);
    expect(out).toMatch(/breaks \(numbers, required\)/);
  });
});

// --------------------------------------------------------------- analyse

describe('safe-extract analyse', () => {
  it('runs k-anonymity through the generic entry point with the numbers of the risk alias and of sdcMicro', async () => {
    const generic = await cli(['analyse', 'k-anonymity', TESTDATA, '--param', `keys=${KEYS_A}`, '--param', 'weight=sampling_weight', '--param', 'k=3']);
    expect(generic.err).toBe('');
    expect(generic.code).toBe(0);
    const r = JSON.parse(generic.out);
    expect(r.violations.map((v: { k: number; records: number }) => [v.k, v.records])).toEqual([
      [2, 157],
      [3, 281],
      [5, 458],
    ]);
    const alias = JSON.parse((await cli(['risk', TESTDATA, '--keys', KEYS_A, '--weight', 'sampling_weight', '--json'])).out);
    expect(alias.combinations).toBe(r.combinations);
    expect(alias.riskiest).toEqual(r.riskiest);
    expect(alias.distribution).toEqual(r.distribution);
  });

  it('compares an earlier and a later file, column by column', async () => {
    const io = fakeIo({ files: { 'before.csv': 'a,b,c\n1,x,10\n2,y,20\n3,z,30\n', 'after.csv': 'a,b,c\n1,x,10\n5,,20\n3,z,40\n' } });
    const { code, out } = await cli(['analyse', 'compare', 'before.csv', 'after.csv'], io);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.columns.map((c: { column: string; changed: number; madeMissing: number }) => [c.column, c.changed, c.madeMissing])).toEqual([
      ['a', 1, 0],
      ['b', 0, 1],
      ['c', 1, 0],
    ]);
    expect(r.columns[2].before).toEqual({ n: 3, mean: 20, sd: 10 });
    expect(r.columns[2].after.mean).toBeCloseTo(70 / 3, 12);
  });

  it('names a bad parameter, an unknown analysis, and a comparison given one file', async () => {
    const bad = await cli(['analyse', 'k-anonymity', TESTDATA, '--param', 'keys=sex', '--param', 'k=zero']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Parameter "k" of analysis "k-anonymity" must be a whole number from 1 to 1000/);
    const unknownParam = await cli(['analyse', 'k-anonymity', TESTDATA, '--param', 'colour=red']);
    expect(unknownParam.err).toMatch(/has no parameter "colour"; its parameters are keys, weight, k, top/);
    const unknown = await cli(['analyse', 'delta-presence', TESTDATA]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(
      /There is no analysis "delta-presence". The analyses are: k-anonymity, individual-risk, risk-drivers, l-diversity, t-closeness, suda2, risky-cells, same-fact, profile, compare/,
    );
    const one = await cli(['analyse', 'compare', TESTDATA]);
    expect(one.code).toBe(2);
    expect(one.err).toMatch(/give the earlier file and the later one/);
  });

  it('reads an Arrow file it wrote, with the metadata it wrote', async () => {
    const recipe = {
      format: 'safe-extract/recipe@1',
      input: { missing: ['NA'] },
      roles: { income: 'sensitive' },
      steps: [{ id: 'recode', params: { column: 'age', breaks: [-1, 20, 200] } }],
    };
    const io = fakeIo({ files: { 'recipe.json': JSON.stringify(recipe), 'data.csv': readFileSync(resolve(ROOT, TESTDATA), 'utf8') } });
    expect((await cli(['run', 'recipe.json', 'data.csv', '-o', 'out.arrow'], io)).code).toBe(0);
    const inspected = await cli(['inspect', 'out.arrow', '--json'], io);
    expect(inspected.code).toBe(0);
    const r = JSON.parse(inspected.out);
    expect(r.input).toEqual({ format: 'arrow' });
    expect(r.columns.find((c: { name: string }) => c.name === 'age')).toMatchObject({ type: 'categorical', distinct: 2 });
    const misuse = await cli(['inspect', 'out.arrow', '--missing', 'NA'], io);
    expect(misuse.code).toBe(2);
    expect(misuse.err).toMatch(/--missing and --delimiter apply to CSV files/);
  });
});

// ---------------------------------------------------------- usage errors

describe('usage errors', () => {
  it('no command prints the usage and exits 2', async () => {
    const { code, out } = await cli([]);
    expect(code).toBe(2);
    expect(out).toContain('Usage');
  });

  it('--help prints the usage and exits 0', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage');
  });

  it('an unknown command is named, exit 2', async () => {
    const { code, err } = await cli(['frobnicate']);
    expect(code).toBe(2);
    expect(err).toMatch(/Unknown command "frobnicate"/);
  });

  it('an unknown option is an error, exit 2', async () => {
    const { code, err } = await cli(['risk', TESTDATA, '--keys', 'sex', '--wieght', 'w']);
    expect(code).toBe(2);
    expect(err).toMatch(/wieght/);
  });

  it('risk without --keys asks for --keys, exit 2', async () => {
    const { code, err } = await cli(['risk', TESTDATA]);
    expect(code).toBe(2);
    expect(err).toMatch(/--keys/);
  });

  it('a file that does not exist is named, exit non-zero', async () => {
    const path = '../shared/data/sdcmicro/no-such-file.csv';
    for (const argv of [
      ['inspect', path],
      ['risk', path, '--keys', 'sex'],
    ]) {
      const { code, err } = await cli(argv);
      expect(code).not.toBe(0);
      expect(err).toContain(path);
    }
  });

  it('a recipe file that does not exist is named, exit non-zero', async () => {
    const { code, err } = await cli(['run', 'missing-recipe.json', TESTDATA, '-o', 'out.csv']);
    expect(code).not.toBe(0);
    expect(err).toContain('missing-recipe.json');
  });
});

// ------------------------------------------------------------- built CLI

describe('the built command line', () => {
  it.skipIf(!existsSync(resolve(ROOT, 'dist/cli/cli.js')))('node bin/safe-extract.js --help exits 0 and prints the usage', () => {
    const r = spawnSync(process.execPath, ['bin/safe-extract.js', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage');
  });

  // Regression: the engine's yield (a MessageChannel) was unreferenced while awaited, so the
  // built CLI ended mid-read with exit code 13 ("unfinished top-level await") and wrote nothing.
  it.skipIf(!existsSync(resolve(ROOT, 'dist/cli/cli.js')))('the built CLI reads a file to the end and exits 0', () => {
    const r = spawnSync(
      process.execPath,
      ['bin/safe-extract.js', 'risk', '../shared/data/sdcmicro/testdata.csv', '--keys', 'urbrur,roof,walls,water,electcon,relat,sex', '--json'],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ records: 4580, combinations: 412, violations: { '2': 157, '3': 281, '5': 458 } });
  });
});
