/**
 * npm run bench: speed of reading CSV into Arrow, of fk and of the risk measures, each
 * beside a baseline measured in the same run on the same data. Medians of several runs;
 * the machine is shared and noisy, so the ratios matter more than the seconds. Never
 * passes or fails. `npm run bench -- risk` (or parse, fk, ...) runs one section.
 *
 * 1. Parse: the 1,000,000-row synthetic household survey (scripts/make-sample.ts),
 *    readDelimited (decode + PapaParse + Arrow columns + type inference) beside
 *    decode + PapaParse alone with the same settings.
 * 2. fk on k1..k6 of the portable benchmark data (../shared/BENCHMARK-DATA.md),
 *    1,000,000 rows, beside the floor: one pass over the integer codes combined into
 *    one number per record, counted in an open-addressing hash table over typed arrays.
 * 3. The memory the engine holds for a 1,000,000 x 20 dataset.
 * 4. The registry: fk through the generic analysis path (runAnalysis, and the worker
 *    API's analyse) beside calling kAnonymity directly, codes cached.
 * 5. Cancel: how long after cancel() a running analysis (column summaries of 1,000,000
 *    rows) rejects, and how soon the worker API answers the next request.
 * 6. A page of 200 rows of the 1,000,000-row sample after pseudonymising the name column.
 * 7. Risk, on the portable benchmark data (keys k1..k6, weight w), each beside the fk
 *    floor of section 2 measured in the same run: perRecordRisk (fk, Fk, individual
 *    risk) on 1,000,000 rows; the same with a household id; SUDA2 on 100,000 and
 *    1,000,000 rows; l-diversity of one sensitive variable on 1,000,000 rows (grouping
 *    included). The data has no household id and no sensitive variable, so both are
 *    made here from the same integer hash (see riskDataset).
 */
import Papa from 'papaparse';
import {
  codesOf,
  columnIndex,
  createRunContext,
  kAnonymity,
  keyFrequencies,
  lDiversity,
  makeDataset,
  perRecordRisk,
  profileColumns,
  readDelimited,
  runAnalysis,
  suda2,
  type Dataset,
  type Role,
} from '../../src/engine/index.ts';
import { createEngineApi } from '../../workers/engine-api.ts';
import { CHUNK_BYTES } from '../../src/engine/io/read-delimited.ts';
import { float64Vector } from '../../src/engine/table/vectors.ts';
import { BENCH_CATEGORIES, benchDataCsv, benchU, makeBenchData } from '../../scripts/bench-data.ts';
import { makeSampleCsv } from '../../scripts/make-sample.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (s: number) => `${s.toFixed(3)} s`;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
/** Collect garbage thoroughly: twice, after the event loop has let go of finished work. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 200));
  gc();
  await new Promise((r) => setTimeout(r, 200));
  gc();
}

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  gc();
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

/** Alternate the two so that both see the same machine load. */
async function pair(a: () => unknown, b: () => unknown, runs = RUNS): Promise<[number, number]> {
  const ta: number[] = [];
  const tb: number[] = [];
  await a();
  await b();
  for (let r = 0; r < runs; r++) {
    ta.push(await time(a));
    tb.push(await time(b));
  }
  return [median(ta), median(tb)];
}

function papaAlone(bytes: Uint8Array, chunkSize: number): number {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  let rows = 0;
  Papa.parse<string[]>(text, {
    delimiter: ',',
    header: false,
    skipEmptyLines: true,
    chunkSize,
    chunk: (res: Papa.ParseResult<string[]>) => {
      rows += res.data.length;
    },
    complete: () => {},
  });
  return rows;
}

/** The floor for fk: codes -> one number per record -> open-addressing counts -> fk. */
function fkFloor(k: Int32Array[], cards: number[], n: number): Int32Array {
  const combined = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let key = 0;
    for (let j = 0; j < k.length; j++) key = key * cards[j]! + k[j]![i]!;
    combined[i] = key;
  }
  let capacity = 1024;
  while (capacity < 2 * n) capacity *= 2;
  const mask = capacity - 1;
  const slotKey = new Int32Array(capacity).fill(-1);
  const slotCount = new Int32Array(capacity);
  const slotOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = combined[i]!;
    let h = Math.imul(key, 0x9e3779b1);
    h = (h ^ (h >>> 15)) & mask;
    while (slotKey[h] !== key && slotKey[h] !== -1) h = (h + 1) & mask;
    slotKey[h] = key;
    slotCount[h]!++;
    slotOf[i] = h;
  }
  const fk = new Int32Array(n);
  for (let i = 0; i < n; i++) fk[i] = slotCount[slotOf[i]!]!;
  return fk;
}

