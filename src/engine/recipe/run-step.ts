import { EngineError, toEngineError } from '../errors.ts';
import { createRandom } from '../random.ts';
import type { Dataset } from '../table/dataset.ts';
import type { Step, StepContext, StepDefinition, StepResult } from './method.ts';
import { parseParams, type Fail, type ParamShape, type ParamValues } from './params.ts';
import { stepDefinition } from './registry.ts';

/** The error maker for a method's parameters: "Parameter "k" of step "local-suppression" must be ...". */
export function paramFailure(kind: string, id: string): (name: string | null) => Fail {
  return (name) => (what) => {
    const message = name === null ? `The ${kind} "${id}" ${what}.` : `Parameter "${name}" of ${kind} "${id}" ${what}.`;
    throw new EngineError('BAD_PARAMS', message, { [kind]: id, param: name });
  };
}

/** Check a step's parameters (types, ranges, defaults) without a dataset, as a recipe is read. */
export function checkStepParams(step: Step): Step {
  const def = stepDefinition(step.id);
  return { id: step.id, params: parseParams(def.params, step.params, paramFailure('step', step.id)) };
}

/**
 * Check and run one step: parameters against the step's declaration and the dataset,
 * then the step's own checks, then the step. Each step gets its own random stream
 * derived from the recipe seed and its position, so inserting or removing an earlier
 * step does not change the randomness of a later one more than it must. The input is
 * never changed; on any failure nothing is applied.
 * @param definitions where to find the step (the registry; tests may pass their own)
 */
export async function runStep(
  ds: Dataset,
  step: Step,
  ctx: StepContext,
  position: number,
  seed: number,
  definitions: (id: string) => StepDefinition = stepDefinition,
): Promise<StepResult & { step: Step }> {
  const def = definitions(step.id);
  const params: ParamValues<ParamShape> = parseParams(def.params, step.params, paramFailure('step', step.id), ds);
  def.check?.(ds, params);
  const missing = (def.secrets ?? []).find((s) => !ctx.secrets[s.name]);
  if (missing)
    throw new EngineError('KEY_REQUIRED', `Step "${step.id}" needs the ${missing.label.toLowerCase()}: ${missing.description}`, {
      step: step.id,
      secret: missing.name,
    });
  const stepCtx: StepContext = { ...ctx, random: stepRandom(seed, position, step.id) };
  try {
    const result = await def.run(ds, params, stepCtx);
    return { ...result, step: { id: step.id, params } };
  } catch (e) {
    throw toEngineError(e);
  }
}

/** The random stream of the step at `position` of a recipe with `seed`. */
export function stepRandom(seed: number, position: number, id: string) {
  return createRandom(seed).fork(`${position}:${id}`);
}
