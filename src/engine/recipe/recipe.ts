/**
 * The recipe: a readable JSON record of how an export was made (format version,
 * seed, input settings, column roles, steps), enough to replay it exactly.
 * It never holds a secret.
 */
import { DEFAULT_SEED } from '../context.ts';
import { EngineError } from '../errors.ts';
import { DEFAULT_MISSING } from '../io/read-delimited.ts';
import { ROLES, type Role } from '../table/roles.ts';
import { checkParams } from './params.ts';
import { stepDefinition } from './registry.ts';
import type { Step } from './step.ts';

export const RECIPE_FORMAT = 'safe-extract/recipe@1';

export interface RecipeInput {
  missing: string[];
  delimiter?: string;
  header?: boolean;
}

export interface Recipe {
  format: typeof RECIPE_FORMAT;
  seed: number;
  input: RecipeInput;
  roles: Record<string, Role>;
  steps: Step[];
}

const bad = (message: string, details = {}): never => {
  throw new EngineError('BAD_RECIPE', message, details);
};

/**
 * Read and check a recipe (parsed JSON or text): format version, seed, input, roles,
 * and every step's id and parameters. Unknown fields are errors, never ignored.
 * @throws EngineError BAD_RECIPE, UNKNOWN_STEP, BAD_PARAMS
 */
export function parseRecipe(source: unknown): Recipe {
  let json = source;
  if (typeof source === 'string') {
    try {
      json = JSON.parse(source);
    } catch (e) {
      bad(`The recipe is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return bad('The recipe must be a JSON object.');
  const r = json as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!['format', 'seed', 'input', 'roles', 'steps'].includes(k)) bad(`The recipe has an unknown field "${k}".`, { field: k });
  if (r.format !== RECIPE_FORMAT) {
    bad(
      typeof r.format === 'string' && r.format.startsWith('safe-extract/recipe@')
        ? `This recipe is format "${r.format}", which this version of Safe Extract cannot read (it reads "${RECIPE_FORMAT}").`
        : `This is not a Safe Extract recipe (its "format" should be "${RECIPE_FORMAT}").`,
      { format: String(r.format) },
    );
  }
  const seed = r.seed ?? DEFAULT_SEED;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) bad('The recipe\'s "seed" must be a whole number.');
  const input = (r.input ?? {}) as Record<string, unknown>;
  if (typeof input !== 'object' || Array.isArray(input)) bad('The recipe\'s "input" must be an object.');
  for (const k of Object.keys(input))
    if (!['missing', 'delimiter', 'header'].includes(k)) bad(`The recipe's "input" has an unknown field "${k}".`, { field: k });
  const missing = input.missing ?? [...DEFAULT_MISSING];
  if (!Array.isArray(missing) || !missing.every((m) => typeof m === 'string')) bad('"input.missing" must be a list of texts.');
  if (input.delimiter !== undefined && (typeof input.delimiter !== 'string' || input.delimiter.length !== 1)) bad('"input.delimiter" must be one character.');
  if (input.header !== undefined && typeof input.header !== 'boolean') bad('"input.header" must be true or false.');
  const roles = (r.roles ?? {}) as Record<string, unknown>;
  if (typeof roles !== 'object' || Array.isArray(roles)) bad('The recipe\'s "roles" must be an object of column names and roles.');
  for (const [col, role] of Object.entries(roles)) {
    if (!ROLES.includes(role as Role)) bad(`The role "${String(role)}" of column "${col}" is not one of ${ROLES.join(', ')}.`, { column: col });
  }
  const stepsIn = r.steps ?? [];
  if (!Array.isArray(stepsIn)) return bad('The recipe\'s "steps" must be a list.');
  const steps = stepsIn.map((s: unknown, i): Step => {
    if (typeof s !== 'object' || s === null || typeof (s as Step).id !== 'string') return bad(`Step ${i + 1} of the recipe has no "id".`, { step: i + 1 });
    const { id, params, ...rest } = s as Step;
    const extra = Object.keys(rest)[0];
    if (extra) bad(`Step ${i + 1} ("${id}") has an unknown field "${extra}".`, { step: i + 1 });
    const def = stepDefinition(id);
    return { id, params: checkParams(id, def.params, params) };
  });
  const out: Recipe = {
    format: RECIPE_FORMAT,
    seed: seed as number,
    input: { missing: missing as string[] },
    roles: roles as Record<string, Role>,
    steps,
  };
  if (input.delimiter !== undefined) out.input.delimiter = input.delimiter as string;
  if (input.header !== undefined) out.input.header = input.header as boolean;
  return out;
}

/** The recipe as pretty JSON text, the form that is downloaded and kept beside the data. */
export function recipeToJson(recipe: Recipe): string {
  return `${JSON.stringify(recipe, null, 2)}\n`;
}