async function benchParse() {
  console.log('\n== Parse: CSV to Arrow vs PapaParse alone (1,000,000-row household survey)');
  const text = makeSampleCsv({ rows: 1_000_000, seed: 20261125 });
  const bytes = new TextEncoder().encode(text);
  const mb = bytes.length / 1048576;
  const [ours, papaSame] = await pair(
    () => readDelimited([{ name: 'survey.csv', bytes }], { missing: ['NA', '-9'] }, createRunContext()),
    () => papaAlone(bytes, CHUNK_BYTES),
  );
  const [, papaBig] = await pair(
    () => undefined,
    () => papaAlone(bytes, 1 << 22),
  );
  const papa = Math.min(papaSame, papaBig);
  console.log(`file: ${mb.toFixed(1)} MB, ${RUNS} runs each, medians`);
  console.log(`PapaParse alone (decode + parse), ${CHUNK_BYTES >> 10} KiB chunks as the reader: ${fmt(papaSame)}; 4 MiB chunks: ${fmt(papaBig)}`);
  console.log(`PapaParse alone, the faster:        ${fmt(papa)}  ${(mb / papa).toFixed(1)} MB/s`);
  console.log(`Safe Extract readDelimited (Arrow): ${fmt(ours)}  ${(mb / ours).toFixed(1)} MB/s`);
  console.log(`ratio readDelimited / PapaParse: ${(ours / papa).toFixed(2)}x (target <= 1.5x)`);
  return { mb, ours, papa };
}

async function benchFk() {
  console.log('\n== fk on k1..k6, 1,000,000 rows (BENCHMARK-DATA.md)');
  const n = 1_000_000;
  const data = makeBenchData(n);
  const cards = [2, 5, 10, 20, 50, 100].map((c) => c + 1);
  const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
  // As the reader holds them: integer columns as Float64.
  const floats = data.k.map((col) => Float64Array.from(col));
  const freshDataset = (): Dataset =>
    makeDataset(keys.map((name, j) => ({ meta: { name, kind: 'integer' as const, role: 'key' as const }, vector: float64Vector(floats[j]!) })));
  const warm = freshDataset();
  const check = keyFrequencies(warm, keys);
  const floorFk = fkFloor(data.k, cards, n);
  for (let i = 0; i < n; i++) if (check.fk[i] !== floorFk[i]) throw new Error(`fk differs from the floor at row ${i + 1}`);
  let uniques = 0;
  for (let i = 0; i < n; i++) if (check.fk[i] === 1) uniques++;
  console.log(
    `check: ${check.groupSize.length.toLocaleString('en-GB')} combinations (expect 509,233), ${uniques.toLocaleString('en-GB')} unique records (expect 373,827)`,
  );

  // fk is quick, so it gets more runs than the parse: the medians steady. Per-record fk
  // is made when first read, so it is read here: the floor makes it too.
  const fkRuns = Math.max(RUNS, 15);
  const [hot, floor1] = await pair(
    () => keyFrequencies(warm, keys).fk,
    () => fkFloor(data.k, cards, n),
    fkRuns,
  );
  const [cold, floor2] = await pair(
    () => keyFrequencies(freshDataset(), keys).fk,
    () => fkFloor(data.k, cards, n),
    fkRuns,
  );
  const floor = median([floor1, floor2]);
  console.log(`floor (codes -> one number -> open addressing): ${fmt(floor)}`);
  console.log(`keyFrequencies, column codes cached (as after the profile): ${fmt(hot)}  ratio ${(hot / floor).toFixed(2)}x (target <= 1.2x)`);
  console.log(`keyFrequencies, from the Float64 columns cold:               ${fmt(cold)}  ratio ${(cold / floor).toFixed(2)}x`);
  console.log(`(sdcMicro freqCalc on the same data, same machine kind: 1.12 s)`);
  const csvBytes = new TextEncoder().encode(benchDataCsv(data));
  const t = await time(() => readDelimited([{ name: 'bench.csv', bytes: csvBytes }], {}, createRunContext()));
  console.log(`(reading the benchmark CSV, ${(csvBytes.length / 1048576).toFixed(1)} MB: ${fmt(t)})`);
}

