/**
 * The engine's public face. workers/ and src/cli import only this module.
 * Everything here is pure TypeScript over Apache Arrow: no DOM, no Node.
 */
export { createRunContext, DEFAULT_SEED, type Progress, type RunContext, type RunContextOptions, type SignalLike } from './context.ts';
export { CATALOGUE, EngineError, isEngineError, toEngineError, type ErrorCode, type ErrorDetails } from './errors.ts';
export { createRandom, type Random } from './random.ts';

export {
  ROLES,
  COLUMN_KINDS,
  IDENTIFIER_KINDS,
  MEASURES,
  FEW_CODES,
  measureOf,
  type Role,
  type ColumnKind,
  type Measure,
  type IdentifierKind,
  type RoleSuggestion,
} from './table/roles.ts';
export {
  columnIndex,
  columnData,
  countBits,
  getBit,
  makeDataset,
  rolesOf,
  withRoles,
  type CellMarks,
  type ColumnMeta,
  type Dataset,
  type MissingCodes,
} from './table/dataset.ts';
export { cellFormatter } from './table/cells.ts';
export { codesOf, recodeCodes, type ColumnCodes, type ReadonlyInt32Array } from './table/column-codes.ts';
export { parseDate, detectDateOrder, formatDay, DATE_ORDERS, DEFAULT_YEAR_PIVOT, type DateOrder, type DateParseOptions } from './table/dates.ts';

export { readDelimited, DEFAULT_MISSING, SOURCE_COLUMN, type ReadOptions } from './io/read-delimited.ts';
export { readArrow } from './io/read-arrow.ts';
export { DEFAULT_MAX_BYTES } from './io/decode-text.ts';
export { writeCsv, concatBytes } from './io/write-csv.ts';
export { writeArrow } from './io/write-arrow.ts';

export { profileColumn, profileColumns, type ColumnProfile, type HistogramBin, type ValueCount } from './profile/profile-columns.ts';

export { suggestRole, suggestRoles, type ColumnSuggestion } from './identify/suggest-roles.ts';
export { dropColumns } from './identify/drop-columns.ts';
export { renameColumn, nameAfterGeneralising } from './identify/rename-column.ts';
export { setMeasure } from './profile/set-measure.ts';
export { pseudonymise, type PseudonymiseOptions, type Normalisation } from './identify/pseudonymise.ts';
export { generalise, splitPostcode, ageInYears, type GeneraliseOptions, type Generalisation } from './identify/generalise.ts';
export { generateKeyText, hmacHex, importHmacKey } from './identify/hmac.ts';

export { topBottomCode, type TopBottomCodeOptions } from './protect/top-bottom-code.ts';
export { recode, intervalLabels, formatG, type RecodeOptions } from './protect/recode.ts';
export { compare, moments, type CompareReport, type ColumnComparison, type Moments } from './utility/compare.ts';

export { keyFrequencies, keyFrequenciesAsync, codeKeysAsync, denseGroups, type KeyFrequencies, type MissingMode } from './risk/key-frequencies.ts';
export {
  individualRisk,
  perRecordRisk,
  summariseRisk,
  type PerRecordRisk,
  combinationRisk,
  householdRisk,
  RISK_EDGES,
  type IndividualRiskReport,
  type IndividualRiskOptions,
  type RiskSummary,
  type RiskBin,
  type RiskyRecord,
} from './risk/individual-risk.ts';
export { riskDrivers, pairwiseMerge, type RiskDriversReport, type RiskDriver, type RiskCounts } from './risk/risk-drivers.ts';
export {
  lDiversityReport,
  tClosenessReport,
  type LDiversityReport,
  type LDiversityVariable,
  type TClosenessReport,
  type TClosenessVariable,
  type FailingCombination,
} from './risk/sensitive-measures.ts';
export { lDiversity, type LDiversityResult } from './risk/l-diversity.ts';
export { tCloseness, type TClosenessResult } from './risk/t-closeness.ts';
export { suda2, type Suda2Result } from './risk/suda2.ts';
export { suda2Report, summariseSuda2, disTable, type Suda2Report, type SudaRecord, type DisBin } from './risk/suda2-analysis.ts';
export { riskyCells, riskyCellsReport, type RiskyCellsReport, type RiskyCell } from './risk/risky-cells.ts';
export { sameFactPairs, sameFactAnalysis, CORRELATION_AT_LEAST, PAIRS_AT_MOST, type SameFactPair, type SameFactReport } from './risk/same-fact.ts';
export {
  kAnonymity,
  STANDARD_KS,
  type KAnonymityOptions,
  type KAnonymityReport,
  type KViolation,
  type FkBin,
  type RiskyCombination,
} from './risk/k-anonymity.ts';

export {
  STEPS,
  ANALYSES,
  READERS,
  WRITERS,
  stepDefinition,
  analysisDefinition,
  readerDefinition,
  writerDefinition,
  readerFor,
  listMethods,
  type StepId,
  type AnalysisId,
  type ReaderId,
  type WriterId,
} from './recipe/registry.ts';
export {
  defineStep,
  defineAnalysis,
  defineComparison,
  defineReader,
  defineWriter,
  methodInfo,
  type Step,
  type StepContext,
  type StepDefinition,
  type StepLog,
  type StepResult,
  type Secrets,
  type Stage,
  type MethodInfo,
  type MethodKind,
  type InputFile,
  type FileReadInfo,
  type ReadResult,
  type DatasetPair,
} from './recipe/method.ts';
export {
  p,
  parseParams,
  describeParams,
  secretEnvironmentVariable,
  PARAM_TYPES,
  type ParamInfo,
  type ParamType,
  type ParamShape,
  type ParamValues,
  type ParamInput,
  type SecretSpec,
  type Choice,
  type JsonValue,
} from './recipe/params.ts';
export { parseRecipe, recipeToJson, recipeReadSettings, RECIPE_FORMAT, type Recipe, type RecipeInput } from './recipe/recipe.ts';
export { runStep, checkStepParams, stepRandom } from './recipe/run-step.ts';
export { runAnalysis, type AnalysisResult, type AnalysisParams, type AnalysisInput } from './recipe/run-analysis.ts';
export { runRecipe, secretsNeeded, type RecipeRun } from './recipe/run-recipe.ts';
export { readInput, type InputRead } from './recipe/read-input.ts';
export { writeOutput } from './recipe/write-output.ts';
