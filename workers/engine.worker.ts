/// <reference lib="webworker" />
/**
 * The engine's Web Worker. It holds the working dataset; the page asks it for
 * what it shows. Network APIs are removed at start-up as a second line of defence
 * behind the Content-Security-Policy: nothing in here may reach the network.
 */
import * as Comlink from 'comlink';
import { createEngineApi } from './engine-api.ts';
import { registerErrorTransfer } from './protocol.ts';

const scope = self as unknown as Record<string, unknown>;
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport']) {
  try {
    Object.defineProperty(scope, name, { value: undefined, configurable: false, writable: false });
  } catch {
    // Some of these do not exist in every browser; there is nothing to remove then.
  }
}

registerErrorTransfer();
const api = createEngineApi();

/** Exports are handed over, not copied: the buffer moves to the page. */
const exposed = {
  ...api,
  async exportData(...args: Parameters<typeof api.exportData>): Promise<Uint8Array> {
    const bytes = await api.exportData(...args);
    const standalone = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    return Comlink.transfer(standalone, [standalone.buffer as ArrayBuffer]);
  },
};

Comlink.expose(exposed);
export type EngineApi = typeof exposed;
