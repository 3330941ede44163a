/**
 * The recipe: a readable JSON record of how an export was made (format version,
 * seed, how the input was read, column roles, steps), enough to replay it exactly.
 * It never holds a secret.
 */
import { DEFAULT_SEED } from '../context.ts';
import { EngineError } from '../errors.ts';
import { ROLES, type Role } from '../table/roles.ts';
import type { Step } from './method.ts';
import { parseParams } from './params.ts';
import { READERS, readerDefinition } from './registry.ts';
import { checkStepParams, paramFailure } from './run-step.ts';

export const RECIPE_FORMAT = 'safe-extract/recipe@1';

/**
 * How the input was read: the reader (`format`, "csv" when absent, as every recipe
 * before readers were chosen by format) and its settings, such as
 * `{ "missing": ["NA", "-9"], "delimiter": ";", "dateOrder": { "dob": "dmy" } }`.
 */
export interface RecipeInput {
  format?: string;
  [setting: string]: unknown;
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

/** The reader a recipe's input names, and its settings checked against that reader's parameters. */
export function recipeReadSettings(input: RecipeInput): { format: string; params: Record<string, unknown> } {
  const { format = READERS.csv.id, ...settings } = input;
  if (typeof format !== 'string') return bad('"input.format" must be the name of a file format, such as "csv".');
  const reader = readerDefinition(format);
  return { format, params: parseParams(reader.params, settings, paramFailure('input format', format)) };
}

/**
 * Read and check a recipe (parsed JSON or text): format version, seed, input, roles,
 * and every step's id and parameters. Unknown fields are errors, never ignored.
 * @throws EngineError BAD_RECIPE, UNKNOWN_STEP, UNKNOWN_FORMAT, BAD_PARAMS
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
  const inputRaw = r.input ?? {};
  if (typeof inputRaw !== 'object' || inputRaw === null || Array.isArray(inputRaw)) return bad('The recipe\'s "input" must be an object.');
  let input: RecipeInput;
  try {
    const { format, params } = recipeReadSettings(inputRaw as RecipeInput);
    input = (inputRaw as RecipeInput).format === undefined ? { ...params } : { format, ...params };
  } catch (e) {
    if (e instanceof EngineError && e.code === 'BAD_PARAMS') bad(`The recipe's "input" is not valid: ${e.message}`, e.details);
    throw e;
  }
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
    return checkStepParams({ id, params });
  });
  return { format: RECIPE_FORMAT, seed: seed as number, input, roles: roles as Record<string, Role>, steps };
}

/** The recipe as pretty JSON text, the form that is downloaded and kept beside the data. */
export function recipeToJson(recipe: Recipe): string {
  return `${JSON.stringify(recipe, null, 2)}\n`;
}
