/**
 * safe-extract: the command line on the same engine as the app. This file does
 * argument parsing and file access only; every number comes from src/engine, and
 * every method is reached through the registry.
 */
import { parseArgs } from 'node:util';
import {
  CATALOGUE,
  EngineError,
  READERS,
  WRITERS,
  createRunContext,
  keyFrequencies,
  listMethods,
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
}

export const USAGE = `safe-extract: make a dataset safe to share, on this machine.

Usage:
  safe-extract inspect FILE [--json] [--missing CODES] [--delimiter D]
      Columns, their types, missing and distinct counts, and the suggested role of each.
  safe-extract risk FILE --keys a,b,c [--weight w] [--k 3] [--json] [--per-record OUT.csv]
      k-anonymity on the key variables: fk (and Fk with a weight) for every record.
      The same as: safe-extract analyse k-anonymity FILE --param keys=a,b,c ...
  safe-extract analyse ANALYSIS FILE [LATER_FILE] [--param name=value ...] [--json]
      Run any analysis. A comparison (compare) takes the earlier and the later file.
  safe-extract run RECIPE.json FILE [FILE...] -o OUT.csv [--format csv|arrow] [--report REPORT.json]
      Replay a recipe saved from the app. Secrets the steps need (the pseudonymisation
      key) are read from the environment (SAFE_EXTRACT_KEY), or asked for; never from a flag.
  safe-extract steps | analyses | readers | writers [--json]
      The methods of each kind, with their parameters.

Options:
  --missing CODES   comma-separated cell texts that mean missing (default: NA); empty cells are always missing
  --delimiter D     the field delimiter, when detection gets it wrong (use "\\t" for tab)
  --input-format F  read the files as this format (csv, arrow) instead of detecting it
  --param name=value  a parameter of the analysis; lists are comma-separated, tables and mappings JSON
  -h, --help        this help
`;

const OPTIONS = {
  json: { type: 'boolean' },
  keys: { type: 'string' },
  weight: { type: 'string' },
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
  return (await readInput(files, inputOf(values, files), createRunContext())).dataset;
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

/** Run the CLI; returns the process exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.stdout(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    const ctx = createRunContext();
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
        const keys = values.keys.split(',').map((k) => k.trim());
        const k = values.k === undefined ? 3 : Number(values.k);
        const dataset = await readFiles(io, values, rest);
        const report = await runAnalysis('k-anonymity', dataset, { keys, k, ...(values.weight ? { weight: values.weight } : {}) }, ctx);
        if (values['per-record']) {
          const f = keyFrequencies(dataset, keys, values.weight);
          const lines = [f.Fk ? 'row,fk,Fk' : 'row,fk'];
          for (let i = 0; i < f.fk.length; i++) lines.push(f.Fk ? `${i + 1},${f.fk[i]},${f.Fk[i]}` : `${i + 1},${f.fk[i]}`);
          io.writeFile(values['per-record'], `${lines.join('\n')}\n`);
        }
        const violations = Object.fromEntries(report.violations.map((v) => [String(v.k), v.records]));
        if (values.json) {
          const weighted = report.weight ? Object.fromEntries(report.violations.map((v) => [String(v.k), v.weightedRecords])) : undefined;
          io.stdout(
            json({
              records: report.records,
              keys: report.keys,
              weight: report.weight,
              combinations: report.combinations,
              k: report.k,
              violations,
              ...(weighted ? { weightedViolations: weighted } : {}),
              combinationsBelow: Object.fromEntries(report.violations.map((v) => [String(v.k), v.combinations])),
              distribution: report.distribution,
              riskiest: report.riskiest,
            }),
          );
        } else {
          io.stdout(`${report.records.toLocaleString('en-GB')} records, ${report.combinations.toLocaleString('en-GB')} combinations of ${keys.join(', ')}\n`);
          for (const v of report.violations) {
            const pct = ((100 * v.records) / Math.max(1, report.records)).toFixed(2);
            io.stdout(
              `  k = ${v.k}: ${v.records.toLocaleString('en-GB')} records (${pct} %) in ${v.combinations.toLocaleString('en-GB')} combinations occur fewer than ${v.k} times${v.weightedRecords !== null ? `; ${v.weightedRecords} with Fk < ${v.k}` : ''}\n`,
            );
          }
        }
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
        const { dataset } = await readInput(files, recipe.input, createRunContext({ seed: recipe.seed }));
        const run = await runRecipe(dataset, recipe, { ...createRunContext({ seed: recipe.seed }), secrets });
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
