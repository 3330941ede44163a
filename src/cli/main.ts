/**
 * safe-extract: the command line on the same engine as the app. This file does
 * argument parsing and file access only; every number comes from src/engine, and
 * every method is reached through the registry.
 */
import { parseArgs } from 'node:util';
import type { PartReader } from '../engine/io/read-part.ts';
import {
  CATALOGUE,
  EngineError,
  READERS,
  WRITERS,
  createRunContext,
  codeKeysAsync,
  listMethods,
  perRecordRisk,
  summariseRisk,
  summariseSuda2,
  suda2,
  parseRecipe,
  readInput,
  readerFor,
  runAnalysis,
  runRecipe,
  secretEnvironmentVariable,
  secretsNeeded,
  suggestRoles,
  toEngineError,
  writeOutput,
  analysisDefinition,
  type Dataset,
  type InputFile,
  type MethodInfo,
  type MethodKind,
  type ParamInfo,
  type RecipeInput,
  type RiskSummary,
  type RunContext,
  type Suda2Report,
  type Suda2Result,
} from '../engine/index.ts';

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Uint8Array;
  writeFile(path: string, bytes: Uint8Array | string): void;
  env: Record<string, string | undefined>;
  /** Ask for a secret on the terminal; null when there is no terminal. */
  promptSecret(question: string): Promise<string | null>;
  /** A second thread to read large files with, where the platform offers one. */
  helper?: PartReader;
}

/** Run settings that hand the CLI's helper thread (if any) to the engine. */
const withHelper = (io: CliIo): { helper?: PartReader } => (io.helper ? { helper: io.helper } : {});

export const USAGE = `safe-extract: make a dataset safe to share, on this machine.

Usage:
  safe-extract inspect FILE [--json] [--missing CODES] [--delimiter D]
      Columns, their types, missing and distinct counts, and the suggested role of each.
  safe-extract risk FILE --keys a,b,c [--weight w] [--household h] [--k 3] [--key-missing MODE]
                   [--sensitive s1,s2] [--suda [--max-size m]] [--json] [--per-record OUT.csv]
      Re-identification risk on the key variables: k-anonymity (fk, and Fk with a weight),
      individual risk (and household risk with a household id), l-diversity of the
      sensitive variables, SUDA2 scores. --per-record writes fk, Fk, risk, householdRisk,
      suda and dis for every record, as computed. Each measure is also an analysis:
      safe-extract analyse individual-risk FILE --param keys=a,b,c ...
  safe-extract analyse ANALYSIS FILE [LATER_FILE] [--param name=value ...] [--json]
      Run any analysis. A comparison (compare) takes the earlier and the later file.
  safe-extract run RECIPE.json FILE [FILE...] -o OUT.csv [--format csv|arrow] [--report REPORT.json]
      Replay a recipe saved from the app. Secrets the steps need (the pseudonymisation
      key) are read from the environment (SAFE_EXTRACT_KEY), or asked for; never from a flag.
  safe-extract steps | analyses | readers | writers [--json]
      The methods of each kind, with their parameters.

Options:
  --missing CODES   comma-separated cell texts that mean missing (default: NA); empty cells are always missing
  --key-missing M   how a missing key value counts: matches-any (default, as sdcMicro) or own-category (as ARX)
  --delimiter D     the field delimiter, when detection gets it wrong (use "\\t" for tab)
  --input-format F  read the files as this format (csv, arrow) instead of detecting it
  --param name=value  a parameter of the analysis; lists are comma-separated, tables and mappings JSON
  -h, --help        this help
`;

