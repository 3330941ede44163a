/**
 * Parameter specifications and checking for steps. A step declares its
 * parameters once; the same declaration validates recipes, lists the step in
 * `safe-extract steps --json`, and labels the controls in the app.
 */
import { EngineError } from '../errors.ts';

export type ParamSpec =
  | { name: string; type: 'columns'; description: string; required: true }
  | { name: string; type: 'column'; description: string; required: true }
  | { name: string; type: 'enum'; values: readonly string[]; default?: string; description: string; required: boolean }
  | { name: string; type: 'integer'; min: number; max: number; default?: number; description: string; required: boolean }
  | { name: string; type: 'date'; description: string; required: boolean };

export type ParamValues = Record<string, unknown>;

/** Check `params` against `specs`: unknown names, missing required ones, wrong types. Returns params with defaults filled in. */
export function checkParams(stepId: string, specs: readonly ParamSpec[], params: unknown): ParamValues {
  if (params === undefined) params = {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new EngineError('BAD_PARAMS', `The parameters of step "${stepId}" must be an object.`, { step: stepId });
  }
  const given = params as ParamValues;
  for (const name of Object.keys(given)) {
    if (!specs.some((s) => s.name === name)) {
      throw new EngineError('BAD_PARAMS', `Step "${stepId}" has no parameter "${name}". Its parameters are: ${specs.map((s) => s.name).join(', ')}.`, {
        step: stepId,
        param: name,
      });
    }
  }
  const out: ParamValues = {};
  for (const spec of specs) {
    const v = given[spec.name];
    const bad = (what: string): never => {
      throw new EngineError('BAD_PARAMS', `Parameter "${spec.name}" of step "${stepId}" ${what}.`, { step: stepId, param: spec.name });
    };
    if (v === undefined) {
      if (spec.required) bad('is required');
      if ('default' in spec && spec.default !== undefined) out[spec.name] = spec.default;
      continue;
    }
    switch (spec.type) {
      case 'columns':
        if (!Array.isArray(v) || v.length === 0 || !v.every((c) => typeof c === 'string')) bad('must be a non-empty list of column names');
        if (new Set(v as string[]).size !== (v as string[]).length) bad('names a column twice');
        break;
      case 'column':
        if (typeof v !== 'string' || v === '') bad('must be a column name');
        break;
      case 'enum':
        if (typeof v !== 'string' || !spec.values.includes(v)) bad(`must be one of ${spec.values.map((x) => `"${x}"`).join(', ')}`);
        break;
      case 'integer':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < spec.min || v > spec.max) bad(`must be a whole number from ${spec.min} to ${spec.max}`);
        break;
      case 'date':
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) bad('must be a date written yyyy-mm-dd');
        break;
    }
    out[spec.name] = v;
  }
  return out;
}
