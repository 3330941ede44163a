import { EngineError } from './errors.ts';
import type { PartReader } from './io/read-part.ts';
import { createRandom, type Random } from './random.ts';

/** Progress at a chunk boundary: `done` of `total` units of the named step. */
export interface Progress {
  step: string;
  done: number;
  total: number;
}

/** A cancellation flag: the DOM's AbortSignal satisfies it, so does a plain object. */
export interface SignalLike {
  readonly aborted: boolean;
}

/**
 * What every step and analysis receives besides its data: the seeded random
 * stream, a progress callback, and `checkpoint()`, which yields to the event loop
 * (so a cancel request can arrive) and throws EngineError('CANCELLED') once cancel was asked.
 */
export interface RunContext {
  readonly random: Random;
  progress(step: string, done: number, total: number): void;
  checkpoint(): Promise<void>;
  /** Another thread to read part of a large file on, where the platform offers one. */
  readonly helper?: PartReader;
}

export interface RunContextOptions {
  seed?: number;
  onProgress?: (p: Progress) => void;
  signal?: SignalLike;
  helper?: PartReader;
}

/** The default seed, used when a recipe names none. */
export const DEFAULT_SEED = 20261125;

/**
 * Yield to the event loop so that a cancel request (a message) can arrive. A
 * MessageChannel round trip is not clamped the way nested setTimeout(0) is (4 ms
 * each in browsers), which would add seconds over a large file. (In Node, setImmediate
 * was measured: reading the 180 MB survey took 0.3 s longer with it.)
 */
const yieldToEventLoop: () => Promise<void> = (() => {
  if (typeof MessageChannel !== 'function') return () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  const channel = new MessageChannel();
  const port = channel.port1 as unknown as { onmessage: (() => void) | null; ref?: () => void; unref?: () => void };
  const waiting: (() => void)[] = [];
  // In Node an open port keeps the process alive: it is referenced only while someone waits on it.
  port.onmessage = () => {
    waiting.shift()?.();
    if (waiting.length === 0) port.unref?.();
  };
  port.unref?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length === 1) port.ref?.();
      channel.port2.postMessage(null);
    });
})();

export function createRunContext(options: RunContextOptions = {}): RunContext {
  const { onProgress, signal } = options;
  return {
    random: createRandom(options.seed ?? DEFAULT_SEED),
    ...(options.helper ? { helper: options.helper } : {}),
    progress: (step, done, total) => onProgress?.({ step, done, total }),
    async checkpoint() {
      if (signal?.aborted) throw new EngineError('CANCELLED');
      await yieldToEventLoop();
      if (signal?.aborted) throw new EngineError('CANCELLED');
    },
  };
}
