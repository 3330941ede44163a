import { EngineError } from '../errors.ts';
import { dropColumnsStep } from '../identify/drop-columns.ts';
import { generaliseStep } from '../identify/generalise.ts';
import { pseudonymiseStep } from '../identify/pseudonymise.ts';
import type { StepDefinition } from './step.ts';

/** Every step the engine knows, by id. Later issues add theirs here. */
export const STEPS: readonly StepDefinition[] = [dropColumnsStep, pseudonymiseStep, generaliseStep];

export function stepDefinition(id: string): StepDefinition {
  const def = STEPS.find((s) => s.id === id);
  if (!def) throw new EngineError('UNKNOWN_STEP', `There is no step "${id}". The steps are: ${STEPS.map((s) => s.id).join(', ')}.`, { step: id });
  return def;
}
