/**
 * The app's shared state: what the worker last reported, the methods of the
 * registry, the task in view, the work in hand, analysis results and the last
 * notice. Large results are $state.raw, so they are not wrapped in deep proxies.
 *
 * Analysis results are kept by analysis, parameters and dataset version: a panel
 * asks for the result of the parameters it ran and gets it only while the dataset
 * is the version the result is about, so it shows a fresh result or none.
 */
import { tick } from 'svelte';
import { EngineClient, type Busy, type NamedBlob } from '../../client/engine-client.ts';
import { CATALOGUE, EngineError } from '../../engine/errors.ts';
import { downloadBytes } from '../download.ts';
import type {
  AnalyseOptions,
  AnalysisId,
  AnalysisParams,
  AnalysisResult,
  DatasetSummary,
  EngineState,
  HistoryEntry,
  MethodInfo,
  OpenRequest,
  RecipeInput,
  Role,
  Secrets,
  Stage,
  Step,
} from '../../../workers/protocol.ts';

export type TaskId = Stage;

export interface TaskInfo {
  id: TaskId;
  title: string;
}

export const TASKS: readonly TaskInfo[] = [
  { id: 'import', title: 'Import' },
  { id: 'check', title: 'Check the data' },
  { id: 'clean', title: 'Clean' },
  { id: 'impute', title: 'Fill gaps' },
  { id: 'identifiers', title: 'Identifiers' },
  { id: 'risk', title: 'Risk' },
  { id: 'protect', title: 'Protect' },
  { id: 'tables', title: 'Tables' },
  { id: 'export', title: 'Export' },
];

/** Tasks with a panel of their own; the others show the registry's methods for their stage, if any. */
const BESPOKE: ReadonlySet<TaskId> = new Set(['import', 'check', 'identifiers', 'risk', 'export']);

/** The progress labels of work the page starts by itself. */
const BACKGROUND: ReadonlySet<string> = new Set(['Summarising the columns', 'Looking for keys that carry the same fact']);

/** Why a task with no methods yet cannot be used, in words. */
export const NOT_BUILT: Partial<Record<TaskId, string>> = {
  impute:
    'Not built yet: filling gaps with recognised imputation methods (as in VIM: k-nearest neighbours, hot-deck, regression) is planned for a later release.',
  tables:
    'Not built yet: protecting frequency and magnitude tables (cell suppression and cell key perturbation, as in tau-Argus and sdcTable) is planned for a later release.',
};

export type TaskStatus = 'not-started' | 'in-progress' | 'done' | 'attention' | 'unavailable' | 'needs-data';

export interface Notice {
  kind: 'error' | 'success';
  title: string;
  message: string;
  hint?: string;
}

interface Stored {
  version: number;
  result: unknown;
}

function resultKey(id: string, params: unknown, options: AnalyseOptions): string {
  return `${id}\u0000${JSON.stringify(params)}\u0000${JSON.stringify(options)}`;
}

export class AppState {
  task = $state<TaskId>('import');
  busy = $state<Busy | null>(null);
  notice = $state<Notice | null>(null);
  summary = $state.raw<DatasetSummary | null>(null);
  history = $state.raw<HistoryEntry[]>([]);
  methods = $state.raw<MethodInfo[]>([]);
  results = $state.raw<ReadonlyMap<string, Stored>>(new Map());
  /** Analyses that were cancelled or failed for the current version, by key, so panels can offer to run them again. */
  stopped = $state.raw<ReadonlySet<string>>(new Set());
  /** The parameters of the last k-anonymity check, for the status line and the Risk task. */
  riskParams = $state.raw<AnalysisParams<'k-anonymity'> | null>(null);
  /** What the Risk panel last measured, all its measures. */
  riskRequest = $state.raw<RiskRequest | null>(null);
  visited = $state<Set<TaskId>>(new Set(['import']));
  exported = $state(false);
  /** The user confirmed the column roles (the Identifiers task's own result); reset when a file opens. */
  rolesConfirmed = $state(false);
  /** What the page's live region last said; `n` changes with each message, so the same words are said again. */
  announcement = $state<{ text: string; n: number }>({ text: '', n: 0 });
  /** The status line's confirmation of the last download, with its file name. */
  saved = $state<string | null>(null);
  /** Secrets by name (the pseudonymisation key): held in this page's memory only, never saved or sent. */
  secrets = $state<Record<string, string>>({ key: '' });
  readonly client: EngineClient;

