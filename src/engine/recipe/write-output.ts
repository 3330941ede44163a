import type { RunContext } from '../context.ts';
import type { Dataset } from '../table/dataset.ts';
import { parseParams } from './params.ts';
import { writerDefinition } from './registry.ts';
import { paramFailure } from './run-step.ts';

/**
 * Write a dataset in a format of the registry, with that writer's settings checked.
 * @throws EngineError UNKNOWN_FORMAT, BAD_PARAMS
 */
export async function writeOutput(
  ds: Dataset,
  format: string,
  params: unknown,
  ctx: RunContext,
): Promise<{ bytes: Uint8Array; extension: string; mimeType: string }> {
  const writer = writerDefinition(format);
  const checked = parseParams(writer.params, params, paramFailure('file format', format));
  const bytes = await writer.write(ds, checked, ctx);
  return { bytes, extension: writer.extension, mimeType: writer.mimeType };
}