async function benchMemory() {
  console.log('\n== Memory: a 1,000,000 x 20 dataset held by the engine');
  await settle();
  const before = process.memoryUsage();
  const { dataset } = await readDelimited(
    [{ name: 'survey.csv', bytes: new TextEncoder().encode(makeSampleCsv({ rows: 1_000_000, seed: 7 })) }],
    { missing: ['NA', '-9'] },
    createRunContext(),
  );
  const extra = makeDataset([
    ...dataset.columns.map((meta, j) => ({ meta, vector: dataset.table.getChildAt(j)! })),
    { meta: { name: 'extra', kind: 'decimal', role: 'other' }, vector: float64Vector(new Float64Array(1_000_000).fill(1.5)) },
  ]);
  let arrowBytes = 0;
  for (let j = 0; j < extra.columns.length; j++) {
    const d = extra.table.getChildAt(j)!.data[0]!;
    arrowBytes += d.byteLength;
    if (d.dictionary) arrowBytes += d.dictionary.data.reduce((s, x) => s + x.byteLength, 0);
  }
  await settle();
  const after = process.memoryUsage();
  const held = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
  const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
  console.log(`${extra.table.numRows.toLocaleString('en-GB')} rows x ${extra.columns.length} columns: Arrow buffers ${mb(arrowBytes)}`);
  const exact = (globalThis as { gc?: unknown }).gc ? '' : ' [run with --expose-gc for an exact figure]';
  console.log(`held after reading, input freed and garbage collected (JS heap + array buffers): ${mb(held)} (target < 1 GB)${exact}`);
  // The column summaries cache the codes of every column with at most 65,536 distinct values.
  profileColumns(extra);
  await settle();
  const profiled = process.memoryUsage();
  const heldProfiled = profiled.heapUsed + profiled.arrayBuffers - before.heapUsed - before.arrayBuffers;
  console.log(`held after the column summaries too (codes cached): ${mb(heldProfiled)} (target < 1 GB)`);
}

function benchDataset(n: number): { ds: Dataset; keys: string[]; csv: () => Uint8Array } {
  const data = makeBenchData(n);
  const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
  const ds = makeDataset(
    keys.map((name, j) => ({ meta: { name, kind: 'integer' as const, role: 'key' as const }, vector: float64Vector(Float64Array.from(data.k[j]!)) })),
  );
  return { ds, keys, csv: () => new TextEncoder().encode(benchDataCsv(data)) };
}

async function benchRegistry() {
  console.log('\n== The registry: fk through the generic analysis path vs kAnonymity directly (1,000,000 rows, k1..k6, codes cached)');
  const { ds, keys, csv } = benchDataset(1_000_000);
  kAnonymity(ds, { keys });
  const runs = Math.max(RUNS, 15);
  const [generic, direct] = await pair(
    () => runAnalysis('k-anonymity', ds, { keys }, createRunContext()),
    () => kAnonymity(ds, { keys }),
    runs,
  );
  console.log(`kAnonymity directly:                 ${fmt(direct)}`);
  console.log(`runAnalysis('k-anonymity', ...):     ${fmt(generic)}  ratio ${(generic / direct).toFixed(3)}x (target <= 1.05x)`);
  const api = createEngineApi();
  await api.open([{ name: 'bench.csv', bytes: csv() }]);
  await api.analyse('k-anonymity', { keys });
  const state = await api.state();
  const [worker, direct2] = await pair(
    () => api.analyse('k-anonymity', { keys }),
    () => kAnonymity(ds, { keys }),
    runs,
  );
  console.log(
    `the worker API's analyse (${state.summary.rows.toLocaleString('en-GB')} rows read from CSV): ${fmt(worker)}  ratio ${(worker / direct2).toFixed(3)}x`,
  );
}

/**
 * A cancel is a message the engine reads at its next checkpoint, so the longest stretch
 * of work between two checkpoints is how late a Cancel can be answered. Measured for
 * the analyses on the freshly read 1,000,000-row survey (column codes not made yet).
 */
