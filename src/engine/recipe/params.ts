/**
 * Typed parameter builders. A method declares its parameters once, as an object
 * of builders (`{ column: p.column(...), k: p.integer(...).withDefault(3) }`),
 * and that one declaration gives:
 * - the TypeScript type of the checked parameters its `run` receives
 *   (`ParamValues<typeof params>`), so no method casts its parameters;
 * - validation of a recipe's or a form's values, with a message that names the
 *   parameter, and checks against the dataset (the column exists, holds numbers);
 * - the plain-data description (`ParamInfo`) listed by `safe-extract steps --json`
 *   and read by the app's generic form to draw the controls.
 */
import type { Dataset } from '../table/dataset.ts';
import { columnIndex } from '../table/dataset.ts';
import { parseDate } from '../table/dates.ts';
import type { ColumnKind, Role } from '../table/roles.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const PARAM_TYPES = [
  'column',
  'columns',
  'ordered-columns',
  'integer',
  'number',
  'boolean',
  'choice',
  'text',
  'date',
  'numbers',
  'texts',
  'mapping',
  'matrix',
  'table',
] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

export interface Choice {
  value: string;
  /** Plain words for the form ("Postcode district (LS6 2AB becomes LS6)"). */
  label: string;
}

/** One parameter as plain data: for listings, documentation and the generic form. */
export interface ParamInfo {
  name: string;
  type: ParamType;
  /** A short label for the form. */
  label: string;
  /** One or two sentences in plain words. */
  description: string;
  /** Must be given (when it applies). */
  required: boolean;
  default?: JsonValue;
  /** Column parameters: the kinds of column accepted (checked), and the roles offered first. */
  kinds?: ColumnKind[];
  roles?: Role[];
  /** Numbers: the smallest and largest value allowed. */
  min?: number;
  max?: number;
  /** Lists: how many items. */
  minItems?: number;
  maxItems?: number;
  /** Choices (and mappings restricted to them): the values allowed, each with its label. */
  choices?: Choice[];
  /** A list of numbers that must increase strictly (break points). */
  increasing?: boolean;
  /** This parameter applies only when another has one of these values. */
  when?: { param: string; values: JsonValue[] };
  /** Mappings and matrices: the column parameter whose categories label the keys or rows. */
  categoriesOf?: string;
  /** Matrices: square, and every row sums to 1 (transition probabilities). */
  stochastic?: boolean;
  /** Tables: the heading of each column, when fixed. */
  headings?: string[];
}

/** Throws EngineError BAD_PARAMS with a message naming the parameter; `what` completes "Parameter "x" of "y" ...". */
export type Fail = (what: string) => never;

type Presence = 'required' | 'defaulted' | 'optional';