  constructor() {
    this.client = new EngineClient((busy) => (this.busy = busy), {
      onRestored: ({ state, error }) => {
        if (state) this.take(state);
        if (error) this.tell({ kind: 'error', title: CATALOGUE[error.code].title, message: error.message, hint: error.hint || undefined }, false);
      },
    });
    void this.client.methods().then((m) => (this.methods = m));
  }

  /**
   * Whether work the user asked for is in hand, so that their buttons wait. Work the page
   * starts by itself (the column summaries, the check of keys that carry the same fact)
   * never disables a button: a click as it starts would be lost.
   */
  get blocked(): boolean {
    return this.busy !== null && !BACKGROUND.has(this.busy.label);
  }

  get loaded(): boolean {
    return this.summary !== null;
  }

  /** A method of the registry by kind and id. */
  method(kind: MethodInfo['kind'], id: string): MethodInfo | undefined {
    return this.methods.find((m) => m.kind === kind && m.id === id);
  }

  /** The steps and analyses the registry offers in a task. */
  methodsFor(stage: TaskId): MethodInfo[] {
    return this.methods.filter((m) => m.stage === stage && (m.kind === 'step' || m.kind === 'analysis'));
  }

  /** Whether a task can be used: it has a panel of its own, or methods in the registry. */
  available(task: TaskId): boolean {
    return BESPOKE.has(task) || this.methodsFor(task).length > 0;
  }

  go(task: TaskId): void {
    if (this.notice?.kind === 'success') this.notice = null;
    this.task = task;
    this.visited = new Set([...this.visited, task]);
  }

  /**
   * A task's state. A task is done when its result exists: the import when a file is
   * open, the check when the column summaries are computed for the current data, the
   * identifiers when the roles are confirmed and no direct identifier is left, the risk
   * when it was measured on the current data with no record below k.
   */
  status(task: TaskInfo): TaskStatus {
    if (!this.available(task.id)) return 'unavailable';
    if (task.id !== 'import' && !this.loaded) return 'needs-data';
    switch (task.id) {
      case 'import':
        return this.loaded ? 'done' : 'in-progress';
      case 'check':
        if (this.resultFor('profile', {})) return 'done';
        return this.profiling || this.visited.has('check') ? 'in-progress' : 'not-started';
      case 'identifiers': {
        const direct = this.summary!.columns.filter((c) => c.role === 'direct').length;
        if (direct > 0) return 'attention';
        if (this.rolesConfirmed) return 'done';
        return this.visited.has('identifiers') ? 'in-progress' : 'not-started';
      }
      case 'risk': {
        const risk = this.risk;
        if (!risk) return 'not-started';
        return risk.violations.find((v) => v.k === risk.k)!.records > 0 ? 'attention' : 'done';
      }
      case 'export':
        return this.exported ? 'done' : 'not-started';
      default: {
        const ids = new Set(this.methodsFor(task.id).map((m) => m.id));
        return this.history.some((h) => ids.has(h.id)) ? 'done' : 'not-started';
      }
    }
  }