async function benchCancel() {
  console.log('\n== Cancel: the longest stretch between checkpoints of each analysis (1,000,000-row household survey, codes made afresh)');
  const bytes = new TextEncoder().encode(makeSampleCsv({ rows: 1_000_000, seed: 20261125 }));
  const fresh = async () => (await readDelimited([{ name: 'survey.csv', bytes }], { missing: ['NA', '-9'] }, createRunContext())).dataset;
  const timed = () => {
    const base = createRunContext();
    const gaps: number[] = [];
    let last = performance.now();
    const ctx = {
      ...base,
      async checkpoint() {
        const now = performance.now();
        gaps.push(now - last);
        await base.checkpoint();
        last = performance.now();
      },
    };
    return { ctx, gaps, end: () => gaps.push(performance.now() - last) };
  };
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const keys = ['age', 'sex', 'region', 'occupation', 'ethnicity', 'full_name'];
  const runs: [string, (ds: Dataset, ctx: ReturnType<typeof createRunContext>) => Promise<unknown>][] = [
    ['profile (all 19 columns)', (ds, ctx) => runAnalysis('profile', ds, {}, ctx)],
    ['k-anonymity (6 keys, one of them names)', (ds, ctx) => runAnalysis('k-anonymity', ds, { keys }, ctx)],
    ['compare (with itself as read again)', (ds, ctx) => runAnalysis('compare', { before: other!, after: ds }, {}, ctx)],
    [
      'individual-risk (the same keys, weight, households)',
      (ds, ctx) => runAnalysis('individual-risk', ds, { keys, weight: 'weight', household: 'hh_id' }, ctx),
    ],
    ['risk-drivers (the same keys)', (ds, ctx) => runAnalysis('risk-drivers', ds, { keys }, ctx)],
    ['l-diversity (the same keys; health_condition)', (ds, ctx) => runAnalysis('l-diversity', ds, { keys, sensitive: ['health_condition'] }, ctx)],
    ['suda2 (5 keys, sets of at most 3)', (ds, ctx) => runAnalysis('suda2', ds, { keys: keys.slice(0, 5), maxSize: 3 }, ctx)],
    ['risky-cells (5 keys, up to 3 at a time)', (ds, ctx) => runAnalysis('risky-cells', ds, { keys: keys.slice(0, 5) }, ctx)],
  ];
  let other: Dataset | null = null;
  for (const [label, run] of runs) {
    const worst: number[] = [];
    for (let r = 0; r < Math.min(RUNS, 3); r++) {
      const ds = await fresh();
      other = await fresh();
      const { ctx, gaps, end } = timed();
      await run(ds, ctx);
      end();
      worst.push(Math.max(...gaps));
    }
    console.log(`${label}: longest stretch without a checkpoint, median of runs ${ms(median(worst))}, worst ${ms(Math.max(...worst))} (target < 200 ms)`);
  }
}

async function benchPage() {
  console.log('\n== A page of 200 rows of the 1,000,000-row sample after pseudonymising full_name');
  const api = createEngineApi();
  await api.open([{ name: 'survey.csv', bytes: new TextEncoder().encode(makeSampleCsv({ rows: 1_000_000, seed: 20261125 })) }], {
    settings: { csv: { missing: ['NA', '-9'] } },
  });
  await api.apply({ id: 'pseudonymise', params: { columns: ['full_name'] } }, { key: 'bench-key' });
  const state = await api.state();
  const column = state.summary.columns.find((c) => c.name === 'full_name')!;
  const t0 = performance.now();
  await api.rows(500_000, 200);
  const first = performance.now() - t0;
  const times: number[] = [];
  let seed = 1;
  for (let r = 0; r < 50; r++) {
    seed = (seed * 48271) % 2147483647;
    const start = seed % (1_000_000 - 200);
    const t = performance.now();
    await api.rows(start, 200);
    times.push(performance.now() - t);
  }
  console.log(
    `full_name is now ${column.kind}; first page after the step: ${first.toFixed(1)} ms; 50 random pages: median ${median(times).toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms (target < 20 ms)`,
  );
}

/** Categories of the made-up sensitive variable s. */
const SENSITIVE_CATEGORIES = 20;

/**
 * The benchmark data with what the risk measures need and it lacks, made from the
 * same counter-based hash (column numbers 11 and 12, past the data's own 1..10), so
 * any language can make them too:
 * - hh, a household id: households of 1 to 6 consecutive rows, household h (1-based)
 *   of size 1 + floor(6 u(h, 12)); about 285,000 households for 1,000,000 rows.
 * - hw, the weight w of each household's first member for all its members (household
 *   risk assumes one weight per household; w itself differs within households).
 * - s, a sensitive variable: 1 + floor(20 u(i, 11)), 20 categories about equally often.
 */
