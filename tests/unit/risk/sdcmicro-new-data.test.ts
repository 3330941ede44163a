/**
 * The risk measures against the real sdcMicro package on a data set of its own, not one of
 * ../shared/data: 3,000 records in 1,076 households (1-6 consecutive records, one weight per
 * household), five skewed categorical keys (one of them numeric codes) with 464 missing
 * cells in 436 records (one record missing all five), a sensitive variable `sens` with 15
 * missing cells and constant in some combinations.
 *
 * tests/fixtures/risk-reference-*: scripts/reference/risk-reference.R wrote the data set and
 * ran sdcMicro on it as read back from the CSV (createSdcObj with weight and household id,
 * freqCalc, ldiversity(sdc, ldiv_index = 'sens', l_recurs_c = 2), suda2(dat, variables = keys));
 * the global JSON lists R's and sdcMicro's versions and the exact calls. sdcMicro there is
 * sdcTools/sdcMicro @ cf32510: its DESCRIPTION says 5.8.1, but it holds the 5.8.2 fix of
 * ldiversity (issue #363), where a missing key value is a category of its own when l-diversity
 * groups records; that is how the engine groups them (keyFrequencies' `group`), so l-diversity
 * is compared on every record, those with a missing key included.
 *
 * The CLI runs in-process through main(argv, io) with an in-memory CliIo (as in
 * tests/unit/cli/cli.test.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { fakeIo } from '../../helpers/cli-io.ts';
import { keyFrequencies } from '../../../src/engine/risk/key-frequencies.ts';
import { lDiversity } from '../../../src/engine/risk/l-diversity.ts';
import { codesOf } from '../../../src/engine/table/column-codes.ts';
import { columnIndex } from '../../../src/engine/table/dataset.ts';
import { readText } from '../../helpers/data.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DATA = 'tests/fixtures/risk-reference-data.csv';
const KEYS = ['region', 'sex', 'agegroup', 'education', 'occupation'];
const N = 3000;

/** A CSV written by R's write.csv (no commas or quotes inside values) as rows of strings. */
function readFixtureCsv(relative: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(resolve(ROOT, relative), 'utf8').trim().split(/\r?\n/);
  const unquote = (s: string) => s.replace(/^"|"$/g, '');
  const names = head!.split(',').map(unquote);
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, j) => [names[j]!, unquote(v)])));
}

interface Global {
  R: string;
  sdcMicro: string;
  n: number;
  households: number;
  keyVars: string[];
  records_with_missing_key: number;
  n_keys_combinations: number;
  global_risk: number;
  global_risk_ER: number;
  global_risk_pct: number;
  max_risk: number;
  'n_risk_gt_0.05': number;
  hier_risk: number;
  hier_risk_ER: number;
  hier_risk_pct: number;
  max_hier_risk: number;
  'n_hier_risk_gt_0.05': number;
  n_fk_lt_2: number;
  n_fk_lt_3: number;
  n_fk_lt_5: number;
  weighted_viol_k2: number;
  weighted_viol_k3: number;
  weighted_viol_k5: number;
  ldiversity_sens: {
    l_recurs_c: number;
    min_distinct: number;
    min_entropy: number;
    min_recursive: number;
    n_records_distinct_lt_2: number;
  };
  suda2: {
    DisFraction: number;
    records_with_score: number;
    max_score: number;
    mean_score: number;
    max_dis: number;
    mean_dis: number;
    dis_table: { interval: string; records: number }[];
    attribute_contributions: { variable: string; contribution: number }[];
  };
}

const G = JSON.parse(readFileSync(resolve(ROOT, 'tests/fixtures/risk-reference-global.json'), 'utf8')) as Global;
const REF = readFixtureCsv('tests/fixtures/risk-reference-per-record.csv');

/** |a - b| <= 1e-9 |b| (and equal when b is 0). */
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.abs(b);

async function runCli() {
  const io = fakeIo();
  const argv = [
    'risk',
    DATA,
    '--keys',
    KEYS.join(','),
    '--weight',
    'weight',
    '--household',
    'hh',
    '--sensitive',
    'sens',
    '--suda',
    '--json',
    '--per-record',
    'out.csv',
  ];
  const code = await main(argv, io);
  const file = io.files.get('out.csv');
  const csv = file === undefined ? '' : typeof file === 'string' ? file : new TextDecoder().decode(file);
  return { code, err: io.err(), json: JSON.parse(io.out()), csv };
}

