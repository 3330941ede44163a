/**
 * safe-extract: the command line on the same engine as the app. This file does
 * argument parsing and file access only; every number comes from src/engine.
 */
import { parseArgs } from 'node:util';
import {
  STEPS,
  CATALOGUE,
  EngineError,
  createRunContext,
  kAnonymity,
  keyFrequencies,
  parseRecipe,
  profileColumns,
  readDelimited,
  runRecipe,
  suggestRoles,
  toEngineError,
  writeArrow,
  writeCsv,
  type InputFile,
  type ReadOptions,
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
  safe-extract run RECIPE.json FILE [FILE...] -o OUT.csv [--format csv|arrow] [--report REPORT.json]
      Replay a recipe saved from the app. The pseudonymisation key is read from the
      environment variable SAFE_EXTRACT_KEY, or asked for; never from a flag.
  safe-extract steps [--json]
      The steps a recipe can use, with their parameters.

Options:
  --missing CODES   comma-separated cell texts that mean missing (default: NA); empty cells are always missing
  --delimiter D     the field delimiter, when detection gets it wrong (use "\\t" for tab)
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
  output: { type: 'string', short: 'o' },
  format: { type: 'string' },
  report: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function usageError(message: string): never {
  throw new EngineError('BAD_PARAMS', `${message} Run "safe-extract --help" for usage.`);
}

function readOptions(values: { missing?: string; delimiter?: string }): ReadOptions {
  const options: ReadOptions = {};
  if (values.missing !== undefined) options.missing = values.missing.split(',');
  if (values.delimiter !== undefined) options.delimiter = values.delimiter === '\\t' ? '\t' : values.delimiter;
  return options;
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

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

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
        const { dataset, files } = await readDelimited(inputFiles(io, rest), readOptions(values), ctx);
        const profiles = profileColumns(dataset);
        const roles = suggestRoles(dataset);
        const columns = profiles.map((p, j) => ({
          name: p.name,
          type: p.kind,
          missing: p.missing,
          distinct: p.distinct,
          suggestedRole: roles[j]!.role,
          reason: roles[j]!.reason,
          ...(roles[j]!.identifier ? { identifier: roles[j]!.identifier } : {}),
          top: p.top.slice(0, 5),
        }));
        if (values.json) {
          io.stdout(json({ rows: dataset.table.numRows, columns, files }));
        } else {
          io.stdout(
            `${dataset.table.numRows.toLocaleString('en-GB')} rows, ${columns.length} columns (${files.map((f) => `${f.name}: ${f.encoding}, delimiter ${JSON.stringify(f.delimiter)}`).join('; ')})\n\n`,
          );
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
        const { dataset } = await readDelimited(inputFiles(io, rest), readOptions(values), ctx);
        const report = kAnonymity(dataset, { keys, weight: values.weight ?? null, k });
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
      case 'run': {
        const [recipePath, ...dataPaths] = rest;
        if (!recipePath || dataPaths.length === 0) usageError('run needs a RECIPE.json and a FILE.');
        if (!values.output) usageError('run needs -o OUT.csv, where to write the result.');
        const format = values.format ?? (values.output.endsWith('.arrow') || values.output.endsWith('.feather') ? 'arrow' : 'csv');
        if (format !== 'csv' && format !== 'arrow') usageError(`--format must be csv or arrow, not "${format}".`);
        const recipe = parseRecipe(new TextDecoder().decode(inputFiles(io, [recipePath])[0]!.bytes));
        let key = io.env.SAFE_EXTRACT_KEY;
        if (!key && recipe.steps.some((s) => s.id === 'pseudonymise')) {
          key = (await io.promptSecret('Pseudonymisation key: ')) ?? undefined;
          if (!key)
            throw new EngineError('KEY_REQUIRED', 'This recipe pseudonymises columns: set SAFE_EXTRACT_KEY or run it in a terminal to be asked for the key.');
        }
        const readOpts: ReadOptions = { missing: recipe.input.missing };
        if (recipe.input.delimiter !== undefined) readOpts.delimiter = recipe.input.delimiter;
        if (recipe.input.header !== undefined) readOpts.header = recipe.input.header;
        const { dataset } = await readDelimited(inputFiles(io, dataPaths), readOpts, createRunContext({ seed: recipe.seed }));
        const run = await runRecipe(dataset, recipe, { ...createRunContext({ seed: recipe.seed }), secrets: key ? { key } : {} });
        io.writeFile(values.output, format === 'arrow' ? writeArrow(run.dataset) : await writeCsv(run.dataset, ctx));
        for (const { id, log } of run.logs) io.stderr(`${id}: ${log.summary}\n`);
        if (values.report) {
          io.writeFile(values.report, json({ recipe, rows: run.dataset.table.numRows, columns: run.dataset.columns, steps: run.logs }));
        }
        io.stderr(`Wrote ${run.dataset.table.numRows.toLocaleString('en-GB')} rows to ${values.output}.\n`);
        return 0;
      }
      case 'steps': {
        const steps = STEPS.map((s) => ({ id: s.id, title: s.title, description: s.description, params: s.params }));
        if (values.json) io.stdout(json(steps));
        else {
          for (const s of steps) {
            io.stdout(`${s.id}: ${s.title}\n  ${s.description}\n`);
            for (const p of s.params) io.stdout(`    ${p.name} (${p.type}${p.required ? ', required' : ''}): ${p.description}\n`);
          }
        }
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