function riskDataset(n: number): { ds: Dataset; data: ReturnType<typeof makeBenchData>; keys: string[]; households: number } {
  const data = makeBenchData(n);
  const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
  const hh = new Float64Array(n);
  const hw = new Float64Array(n);
  let households = 0;
  for (let i = 0; i < n;) {
    households++;
    const size = 1 + Math.floor(6 * benchU(households, 12));
    const end = Math.min(n, i + size);
    for (let r = i; r < end; r++) {
      hh[r] = households;
      hw[r] = data.w[i]!;
    }
    i = end;
  }
  const s = new Float64Array(n);
  for (let i = 1; i <= n; i++) s[i - 1] = 1 + Math.floor(SENSITIVE_CATEGORIES * benchU(i, 11));
  const integer = (name: string, values: Float64Array, role: Role) => ({
    meta: { name, kind: 'integer' as const, role },
    vector: float64Vector(values),
  });
  const ds = makeDataset([
    ...keys.map((name, j) => integer(name, Float64Array.from(data.k[j]!), 'key')),
    integer('w', data.w, 'weight'),
    integer('hh', hh, 'household'),
    integer('hw', hw, 'weight'),
    integer('s', s, 'sensitive'),
  ]);
  return { ds, data, keys, households };
}

async function benchRisk() {
  console.log('\n== Risk on k1..k6 of the portable benchmark data (BENCHMARK-DATA.md), each beside the fk floor of section 2 in the same run');
  const cards = BENCH_CATEGORIES.map((c) => c + 1);
  const n = 1_000_000;
  const { ds, data, keys, households } = riskDataset(n);
  console.log(
    `the data has no household id and no sensitive variable; made here from the same hash: hh, households of 1-6 consecutive rows ` +
      `(${households.toLocaleString('en-GB')} households), with hw = the weight w of each household's first member; ` +
      `s, ${SENSITIVE_CATEGORIES} categories, 1 + floor(20 u(i, 11))`,
  );
  // Cache the key codes (and the sensitive variable's) before timing, as the column summaries would.
  for (const name of [...keys, 's']) codesOf(ds, columnIndex(ds, name));
  const quickRuns = Math.max(RUNS, 15);
  const floorFn = () => fkFloor(data.k, cards, n);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

  // 1. fk + Fk + individual risk.
  const riskFn = () => perRecordRisk(ds, { keys, weight: 'w' }, createRunContext());
  const checkRisk = await riskFn();
  const floorFk = floorFn();
  for (let i = 0; i < n; i++) if (checkRisk.freq.fk[i] !== floorFk[i]) throw new Error(`perRecordRisk's fk differs from the floor at row ${i + 1}`);
  let expected = 0;
  for (let i = 0; i < n; i++) expected += checkRisk.risk[i]!;
  const [risk, floor1] = await pair(riskFn, floorFn, quickRuns);
  console.log(`\n1. fk + Fk + individual risk, 1,000,000 rows, weight w, key codes cached (${quickRuns} runs each, medians)`);
  console.log(
    `check: fk as the floor's; expected re-identifications ${expected.toFixed(1)}${checkRisk.warnings.length ? `; warnings: ${checkRisk.warnings.join(' ')}` : ''}`,
  );
  console.log(`floor (codes -> one number -> open addressing):   ${fmt(floor1)}`);
  console.log(`perRecordRisk(ds, { keys, weight: 'w' }, ctx):      ${fmt(risk)}  ratio ${ratio(risk, floor1)} (target <= 1.5x)`);
  const [freqW, floor1b] = await pair(() => keyFrequencies(ds, keys, 'w'), floorFn, quickRuns);
  console.log(`(of it, keyFrequencies(ds, keys, 'w') alone: ${fmt(freqW)} beside a floor of ${fmt(floor1b)}, ratio ${ratio(freqW, floor1b)})`);
  console.log(`(sdcMicro measure_risk on the same data, same machine kind: 1.44 s)`);

  // 2. The same with a household id.
  const hhFn = () => perRecordRisk(ds, { keys, weight: 'hw', household: 'hh' }, createRunContext());
  const checkHh = await hhFn();
  const [withHh, floor2] = await pair(hhFn, floorFn, quickRuns);
  const [withHh2, without] = await pair(hhFn, riskFn, quickRuns);
  console.log(`\n2. the same with the household id hh and weight hw (${quickRuns} runs each, medians)`);
  console.log(
    `check: ${checkHh.households?.toLocaleString('en-GB')} households${checkHh.warnings.length ? `; warnings: ${checkHh.warnings.join(' ')}` : ', no warnings'}; ` +
      'the household codes are made on the first run and kept for the next (individual-risk.ts, householdCodes)',
  );
  console.log(`floor, alternated with it:                                    ${fmt(floor2)}`);
  console.log(`perRecordRisk(ds, { keys, weight: 'hw', household: 'hh' }, ctx): ${fmt(withHh)}  ratio to the floor ${ratio(withHh, floor2)}`);
  console.log(
    `paired with item 1 instead: ${fmt(withHh2)} beside ${fmt(without)}  ratio to item 1 ${ratio(withHh2, without)} (target <= 1.50x, i.e. at most +50 %)`,
  );

  // 3. SUDA2.
  console.log('\n3. SUDA2 on k1..k6 (key codes cached)');
  for (const [rows, runs] of [
    [100_000, RUNS],
    [1_000_000, Math.min(RUNS, 3)],
  ] as const) {
    const sub = rows === n ? { ds, data } : riskDataset(rows);
    const sudaKeys = keys.map((name) => ({ name, codes: codesOf(sub.ds, columnIndex(sub.ds, name)) }));
    const sudaFn = () => suda2(sudaKeys, {}, createRunContext());
    const result = await suda2(sudaKeys, {}, createRunContext());
    const [suda, floorS] = await pair(sudaFn, () => fkFloor(sub.data.k, cards, rows), runs);
    const target = rows === n ? 'target < 15 s; sdcMicro suda2: 71 s' : 'target < 0.45 s; sdcMicro suda2: 0.9 s';
    console.log(
      `${rows.toLocaleString('en-GB')} rows (${runs} runs each, medians): records with an MSU ${result.recordsWithMsu.toLocaleString('en-GB')}, MSUs by size ${result.msuCounts.join(' ')}`,
    );
    console.log(`  floor (fk on the same rows): ${fmt(floorS)}`);
    console.log(`  suda2:                       ${fmt(suda)}  ratio ${ratio(suda, floorS)} (${target})`);
  }

  // 4. l-diversity, grouping included.
  const ldivFn = () => {
    const f = keyFrequencies(ds, keys, null, { missing: 'own-category' });
    return lDiversity(f.group, f.groupSize.length, f.groupFirstRow, { name: 's', codes: codesOf(ds, columnIndex(ds, 's')) }, { groupSize: f.groupSize });
  };
  const checkL = ldivFn();
  const [ldiv, floor4] = await pair(ldivFn, floorFn, quickRuns);
  console.log(
    `\n4. l-diversity of s within the combinations of k1..k6, 1,000,000 rows, the grouping (keyFrequencies, own-category) timed too (${quickRuns} runs each, medians)`,
  );
  console.log(
    `check: smallest distinct l ${checkL.min.distinct}, entropy l ${checkL.min.entropy.toFixed(3)}, recursive l ${checkL.min.recursive}; ` +
      `${checkL.failingCombinations.toLocaleString('en-GB')} combinations (${checkL.failingRecords.toLocaleString('en-GB')} records) below l = 2`,
  );
  console.log(`floor (codes -> one number -> open addressing): ${fmt(floor4)}`);
  console.log(`keyFrequencies + lDiversity:                    ${fmt(ldiv)}  ratio ${ratio(ldiv, floor4)} (target <= 2x)`);
  const [grouping, floor4b] = await pair(() => keyFrequencies(ds, keys, null, { missing: 'own-category' }), floorFn, quickRuns);
  console.log(`(of it, the grouping alone: ${fmt(grouping)} beside a floor of ${fmt(floor4b)}, ratio ${ratio(grouping, floor4b)})`);
}

const which = process.argv.slice(2).filter((a) => a !== '--');
const all = which.length === 0;
if (all || which.includes('parse')) await benchParse();
if (all || which.includes('fk')) await benchFk();
if (all || which.includes('memory')) await benchMemory();
if (all || which.includes('registry')) await benchRegistry();
if (all || which.includes('cancel')) await benchCancel();
if (all || which.includes('page')) await benchPage();
if (all || which.includes('risk')) await benchRisk();