  /** Run an action; an error becomes a notice and the data stays as it was. */
  async attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch (e) {
      if (e instanceof EngineError && e.code === 'CANCELLED') {
        this.tell({ kind: 'success', title: 'Cancelled', message: 'The work was cancelled. Your data is as it was before.' });
        return undefined;
      }
      const err = e instanceof EngineError ? e : new EngineError('INTERNAL', `Something went wrong: ${e instanceof Error ? e.message : String(e)}`);
      this.tell({ kind: 'error', title: CATALOGUE[err.code].title, message: err.message, hint: err.hint || undefined });
      return undefined;
    }
  }

  /**
   * Show a message about what an action did (NoticeBanner says it: an alert, or a polite live region), and move focus
   * to it, so a keyboard or screen-reader user is where the result is.
   */
  tell(notice: Notice, focus = true): void {
    this.notice = notice;
    if (focus) this.focus('notice');
  }

  /** Say something that has no message of its own on the page (a result ready) through the page's polite live region. */
  say(text: string): void {
    this.announcement = { text, n: this.announcement.n + 1 };
  }

  /** Move focus, once the page has updated, to the element with this id (it carries tabindex="-1"). */
  focus(id: string): void {
    void tick().then(() => document.getElementById(id)?.focus());
  }

  /** Confirm a download in the status line with its file name; an earlier message about an earlier action goes. */
  confirmSaved(text: string): void {
    if (this.notice?.kind === 'success') this.notice = null;
    this.saved = text;
  }

  /** Cancel the work in hand (the client never throws here). */
  async cancel(): Promise<void> {
    await this.client.cancel();
  }

  private take(state: EngineState): void {
    const changed = this.summary?.version !== state.summary.version;
    this.summary = state.summary;
    this.history = state.history;
    if (changed) {
      // Results about older versions can never be shown again: drop them.
      const version = state.summary.version;
      this.results = new Map([...this.results].filter(([, r]) => r.version === version));
      this.stopped = new Set();
    }
  }

  async open(files: NamedBlob[], request: OpenRequest): Promise<boolean> {
    const state = await this.attempt(() => this.client.open(files, request));
    if (!state) return false;
    this.take(state);
    this.exported = false;
    this.rolesConfirmed = false;
    this.saved = null;
    this.riskParams = null;
    const names = files.map((f) => f.name).join(', ');
    this.tell({
      kind: 'success',
      title: 'File opened',
      message: `${names}: ${plural(state.summary.rows, 'row')} and ${plural(state.summary.columns.length, 'column')}.`,
    });
    this.summariseSoon();
    return true;
  }

  /** Read the open files again with other input settings, keeping the roles and steps. */
  async reread(input: RecipeInput, message: string): Promise<boolean> {
    const state = await this.attempt(() => this.client.reread(input));
    if (!state) return false;
    this.take(state);
    this.tell({ kind: 'success', title: 'Read again', message });
    this.summariseSoon();
    return true;
  }

  async setRole(column: string, role: Role): Promise<void> {
    const state = await this.attempt(() => this.client.setRoles({ [column]: role }));
    if (state) this.take(state);
  }

  async apply(step: Step, secrets: Secrets = {}): Promise<boolean> {
    const state = await this.attempt(() => this.client.apply(step, secrets));
    if (!state) return false;
    this.take(state);
    this.tell({ kind: 'success', title: 'Step applied', message: state.history.at(-1)?.summary ?? '' });
    this.summariseSoon();
    return true;
  }

  async undo(): Promise<void> {
    const before = this.history.at(-1);
    const state = await this.attempt(() => this.client.undo());
    if (!state) return;
    this.take(state);
    this.tell({ kind: 'success', title: 'Undone', message: before ? `Undid: ${before.summary}` : 'Undone.' });
    this.summariseSoon();
  }

  /**
   * Run an analysis and keep its result under its parameters and the version it is
   * about. Returns the result when it is still about the current version.
   */
  async analyse<Id extends AnalysisId>(
    id: Id,
    params: AnalysisParams<Id>,
    options: AnalyseOptions = {},
    label?: string,
  ): Promise<AnalysisResult<Id> | undefined> {
    return (await this.analyseAny(id, params, options, label)) as AnalysisResult<Id> | undefined;
  }

  /** The same for an analysis named at run time (the generic forms). */
  async analyseAny(id: string, params: unknown, options: AnalyseOptions = {}, label?: string): Promise<unknown> {
    const key = resultKey(id, params, options);
    const same = this.inflight.get(key);
    if (same) return same;
    const run = (async () => {
      this.stopped = new Set([...this.stopped].filter((k) => k !== key));
      const outcome = await this.attempt(() => this.client.analyseAny(id, params, options, label ?? this.method('analysis', id)?.title ?? 'Working'));
      if (!outcome) {
        this.stopped = new Set([...this.stopped, key]);
        return undefined;
      }
      if (outcome.version !== this.summary?.version) return undefined;
      this.results = new Map([...this.results, [key, { version: outcome.version, result: outcome.result }]]);
      return outcome.result;
    })();
    this.inflight.set(key, run);
    try {
      return await run;
    } finally {
      this.inflight.delete(key);
    }
  }

  /** Analyses in hand, by key: asking again for one joins it. */
  private inflight = new Map<string, Promise<unknown>>();

  /** The result of an analysis with these parameters, if it is about the current version of the data. */
  resultFor<Id extends AnalysisId>(id: Id, params: AnalysisParams<Id>, options: AnalyseOptions = {}): AnalysisResult<Id> | null {
    return this.resultAny(id, params, options) as AnalysisResult<Id> | null;
  }

  resultAny(id: string, params: unknown, options: AnalyseOptions = {}): unknown {
    const stored = this.results.get(resultKey(id, params, options));
    return stored && stored.version === this.summary?.version ? stored.result : null;
  }

  /** Whether this analysis was cancelled or failed for the current version. */
  wasStopped<Id extends AnalysisId>(id: Id, params: AnalysisParams<Id>, options: AnalyseOptions = {}): boolean {
    return this.stopped.has(resultKey(id, params, options));
  }

  /** The last k-anonymity result, while it is about the current data. */
  get risk(): AnalysisResult<'k-anonymity'> | null {
    return this.riskParams ? this.resultFor('k-anonymity', this.riskParams) : null;
  }

  async measureRisk(params: AnalysisParams<'k-anonymity'>): Promise<void> {
    this.riskParams = params;
    await this.analyse('k-anonymity', params, {}, 'Counting key combinations');
  }

  /**
   * The Risk panel's measures, one analysis after another in the worker (each with
   * its progress and Cancel); a cancelled or failed one stops the rest, and what was
   * measured before it stays.
   */
  async measureAllRisk(request: RiskRequest): Promise<void> {
    this.riskRequest = request;
    const plan = riskPlan(request);
    this.riskParams = plan.kAnonymity;
    if (!(await this.analyse('k-anonymity', plan.kAnonymity, {}, 'Counting key combinations'))) return;
    if (!(await this.analyse('individual-risk', plan.individual, {}, 'Estimating individual risk'))) return;
    if (!(await this.analyse('risk-drivers', plan.drivers, {}, 'Trying each key dropped and coarsened'))) return;
    if (plan.lDiversity && !(await this.analyse('l-diversity', plan.lDiversity, {}, 'Measuring l-diversity'))) return;
    if (plan.tCloseness && !(await this.analyse('t-closeness', plan.tCloseness, {}, 'Measuring t-closeness'))) return;
    if (plan.suda2 && !(await this.analyse('suda2', plan.suda2, {}, 'Searching for minimal sample uniques (SUDA2)'))) return;
    if (plan.riskyCells) await this.analyse('risky-cells', plan.riskyCells, {}, 'Tabulating the key variables (risky cells)');
  }

  /** The results of the last risk request that are about the current data (null where not measured). */
  get riskResults(): RiskResults | null {
    const request = this.riskRequest;
    if (!request) return null;
    const plan = riskPlan(request);
    return {
      request,
      kAnonymity: this.resultFor('k-anonymity', plan.kAnonymity),
      individual: this.resultFor('individual-risk', plan.individual),
      drivers: this.resultFor('risk-drivers', plan.drivers),
      lDiversity: plan.lDiversity ? this.resultFor('l-diversity', plan.lDiversity) : null,
      tCloseness: plan.tCloseness ? this.resultFor('t-closeness', plan.tCloseness) : null,
      suda2: plan.suda2 ? this.resultFor('suda2', plan.suda2) : null,
      riskyCells: plan.riskyCells ? this.resultFor('risky-cells', plan.riskyCells) : null,
    };
  }

  /** Column summaries of the current data, started if not there yet. */
  async loadProfile(): Promise<void> {
    if (!this.loaded || this.resultFor('profile', {})) return;
    this.profiling = true;
    try {
      await this.analyse('profile', {}, {}, 'Summarising the columns');
    } finally {
      this.profiling = false;
    }
  }

  /** Whether the column summaries are being computed. */
  profiling = $state(false);
  private profileTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Start the column summaries in the background once the worker is free, so they are
   * ready on "Check the data" and for the other tasks; several steps applied in a row
   * start them once, after the last.
   */
  summariseSoon(): void {
    clearTimeout(this.profileTimer);
    this.profileTimer = setTimeout(() => {
      if (this.busy) this.summariseSoon();
      // Summaries the user cancelled are not started again behind their back: "Check the data" offers them.
      else if (!this.wasStopped('profile', {})) void this.loadProfile();
    }, 200);
  }

  /** The opened file's name without its extension, for naming downloads. */
  get fileStem(): string {
    return (this.summary?.files[0]?.name ?? 'extract').replace(/\.[^.]+$/, '');
  }

  /** Save the recipe (never the key) as `<file>-recipe.json`. */
  async downloadRecipe(): Promise<void> {
    const text = await this.attempt(() => this.client.recipeText());
    if (text === undefined) return;
    const name = `${this.fileStem}-recipe.json`;
    downloadBytes(new TextEncoder().encode(text), name, 'application/json');
    this.confirmSaved(`Saved the recipe as ${name}.`);
  }
}

