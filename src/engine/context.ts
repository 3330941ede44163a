import { EngineError } from './errors.ts';
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
}

export interface RunContextOptions {
  seed?: number;
  onProgress?: (p: Progress) => void;
  signal?: SignalLike;
}

/** The default seed, used when a recipe names none. */
export const DEFAULT_SEED = 20261125;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function createRunContext(options: RunContextOptions = {}): RunContext {
  const { onProgress, signal } = options;
  return {
    random: createRandom(options.seed ?? DEFAULT_SEED),
    progress: (step, done, total) => onProgress?.({ step, done, total }),
    async checkpoint() {
      if (signal?.aborted) throw new EngineError('CANCELLED');
      await yieldToEventLoop();
      if (signal?.aborted) throw new EngineError('CANCELLED');
    },
  };
}
