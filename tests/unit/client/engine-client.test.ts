/**
 * The client with workers that run in this process (the real engine API behind a
 * real MessageChannel): a worker that fails in the middle of a step, or stops
 * answering, is replaced; what was pending is rejected with one clear sentence; and
 * the new worker arrives at the same dataset, history and export bytes, with a
 * version that does not go backwards.
 */
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { EngineClient, type WorkerLike } from '../../../src/client/engine-client.ts';
import type { EngineState } from '../../../workers/protocol.ts';
import { createEngineApi } from '../../../workers/engine-api.ts';
import { sharedBytes } from '../../helpers/data.ts';

interface FakeWorker extends WorkerLike {
  /** Fire the worker's error event, as an uncaught exception in a real worker does. */
  crash(): void;
  /** Stop answering anything, as a worker stuck in a loop. */
  freeze(): void;
  terminated: boolean;
}

function inProcessWorker(): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  const api = createEngineApi();
  Comlink.expose(api, port2 as unknown as Comlink.Endpoint);
  const errorListeners: ((e: unknown) => void)[] = [];
  let frozen = false;
  const worker: FakeWorker = {
    terminated: false,
    postMessage: (message: unknown, transfer?: Transferable[]) => {
      if (!frozen && !worker.terminated) port1.postMessage(message, transfer as never);
    },
    addEventListener: (type: string, listener: EventListenerOrEventListenerObject) => {
      if (type === 'message') port1.addEventListener('message', listener as never);
      else errorListeners.push(listener as (e: unknown) => void);
    },
    removeEventListener: (type: string, listener: EventListenerOrEventListenerObject) => {
      if (type === 'message') port1.removeEventListener('message', listener as never);
    },
    start: () => port1.start(),
    terminate: () => {
      worker.terminated = true;
      port1.close();
      port2.close();
    },
    crash: () => errorListeners.forEach((l) => l(new Event('error'))),
    freeze: () => {
      frozen = true;
    },
  };
  return worker;
}

const file = (path: string, name: string) => ({ name, blob: new Blob([sharedBytes(path) as Uint8Array<ArrayBuffer>]) });

function setup(options: { unresponsiveMs?: number; heartbeatMs?: number } = {}) {
  const workers: FakeWorker[] = [];
  const restored: { state: EngineState | null; error: unknown }[] = [];
  const client = new EngineClient(() => {}, {
    spawn: () => {
      const w = inProcessWorker();
      workers.push(w);
      return w;
    },
    onRestored: (o) => restored.push(o),
    ...options,
  });
  return { client, workers, restored };
}

describe('a worker that dies loses nothing', () => {
  it('fails in the middle of a step: the step is rejected with one sentence, the history, rows and export are as before', async () => {
    const { client, workers, restored } = setup();
    await client.open([file('sdcmicro/testdata.csv', 'testdata.csv')], { settings: { csv: { missing: ['NA'] } } });
    await client.apply({ id: 'top-bottom-code', params: { column: 'age', top: 80 } });
    await client.apply({ id: 'pseudonymise', params: { columns: ['ori_hid'] } }, { key: 'k' });
    const before = await client.state();
    const rowsBefore = await client.rows(0, 100);
    const exportBefore = await client.exportData('csv');

    const step = client.apply({ id: 'recode', params: { column: 'income', breaks: [0, 1e5, 1e9] } });
    workers[0]!.crash();
    await expect(step).rejects.toMatchObject({ code: 'WORKER_RESTARTED', message: expect.stringMatching(/restarted: your data and steps are as they were/) });

    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    const after = await client.state();
    expect(restored).toHaveLength(1);
    expect(restored[0]!.error).toBeNull();
    expect(after.history).toEqual(before.history);
    expect({ ...after.summary, version: 0 }).toEqual({ ...before.summary, version: 0 });
    expect(after.summary.version).toBeGreaterThan(before.summary.version);
    expect(await client.rows(0, 100)).toEqual(rowsBefore);
    expect(Buffer.from(await client.exportData('csv')).equals(Buffer.from(exportBefore))).toBe(true);
    // The new worker takes the next step as the old one would have.
    const next = await client.apply({ id: 'recode', params: { column: 'income', breaks: [0, 1e5, 1e9] } });
    expect(next.history.map((h) => h.id)).toEqual(['top-bottom-code', 'pseudonymise', 'recode']);
  });

  it('stops answering: after the silence allowed, what was pending is rejected and a new worker takes over', async () => {
    const { client, workers } = setup({ heartbeatMs: 20, unresponsiveMs: 400 });
    await client.open([file('sdcmicro/testdata.csv', 'testdata.csv')], { settings: { csv: { missing: ['NA'] } } });
    const before = await client.state();
    workers[0]!.freeze();
    const pending = client.analyse('profile', {});
    await expect(pending).rejects.toMatchObject({ code: 'WORKER_RESTARTED', details: { reason: 'unresponsive' } });
    const after = await client.state();
    expect(workers).toHaveLength(2);
    expect(after.summary.rows).toBe(before.summary.rows);
    expect(after.summary.version).toBeGreaterThan(before.summary.version);
  });

  it('a cancelled analysis stops at its next checkpoint, with no restart, and the dataset stays', async () => {
    const { client, workers } = setup();
    await client.open([file('sdcmicro/testdata.csv', 'testdata.csv')], { settings: { csv: { missing: ['NA'] } } });
    const before = await client.state();
    const running = expect(client.analyse('profile', {})).rejects.toMatchObject({ code: 'CANCELLED' });
    await client.cancel();
    await running;
    expect(workers).toHaveLength(1);
    expect(await client.state()).toEqual(before);
  });

  it('a crash while nothing is open leaves a fresh worker and reports no error', async () => {
    const { client, workers, restored } = setup();
    workers[0]!.crash();
    await expect(client.state()).rejects.toMatchObject({ code: 'NO_DATASET' });
    expect(workers).toHaveLength(2);
    expect(restored).toEqual([{ state: null, error: null }]);
  });
});
