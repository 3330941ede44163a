/**
 * The worker's API as a plain object, so that the same code runs in the Web
 * Worker (engine.worker.ts exposes it with Comlink) and directly in Node tests.
 * It holds the working Dataset and its history; only plain data leaves it. Every
 * method of the registry is reached through four generic entry points: `open`
 * (readers), `apply` (steps), `analyse` (analyses) and `exportData` (writers).
 */
import {
  EngineError,
  RECIPE_FORMAT,
  DEFAULT_SEED,
  cellFormatter,
  columnData,
  countBits,
  createRunContext,
  getBit,
  listMethods,
  readInput,
  readerFor,
  recipeToJson,
  rolesOf,
  runAnalysis,
  runStep,
  stepDefinition,
  suggestRole,
  suggestRoles,
  withRoles,
  writeOutput,
  type ColumnSuggestion,
  type Dataset,
  type FileReadInfo,
  type InputFile,
  type MethodInfo,
  type Progress,
  type ReadResult,
  type Recipe,
  type RecipeInput,
  type Role,
  type Secrets,
  type Step,
} from '../src/engine/index.ts';
import type { Data } from 'apache-arrow';
import type {
  AnalyseOptions,
  AnalysisOutcome,
  CellMark,
  ColumnSummary,
  DatasetSummary,
  EngineState,
  HistoryEntry,
  OpenRequest,
  RowPage,
  Snapshot,
} from './protocol.ts';

type OnProgress = ((p: Progress) => void) | undefined;

interface Applied {
  dataset: Dataset;
  entry: HistoryEntry;
  step: Step;
}

const MAX_PAGE = 1000;