let cached: ReturnType<typeof runCli> | null = null;
const cli = () => (cached ??= runCli());

describe('the reference files', () => {
  it('are of the data set described, from sdcMicro', () => {
    expect(G.sdcMicro).toBe('5.8.1');
    expect(G.n).toBe(N);
    expect(G.keyVars).toEqual(KEYS);
    expect(REF.length).toBe(N);
    expect(REF.map((r) => Number(r.row))).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    const data = readFixtureCsv(DATA);
    expect(data.length).toBe(N);
    expect(data.filter((r) => KEYS.some((k) => r[k] === '')).length).toBe(G.records_with_missing_key);
    expect(G.records_with_missing_key).toBeGreaterThan(0);
  });
});

describe("safe-extract risk against sdcMicro's per-record values on a new data set", () => {
  it('runs without error and writes one line per record', async () => {
    const { code, err, csv } = await cli();
    expect(err).toBe('');
    expect(code).toBe(0);
    const [head, ...rows] = csv.trim().split('\n');
    expect(head).toBe('row,fk,Fk,risk,householdRisk,suda,dis');
    expect(rows.length).toBe(N);
  });

  it('gives every record the fk, Fk, risk and household risk of sdcMicro (fk exactly, the others to 1e-9 relative)', async () => {
    const [, ...rows] = (await cli()).csv.trim().split('\n');
    const bad: string[] = [];
    for (const [i, line] of rows.entries()) {
      const [row, fk, Fk, risk, hh] = line.split(',').map(Number);
      const e = REF[i]!;
      if (row !== i + 1) bad.push(`line ${i + 2}: row ${row}`);
      if (fk !== Number(e.fk)) bad.push(`fk of row ${i + 1}: ${fk}, sdcMicro ${e.fk}`);
      if (!near(Fk!, Number(e.Fk))) bad.push(`Fk of row ${i + 1}: ${Fk}, sdcMicro ${e.Fk}`);
      if (!near(risk!, Number(e.risk))) bad.push(`risk of row ${i + 1}: ${risk}, sdcMicro ${e.risk}`);
      if (!near(hh!, Number(e.hier_risk))) bad.push(`household risk of row ${i + 1}: ${hh}, sdcMicro ${e.hier_risk}`);
    }
    expect(bad.slice(0, 20), `${bad.length} differences`).toEqual([]);
  });

  it('gives every record the SUDA score of sdcMicro exactly and its DIS score to 1e-9', async () => {
    const [, ...rows] = (await cli()).csv.trim().split('\n');
    const bad: string[] = [];
    for (const [i, line] of rows.entries()) {
      const [, , , , , score, dis] = line.split(',').map(Number);
      const e = REF[i]!;
      if (score !== Number(e.suda_score)) bad.push(`SUDA score of row ${i + 1}: ${score}, sdcMicro ${e.suda_score}`);
      if (!(Math.abs(dis! - Number(e.dis_score)) <= 1e-9)) bad.push(`DIS score of row ${i + 1}: ${dis}, sdcMicro ${e.dis_score}`);
    }
    expect(bad.slice(0, 20), `${bad.length} differences`).toEqual([]);
    // Not a trivial case: many records with MSUs, scores of several sizes.
    expect(new Set(REF.map((r) => r.suda_score)).size).toBeGreaterThan(3);
  });
});