export interface Param<T, P extends Presence = 'required'> {
  readonly info: Omit<ParamInfo, 'name'>;
  /** Type-level only: how the parameter appears in values and in input. */
  readonly presence?: P;
  readonly type?: T;
  /** Check a value's type and range; returns it typed. */
  parse(value: unknown, fail: Fail): T;
  /** Check the value against the dataset (columns exist and fit). */
  checkData?(value: T, ds: Dataset, fail: Fail): void;
  /** A parameter that may be left out. */
  optional(): Param<T, 'optional'>;
  /** A parameter that takes this value when left out. */
  withDefault(value: T & JsonValue): Param<T, 'defaulted'>;
  /** A parameter that applies only when `param` has one of `values`; given otherwise, it is an error. */
  when(param: string, values: readonly JsonValue[]): Param<T, P extends 'defaulted' ? 'defaulted' : 'optional'>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a shape holds parameters of any value type
export type ParamShape = Readonly<Record<string, Param<any, Presence>>>;

type ValueOf<X> = X extends Param<infer T, Presence> ? T : never;
type KeysWith<S, P extends Presence> = { [K in keyof S]: S[K] extends Param<infer _T, infer Q> ? (Q extends P ? K : never) : never }[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The checked parameters a method's `run` receives: defaults filled in. */
export type ParamValues<S extends ParamShape> = Simplify<
  { [K in KeysWith<S, 'required' | 'defaulted'>]: ValueOf<S[K]> } & { [K in KeysWith<S, 'optional'>]?: ValueOf<S[K]> }
>;

/** The parameters a caller may give: defaulted and optional ones may be left out. */
export type ParamInput<S extends ParamShape> = Simplify<
  { [K in KeysWith<S, 'required'>]: ValueOf<S[K]> } & { [K in KeysWith<S, 'optional' | 'defaulted'>]?: ValueOf<S[K]> }
>;

interface Spec<T> {
  info: Omit<ParamInfo, 'name' | 'required'> & { required?: boolean };
  parse(value: unknown, fail: Fail): T;
  checkData?(value: T, ds: Dataset, fail: Fail): void;
}

function param<T>(spec: Spec<T>): Param<T, 'required'> {
  const make = <P extends Presence>(info: Omit<ParamInfo, 'name'>): Param<T, P> => ({
    info,
    parse: spec.parse,
    ...(spec.checkData ? { checkData: spec.checkData } : {}),
    optional: () => make<'optional'>({ ...info, required: false }),
    withDefault: (value) => make<'defaulted'>({ ...info, required: false, default: value }),
    when: (other, values) => make({ ...info, when: { param: other, values: [...values] } }),
  });
  return make<'required'>({ required: true, ...spec.info });
}

interface Described {
  label: string;
  description: string;
}

interface ColumnOptions extends Described {
  /** Kinds of column accepted; any kind when absent. */
  kinds?: readonly ColumnKind[];
  /** Roles offered first (the form pre-selects columns with these roles). */
  roles?: readonly Role[];
}

const KIND_WORDS: Record<ColumnKind, string> = {
  integer: 'whole numbers',
  decimal: 'numbers',
  categorical: 'categories',
  text: 'text',
  date: 'dates',
  boolean: 'true/false values',
};

function columnInfo(o: ColumnOptions) {
  return { label: o.label, description: o.description, ...(o.kinds ? { kinds: [...o.kinds] } : {}), ...(o.roles ? { roles: [...o.roles] } : {}) };
}

function checkColumn(o: ColumnOptions) {
  return (name: string, ds: Dataset, fail: Fail): void => {
    const meta = ds.columns[columnIndex(ds, name)]!;
    if (o.kinds && !o.kinds.includes(meta.kind)) {
      fail(`must be a column of ${o.kinds.map((k) => KIND_WORDS[k]).join(' or ')}, but "${name}" holds ${KIND_WORDS[meta.kind]}`);
    }
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function listOfColumns(v: unknown, fail: Fail, minItems: number, maxItems: number | undefined): string[] {
  if (!Array.isArray(v) || !v.every((c) => typeof c === 'string' && c !== '')) fail('must be a list of column names');
  const list = v as string[];
  if (list.length < minItems) fail(minItems === 1 ? 'must name at least one column' : `must name at least ${minItems} columns`);
  if (maxItems !== undefined && list.length > maxItems) fail(`must name at most ${maxItems} columns`);
  const twice = list.find((c, i) => list.indexOf(c) !== i);
  if (twice !== undefined) fail(`names the column "${twice}" twice`);
  return list;
}

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** The parameter builders. */
export const p = {
  /** One column. */
  column(o: ColumnOptions): Param<string> {
    return param<string>({
      info: { type: 'column', ...columnInfo(o) },
      parse: (v, fail) => (typeof v === 'string' && v !== '' ? v : fail('must be a column name')),
      checkData: checkColumn(o),
    });
  },

  /** A set of columns (order does not matter). */
  columns(o: ColumnOptions & { minItems?: number; maxItems?: number }): Param<string[]> {
    const min = o.minItems ?? 1;
    return param<string[]>({
      info: { type: 'columns', ...columnInfo(o), minItems: min, ...(o.maxItems !== undefined ? { maxItems: o.maxItems } : {}) },
      parse: (v, fail) => listOfColumns(v, fail, min, o.maxItems),
      checkData: (list, ds, fail) => list.forEach((c) => checkColumn(o)(c, ds, fail)),
    });
  },

  /** Columns in an order that matters (importance: the first is kept longest). */
  orderedColumns(o: ColumnOptions & { minItems?: number }): Param<string[]> {
    const min = o.minItems ?? 1;
    return param<string[]>({
      info: { type: 'ordered-columns', ...columnInfo(o), minItems: min },
      parse: (v, fail) => listOfColumns(v, fail, min, undefined),
      checkData: (list, ds, fail) => list.forEach((c) => checkColumn(o)(c, ds, fail)),
    });
  },

  /** A whole number in [min, max]. */
  integer(o: Described & { min: number; max: number }): Param<number> {
    return param<number>({
      info: { type: 'integer', label: o.label, description: o.description, min: o.min, max: o.max },
      parse: (v, fail) =>
        typeof v === 'number' && Number.isInteger(v) && v >= o.min && v <= o.max ? v : fail(`must be a whole number from ${o.min} to ${o.max}`),
    });
  },

  /** A finite number, optionally bounded. */
  number(o: Described & { min?: number; max?: number }): Param<number> {
    return param<number>({
      info: {
        type: 'number',
        label: o.label,
        description: o.description,
        ...(o.min !== undefined ? { min: o.min } : {}),
        ...(o.max !== undefined ? { max: o.max } : {}),
      },
      parse: (v, fail) => {
        if (!finite(v)) return fail('must be a number');
        if (o.min !== undefined && v < o.min) fail(`must be at least ${o.min}`);
        if (o.max !== undefined && v > o.max) fail(`must be at most ${o.max}`);
        return v;
      },
    });
  },

  boolean(o: Described): Param<boolean> {
    return param<boolean>({
      info: { type: 'boolean', label: o.label, description: o.description },
      parse: (v, fail) => (typeof v === 'boolean' ? v : fail('must be true or false')),
    });
  },

  /** One of a fixed set of values, each with its label. */
  choice<const C extends readonly Choice[]>(o: Described & { choices: C }): Param<C[number]['value']> {
    const values = o.choices.map((c) => c.value);
    return param<C[number]['value']>({
      info: { type: 'choice', label: o.label, description: o.description, choices: o.choices.map((c) => ({ ...c })) },
      parse: (v, fail) =>
        typeof v === 'string' && values.includes(v) ? (v as C[number]['value']) : fail(`must be one of ${values.map((x) => `"${x}"`).join(', ')}`),
    });
  },

  text(o: Described & { maxLength?: number; minLength?: number }): Param<string> {
    return param<string>({
      info: { type: 'text', label: o.label, description: o.description },
      parse: (v, fail) => {
        if (typeof v !== 'string') return fail('must be text');
        if (o.minLength !== undefined && v.length < o.minLength) fail(o.minLength === 1 ? 'must not be empty' : `must be at least ${o.minLength} characters`);
        if (o.maxLength !== undefined && v.length > o.maxLength) fail(`must be at most ${o.maxLength} characters`);
        return v;
      },
    });
  },

  /** A calendar date written yyyy-mm-dd. */
  date(o: Described): Param<string> {
    return param<string>({
      info: { type: 'date', label: o.label, description: o.description },
      parse: (v, fail) =>
        typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && parseDate(v) === parseDate(v) ? v : fail('must be a date written yyyy-mm-dd'),
    });
  },

  /** A list of numbers, such as break points. */
  numbers(o: Described & { minItems?: number; maxItems?: number; increasing?: boolean }): Param<number[]> {
    const min = o.minItems ?? 1;
    return param<number[]>({
      info: {
        type: 'numbers',
        label: o.label,
        description: o.description,
        minItems: min,
        ...(o.maxItems !== undefined ? { maxItems: o.maxItems } : {}),
        ...(o.increasing ? { increasing: true } : {}),
      },
      parse: (v, fail) => {
        if (!Array.isArray(v) || !v.every(finite)) return fail('must be a list of numbers');
        if (v.length < min) fail(`must hold at least ${min} number${min === 1 ? '' : 's'}`);
        if (o.maxItems !== undefined && v.length > o.maxItems) fail(`must hold at most ${o.maxItems} numbers`);
        if (o.increasing && v.some((x, i) => i > 0 && x <= v[i - 1]!)) fail('must be in increasing order, each number larger than the one before');
        return v as number[];
      },
    });
  },

  /** A list of texts, such as labels. */
  texts(o: Described & { minItems?: number; distinct?: boolean }): Param<string[]> {
    const min = o.minItems ?? 1;
    return param<string[]>({
      info: { type: 'texts', label: o.label, description: o.description, minItems: min },
      parse: (v, fail) => {
        if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return fail('must be a list of texts');
        if (v.length < min) fail(`must hold at least ${min} text${min === 1 ? '' : 's'}`);
        if (o.distinct) {
          const twice = (v as string[]).find((x, i) => v.indexOf(x) !== i);
          if (twice !== undefined) fail(`holds "${twice}" twice`);
        }
        return v as string[];
      },
    });
  },

  /**
   * A mapping from values to values (regrouping categories, standardising codes); with
   * `choices`, every new value must be one of them (a setting per column).
   */
  mapping<const C extends readonly Choice[] = readonly Choice[]>(
    o: Described & { categoriesOf?: string; minItems?: number; choices?: C },
  ): Param<Record<string, C[number]['value']>> {
    const min = o.minItems ?? 1;
    const allowed = o.choices?.map((c) => c.value);
    return param<Record<string, C[number]['value']>>({
      info: {
        type: 'mapping',
        label: o.label,
        description: o.description,
        minItems: min,
        ...(o.categoriesOf ? { categoriesOf: o.categoriesOf } : {}),
        ...(o.choices ? { choices: o.choices.map((c) => ({ ...c })) } : {}),
      },
      parse: (v, fail) => {
        if (!isRecord(v)) return fail('must be an object of "value": "new value" pairs');
        const bad = Object.entries(v).find(([, to]) => typeof to !== 'string');
        if (bad) fail(`maps "${bad[0]}" to something that is not text`);
        if (allowed) {
          const off = Object.entries(v).find(([, to]) => !allowed.includes(to as string));
          if (off) fail(`maps "${off[0]}" to "${String(off[1])}", which is not one of ${allowed.map((x) => `"${x}"`).join(', ')}`);
        }
        if (Object.keys(v).length < min) fail(`must map at least ${min} value${min === 1 ? '' : 's'}`);
        return v as Record<string, C[number]['value']>;
      },
    });
  },

  /** A numeric matrix; `stochastic` ones are square with rows that sum to 1 (PRAM transition matrices). */
  matrix(o: Described & { categoriesOf?: string; stochastic?: boolean }): Param<number[][]> {
    return param<number[][]>({
      info: {
        type: 'matrix',
        label: o.label,
        description: o.description,
        ...(o.categoriesOf ? { categoriesOf: o.categoriesOf } : {}),
        ...(o.stochastic ? { stochastic: true } : {}),
      },
      parse: (v, fail) => {
        if (!Array.isArray(v) || v.length === 0 || !v.every((row) => Array.isArray(row) && row.length > 0 && row.every(finite))) {
          return fail('must be a table of numbers, one list per row');
        }
        const rows = v as number[][];
        const width = rows[0]!.length;
        if (rows.some((r) => r.length !== width)) fail('must have the same number of entries in every row');
        if (o.stochastic) {
          if (width !== rows.length) fail(`must be square, but it has ${rows.length} rows and ${width} columns`);
          rows.forEach((r, i) => {
            if (r.some((x) => x < 0 || x > 1)) fail(`has an entry outside 0 to 1 in row ${i + 1}`);
            const sum = r.reduce((s, x) => s + x, 0);
            if (Math.abs(sum - 1) > 1e-9) fail(`has row ${i + 1} summing to ${sum}, not 1`);
          });
        }
        return rows;
      },
    });
  },

  /** A small table of texts (a generalisation hierarchy: one row per value, one column per level). */
  table(o: Described & { headings?: readonly string[]; minColumns?: number }): Param<string[][]> {
    return param<string[][]>({
      info: { type: 'table', label: o.label, description: o.description, ...(o.headings ? { headings: [...o.headings] } : {}) },
      parse: (v, fail) => {
        if (!Array.isArray(v) || v.length === 0 || !v.every((row) => Array.isArray(row) && row.every((c) => typeof c === 'string'))) {
          return fail('must be a table of texts, one list per row');
        }
        const rows = v as string[][];
        const width = o.headings?.length ?? rows[0]!.length;
        rows.forEach((r, i) => {
          if (r.length !== width) fail(`has ${r.length} entries in row ${i + 1}, not ${width}`);
        });
        if (o.minColumns !== undefined && width < o.minColumns) fail(`must have at least ${o.minColumns} columns`);
        return rows;
      },
    });
  },
};

/** A secret a method needs at run time (a key). Never written into a recipe, log, report or export. */
export interface SecretSpec {
  name: string;
  label: string;
  description: string;
}

/** The environment variable the command line reads a secret from: `key` is SAFE_EXTRACT_KEY. */
export function secretEnvironmentVariable(name: string): string {
  return `SAFE_EXTRACT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** The parameters of a shape as plain data, in declaration order. */
export function describeParams(shape: ParamShape): ParamInfo[] {
  return Object.entries(shape).map(([name, prm]) => ({ name, ...prm.info }));
}

/**
 * Check raw parameters (from a recipe, a form or the command line) against a shape:
 * an object, no unknown names, required ones present, each of the right type and
 * range, defaults filled in, conditions (`when`) respected; with a dataset, columns
 * checked against it too. `fail(name)` makes the error for a parameter.
 */
export function parseParams<S extends ParamShape>(shape: S, raw: unknown, failFor: (name: string | null) => Fail, ds?: Dataset): ParamValues<S> {
  const given = raw === undefined ? {} : raw;
  if (!isRecord(given)) failFor(null)('must be an object of parameter names and values');
  const entries = Object.entries(shape);
  const names = entries.map(([n]) => n);
  for (const name of Object.keys(given as object)) {
    if (!names.includes(name)) {
      failFor(null)(
        names.length === 0
          ? `takes no parameters, but "${name}" was given`
          : `has no parameter "${name}"; its parameters are ${names.map((n) => `"${n}"`).join(', ')}`,
      );
    }
  }
  const values: Record<string, unknown> = {};
  const record = given as Record<string, unknown>;
  // Parameters without a condition first, so that conditions can read them.
  const ordered = [...entries.filter(([, q]) => !q.info.when), ...entries.filter(([, q]) => q.info.when)];
  for (const [name, prm] of ordered) {
    const fail = failFor(name);
    const v = record[name];
    const cond = prm.info.when;
    const applies = !cond || cond.values.some((x) => x === values[cond.param]);
    if (!applies) {
      if (v !== undefined && v !== null) fail(`applies only when "${cond!.param}" is ${cond!.values.map((x) => JSON.stringify(x)).join(' or ')}`);
      continue;
    }
    if (v === undefined || v === null) {
      if (prm.info.default !== undefined) values[name] = structuredCloneJson(prm.info.default);
      else if (prm.info.required) fail(cond ? `is needed when "${cond.param}" is ${JSON.stringify(values[cond.param])}` : 'is required');
      continue;
    }
    const parsed = prm.parse(v, fail);
    if (ds && prm.checkData) prm.checkData(parsed, ds, fail);
    values[name] = parsed;
  }
  return Object.fromEntries(names.filter((n) => n in values).map((n) => [n, values[n]])) as ParamValues<S>;
}

function structuredCloneJson(v: JsonValue): JsonValue {
  return typeof v === 'object' && v !== null ? (JSON.parse(JSON.stringify(v)) as JsonValue) : v;
}
