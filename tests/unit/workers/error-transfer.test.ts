/**
 * Errors cross the worker boundary by one path: every code of the catalogue, sent
 * through Comlink over a real MessageChannel, arrives with its code, message and
 * details; anything else arrives as the EngineError toEngineError makes of it.
 */
import * as Comlink from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGUE, EngineError, type ErrorCode } from '../../../src/engine/errors.ts';
import { registerErrorTransfer } from '../../../workers/protocol.ts';

registerErrorTransfer();

const { port1, port2 } = new MessageChannel();
const thrower = {
  async fail(what: 'engine' | 'oom' | 'type' | 'string', code?: ErrorCode): Promise<never> {
    if (what === 'engine') throw new EngineError(code!, `message for ${code}`, { file: 'a.csv', row: 3, list: ['x', 'y'], flag: true, none: null });
    if (what === 'oom') throw new RangeError('Array buffer allocation failed');
    if (what === 'type') throw new TypeError("Cannot read properties of undefined (reading 'x')");
    throw 'a bare string';
  },
};
Comlink.expose(thrower, port2 as unknown as Comlink.Endpoint);
const remote = Comlink.wrap<typeof thrower>(port1 as unknown as Comlink.Endpoint);
afterAll(() => {
  port1.close();
  port2.close();
});

async function caught(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    return e as EngineError;
  }
  throw new Error('expected a rejection');
}

describe('errors across a real MessageChannel', () => {
  for (const code of Object.keys(CATALOGUE) as ErrorCode[]) {
    it(`${code} keeps its code, message and details`, async () => {
      const e = await caught(remote.fail('engine', code));
      expect(e).toBeInstanceOf(EngineError);
      expect({ code: e.code, message: e.message, details: e.details }).toEqual({
        code,
        message: `message for ${code}`,
        details: { file: 'a.csv', row: 3, list: ['x', 'y'], flag: true, none: null },
      });
      expect(e.hint).toBe(CATALOGUE[code].hint);
    });
  }

  it('an out-of-memory RangeError arrives as FILE_TOO_LARGE with its cause', async () => {
    const e = await caught(remote.fail('oom'));
    expect(e.code).toBe('FILE_TOO_LARGE');
    expect(e.details.cause).toBe('Array buffer allocation failed');
  });

  it('any other error arrives as INTERNAL with its cause, and so does a thrown string', async () => {
    const e = await caught(remote.fail('type'));
    expect(e.code).toBe('INTERNAL');
    expect(e.details.cause).toBe("Cannot read properties of undefined (reading 'x')");
    const s = await caught(remote.fail('string'));
    expect(s.code).toBe('INTERNAL');
    expect(s.details.cause).toBe('a bare string');
  });
});
