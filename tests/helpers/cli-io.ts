/**
 * A CliIo over an in-memory file map, for running the CLI in-process: what it writes
 * stays in `files`; paths not in the map are read from disk relative to the project root.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../src/cli/main.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface FakeIo extends CliIo {
  files: Map<string, Uint8Array | string>;
  out: () => string;
  err: () => string;
  prompts: string[];
}

export function fakeIo(options: { files?: Record<string, string>; env?: Record<string, string>; prompt?: string | null } = {}): FakeIo {
  const files = new Map<string, Uint8Array | string>(Object.entries(options.files ?? {}));
  let out = '';
  let err = '';
  const prompts: string[] = [];
  return {
    files,
    out: () => out,
    err: () => err,
    prompts,
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => {
      const v = files.get(p);
      if (v !== undefined) return typeof v === 'string' ? new TextEncoder().encode(v) : v;
      return new Uint8Array(readFileSync(resolve(ROOT, p)));
    },
    writeFile: (p, b) => void files.set(p, b),
    env: options.env ?? {},
    promptSecret: async (q) => {
      prompts.push(q);
      return options.prompt ?? null;
    },
  };
}
