/**
 * The app's shared state: what the worker last reported, the task in view,
 * the work in hand and the last error. Large results are $state.raw, so they
 * are not wrapped in deep proxies.
 */
import { EngineClient, type Busy, type NamedBlob } from '../../client/engine-client.ts';
import { CATALOGUE, EngineError } from '../../engine/errors.ts';
import { downloadBytes } from '../download.ts';
import type {
  ColumnProfile,
  EngineState,
  HistoryEntry,
  KAnonymityReport,
  ReadOptions,
  Role,
  Secrets,
  Step,
  DatasetSummary,
} from '../../../workers/protocol.ts';

export type TaskId = 'import' | 'check' | 'clean' | 'impute' | 'identifiers' | 'risk' | 'protect' | 'tables' | 'export';

export interface TaskInfo {
  id: TaskId;
  title: string;
  available: boolean;
}

export const TASKS: readonly TaskInfo[] = [
  { id: 'import', title: 'Import', available: true },
  { id: 'check', title: 'Check the data', available: true },
  { id: 'clean', title: 'Clean', available: false },
  { id: 'impute', title: 'Fill gaps', available: false },
  { id: 'identifiers', title: 'Identifiers', available: true },
  { id: 'risk', title: 'Risk', available: true },
  { id: 'protect', title: 'Protect', available: false },
  { id: 'tables', title: 'Tables', available: false },
  { id: 'export', title: 'Export', available: true },
];

export type TaskStatus = 'not-started' | 'in-progress' | 'done' | 'attention' | 'unavailable';

export interface Notice {
  kind: 'error' | 'success';
  title: string;
  message: string;
  hint?: string;
}

export class AppState {
  task = $state<TaskId>('import');
  busy = $state<Busy | null>(null);
  notice = $state<Notice | null>(null);
  summary = $state.raw<DatasetSummary | null>(null);
  history = $state.raw<HistoryEntry[]>([]);
  profile = $state.raw<ColumnProfile[] | null>(null);
  risk = $state.raw<KAnonymityReport | null>(null);
  visited = $state<Set<TaskId>>(new Set(['import']));
  exported = $state(false);
  /** The pseudonymisation key: held in memory only, never saved or sent. */
  key = $state('');
  readonly client: EngineClient;

  constructor() {
    this.client = new EngineClient((busy) => (this.busy = busy));
  }

  get loaded(): boolean {
    return this.summary !== null;
  }

  go(task: TaskId): void {
    if (this.notice?.kind === 'success') this.notice = null;
    this.task = task;
    this.visited = new Set([...this.visited, task]);
  }

  status(task: TaskInfo): TaskStatus {
    if (!task.available) return 'unavailable';
    switch (task.id) {
      case 'import':
        return this.loaded ? 'done' : 'in-progress';
      case 'check':
        return !this.loaded ? 'not-started' : this.visited.has('check') ? 'done' : 'not-started';
      case 'identifiers': {
        if (!this.loaded) return 'not-started';
        const direct = this.summary!.columns.filter((c) => c.role === 'direct').length;
        if (direct > 0) return 'attention';
        return this.history.length > 0 || this.visited.has('identifiers') ? 'done' : 'not-started';
      }
      case 'risk':
        if (!this.risk) return 'not-started';
        return this.risk.violations.find((v) => v.k === this.risk!.k)!.records > 0 ? 'attention' : 'done';
      case 'export':
        return this.exported ? 'done' : 'not-started';
      default:
        return 'not-started';
    }
  }

  /** Run an action; an error becomes a notice and the data stays as it was. */
  async attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await action();
      return result;
    } catch (e) {
      if (e instanceof EngineError && e.code === 'CANCELLED') {
        this.notice = { kind: 'success', title: 'Cancelled', message: 'The work was cancelled. Your data is as it was before.' };
        return undefined;
      }
      const err = e instanceof EngineError ? e : new EngineError('INTERNAL', `Something went wrong: ${e instanceof Error ? e.message : String(e)}`);
      this.notice = { kind: 'error', title: CATALOGUE[err.code].title, message: err.message, hint: err.hint || undefined };
      return undefined;
    }
  }

  private take(state: EngineState): void {
    const changed = this.summary?.version !== state.summary.version;
    this.summary = state.summary;
    this.history = state.history;
    if (changed) {
      this.profile = null;
      this.risk = null;
    }
  }

  async open(files: NamedBlob[], options: ReadOptions): Promise<boolean> {
    const state = await this.attempt(() => this.client.open(files, options));
    if (!state) return false;
    this.take(state);
    this.exported = false;
    const names = files.map((f) => f.name).join(', ');
    this.notice = {
      kind: 'success',
      title: 'File opened',
      message: `${names}: ${plural(state.summary.rows, 'row')} and ${plural(state.summary.columns.length, 'column')}.`,
    };
    return true;
  }

  async setRole(column: string, role: Role): Promise<void> {
    const state = await this.attempt(() => this.client.setRoles({ [column]: role }));
    if (state) {
      this.summary = state.summary;
      this.risk = null;
    }
  }

  async apply(step: Step, secrets: Secrets = {}): Promise<boolean> {
    const state = await this.attempt(() => this.client.apply(step, secrets));
    if (!state) return false;
    this.take(state);
    this.notice = { kind: 'success', title: 'Step applied', message: state.history.at(-1)?.summary ?? '' };
    return true;
  }

  async undo(): Promise<void> {
    const before = this.history.at(-1);
    const state = await this.attempt(() => this.client.undo());
    if (!state) return;
    this.take(state);
    this.notice = { kind: 'success', title: 'Undone', message: before ? `Undid: ${before.summary}` : 'Undone.' };
  }

  /** The opened file's name without its extension, for naming downloads. */
  get fileStem(): string {
    return (this.summary?.files[0]?.name ?? 'extract').replace(/\.[^.]+$/, '');
  }

  /** Save the recipe (never the key) as `<file>-recipe.json`. */
  async downloadRecipe(): Promise<void> {
    const text = await this.attempt(() => this.client.recipeText());
    if (text !== undefined) downloadBytes(new TextEncoder().encode(text), `${this.fileStem}-recipe.json`, 'application/json');
  }

  async loadProfile(): Promise<void> {
    if (!this.loaded || this.profile) return;
    const profile = await this.attempt(() => this.client.profile());
    if (profile) this.profile = profile;
  }

  async measureRisk(keys: string[], weight: string | null, k: number): Promise<void> {
    const report = await this.attempt(() => this.client.kAnonymity({ keys, weight, k }));
    if (report) this.risk = report;
  }
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;
}

export const app = new AppState();