describe("safe-extract risk's summaries against sdcMicro's global figures", () => {
  it('individual risk: expected re-identifications, global risk, percent, highest, above 0.05', async () => {
    const { json: r } = await cli();
    expect(r.records).toBe(G.n);
    expect(r.keys).toEqual(KEYS);
    expect(r.weight).toBe('weight');
    expect(r.missing).toBe('matches-any');
    expect(r.combinations).toBe(G.n_keys_combinations);
    expect(r.violations).toEqual({ '2': G.n_fk_lt_2, '3': G.n_fk_lt_3, '5': G.n_fk_lt_5 });
    expect(r.weightedViolations).toEqual({ '2': G.weighted_viol_k2, '3': G.weighted_viol_k3, '5': G.weighted_viol_k5 });
    const ir = r.individualRisk;
    expect(near(ir.expectedReidentifications, G.global_risk_ER)).toBe(true);
    expect(near(ir.globalRisk, G.global_risk)).toBe(true);
    expect(near(ir.globalRiskPercent, G.global_risk_pct)).toBe(true);
    expect(near(ir.max, G.max_risk)).toBe(true);
    expect(ir.threshold).toBe(0.05);
    expect(ir.aboveThreshold).toBe(G['n_risk_gt_0.05']);
  });

  it('household risk: the same figures and the number of households', async () => {
    const { json: r } = await cli();
    const h = r.householdRisk;
    expect(h.households).toBe(G.households);
    expect(near(h.expectedReidentifications, G.hier_risk_ER)).toBe(true);
    expect(near(h.globalRisk, G.hier_risk)).toBe(true);
    expect(near(h.globalRiskPercent, G.hier_risk_pct)).toBe(true);
    expect(near(h.max, G.max_hier_risk)).toBe(true);
    expect(h.aboveThreshold).toBe(G['n_hier_risk_gt_0.05']);
    // One weight per household: no warning about mixed weights.
    expect(r.warnings).toEqual([]);
  });

  it('l-diversity: the lowest measures and the records below distinct l = 2', async () => {
    const { json: r } = await cli();
    const ld = G.ldiversity_sens;
    expect(r.lDiversity.l).toBe(2);
    expect(r.lDiversity.recursiveC).toBe(ld.l_recurs_c);
    expect(r.lDiversity.variables.length).toBe(1);
    const v = r.lDiversity.variables[0];
    expect(v.sensitive).toBe('sens');
    expect(v.min).toEqual({ distinct: ld.min_distinct, entropy: ld.min_entropy, recursive: ld.min_recursive });
    expect(v.failingRecords).toBe(ld.n_records_distinct_lt_2);
  });

  it('SUDA2: records with an MSU, highest and mean scores, the DIS table and the attribute contributions', async () => {
    const { json: r } = await cli();
    const s = G.suda2;
    expect(r.suda.disFraction).toBe(s.DisFraction);
    expect(r.suda.maxSize).toBe(KEYS.length);
    expect(r.suda.recordsWithMsu).toBe(s.records_with_score);
    expect(r.suda.score.max).toBe(s.max_score);
    expect(near(r.suda.score.mean, s.mean_score)).toBe(true);
    expect(near(r.suda.dis.max, s.max_dis)).toBe(true);
    expect(near(r.suda.dis.mean, s.mean_dis)).toBe(true);
    expect(r.suda.disTable).toEqual(s.dis_table);
    expect(r.suda.contributions.map((c: { variable: string }) => c.variable)).toEqual(s.attribute_contributions.map((c) => c.variable));
    for (const [j, c] of s.attribute_contributions.entries()) {
      expect(near(r.suda.contributions[j].contribution, c.contribution), `contribution of ${c.variable}`).toBe(true);
    }
  });
});

describe("the engine's l-diversity against sdcMicro's per record", () => {
  it('gives every record the distinct, entropy and recursive (c = 2) l-diversity of sens, missing keys included', async () => {
    const ds = await readText(readFileSync(resolve(ROOT, DATA), 'utf8'), 'risk-reference-data.csv');
    const f = keyFrequencies(ds, KEYS);
    const r = lDiversity(f.group, f.groupSize.length, f.groupFirstRow, { name: 'sens', codes: codesOf(ds, columnIndex(ds, 'sens')) }, { recursiveC: 2 });
    expect(r.distinct.length).toBe(N);
    const bad: string[] = [];
    for (let i = 0; i < N; i++) {
      const e = REF[i]!;
      if (r.distinct[i] !== Number(e.sens_Distinct_Ldiversity)) bad.push(`distinct of row ${i + 1}: ${r.distinct[i]}, sdcMicro ${e.sens_Distinct_Ldiversity}`);
      if (!near(r.entropy[i]!, Number(e.sens_Entropy_Ldiversity))) bad.push(`entropy of row ${i + 1}: ${r.entropy[i]}, sdcMicro ${e.sens_Entropy_Ldiversity}`);
      if (r.recursive[i] !== Number(e.sens_Recursive_Ldiversity))
        bad.push(`recursive of row ${i + 1}: ${r.recursive[i]}, sdcMicro ${e.sens_Recursive_Ldiversity}`);
    }
    expect(bad.slice(0, 20), `${bad.length} differences`).toEqual([]);
    // sens is constant in some combinations of more than one record.
    let constantGroups = 0;
    for (let g = 0; g < f.groupSize.length; g++) if (f.groupSize[g]! > 1 && r.distinct[f.groupFirstRow[g]!] === 1) constantGroups++;
    expect(constantGroups).toBeGreaterThan(0);
  });
});
