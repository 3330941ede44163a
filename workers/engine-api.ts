/**
 * The worker's API as a plain object, so that the same code runs in the Web
 * Worker (engine.worker.ts exposes it with Comlink) and directly in Node tests.
 * It holds the working Dataset and its history; only plain data leaves it.
 */
import {
  STEPS,
  EngineError,
  cellFormatter,
  createRunContext,
  kAnonymity,
  profileColumn,
  readDelimited,
  recipeToJson,
  rolesOf,
  runStep,
  stepDefinition,
  suggestRoles,
  withRoles,
  writeArrow,
  writeCsv,
  RECIPE_FORMAT,
  DEFAULT_MISSING,
  DEFAULT_SEED,
  type ColumnSuggestion,
  type Dataset,
  type FileReadInfo,
  type InputFile,
  type KAnonymityOptions,
  type KAnonymityReport,
  type Progress,
  type ReadOptions,
  type Recipe,
  type Role,
  type Secrets,
  type Step,
  type ColumnProfile,
} from '../src/engine/index.ts';
import type { DatasetSummary, EngineState, ExportFormat, HistoryEntry, RowPage, StepInfo } from './protocol.ts';

type OnProgress = ((p: Progress) => void) | undefined;

interface Applied {
  dataset: Dataset;
  entry: HistoryEntry;
  step: Step;
}

const MAX_PAGE = 1000;

export function createEngineApi() {
  let base: Dataset | null = null;
  let suggestions: ColumnSuggestion[] = [];
  let files: FileReadInfo[] = [];
  let input: ReadOptions = {};
  const seed = DEFAULT_SEED;
  let applied: Applied[] = [];
  let version = 0;
  const active = new Set<{ aborted: boolean }>();

  const dataset = (): Dataset => {
    const ds = applied.at(-1)?.dataset ?? base;
    if (!ds) throw new EngineError('NO_DATASET', 'No data is loaded yet. Open a file first.');
    return ds;
  };

  const summary = (): DatasetSummary => {
    const ds = dataset();
    return {
      rows: ds.table.numRows,
      columns: ds.columns.map((c) => {
        const s = suggestions.find((x) => x.column === c.name);
        return { name: c.name, kind: c.kind, role: c.role, suggestedRole: s?.role ?? 'other', reason: s?.reason ?? '', identifier: s?.identifier ?? null };
      }),
      files,
      version,
    };
  };

  /** Roles are those of the opened columns (a removed column keeps the role it had). */
  const recipe = (): Recipe => {
    dataset();
    const recipeInput: Recipe['input'] = { missing: [...(input.missing ?? DEFAULT_MISSING)] };
    if (input.delimiter !== undefined) recipeInput.delimiter = input.delimiter;
    if (input.header !== undefined) recipeInput.header = input.header;
    return { format: RECIPE_FORMAT, seed, input: recipeInput, roles: rolesOf(base!), steps: applied.map((a) => a.step) };
  };

  const state = (): EngineState => ({ summary: summary(), history: applied.map((a) => a.entry) });

  /** Run long work with a fresh cancel flag that `cancel()` can raise. */
  const job = async <T>(onProgress: OnProgress, work: (ctx: ReturnType<typeof createRunContext>) => Promise<T>): Promise<T> => {
    const signal = { aborted: false };
    active.add(signal);
    try {
      return await work(createRunContext({ seed, onProgress, signal }));
    } finally {
      active.delete(signal);
    }
  };

  return {
    /** Read one or more CSV/TSV files into a new dataset; the previous one stays if this fails. */
    async open(inputs: InputFile[], options: ReadOptions = {}, onProgress?: (p: Progress) => void): Promise<EngineState> {
      const result = await job(onProgress, (ctx) => readDelimited(inputs, options, ctx));
      const found = suggestRoles(result.dataset);
      const roles = Object.fromEntries(found.map((s) => [s.column, s.role])) as Record<string, Role>;
      base = withRoles(result.dataset, roles);
      suggestions = found;
      files = result.files;
      input = { ...options, missing: options.missing ?? [...DEFAULT_MISSING] };
      applied = [];
      version++;
      return state();
    },

    async state(): Promise<EngineState> {
      return state();
    },

    async rows(start: number, count: number): Promise<RowPage> {
      const ds = dataset();
      const n = ds.table.numRows;
      const from = Math.max(0, Math.min(n, Math.floor(start)));
      const to = Math.min(n, from + Math.min(MAX_PAGE, Math.max(0, Math.floor(count))));
      const formats = ds.columns.map((_, j) => cellFormatter(ds.table.getChildAt(j)!.data[0]!));
      const rows: (string | null)[][] = [];
      for (let i = from; i < to; i++) rows.push(formats.map((f) => f(i)));
      return { start: from, rows };
    },

    /** Column summaries, one column at a time, yielding between them so that row pages are served meanwhile. */
    async profile(onProgress?: (p: Progress) => void): Promise<ColumnProfile[]> {
      const ds = dataset();
      return job(onProgress, async (ctx) => {
        const out: ColumnProfile[] = [];
        for (let j = 0; j < ds.columns.length; j++) {
          await ctx.checkpoint();
          out.push(profileColumn(ds, j));
          ctx.progress('Summarising columns', j + 1, ds.columns.length);
        }
        return out;
      });
    },

    /** Change column roles. Roles belong to the recipe, not to the history of steps. */
    async setRoles(roles: Record<string, Role>): Promise<EngineState> {
      withRoles(dataset(), roles);
      const present = (ds: Dataset) => Object.fromEntries(Object.entries(roles).filter(([c]) => ds.columns.some((m) => m.name === c)));
      if (base) base = withRoles(base, present(base));
      applied = applied.map((a) => ({ ...a, dataset: withRoles(a.dataset, present(a.dataset)) }));
      version++;
      return state();
    },

    /** Apply a step; on failure or cancel nothing changes. */
    async apply(step: Step, secrets: Secrets = {}, onProgress?: (p: Progress) => void): Promise<EngineState> {
      const ds = dataset();
      const result = await job(onProgress, (ctx) => runStep(ds, step, { ...ctx, secrets }, applied.length, seed));
      const def = stepDefinition(step.id);
      applied.push({
        dataset: result.dataset,
        step: result.step,
        entry: { id: step.id, title: def.title, params: result.step.params, summary: result.log.summary, counts: result.log.counts },
      });
      version++;
      return state();
    },

    async undo(): Promise<EngineState> {
      dataset();
      if (applied.length === 0) throw new EngineError('NOTHING_TO_UNDO', 'There is no step to undo.');
      applied.pop();
      version++;
      return state();
    },

    async kAnonymity(options: KAnonymityOptions): Promise<KAnonymityReport> {
      return kAnonymity(dataset(), options);
    },

    async exportData(format: ExportFormat, onProgress?: (p: Progress) => void): Promise<Uint8Array> {
      const ds = dataset();
      if (format === 'arrow') return writeArrow(ds);
      return job(onProgress, (ctx) => writeCsv(ds, ctx));
    },

    /** The recipe that reproduces the current dataset from the opened files. */
    async recipe(): Promise<Recipe> {
      return recipe();
    },

    async recipeText(): Promise<string> {
      return recipeToJson(recipe());
    },

    async steps(): Promise<StepInfo[]> {
      return STEPS.map((s) => ({ id: s.id, title: s.title, description: s.description, params: [...s.params] }));
    },

    /** Ask all work in hand to stop at its next checkpoint. */
    async cancel(): Promise<void> {
      for (const signal of active) signal.aborted = true;
    },
  };
}

export type EngineApiObject = ReturnType<typeof createEngineApi>;
