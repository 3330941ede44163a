/**
 * The main thread's side of the engine worker: spawn, call, progress, cancel,
 * and recovery. The UI talks to this and never to Comlink. It keeps the opened
 * files, how they were read, the roles and the steps (with their secrets, in
 * memory only), so that when the worker dies (an error, a message it cannot read,
 * no answer for a long time, or a cancel it ignored) every pending call is
 * rejected with one clear sentence, a new worker replays them, and the dataset,
 * the history and the export bytes are what they were. The version seen by the
 * page never goes backwards across a restart.
 */
import * as Comlink from 'comlink';
import { EngineError } from '../engine/errors.ts';
import type { EngineApi } from '../../workers/engine.worker.ts';
import {
  registerErrorTransfer,
  type AnalyseOptions,
  type AnalysisId,
  type AnalysisOutcome,
  type AnalysisParams,
  type AnalysisResult,
  type EngineState,
  type MethodInfo,
  type OpenRequest,
  type Progress,
  type RecipeInput,
  type Role,
  type RowPage,
  type Secrets,
  type Step,
} from '../../workers/protocol.ts';

export interface Busy {
  label: string;
  done: number;
  total: number;
}

/** A file to open: a browser File, or any Blob with a name (the bundled sample). */
export interface NamedBlob {
  name: string;
  blob: Blob;
}

/** What the client needs of a worker: a Comlink endpoint that can be ended and reports its death. */
export type WorkerLike = Comlink.Endpoint & { terminate(): void };

export interface ClientOptions {
  /** Make a worker (tests give one running in the same process). */
  spawn?: () => WorkerLike;
  /** Told after a new worker has replaced a lost one: the restored state, or the error that stopped the restore. */
  onRestored?: (outcome: { state: EngineState | null; error: EngineError | null }) => void;
  /** How often to check that a busy worker still answers, and how long it may stay silent. */
  heartbeatMs?: number;
  unresponsiveMs?: number;
  /** How long a cancelled job may take to stop before its worker is ended. */
  hardCancelMs?: number;
}

const PROGRESS_INTERVAL_MS = 100;

const LOST: Record<string, string> = {
  error: 'The engine stopped because of an error',
  messageerror: 'The engine received a message it could not read',
  unresponsive: 'The engine stopped answering',
  cancel: 'The work did not stop when asked',
};

interface Pending {
  label: string | null;
  busy: Busy;
  reject: (e: unknown) => void;
}

registerErrorTransfer();

