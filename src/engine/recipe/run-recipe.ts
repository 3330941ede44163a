import type { Dataset } from '../table/dataset.ts';
import { withRoles } from '../table/dataset.ts';
import type { StepContext, StepLog } from './method.ts';
import type { SecretSpec } from './params.ts';
import type { Recipe } from './recipe.ts';
import { stepDefinition } from './registry.ts';
import { runStep } from './run-step.ts';

export interface RecipeRun {
  dataset: Dataset;
  logs: { id: string; log: StepLog }[];
}

/**
 * Apply a recipe's roles and steps, in order, to a freshly read dataset.
 * Replaying the same recipe on the same input gives the same bytes.
 */
export async function runRecipe(ds: Dataset, recipe: Recipe, ctx: StepContext): Promise<RecipeRun> {
  let current = withRoles(ds, recipe.roles);
  const logs: RecipeRun['logs'] = [];
  for (const [i, step] of recipe.steps.entries()) {
    const result = await runStep(current, step, ctx, i, recipe.seed);
    current = result.dataset;
    logs.push({ id: step.id, log: result.log });
  }
  return { dataset: current, logs };
}

/** The secrets the steps of a recipe declare, each once, in order of first need. */
export function secretsNeeded(steps: readonly { id: string }[]): SecretSpec[] {
  const out: SecretSpec[] = [];
  for (const s of steps) for (const secret of stepDefinition(s.id).secrets ?? []) if (!out.some((o) => o.name === secret.name)) out.push(secret);
  return out;
}