export function createEngineApi() {
  let base: Dataset | null = null;
  /**
   * The detector's suggestion for each column as it is now, by the column's values and
   * name: made again after a step rewrites or renames a column, so the reason shown
   * describes what the column holds now ("...are full dates" no longer once it holds years).
   */
  let suggestions = new WeakMap<Data, Map<string, ColumnSuggestion>>();
  const remember = (ds: Dataset, found: readonly ColumnSuggestion[]) => {
    suggestions = new WeakMap();
    found.forEach((s, j) => suggestions.set(columnData(ds, j), new Map([[s.column, s]])));
  };
  const suggestionFor = (ds: Dataset, j: number): ColumnSuggestion => {
    const data = columnData(ds, j);
    const name = ds.columns[j]!.name;
    let byName = suggestions.get(data);
    if (!byName) suggestions.set(data, (byName = new Map()));
    let s = byName.get(name);
    if (!s) byName.set(name, (s = suggestRole(ds, j)));
    return s;
  };
  let files: FileReadInfo[] = [];
  let input: RecipeInput = {};
  let dates: ReadResult['dates'] = [];
  const seed = DEFAULT_SEED;
  let applied: Applied[] = [];
  let version = 0;
  const active = new Set<{ aborted: boolean }>();

  const dataset = (): Dataset => {
    const ds = applied.at(-1)?.dataset ?? base;
    if (!ds) throw new EngineError('NO_DATASET', 'No data is loaded yet. Open a file first.');
    return ds;
  };

  const columnSummary = (ds: Dataset): ColumnSummary[] =>
    ds.columns.map((c, j) => {
      const s = suggestionFor(ds, j);
      return {
        name: c.name,
        kind: c.kind,
        role: c.role,
        suggestedRole: s.role,
        reason: s.reason,
        identifier: s.identifier ?? null,
        label: c.label ?? null,
        valueLabels: c.valueLabels ? { ...c.valueLabels } : null,
        order: c.order ? [...c.order] : null,
        missingCodes: c.missingCodes ? { values: [...c.missingCodes.values], ranges: c.missingCodes.ranges.map(([a, b]) => [a, b] as [number, number]) } : null,
        suppressed: countBits(c.marks?.suppressed),
        changed: countBits(c.marks?.changed),
      };
    });

  const summary = (): DatasetSummary => {
    const ds = dataset();
    return { rows: ds.table.numRows, columns: columnSummary(ds), files, input, dates, version };
  };

  /** Roles are those of the opened columns (a removed column keeps the role it had). */
  const recipe = (): Recipe => {
    dataset();
    return { format: RECIPE_FORMAT, seed, input: { ...input }, roles: rolesOf(base!), steps: applied.map((a) => a.step) };
  };

  /** The name that the column now called `name` had after step `after` (-1: as opened), undoing the renames since. */
  const nameAt = (name: string, after: number): string => {
    let n = name;
    for (let k = applied.length - 1; k > after; k--) {
      const { id, params } = applied[k]!.step;
      if (id === 'rename-column' && params.to === n) n = params.column as string;
    }
    return n;
  };

  /**
   * Give columns of the current data new roles, in every version of the history, under
   * the name each had there: a role given to a renamed column reaches the recipe's roles
   * by its name in the file.
   */
  const setRoles = (roles: Record<string, Role>): void => {
    withRoles(dataset(), roles);
    const at = (ds: Dataset, after: number) =>
      Object.fromEntries(
        Object.entries(roles)
          .map(([c, role]) => [nameAt(c, after), role] as const)
          .filter(([c]) => ds.columns.some((m) => m.name === c)),
      );
    if (base) base = withRoles(base, at(base, -1));
    applied = applied.map((a, k) => ({ ...a, dataset: withRoles(a.dataset, at(a.dataset, k)) }));
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

  /** Read files into a new dataset with suggested (or recorded) roles; nothing is kept until it all succeeds. */
  const load = async (inputs: InputFile[], request: OpenRequest, onProgress: OnProgress) => {
    const result = await job(onProgress, async (ctx) => {
      const format = request.format;
      const first = inputs[0];
      const chosen = format ?? (first ? readerFor(first.name, first.bytes).id : 'csv');
      const settings = request.settings?.[chosen] ?? {};
      return readInput(inputs, { format: chosen, ...settings }, ctx);
    });
    const found = suggestRoles(result.dataset);
    const roles = result.rolesFromFile ? rolesOf(result.dataset) : (Object.fromEntries(found.map((s) => [s.column, s.role])) as Record<string, Role>);
    return { result, found, dataset: withRoles(result.dataset, roles) };
  };

  const apply = async (step: Step, secrets: Secrets, onProgress: OnProgress): Promise<void> => {
    const ds = dataset();
    const result = await job(onProgress, (ctx) => runStep(ds, step, { ...ctx, secrets }, applied.length, seed));
    const def = stepDefinition(step.id);
    applied.push({
      dataset: result.dataset,
      step: result.step,
      entry: {
        id: step.id,
        title: def.title,
        params: result.step.params,
        summary: result.log.summary,
        counts: result.log.counts,
        ...(result.log.renames ? { renames: { ...result.log.renames } } : {}),
      },
    });
  };

  return {
    /** Every method of the registry (readers, steps, analyses, writers) as plain data. */
    async methods(): Promise<MethodInfo[]> {
      return listMethods();
    },

    /** Read one or more files into a new dataset; the previous one stays if this fails. */
    async open(inputs: InputFile[], request: OpenRequest = {}, onProgress?: (p: Progress) => void): Promise<EngineState> {
      const { result, found, dataset: ds } = await load(inputs, request, onProgress);
      base = ds;
      remember(ds, found);
      files = result.files;
      input = result.input;
      dates = result.dates;
      applied = [];
      version++;
      return state();
    },

    /**
     * Arrive where a lost worker was: read the same files the same way, set the same
     * roles, replay the same steps. The version continues from the one the page saw.
     * Nothing changes here unless every part succeeds.
     */
    async restore(snapshot: Snapshot, onProgress?: (p: Progress) => void): Promise<EngineState> {
      const { format, ...settings } = snapshot.input;
      const request: OpenRequest = format ? { format, settings: { [format]: settings } } : { settings: { csv: settings } };
      const loaded = await load(snapshot.files, request, onProgress);
      const before = { base, suggestions, files, input, dates, applied };
      const inBase = (c: string) => loaded.dataset.columns.some((m) => m.name === c);
      base = withRoles(loaded.dataset, Object.fromEntries(Object.entries(snapshot.roles).filter(([c]) => inBase(c))));
      remember(loaded.dataset, loaded.found);
      files = loaded.result.files;
      input = loaded.result.input;
      dates = loaded.result.dates;
      applied = [];
      try {
        for (const { step, secrets } of snapshot.steps) await apply(step, secrets, onProgress);
        // Roles given to columns a step renamed: they name no column of the file as opened.
        const later = Object.entries(snapshot.roles).filter(([c]) => !inBase(c) && dataset().columns.some((m) => m.name === c));
        if (later.length > 0) setRoles(Object.fromEntries(later));
      } catch (e) {
        ({ base, suggestions, files, input, dates, applied } = before);
        throw e;
      }
      version = Math.max(version, snapshot.version) + 1;
      return state();
    },

    async state(): Promise<EngineState> {
      return state();
    },

    /** A page of rows as text, with the cells that steps suppressed or changed. */
    async rows(start: number, count: number): Promise<RowPage> {
      const ds = dataset();
      const n = ds.table.numRows;
      const from = Math.max(0, Math.min(n, Math.floor(start)));
      const to = Math.min(n, from + Math.min(MAX_PAGE, Math.max(0, Math.floor(count))));
      const formats = ds.columns.map((_, j) => cellFormatter(columnData(ds, j)));
      const rows: (string | null)[][] = [];
      for (let i = from; i < to; i++) rows.push(formats.map((f) => f(i)));
      const marks: CellMark[] = [];
      ds.columns.forEach((c, j) => {
        if (!c.marks) return;
        for (let i = from; i < to; i++) {
          if (getBit(c.marks.suppressed, i)) marks.push([i - from, j, 'suppressed']);
          else if (getBit(c.marks.changed, i)) marks.push([i - from, j, 'changed']);
        }
      });
      return { start: from, rows, marks };
    },

    /** Change column roles. Roles belong to the recipe, not to the history of steps. */
    async setRoles(roles: Record<string, Role>): Promise<EngineState> {
      setRoles(roles);
      version++;
      return state();
    },

    /** Apply a step of the registry; on failure or cancel nothing changes. */
    async apply(step: Step, secrets: Secrets = {}, onProgress?: (p: Progress) => void): Promise<EngineState> {
      await apply(step, secrets, onProgress);
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

    /**
     * Run any analysis of the registry on the current dataset (a comparison: on the
     * version at history position `before`, 0 being the data as opened, and the current
     * one). The result says which dataset version it is about, so the page can tell a
     * fresh result from one overtaken by a change.
     */
    async analyse(id: string, params: unknown, options: AnalyseOptions = {}, onProgress?: (p: Progress) => void): Promise<AnalysisOutcome> {
      const ds = dataset();
      const at = version;
      const position = options.before ?? 0;
      if (!Number.isInteger(position) || position < 0 || position > applied.length) {
        throw new EngineError('BAD_PARAMS', `There is no version ${position} to compare with; the history has ${applied.length} steps.`, { before: position });
      }
      const earlier = position === 0 ? base! : applied[position - 1]!.dataset;
      const result = await job(onProgress, (ctx) => runAnalysis(id, { before: earlier, after: ds }, params, ctx));
      return { version: at, result };
    },

    /** The current dataset in a format of the registry. */
    async exportData(format: string, params: unknown = {}, onProgress?: (p: Progress) => void): Promise<Uint8Array> {
      const ds = dataset();
      const { bytes } = await job(onProgress, (ctx) => writeOutput(ds, format, params, ctx));
      return bytes;
    },

    /** The recipe that reproduces the current dataset from the opened files. */
    async recipe(): Promise<Recipe> {
      return recipe();
    },

    async recipeText(): Promise<string> {
      return recipeToJson(recipe());
    },

    /** Answered between chunks of any work: the page's sign that the worker is alive. */
    async ping(): Promise<number> {
      return version;
    },

    /** Ask all work in hand to stop at its next checkpoint. */
    async cancel(): Promise<void> {
      for (const signal of active) signal.aborted = true;
    },
  };
}

export type EngineApiObject = ReturnType<typeof createEngineApi>;