/** Plain JSON data: Svelte state proxies and other objects cannot be cloned into a worker. */
function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export class EngineClient {
  private worker!: WorkerLike;
  private remote!: Comlink.Remote<EngineApi>;
  private opened: { files: NamedBlob[]; input: RecipeInput } | null = null;
  private roles: Record<string, Role> = {};
  private applied: { step: Step; secrets: Secrets }[] = [];
  private version = 0;
  private pending = new Map<number, Pending>();
  private nextId = 0;
  private restarting: Promise<void> | null = null;
  private ping: { sent: number } | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private readonly onBusy: (busy: Busy | null) => void;
  private readonly options: Required<Omit<ClientOptions, 'spawn' | 'onRestored'>> & Pick<ClientOptions, 'spawn' | 'onRestored'>;

  constructor(onBusy: (busy: Busy | null) => void, options: ClientOptions = {}) {
    this.onBusy = onBusy;
    this.options = { heartbeatMs: 2000, unresponsiveMs: 20_000, hardCancelMs: 500, ...options };
    this.spawn();
  }

  /** Rejects when the current worker fails (an error event or a message it cannot read). */
  private death!: Promise<never>;

  private spawn(): void {
    const worker =
      this.options.spawn?.() ??
      (new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'safe-extract-engine' }) as WorkerLike);
    let die!: (reason: keyof typeof LOST) => void;
    this.death = new Promise<never>((_, reject) => (die = (reason) => reject(new EngineError('WORKER_RESTARTED', LOST[reason]!, { reason }))));
    this.death.catch(() => {});
    const onFail = (reason: keyof typeof LOST) => () => {
      die(reason);
      void this.lost(worker, reason);
    };
    worker.addEventListener('error', onFail('error'));
    worker.addEventListener('messageerror', onFail('messageerror'));
    this.worker = worker;
    this.remote = Comlink.wrap<EngineApi>(worker);
  }

  /** Show the most recent labelled call in hand, or nothing. */
  private report(): void {
    const last = [...this.pending.values()].filter((p) => p.label !== null).at(-1);
    this.onBusy(last ? { ...last.busy } : null);
  }

  private startHeartbeat(): void {
    if (this.heartbeat !== null) return;
    this.heartbeat = setInterval(() => {
      if (this.pending.size === 0) {
        clearInterval(this.heartbeat!);
        this.heartbeat = null;
        this.ping = null;
        return;
      }
      const now = performance.now();
      if (this.ping) {
        if (now - this.ping.sent > this.options.unresponsiveMs) void this.lost(this.worker, 'unresponsive');
        return;
      }
      const ping = { sent: now };
      this.ping = ping;
      const worker = this.worker;
      this.remote.ping().then(
        () => {
          if (this.ping === ping && this.worker === worker) this.ping = null;
        },
        () => {},
      );
    }, this.options.heartbeatMs);
  }

  /**
   * Every call goes through here: it waits for a restart in hand, is tracked so that
   * a lost worker rejects it, and, when labelled, shows progress (throttled) in the
   * status line. Progress travels on its own port, so a late report is ignored.
   */
  private async call<T>(label: string | null, fn: (remote: Comlink.Remote<EngineApi>, progress: (p: Progress) => void) => Promise<T>): Promise<T> {
    if (this.restarting) await this.restarting;
    const id = this.nextId++;
    let last = 0;
    const progress = Comlink.proxy((p: Progress) => {
      const entry = this.pending.get(id);
      const now = performance.now();
      if (!entry || (now - last < PROGRESS_INTERVAL_MS && p.done < p.total)) return;
      last = now;
      entry.busy = { label: p.step || entry.busy.label, done: p.done, total: p.total };
      this.report();
    });
    try {
      return await new Promise<T>((resolve, reject) => {
        this.pending.set(id, { label, busy: { label: label ?? '', done: 0, total: 0 }, reject });
        this.startHeartbeat();
        if (label !== null) this.report();
        fn(this.remote, progress).then(resolve, reject);
      });
    } finally {
      this.pending.delete(id);
      if (label !== null) this.report();
    }
  }

  private take(state: EngineState): EngineState {
    this.version = Math.max(this.version, state.summary.version);
    return state;
  }

  private async bytesOf(files: readonly NamedBlob[]): Promise<{ name: string; bytes: Uint8Array }[]> {
    return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.blob.arrayBuffer()) })));
  }

  /** The methods of the registry, as plain data. */
  methods(): Promise<MethodInfo[]> {
    return this.call(null, (r) => r.methods());
  }

  /** Open files as a new dataset. If this fails, the dataset already loaded stays. */
  async open(files: NamedBlob[], request: OpenRequest): Promise<EngineState> {
    const state = await this.call('Reading', async (r, progress) => {
      const inputs = await this.bytesOf(files);
      return r.open(
        Comlink.transfer(
          inputs,
          inputs.map((i) => i.bytes.buffer as ArrayBuffer),
        ),
        plain(request),
        progress,
      );
    });
    this.opened = { files, input: state.summary.input };
    this.roles = Object.fromEntries(state.summary.columns.map((c) => [c.name, c.role]));
    this.applied = [];
    return this.take(state);
  }

  /**
   * Read the same files again with other input settings (a column's day-month order),
   * replaying the roles and steps; if any of it fails, everything stays as it was.
   */
  async reread(input: RecipeInput): Promise<EngineState> {
    if (!this.opened) throw new EngineError('NO_DATASET', 'No file is open.');
    const opened = this.opened;
    const state = await this.call('Reading', async (r, progress) => r.restore(await this.snapshot(opened.files, input), progress));
    this.opened = { files: opened.files, input: state.summary.input };
    return this.take(state);
  }

  async setRoles(roles: Record<string, Role>): Promise<EngineState> {
    const state = await this.call(null, (r) => r.setRoles(plain(roles)));
    this.roles = { ...this.roles, ...roles };
    return this.take(state);
  }

  async apply(step: Step, secrets: Secrets = {}): Promise<EngineState> {
    const request = plain(step);
    const state = await this.call('Applying', (r, progress) => r.apply(request, plain(secrets), progress));
    this.applied.push({ step: request, secrets: { ...secrets } });
    return this.take(state);
  }

  async undo(): Promise<EngineState> {
    const state = await this.call(null, (r) => r.undo());
    this.applied.pop();
    return this.take(state);
  }

  async state(): Promise<EngineState> {
    return this.take(await this.call(null, (r) => r.state()));
  }

  rows(start: number, count: number): Promise<RowPage> {
    return this.call(null, (r) => r.rows(start, count));
  }

  /** Run an analysis of the registry; the result's type follows from its id. */
  async analyse<Id extends AnalysisId>(
    id: Id,
    params: AnalysisParams<Id>,
    options: AnalyseOptions = {},
    label = 'Working',
  ): Promise<AnalysisOutcome<AnalysisResult<Id>>> {
    // The registry types the result by id; the worker checks the parameters and runs the same definition.
    return (await this.analyseAny(id, params, options, label)) as AnalysisOutcome<AnalysisResult<Id>>;
  }

  /** An analysis named at run time (the generic forms): the result is plain data of the analysis's own shape. */
  analyseAny(id: string, params: unknown, options: AnalyseOptions = {}, label = 'Working'): Promise<AnalysisOutcome> {
    return this.call(label, (r, progress) => r.analyse(id, plain(params), plain(options), progress));
  }

  exportData(format: string, params: Record<string, unknown> = {}): Promise<Uint8Array> {
    return this.call(`Writing ${format === 'csv' ? 'CSV' : format === 'arrow' ? 'Arrow' : format}`, (r, progress) =>
      r.exportData(format, plain(params), progress),
    );
  }

  recipeText(): Promise<string> {
    return this.call(null, (r) => r.recipeText());
  }

  /**
   * Cancel the work in hand: ask the worker to stop at its next checkpoint; if it
   * has not stopped after half a second, end it and replay in a new one. Never throws:
   * what a restore meets is reported through `onRestored`.
   */
  async cancel(): Promise<void> {
    const ids = [...this.pending.entries()].filter(([, p]) => p.label !== null).map(([id]) => id);
    if (ids.length === 0) return;
    this.remote.cancel().catch(() => {});
    await new Promise((r) => setTimeout(r, this.options.hardCancelMs));
    const stuck = ids.filter((id) => this.pending.has(id));
    if (stuck.length > 0) await this.lost(this.worker, 'cancel', stuck);
  }

  private async snapshot(files: readonly NamedBlob[], input: RecipeInput) {
    const inputs = await this.bytesOf(files);
    return Comlink.transfer(
      {
        files: inputs,
        input: plain(input),
        roles: { ...this.roles },
        steps: this.applied.map((a) => ({ step: a.step, secrets: { ...a.secrets } })),
        version: this.version,
      },
      inputs.map((i) => i.bytes.buffer as ArrayBuffer),
    );
  }

  /**
   * A worker is lost: end it, reject every call in hand (the cancelled ones as
   * cancelled, the others with the reason), start a new worker and bring it to where
   * the lost one was.
   */
  private lost(worker: WorkerLike, reason: keyof typeof LOST, cancelled: number[] = []): Promise<void> {
    if (worker !== this.worker) return this.restarting ?? Promise.resolve();
    if (this.restarting) return this.restarting;
    const sentence = `${LOST[reason]}, so it was restarted: your data and steps are as they were before this work began.`;
    this.restarting = (async () => {
      worker.terminate();
      for (const [id, p] of this.pending) {
        p.reject(cancelled.includes(id) ? new EngineError('CANCELLED') : new EngineError('WORKER_RESTARTED', sentence, { reason }));
      }
      this.pending.clear();
      this.ping = null;
      if (this.opened) this.onBusy({ label: 'Restarting the engine and restoring your data', done: 0, total: 0 });
      else this.report();
      let state: EngineState | null = null;
      let error: EngineError | null = null;
      // A worker that dies while restoring is replaced once more; then the error is reported.
      for (let attempt = 0; attempt < 2; attempt++) {
        if (attempt > 0) this.worker.terminate();
        this.spawn();
        if (!this.opened) break;
        try {
          const snapshot = await this.snapshot(this.opened.files, this.opened.input);
          state = this.take(await Promise.race([this.remote.restore(snapshot), this.death]));
          error = null;
          break;
        } catch (e) {
          error = e instanceof EngineError ? e : new EngineError('INTERNAL', `The data could not be restored: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      this.options.onRestored?.({ state, error });
    })().finally(() => {
      this.restarting = null;
      this.report();
    });
    return this.restarting;
  }
}
