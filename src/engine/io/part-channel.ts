/**
 * The two ends of a helper that reads file parts on another thread, over any
 * postMessage-style channel: a Web Worker in the browser, a worker thread in Node.
 * The part's bytes go over and its columns come back transferred, not copied.
 */
import { partBuffers, readPart, type PartReader, type PartResult, type PartTask } from './read-part.ts';

/** The side of a channel the reading thread holds. */
export interface ChannelLike {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  /** Called with each message's data. */
  listen(handler: (data: unknown) => void): void;
  /** Whether the helper is wanted now (Node lets the process exit while it is not). */
  busy?(busy: boolean): void;
}

interface Reply {
  id: number;
  result?: PartResult;
  error?: string;
}

/** A PartReader that sends each part to the helper at the other end of the channel, started on first use by `open`. */
export function channelPartReader(open: () => ChannelLike): PartReader {
  let channel: ChannelLike | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (r: PartResult) => void; reject: (e: Error) => void }>();
  const connect = (): ChannelLike => {
    if (channel !== null) return channel;
    const c = open();
    c.listen((data) => {
      const reply = data as Reply;
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (waiting.size === 0) c.busy?.(false);
      if (reply.result) pending?.resolve(reply.result);
      else pending?.reject(new Error(reply.error ?? 'The helper thread gave no result.'));
    });
    c.busy?.(false);
    channel = c;
    return c;
  };
  return {
    warm: () => void connect(),
    readPart(task: PartTask): Promise<PartResult> {
      const c = connect();
      const id = next++;
      c.busy?.(true);
      return new Promise<PartResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        c.postMessage({ id, task }, [task.bytes.buffer as ArrayBuffer]);
      });
    },
  };
}

/** The helper's side: read each part that arrives and send its columns back. */
export function serveParts(post: (message: unknown, transfer: ArrayBuffer[]) => void): (data: unknown) => void {
  return (data) => {
    const { id, task } = data as { id: number; task: PartTask };
    try {
      const result = readPart(task);
      post({ id, result }, partBuffers(result));
    } catch (e) {
      post({ id, error: e instanceof Error ? e.message : String(e) }, []);
    }
  };
}