const OPTIONS = {
  json: { type: 'boolean' },
  keys: { type: 'string' },
  weight: { type: 'string' },
  household: { type: 'string' },
  sensitive: { type: 'string' },
  suda: { type: 'boolean' },
  'max-size': { type: 'string' },
  'key-missing': { type: 'string' },
  k: { type: 'string' },
  'per-record': { type: 'string' },
  missing: { type: 'string' },
  delimiter: { type: 'string' },
  'input-format': { type: 'string' },
  param: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  format: { type: 'string' },
  report: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function usageError(message: string): never {
  throw new EngineError('BAD_PARAMS', `${message} Run "safe-extract --help" for usage.`);
}

function inputFiles(io: CliIo, paths: readonly string[]): InputFile[] {
  return paths.map((p) => {
    try {
      return { name: p.split(/[\\/]/).pop() ?? p, bytes: io.readFile(p) };
    } catch (e) {
      throw new EngineError('BAD_PARAMS', `Cannot read "${p}": ${(e as Error).message}`, { file: p });
    }
  });
}

/** The input settings from the flags, for the reader the files call for. */
function inputOf(values: Values, files: readonly InputFile[]): RecipeInput {
  const format = values['input-format'] ?? readerFor(files[0]!.name, files[0]!.bytes).id;
  const input: RecipeInput = { format };
  const textFlags = values.missing !== undefined || values.delimiter !== undefined;
  if (textFlags && format !== READERS.csv.id) usageError(`--missing and --delimiter apply to CSV files; "${files[0]!.name}" is read as ${format}.`);
  if (values.missing !== undefined) input.missing = values.missing.split(',');
  if (values.delimiter !== undefined) input.delimiter = values.delimiter === '\\t' ? '\t' : values.delimiter;
  return input;
}

async function readFiles(io: CliIo, values: Values, paths: readonly string[]): Promise<Dataset> {
  const files = inputFiles(io, paths);
  return (await readInput(files, inputOf(values, files), createRunContext(withHelper(io)))).dataset;
}

/** A parameter's value from its command-line text, by the parameter's type; JSON is taken as it is. */
export function paramFromText(info: ParamInfo, text: string): unknown {
  const t = text.trim();
  if (t.startsWith('[') || t.startsWith('{')) {
    try {
      return JSON.parse(t);
    } catch {
      usageError(`--param ${info.name} is not valid JSON.`);
    }
  }
  const list = () => (t === '' ? [] : t.split(',').map((x) => x.trim()));
  const num = (x: string) => (x !== '' && Number.isFinite(Number(x)) ? Number(x) : x);
  switch (info.type) {
    case 'columns':
    case 'ordered-columns':
    case 'texts':
      return list();
    case 'numbers':
      return list().map(num);
    case 'integer':
    case 'number':
      return num(t);
    case 'boolean':
      return /^(true|yes|1)$/i.test(t) ? true : /^(false|no|0)$/i.test(t) ? false : t;
    default:
      return text;
  }
}

function paramsFromFlags(method: MethodInfo, flags: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) usageError(`--param needs name=value, not "${flag}".`);
    const name = flag.slice(0, eq);
    const info = method.params.find((p) => p.name === name);
    if (!info)
      usageError(`The analysis "${method.id}" has no parameter "${name}"; its parameters are ${method.params.map((p) => p.name).join(', ') || 'none'}.`);
    out[name] = paramFromText(info, flag.slice(eq + 1));
  }
  return out;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function listing(io: CliIo, kind: MethodKind, asJson: boolean): void {
  const methods = listMethods(kind);
  if (asJson) {
    io.stdout(json(methods));
    return;
  }
  for (const m of methods) {
    io.stdout(`${m.id}: ${m.title}\n  ${m.description}\n  Source: ${m.source}\n`);
    for (const p of m.params) {
      const extra = [p.type, p.required ? 'required' : p.default !== undefined ? `default ${JSON.stringify(p.default)}` : 'optional'];
      if (p.choices) extra.push(`one of ${p.choices.map((c) => c.value).join(', ')}`);
      io.stdout(`    ${p.name} (${extra.join(', ')}): ${p.description}\n`);
    }
    for (const s of m.secrets ?? []) io.stdout(`    secret ${s.name}: from ${secretEnvironmentVariable(s.name)} or asked for; ${s.description}\n`);
  }
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const fmt = (x: number) => x.toLocaleString('en-GB');
const cell = (x: number) => (Number.isNaN(x) ? '' : String(x));

/** safe-extract risk: the measures of the risk panel on one file; returns what to print. */
async function riskCommand(io: CliIo, values: Values, dataset: Dataset, ctx: RunContext): Promise<string> {
  const keys = list(values.keys);
  const k = values.k === undefined ? 3 : Number(values.k);
  const missing = values['key-missing'] ?? 'matches-any';
  if (missing !== 'matches-any' && missing !== 'own-category') usageError(`--key-missing must be matches-any or own-category, not "${missing}".`);
  const maxSize = values['max-size'] === undefined ? undefined : Number(values['max-size']);
  if (maxSize !== undefined && !values.suda) usageError('--max-size applies to --suda.');
  const sensitive = list(values.sensitive);
  const weight = values.weight ? { weight: values.weight } : {};
  const household = values.household ? { household: values.household } : {};
  const report = await runAnalysis('k-anonymity', dataset, { keys, k, missing, ...weight }, ctx);
  const perRecord = await perRecordRisk(dataset, { keys, missing, ...weight, ...household }, ctx);
  const risk = summariseRisk(perRecord, { keys, missing, ...weight, ...household });
  const lDiv = sensitive.length ? await runAnalysis('l-diversity', dataset, { keys, sensitive }, ctx) : null;
  let suda: { scores: Suda2Result; report: Suda2Report } | null = null;
  if (values.suda) {
    const codes = await codeKeysAsync(dataset, keys, ctx);
    const scores = await suda2(
      keys.map((name, j) => ({ name, codes: codes[j]! })),
      maxSize === undefined ? {} : { maxSize },
      ctx,
    );
    suda = { scores, report: summariseSuda2(scores, codes, maxSize === undefined ? { keys } : { keys, maxSize }) };
  }

  if (values['per-record']) {
    const { fk, Fk } = perRecord.freq;
    const hh = perRecord.householdRisk;
    const header = ['row', 'fk', ...(Fk ? ['Fk'] : []), 'risk', ...(hh ? ['householdRisk'] : []), ...(suda ? ['suda', 'dis'] : [])];
    const lines = [header.join(',')];
    for (let i = 0; i < fk.length; i++) {
      const row = [String(i + 1), cell(fk[i]!)];
      if (Fk) row.push(cell(Fk[i]!));
      row.push(cell(perRecord.risk[i]!));
      if (hh) row.push(cell(hh[i]!));
      if (suda) row.push(cell(suda.scores.score[i]!), cell(suda.scores.dis[i]!));
      lines.push(row.join(','));
    }
    io.writeFile(values['per-record'], `${lines.join('\n')}\n`);
  }

  const violations = Object.fromEntries(report.violations.map((v) => [String(v.k), v.records]));
  const summary = ({ expectedReidentifications, globalRisk, globalRiskPercent, max, aboveThreshold }: RiskSummary) => ({
    expectedReidentifications,
    globalRisk,
    globalRiskPercent,
    max,
    aboveThreshold,
  });
  const warnings = [...new Set([...risk.warnings, ...(lDiv?.warnings ?? [])])];
  if (values.json) {
    const weighted = report.weight ? Object.fromEntries(report.violations.map((v) => [String(v.k), v.weightedRecords])) : undefined;
    return json({
      records: report.records,
      keys: report.keys,
      weight: report.weight,
      missing: report.missing,
      combinations: report.combinations,
      k: report.k,
      violations,
      ...(weighted ? { weightedViolations: weighted } : {}),
      combinationsBelow: Object.fromEntries(report.violations.map((v) => [String(v.k), v.combinations])),
      distribution: report.distribution,
      riskiest: report.riskiest,
      individualRisk: { ...summary(risk.individualRisk), threshold: risk.threshold },
      ...(risk.householdRisk
        ? { household: risk.household, householdRisk: { ...summary(risk.householdRisk), households: risk.householdRisk.households } }
        : {}),
      ...(lDiv
        ? {
            lDiversity: {
              l: lDiv.l,
              recursiveC: lDiv.recursiveC,
              variables: lDiv.variables.map(({ sensitive: s, min, failingCombinations, failingRecords }) => ({
                sensitive: s,
                min,
                failingCombinations,
                failingRecords,
              })),
            },
          }
        : {}),
      ...(suda
        ? {
            suda: {
              maxSize: suda.report.maxSize,
              disFraction: suda.report.disFraction,
              msuCounts: suda.report.msuCounts,
              recordsWithMsu: suda.report.recordsWithMsu,
              score: suda.report.score,
              dis: suda.report.dis,
              disTable: suda.report.disTable,
              contributions: suda.report.contributions,
            },
          }
        : {}),
      warnings,
    });
  }
  const out: string[] = [];
  out.push(
    `${fmt(report.records)} records, ${fmt(report.combinations)} combinations of ${keys.join(', ')} (a missing value ${missing === 'matches-any' ? 'matches any value' : 'is a value of its own'})`,
  );
  for (const v of report.violations) {
    const pct = ((100 * v.records) / Math.max(1, report.records)).toFixed(2);
    out.push(
      `  k = ${v.k}: ${fmt(v.records)} records (${pct} %) in ${fmt(v.combinations)} combinations occur fewer than ${v.k} times${v.weightedRecords !== null ? `; ${v.weightedRecords} with Fk < ${v.k}` : ''}`,
    );
  }
  const ir = risk.individualRisk;
  out.push(
    `Individual risk: ${ir.expectedReidentifications.toFixed(2)} expected re-identifications (global risk ${ir.globalRiskPercent.toFixed(3)} %); highest ${ir.max.toPrecision(3)}; ${fmt(ir.aboveThreshold)} records above ${risk.threshold}`,
  );
  if (risk.householdRisk) {
    const h = risk.householdRisk;
    out.push(
      `Household risk: ${h.expectedReidentifications.toFixed(2)} expected re-identifications (${h.globalRiskPercent.toFixed(3)} %) over ${fmt(h.households)} households; highest ${h.max.toPrecision(3)}`,
    );
  }
  for (const v of lDiv?.variables ?? []) {
    out.push(
      `l-diversity of ${v.sensitive}: lowest distinct l ${v.min.distinct}; ${fmt(v.failingRecords)} records in ${fmt(v.failingCombinations)} combinations have fewer than ${lDiv!.l} values`,
    );
  }
  if (suda) {
    const r = suda.report;
    out.push(
      `SUDA2: ${fmt(r.recordsWithMsu)} records have a minimal sample unique of at most ${r.maxSize} keys; highest score ${r.score.max}, highest DIS ${r.dis.max.toPrecision(3)}`,
    );
    out.push(`  contributions: ${r.contributions.map((c) => `${c.variable} ${c.contribution.toFixed(1)} %`).join(', ')}`);
  }
  for (const w of warnings) out.push(`Warning: ${w}`);
  return `${out.join('\n')}\n`;
}

/** Run the CLI; returns the process exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.stdout(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    const ctx = createRunContext(withHelper(io));
    switch (command) {
      case 'inspect': {
        if (rest.length === 0) usageError('inspect needs a FILE.');
        const files = inputFiles(io, rest);
        const read = await readInput(files, inputOf(values, files), ctx);
        const dataset = read.dataset;
        const profiles = await runAnalysis('profile', dataset, {}, ctx);
        const roles = suggestRoles(dataset);
        const columns = profiles.map((p, j) => ({
          name: p.name,
          type: p.kind,
          missing: p.missing,
          distinct: p.distinct,
          suggestedRole: roles[j]!.role,
          reason: roles[j]!.reason,
          ...(roles[j]!.identifier ? { identifier: roles[j]!.identifier } : {}),
          ...(p.label ? { label: p.label } : {}),
          top: p.top.slice(0, 5),
        }));
        if (values.json) {
          io.stdout(json({ rows: dataset.table.numRows, columns, files: read.files, input: read.input }));
        } else {
          const describe = (f: (typeof read.files)[number]) =>
            f.encoding ? `${f.name}: ${f.encoding}, delimiter ${JSON.stringify(f.delimiter)}` : `${f.name}: ${f.format}`;
          io.stdout(`${dataset.table.numRows.toLocaleString('en-GB')} rows, ${columns.length} columns (${read.files.map(describe).join('; ')})\n\n`);
          const w = Math.max(6, ...columns.map((c) => c.name.length));
          io.stdout(`${'column'.padEnd(w)}  ${'type'.padEnd(11)}  ${'missing'.padStart(8)}  ${'distinct'.padStart(9)}  ${'role'.padEnd(9)}  why\n`);
          for (const c of columns) {
            io.stdout(
              `${c.name.padEnd(w)}  ${c.type.padEnd(11)}  ${String(c.missing).padStart(8)}  ${String(c.distinct).padStart(9)}  ${c.suggestedRole.padEnd(9)}  ${c.reason}\n`,
            );
          }
        }
        return 0;
      }
      case 'risk': {
        if (rest.length === 0) usageError('risk needs a FILE.');
        if (!values.keys) usageError('risk needs --keys, the key variables, separated by commas.');
        io.stdout(await riskCommand(io, values, await readFiles(io, values, rest), ctx));
        return 0;
      }
      case 'analyse':
      case 'analyze': {
        const [id, ...paths] = rest;
        if (!id) usageError('analyse needs the name of an analysis; "safe-extract analyses" lists them.');
        const def = analysisDefinition(id);
        const info = listMethods('analysis').find((m) => m.id === id)!;
        const params = paramsFromFlags(info, values.param ?? []);
        if (def.compares) {
          if (paths.length !== 2) usageError(`The analysis "${id}" compares two versions: give the earlier file and the later one.`);
          const [before, after] = [await readFiles(io, values, [paths[0]!]), await readFiles(io, values, [paths[1]!])];
          io.stdout(json(await runAnalysis(id, { before, after }, params, ctx)));
        } else {
          if (paths.length === 0) usageError(`The analysis "${id}" needs a FILE.`);
          io.stdout(json(await runAnalysis(id, await readFiles(io, values, paths), params, ctx)));
        }
        return 0;
      }
      case 'run': {
        const [recipePath, ...dataPaths] = rest;
        if (!recipePath || dataPaths.length === 0) usageError('run needs a RECIPE.json and a FILE.');
        if (!values.output) usageError('run needs -o OUT.csv, where to write the result.');
        const output = values.output;
        const writers = Object.values(WRITERS);
        const format =
          values.format ?? writers.find((w) => output.toLowerCase().endsWith(w.extension) || (w.id === 'arrow' && output.endsWith('.feather')))?.id ?? 'csv';
        if (!writers.some((w) => w.id === format)) usageError(`--format must be one of ${writers.map((w) => w.id).join(', ')}, not "${format}".`);
        const recipe = parseRecipe(new TextDecoder().decode(inputFiles(io, [recipePath])[0]!.bytes));
        const secrets: Record<string, string> = {};
        for (const secret of secretsNeeded(recipe.steps)) {
          const variable = secretEnvironmentVariable(secret.name);
          const value = io.env[variable] || ((await io.promptSecret(`${secret.label}: `)) ?? '');
          if (!value) {
            throw new EngineError(
              'KEY_REQUIRED',
              `This recipe needs the ${secret.label.toLowerCase()}: set ${variable} or run it in a terminal to be asked for it.`,
              {
                secret: secret.name,
              },
            );
          }
          secrets[secret.name] = value;
        }
        const files = inputFiles(io, dataPaths);
        const { dataset } = await readInput(files, recipe.input, createRunContext({ ...withHelper(io), seed: recipe.seed }));
        const run = await runRecipe(dataset, recipe, { ...createRunContext({ ...withHelper(io), seed: recipe.seed }), secrets });
        const { bytes } = await writeOutput(run.dataset, format, {}, ctx);
        io.writeFile(output, bytes);
        for (const { id, log } of run.logs) io.stderr(`${id}: ${log.summary}\n`);
        if (values.report) {
          io.writeFile(
            values.report,
            json({ recipe, rows: run.dataset.table.numRows, columns: run.dataset.columns.map(({ marks: _m, ...c }) => c), steps: run.logs }),
          );
        }
        io.stderr(`Wrote ${run.dataset.table.numRows.toLocaleString('en-GB')} rows to ${output}.\n`);
        return 0;
      }
      case 'steps':
      case 'analyses':
      case 'readers':
      case 'writers': {
        const kind = ({ steps: 'step', analyses: 'analysis', readers: 'reader', writers: 'writer' } as const)[command];
        listing(io, kind, values.json === true);
        return 0;
      }
      default:
        return usageError(`Unknown command "${command}".`);
    }
  } catch (e) {
    const err =
      e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')
        ? new EngineError('BAD_PARAMS', `${e.message}. Run "safe-extract --help" for usage.`)
        : toEngineError(e);
    const hint = CATALOGUE[err.code].hint;
    io.stderr(`safe-extract: ${err.message}${hint && err.code !== 'BAD_PARAMS' ? `\n  ${hint}` : ''}\n`);
    return err.code === 'BAD_PARAMS' ? 2 : 1;
  }
}
