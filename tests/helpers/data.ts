/** Test helpers: reading ../shared/data files into Datasets through the real reader. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRunContext } from '../../src/engine/context.ts';
import { readDelimited, type ReadOptions } from '../../src/engine/io/read-delimited.ts';
import type { Dataset } from '../../src/engine/table/dataset.ts';

export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export function sharedBytes(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(SHARED_DATA + relative));
}

export async function readShared(relative: string, options: ReadOptions = {}): Promise<Dataset> {
  const { dataset } = await readDelimited([{ name: relative.split('/').pop()!, bytes: sharedBytes(relative) }], options, createRunContext());
  return dataset;
}

export async function readText(text: string, name = 'test.csv', options: ReadOptions = {}): Promise<Dataset> {
  const { dataset } = await readDelimited([{ name, bytes: new TextEncoder().encode(text) }], options, createRunContext());
  return dataset;
}

/** Parse a small CSV written by R's write.csv (no embedded commas in numbers) into rows of strings. */
export function readRCsv(relative: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(SHARED_DATA + relative, 'utf8')
    .trim()
    .split(/\r?\n/);
  const names = head!.split(',').map((s) => s.replace(/^"|"$/g, ''));
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, j) => [names[j]!, v.replace(/^"|"$/g, '')])));
}
