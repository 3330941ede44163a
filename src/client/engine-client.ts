/**
 * The main thread's side of the engine worker: spawn, call, progress, cancel.
 * The UI talks to this and never to Comlink. It keeps the opened files, the
 * roles and the steps, so that if the worker dies or ignores a cancel, a new
 * worker replays them and nothing is lost.
 */
import * as Comlink from 'comlink';
import { EngineError } from '../engine/errors.ts';
import type { EngineApi } from '../../workers/engine.worker.ts';
import {
  registerErrorTransfer,
  type ColumnProfile,
  type EngineState,
  type ExportFormat,
  type KAnonymityOptions,
  type KAnonymityReport,
  type Progress,
  type ReadOptions,
  type Role,
  type RowPage,
  type Secrets,
  type Step,
  type StepInfo,
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

const HARD_CANCEL_MS = 500;
const PROGRESS_INTERVAL_MS = 100;

registerErrorTransfer();

export class EngineClient {
  private worker!: Worker;
  private remote!: Comlink.Remote<EngineApi>;
  private opened: { files: NamedBlob[]; options: ReadOptions } | null = null;
  private roles: Record<string, Role> = {};
  private applied: { step: Step; secrets: Secrets }[] = [];
  /** The calls in hand, by id: their progress and how to fail them on a hard cancel. */
  private running = new Map<number, { busy: Busy; reject: (e: unknown) => void }>();
  private nextId = 0;
  private onBusy: (busy: Busy | null) => void;

  constructor(onBusy: (busy: Busy | null) => void) {
    this.onBusy = onBusy;
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'safe-extract-engine' });
    this.remote = Comlink.wrap<EngineApi>(this.worker);
  }

  /** Show the most recent call in hand, or nothing. */
  private report(): void {
    const last = [...this.running.values()].at(-1);
    this.onBusy(last ? { ...last.busy } : null);
  }

  /**
   * Run a call with progress reported to onBusy (throttled) and cancellable. Progress
   * travels on its own port, so a report can arrive after the result: it is ignored then.
   */
  private async run<T>(label: string, call: (progress: (p: Progress) => void) => Promise<T>): Promise<T> {
    const id = this.nextId++;
    let last = 0;
    const progress = Comlink.proxy((p: Progress) => {
      const entry = this.running.get(id);
      const now = performance.now();
      if (!entry || (now - last < PROGRESS_INTERVAL_MS && p.done < p.total)) return;
      last = now;
      entry.busy = { label: p.step || label, done: p.done, total: p.total };
      this.report();
    });
    try {
      return await new Promise<T>((resolve, reject) => {
        this.running.set(id, { busy: { label, done: 0, total: 0 }, reject });
        this.report();
        call(progress).then(resolve, reject);
      });
    } finally {
      this.running.delete(id);
      this.report();
    }
  }

  private async bytesOf(files: readonly NamedBlob[]): Promise<{ name: string; bytes: Uint8Array }[]> {
    return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.blob.arrayBuffer()) })));
  }

  /** Open files as a new dataset. If this fails, the dataset already loaded stays. */
  async open(files: NamedBlob[], options: ReadOptions): Promise<EngineState> {
    const state = await this.run('Reading', async (progress) => {
      const inputs = await this.bytesOf(files);
      return this.remote.open(
        Comlink.transfer(
          inputs,
          inputs.map((i) => i.bytes.buffer as ArrayBuffer),
        ),
        options,
        progress,
      );
    });
    this.opened = { files, options };
    this.roles = Object.fromEntries(state.summary.columns.map((c) => [c.name, c.role]));
    this.applied = [];
    return state;
  }

  async setRoles(roles: Record<string, Role>): Promise<EngineState> {
    const state = await this.remote.setRoles(roles);
    this.roles = { ...this.roles, ...roles };
    return state;
  }

  async apply(step: Step, secrets: Secrets = {}): Promise<EngineState> {
    const state = await this.run('Applying', (progress) => this.remote.apply(step, secrets, progress));
    this.applied.push({ step, secrets });
    return state;
  }

  async undo(): Promise<EngineState> {
    const state = await this.remote.undo();
    this.applied.pop();
    return state;
  }

  state(): Promise<EngineState> {
    return this.remote.state();
  }

  rows(start: number, count: number): Promise<RowPage> {
    return this.remote.rows(start, count);
  }

  profile(): Promise<ColumnProfile[]> {
    return this.run('Summarising columns', (progress) => this.remote.profile(progress));
  }

  kAnonymity(options: KAnonymityOptions): Promise<KAnonymityReport> {
    return this.run('Counting key combinations', () => this.remote.kAnonymity(options));
  }

  exportData(format: ExportFormat): Promise<Uint8Array> {
    return this.run(format === 'csv' ? 'Writing CSV' : 'Writing Arrow', (progress) => this.remote.exportData(format, progress));
  }

  recipeText(): Promise<string> {
    return this.remote.recipeText();
  }

  steps(): Promise<StepInfo[]> {
    return this.remote.steps();
  }

  /**
   * Cancel the work in hand: ask the worker to stop at its next checkpoint; if it
   * has not stopped after half a second, end it and start a new one that replays
   * the opened files, roles and steps.
   */
  async cancel(): Promise<void> {
    const ids = [...this.running.keys()];
    if (ids.length === 0) return;
    void this.remote.cancel();
    await new Promise((r) => setTimeout(r, HARD_CANCEL_MS));
    const stuck = ids.filter((id) => this.running.has(id));
    if (stuck.length === 0) return;
    this.worker.terminate();
    for (const id of stuck) this.running.get(id)?.reject(new EngineError('CANCELLED'));
    this.spawn();
    await this.replay();
  }

  /** Bring a fresh worker back to where the last one was. */
  private async replay(): Promise<void> {
    if (!this.opened) return;
    const inputs = await this.bytesOf(this.opened.files);
    await this.remote.open(
      Comlink.transfer(
        inputs,
        inputs.map((i) => i.bytes.buffer as ArrayBuffer),
      ),
      this.opened.options,
    );
    await this.remote.setRoles(this.roles);
    for (const { step, secrets } of this.applied) await this.remote.apply(step, secrets);
  }
}