/** What the Risk panel asks for: the choices of its form. */
export interface RiskRequest {
  keys: string[];
  weight: string | null;
  household: string | null;
  sensitive: string[];
  k: number;
  missing: 'matches-any' | 'own-category';
  suda: boolean;
  /** SUDA2's largest set size; null for all. */
  maxSize: number | null;
  /** Risky cells: tables of up to maxDim keys, cells of at most threshold records; null not to look. */
  riskyCells: { maxDim: number; threshold: number } | null;
}

export interface RiskResults {
  request: RiskRequest;
  kAnonymity: AnalysisResult<'k-anonymity'> | null;
  individual: AnalysisResult<'individual-risk'> | null;
  drivers: AnalysisResult<'risk-drivers'> | null;
  lDiversity: AnalysisResult<'l-diversity'> | null;
  tCloseness: AnalysisResult<'t-closeness'> | null;
  suda2: AnalysisResult<'suda2'> | null;
  riskyCells: AnalysisResult<'risky-cells'> | null;
}

/** The parameters of each analysis a risk request runs (the same object shapes each time, so results are found again). */
export function riskPlan(r: RiskRequest) {
  const weight = r.weight ? { weight: r.weight } : {};
  return {
    kAnonymity: { keys: r.keys, k: r.k, missing: r.missing, ...weight } as AnalysisParams<'k-anonymity'>,
    individual: { keys: r.keys, missing: r.missing, ...weight, ...(r.household ? { household: r.household } : {}) } as AnalysisParams<'individual-risk'>,
    drivers: { keys: r.keys, k: Math.max(2, r.k), missing: r.missing } as AnalysisParams<'risk-drivers'>,
    lDiversity: r.sensitive.length ? ({ keys: r.keys, sensitive: r.sensitive } as AnalysisParams<'l-diversity'>) : null,
    tCloseness: r.sensitive.length ? ({ keys: r.keys, sensitive: r.sensitive } as AnalysisParams<'t-closeness'>) : null,
    suda2: r.suda ? ({ keys: r.keys, ...(r.maxSize ? { maxSize: r.maxSize } : {}) } as AnalysisParams<'suda2'>) : null,
    riskyCells: r.riskyCells
      ? ({ keys: r.keys, maxDim: Math.min(r.riskyCells.maxDim, r.keys.length), threshold: [r.riskyCells.threshold] } as AnalysisParams<'risky-cells'>)
      : null,
  };
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;
}

export const app = new AppState();
