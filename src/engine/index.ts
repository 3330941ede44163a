/**
 * The engine's public face. workers/ and src/cli import only this module.
 * Everything here is pure TypeScript over Apache Arrow: no DOM, no Node.
 */
export { createRunContext, DEFAULT_SEED, type Progress, type RunContext, type RunContextOptions, type SignalLike } from './context.ts';
export { CATALOGUE, EngineError, isEngineError, toEngineError, type ErrorCode, type ErrorDetails } from './errors.ts';
export { createRandom, type Random } from './random.ts';

export { ROLES, COLUMN_KINDS, IDENTIFIER_KINDS, type Role, type ColumnKind, type IdentifierKind, type RoleSuggestion } from './table/roles.ts';
export { columnIndex, makeDataset, rolesOf, withRoles, type ColumnMeta, type Dataset } from './table/dataset.ts';
export { cellFormatter, formatDay } from './table/cells.ts';

export { readDelimited, DEFAULT_MISSING, SOURCE_COLUMN, type InputFile, type ReadOptions, type ReadResult, type FileReadInfo } from './io/read-delimited.ts';
export { DEFAULT_MAX_BYTES } from './io/decode-text.ts';
export { writeCsv, concatBytes } from './io/write-csv.ts';
export { writeArrow } from './io/write-arrow.ts';

export { profileColumn, profileColumns, type ColumnProfile, type HistogramBin, type ValueCount } from './profile/profile-columns.ts';

export { suggestRoles, type ColumnSuggestion } from './identify/suggest-roles.ts';
export { dropColumns } from './identify/drop-columns.ts';
export { pseudonymise, type PseudonymiseOptions, type Normalisation } from './identify/pseudonymise.ts';
export { generalise, splitPostcode, ageInYears, type GeneraliseOptions, type Generalisation } from './identify/generalise.ts';
export { generateKeyText, hmacHex, importHmacKey } from './identify/hmac.ts';

export { keyFrequencies, denseGroups, type KeyFrequencies } from './risk/key-frequencies.ts';
export {
  kAnonymity,
  STANDARD_KS,
  type KAnonymityOptions,
  type KAnonymityReport,
  type KViolation,
  type FkBin,
  type RiskyCombination,
} from './risk/k-anonymity.ts';

export { STEPS, stepDefinition } from './recipe/registry.ts';
export { parseRecipe, recipeToJson, RECIPE_FORMAT, type Recipe, type RecipeInput } from './recipe/recipe.ts';
export { runStep } from './recipe/run-step.ts';
export { runRecipe, type RecipeRun } from './recipe/run-recipe.ts';
export { checkParams, type ParamSpec, type ParamValues } from './recipe/params.ts';
export type { Step, StepContext, StepDefinition, StepLog, StepResult, Secrets } from './recipe/step.ts';
