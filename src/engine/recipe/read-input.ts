import type { RunContext } from '../context.ts';
import { EngineError } from '../errors.ts';
import type { InputFile, ReadResult } from './method.ts';
import { parseParams } from './params.ts';
import type { RecipeInput } from './recipe.ts';
import { readerDefinition, readerFor } from './registry.ts';
import { paramFailure } from './run-step.ts';

export interface InputRead extends ReadResult {
  /** The input settings to record in a recipe: the reader, its settings, and what it detected that a replay must repeat. */
  input: RecipeInput & { format: string };
}

/**
 * Read files through the registry: the reader named by `input.format`, or the one
 * the first file's bytes and name point to (readerFor). Every file must be of that
 * format. The settings are checked against the reader's parameters.
 * @throws EngineError UNKNOWN_FORMAT, BAD_PARAMS, and the reader's own errors
 */
export async function readInput(files: readonly InputFile[], input: RecipeInput, ctx: RunContext): Promise<InputRead> {
  if (files.length === 0) throw new EngineError('BAD_PARAMS', 'No file was given.');
  const { format, ...settings } = input;
  const reader = format !== undefined ? readerDefinition(String(format)) : readerFor(files[0]!.name, files[0]!.bytes);
  for (const f of files) {
    const own = readerFor(f.name, f.bytes);
    if (own.sniff(f.bytes) && own.id !== reader.id) {
      throw new EngineError('BAD_PARAMS', `"${f.name}" is ${own.title.toLowerCase()}, but it is being read as ${reader.title.toLowerCase()}.`, {
        file: f.name,
        format: own.id,
      });
    }
  }
  const params = parseParams(reader.params, settings, paramFailure('file format', reader.id));
  const result = await reader.read(files, params, ctx);
  const detected = result.detected;
  const merged: Record<string, unknown> = { ...params };
  for (const [k, v] of Object.entries(detected)) {
    const given = merged[k];
    merged[k] = typeof v === 'object' && v !== null && typeof given === 'object' && given !== null ? { ...v, ...given } : (given ?? v);
  }
  return { ...result, input: { format: reader.id, ...merged } };
}
