import { createRandom } from '../random.ts';
import { EngineError, toEngineError } from '../errors.ts';
import type { Dataset } from '../table/dataset.ts';
import { checkParams } from './params.ts';
import { stepDefinition } from './registry.ts';
import type { Step, StepContext, StepResult } from './step.ts';

/**
 * Check and run one step. Each step gets its own random stream derived from the
 * recipe seed and its position, so inserting or removing an earlier step does not
 * change the randomness of a later one more than it must. The input is never changed;
 * on any failure nothing is applied.
 */
export async function runStep(ds: Dataset, step: Step, ctx: StepContext, position: number, seed: number): Promise<StepResult & { step: Step }> {
  const def = stepDefinition(step.id);
  const params = checkParams(step.id, def.params, step.params);
  def.check?.(ds, params);
  const stepCtx: StepContext = { ...ctx, random: createRandom(seed).fork(`${position}:${step.id}`) };
  try {
    const result = await def.run(ds, params, stepCtx);
    return { ...result, step: { id: step.id, params } };
  } catch (e) {
    if (e instanceof EngineError) throw e;
    throw toEngineError(e);
  }
}
