/** The CLI's helper thread: a Node worker thread running the CLI's own script, which reads file parts. */
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { channelPartReader, serveParts } from '../engine/io/part-channel.ts';
import type { PartReader } from '../engine/io/read-part.ts';

/** Whether this thread is a helper (the script was started as a worker thread to read parts). */
export const isHelperThread = !isMainThread && parentPort !== null;

/** A reader of file parts on a worker thread that runs `script` (the CLI bundle itself). */
export function threadPartReader(script: URL): PartReader {
  return channelPartReader(() => {
    const worker = new Worker(script);
    return {
      postMessage: (message, transfer) => worker.postMessage(message, transfer),
      listen: (handler) => worker.on('message', handler),
      // An idle helper must not keep the process alive.
      busy: (busy) => (busy ? worker.ref() : worker.unref()),
    };
  });
}

/** Serve parts for the thread that started this one. */
export function runHelperThread(): void {
  const port = parentPort!;
  port.on(
    'message',
    serveParts((message, transfer) => port.postMessage(message, transfer)),
  );
}
