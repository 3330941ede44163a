/**
 * Property tests for the method platform under the steps: the Arrow round trip
 * (writeArrow then readArrow keeps every column's metadata and cells), parameter
 * checking (parseParams against a shape with every builder, on random JSON), and
 * the column-code layer (recodeCodes agrees with recoding the values and computing
 * the codes afresh).
 */
import { Dictionary, Int16, Int32, Int8, makeData, makeVector, Table, tableToIPC, Uint16, Uint8, Utf8, type Vector } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../src/engine/context.ts';
import { EngineError } from '../../src/engine/errors.ts';
import { readArrow } from '../../src/engine/io/read-arrow.ts';
import { writeArrow } from '../../src/engine/io/write-arrow.ts';
import { p, parseParams, type JsonValue, type ParamShape } from '../../src/engine/recipe/params.ts';
import { paramFailure } from '../../src/engine/recipe/run-step.ts';
import { cellFormatter } from '../../src/engine/table/cells.ts';
import { columnCodes, recodeCodes, type ColumnCodes } from '../../src/engine/table/column-codes.ts';
import { columnData, emptyBits, makeDataset, setBit, type ColumnInput, type ColumnMeta, type Dataset } from '../../src/engine/table/dataset.ts';
import { ROLES, type ColumnKind } from '../../src/engine/table/roles.ts';
import { boolVector, dateDayVector, dictionaryVector, float64Vector, utf8Vector } from '../../src/engine/table/vectors.ts';

// ---------------------------------------------------------------- generators

const TEXT_CHARS = ['a', 'b', 'Z', 'é', 'ß', '東', '😀', '👍🏽', ',', '"', "'", '\n', ' ', ';', '\t', '1', '.', '-', '\u0000'];
/** Short text with unicode, quotes, newlines and the empty string. */
const textArb = fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 6 }).map((cs) => cs.join(''));

type VectorKind = 'float' | 'dictionary' | 'utf8' | 'date' | 'bool';

interface GenColumn {
  vector: VectorKind;
  /** The stored kind: one that fits the vector. */
  kind: ColumnKind;
  numbers?: (number | null)[];
  texts?: (string | null)[];
  dictionary?: string[];
  codes?: number[];
  days?: (number | null)[];
  flags?: number[];
}

const NUMBER = fc.oneof(
  fc.integer({ min: -50, max: 50 }),
  fc.integer({ min: -1e15, max: 1e15 }),
  fc.integer({ min: -100_000, max: 100_000 }).map((i) => i / 100),
  fc.constantFrom(Infinity, -Infinity, 1e300, 5e-324, Number.MAX_SAFE_INTEGER),
);
/** n values, skewed (a few common ones take most rows), nulls at 0, 5 or 30 %. */
function skewed<T>(value: fc.Arbitrary<T>, n: number): fc.Arbitrary<(T | null)[]> {
  return fc
    .record({
      common: fc.array(value, { minLength: 1, maxLength: 3 }),
      nullPct: fc.constantFrom(0, 5, 30),
      picks: fc.array(fc.tuple(fc.nat(99), value), { minLength: n, maxLength: n }),
    })
    .map(({ common, nullPct, picks }) => picks.map(([r, rare]) => (r < nullPct ? null : r < 70 ? common[r % common.length]! : rare)));
}

const columnArb = (n: number): fc.Arbitrary<GenColumn> =>
  fc.constantFrom<VectorKind>('float', 'dictionary', 'utf8', 'date', 'bool').chain((vector): fc.Arbitrary<GenColumn> => {
    switch (vector) {
      case 'float':
        return fc.tuple(skewed(NUMBER, n), fc.boolean()).map(([numbers, asDecimal]) => ({
          vector,
          numbers,
          kind: numbers.every((v) => v === null || Number.isInteger(v)) && !asDecimal ? 'integer' : 'decimal',
        }));
      case 'dictionary':
        return fc
          .uniqueArray(textArb, { minLength: 1, maxLength: 8 })
          .chain((dictionary) =>
            fc.record({
              dictionary: fc.constant(dictionary),
              codes: skewed(fc.nat(dictionary.length - 1), n).map((cs) => cs.map((c) => c ?? -1)),
              kind: fc.constantFrom<ColumnKind>('categorical', 'text'),
            }),
          )
          .map((c) => ({ vector, ...c }));
      case 'utf8':
        return fc
          .record({
            texts: fc.oneof(skewed(textArb, n), fc.array(fc.option(fc.string({ unit: 'grapheme', maxLength: 12 })), { minLength: n, maxLength: n })),
            kind: fc.constantFrom<ColumnKind>('text', 'categorical'),
          })
          .map((c) => ({ vector, ...c }));
      case 'date':
        return skewed(fc.integer({ min: -719_162, max: 2_932_896 }), n).map((days) => ({ vector, kind: 'date', days }));
      case 'bool':
        return fc.array(fc.integer({ min: -1, max: 1 }), { minLength: n, maxLength: n }).map((flags) => ({ vector, kind: 'boolean', flags }));
    }
  });

function vectorOf(c: GenColumn): Vector {
  switch (c.vector) {
    case 'float':
      return float64Vector(Float64Array.from(c.numbers!, (v) => (v === null ? NaN : v)));
    case 'dictionary':
      return dictionaryVector(c.dictionary!, Int32Array.from(c.codes!));
    case 'utf8':
      return utf8Vector(c.texts!);
    case 'date':
      return dateDayVector(Float64Array.from(c.days!, (v) => (v === null ? NaN : v)));
    case 'bool':
      return boolVector(Int8Array.from(c.flags!));
  }
}

const bitsArb = (n: number) =>
  fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((flags) => {
    const bits = emptyBits(n);
    flags.forEach((f, i) => f && setBit(bits, i));
    return bits;
  });

/** Optional metadata: a variable label, value labels, declared missing codes, an order, and marks (at least one bit set present). */
const metaExtrasArb = (n: number) =>
  fc.record(
    {
      role: fc.constantFrom(...ROLES),
      label: textArb,
      valueLabels: fc.dictionary(fc.constantFrom('1', '2', '-9', '99', 'a b', 'é'), textArb, { maxKeys: 4 }),
      missingCodes: fc
        .record({
          values: fc.array(textArb, { maxLength: 3 }),
          ranges: fc.array(
            fc
              .tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }))
              .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]),
            { maxLength: 2 },
          ),
        })
        .filter((m) => m.values.length + m.ranges.length > 0),
      order: fc.array(textArb, { maxLength: 5 }),
      marks: fc.record({ suppressed: fc.option(bitsArb(n)), changed: fc.option(bitsArb(n)) }).filter((m) => m.suppressed !== null || m.changed !== null),
    },
    { requiredKeys: ['role'] },
  );

type MetaExtras = ReturnType<typeof metaExtrasArb> extends fc.Arbitrary<infer M> ? M : never;

interface GenDataset {
  n: number;
  names: string[];
  columns: GenColumn[];
  metas: MetaExtras[];
}

const datasetArb: fc.Arbitrary<GenDataset> = fc.integer({ min: 0, max: 120 }).chain((n) =>
  fc.uniqueArray(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }).chain((names) =>
    fc.record({
      n: fc.constant(n),
      names: fc.constant(names),
      columns: fc.tuple(...names.map(() => columnArb(n))),
      metas: fc.tuple(...names.map(() => metaExtrasArb(n))),
    }),
  ),
);

function buildDataset(g: GenDataset): Dataset {
  const columns: ColumnInput[] = g.columns.map((c, j) => ({ meta: { name: g.names[j]!, kind: c.kind, ...g.metas[j]! } as ColumnMeta, vector: vectorOf(c) }));
  return makeDataset(columns, g.n);
}

/** Metadata as plain data: bit sets as arrays of bytes, so that a subarray and a copy compare equal. */
function plainMeta(m: ColumnMeta): unknown {
  const { marks, ...rest } = m;
  if (!marks) return rest;
  return { ...rest, marks: { suppressed: marks.suppressed ? Array.from(marks.suppressed) : null, changed: marks.changed ? Array.from(marks.changed) : null } };
}

function cellsOf(ds: Dataset, j: number): (string | null)[] {
  const f = cellFormatter(columnData(ds, j));
  return Array.from({ length: ds.table.numRows }, (_, i) => f(i));
}

const readBack = async (bytes: Uint8Array, name = 'gen.arrow') => readArrow([{ name, bytes }], createRunContext());

// ------------------------------------------------------------ Arrow round trip

describe('writeArrow then readArrow', () => {
  it('gives back every column with the same name, kind, role, labels, missing codes, order, marks and cells', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, async (g) => {
        const ds = buildDataset(g);
        const { dataset: back, rolesFromFile } = await readBack(writeArrow(ds));
        expect(rolesFromFile).toBe(true);
        expect(back.table.numRows).toBe(g.n);
        expect(back.columns.map(plainMeta)).toEqual(ds.columns.map(plainMeta));
        for (let j = 0; j < g.names.length; j++)
          expect(cellsOf(back, j), `column ${JSON.stringify(g.names[j])} (${g.columns[j]!.vector})`).toEqual(cellsOf(ds, j));
        // What was read can be written and read again, unchanged.
        const again = (await readBack(writeArrow(back))).dataset;
        expect(again.columns.map(plainMeta)).toEqual(ds.columns.map(plainMeta));
        for (let j = 0; j < g.names.length; j++) expect(cellsOf(again, j)).toEqual(cellsOf(ds, j));
      }),
      { numRuns: 60 },
    );
  });

  it('reads a dictionary column whose explicit id clashes with ids assigned afterwards, beside a low-cardinality text column', async () => {
    const INDEX_TYPES = [
      { make: () => new Int32(), array: Int32Array },
      { make: () => new Int8(), array: Int8Array },
      { make: () => new Int16(), array: Int16Array },
      { make: () => new Uint8(), array: Uint8Array },
      { make: () => new Uint16(), array: Uint16Array },
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }).chain((n) =>
          fc.record({
            codes: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: n, maxLength: n }),
            texts: fc.array(fc.option(fc.constantFrom('low', 'mid', 'high'), { freq: 5 }), { minLength: n, maxLength: n }),
            textFirst: fc.boolean(),
            index: fc.nat(INDEX_TYPES.length - 1),
            viaWriteArrow: fc.boolean(),
          }),
        ),
        async ({ codes, texts, textFirst, index, viaWriteArrow }) => {
          const n = codes.length;
          const dictionary = ['x', 'y', 'z'];
          const { make, array } = INDEX_TYPES[index]!;
          // The id the next dictionary made in this process will get.
          const id = new Dictionary(new Utf8(), new Int32()).id + 1;
          const type = new Dictionary(new Utf8(), make(), id);
          const valid = emptyBits(n);
          codes.forEach((c, i) => c >= 0 && setBit(valid, i));
          const nulls = codes.filter((c) => c < 0).length;
          const dict = makeVector(
            makeData({
              type,
              length: n,
              nullCount: nulls,
              ...(nulls > 0 ? { nullBitmap: valid } : {}),
              data: array.from(codes.map((c) => Math.max(0, c))),
              dictionary: utf8Vector(dictionary),
            }),
          ) as Vector;
          const text = utf8Vector(texts) as Vector;
          const entries: [string, Vector][] = textFirst
            ? [
                ['t', text],
                ['d', dict],
              ]
            : [
                ['d', dict],
                ['t', text],
              ];
          const bytes = viaWriteArrow
            ? writeArrow(makeDataset(entries.map(([name, vector]) => ({ meta: { name, kind: name === 'd' ? 'categorical' : 'text', role: 'key' }, vector }))))
            : tableToIPC(new Table(Object.fromEntries(entries)), 'file');
          const { dataset } = await readBack(bytes, 'foreign.arrow');
          const d = dataset.columns.findIndex((c) => c.name === 'd');
          const t = dataset.columns.findIndex((c) => c.name === 't');
          expect(dataset.columns[d]!.kind).toBe('categorical');
          expect(cellsOf(dataset, d)).toEqual(codes.map((c) => (c < 0 ? null : dictionary[c]!)));
          expect(cellsOf(dataset, t)).toEqual(texts);
          // The columns' dictionaries are told apart when the dataset is written and read again.
          const again = (await readBack(writeArrow(dataset))).dataset;
          expect(cellsOf(again, d)).toEqual(cellsOf(dataset, d));
          expect(cellsOf(again, t)).toEqual(texts);
        },
      ),
      { numRuns: 60 },
    );
  });
});

// ------------------------------------------------------------- parseParams

const CHOICES = [
  { value: 'a', label: 'A' },
  { value: 'b', label: 'B' },
] as const;
const d = (label: string) => ({ label, description: `The ${label}.` });

/** One parameter of every builder, required, optional, defaulted and conditional. */
const SHAPE = {
  column: p.column(d('column')),
  columns: p.columns({ ...d('columns'), minItems: 2, maxItems: 3 }).optional(),
  ordered: p.orderedColumns(d('ordered columns')).optional(),
  k: p.integer({ ...d('k'), min: 2, max: 10 }).withDefault(3),
  x: p.number({ ...d('x'), min: -1, max: 1 }).optional(),
  flag: p.boolean(d('flag')).withDefault(false),
  mode: p.choice({ ...d('mode'), choices: CHOICES }).withDefault('a'),
  name: p.text({ ...d('name'), minLength: 1, maxLength: 5 }).optional(),
  day: p.date(d('day')).optional(),
  breaks: p.numbers({ ...d('breaks'), minItems: 2, increasing: true }).optional(),
  labels: p.texts({ ...d('labels'), distinct: true }).optional(),
  map: p.mapping({ ...d('map'), choices: CHOICES }).optional(),
  matrix: p.matrix({ ...d('matrix'), stochastic: true }).optional(),
  table: p.table({ ...d('table'), headings: ['from', 'to'] }).optional(),
  /** Applies only when mode is "b", then defaulting to 1. */
  limit: p
    .integer({ ...d('limit'), min: 0, max: 5 })
    .withDefault(1)
    .when('mode', ['b']),
  /** Needed when flag is true, refused otherwise. */
  note: p.text(d('note')).when('flag', [true]),
} satisfies ParamShape;
type Name = keyof typeof SHAPE;
const NAMES = Object.keys(SHAPE) as Name[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const distinct = (xs: readonly unknown[]) => new Set(xs).size === xs.length;
const columnList = (v: unknown, min: number, max: number) =>
  Array.isArray(v) && v.every((c) => typeof c === 'string' && c !== '') && v.length >= min && v.length <= max && distinct(v);
const realDate = (v: string) => {
  const t = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === v;
};

/** Each parameter's rule, written out from its declaration. */
const VALID: Record<Name, (v: unknown) => boolean> = {
  column: (v) => typeof v === 'string' && v !== '',
  columns: (v) => columnList(v, 2, 3),
  ordered: (v) => columnList(v, 1, Infinity),
  k: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 2 && v <= 10,
  x: (v) => isFiniteNumber(v) && v >= -1 && v <= 1,
  flag: (v) => typeof v === 'boolean',
  mode: (v) => v === 'a' || v === 'b',
  name: (v) => typeof v === 'string' && v.length >= 1 && v.length <= 5,
  day: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && realDate(v),
  breaks: (v) => Array.isArray(v) && v.length >= 2 && v.every(isFiniteNumber) && v.every((x, i) => i === 0 || x > v[i - 1]!),
  labels: (v) => Array.isArray(v) && v.length >= 1 && v.every((x) => typeof x === 'string') && distinct(v),
  map: (v) => isObject(v) && Object.keys(v).length >= 1 && Object.values(v).every((x) => x === 'a' || x === 'b'),
  matrix: (v) =>
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((r) => Array.isArray(r) && r.length === v.length && r.every((x) => isFiniteNumber(x) && x >= 0 && x <= 1)) &&
    v.every((r: number[]) => Math.abs(r.reduce((s, x) => s + x, 0) - 1) <= 1e-9),
  table: (v) => Array.isArray(v) && v.length > 0 && v.every((r) => Array.isArray(r) && r.length === 2 && r.every((c) => typeof c === 'string')),
  limit: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 5,
  note: (v) => typeof v === 'string',
};

/** Valid values of each parameter, edge cases included. */
const GOOD: Record<Name, fc.Arbitrary<JsonValue>> = {
  column: fc.string({ minLength: 1, maxLength: 5 }),
  columns: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 3 }),
  ordered: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
  k: fc.integer({ min: 2, max: 10 }),
  x: fc.double({ min: -1, max: 1, noNaN: true }),
  flag: fc.boolean(),
  mode: fc.constantFrom('a', 'b'),
  name: fc.string({ minLength: 1, maxLength: 5 }),
  day: fc.integer({ min: -719_162, max: 2_932_896 }).map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10)),
  breaks: fc.uniqueArray(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 2, maxLength: 5 }).map((b) => b.sort((x, y) => x - y)),
  labels: fc.uniqueArray(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 4 }),
  map: fc.dictionary(fc.string({ maxLength: 3 }), fc.constantFrom('a', 'b'), { minKeys: 1, maxKeys: 3 }),
  matrix: fc.integer({ min: 1, max: 3 }).map((size) => Array.from({ length: size }, (_, i) => Array.from({ length: size }, (__, j) => (i === j ? 1 : 0)))),
  table: fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 3 }),
  limit: fc.integer({ min: 0, max: 5 }),
  note: fc.string({ maxLength: 5 }),
};

/** Values close to valid ones: out of range, of the wrong type, duplicated, in the wrong order, the wrong shape. */
const NEAR: fc.Arbitrary<JsonValue> = fc.constantFrom<JsonValue>(
  '',
  'c',
  1,
  11,
  2.5,
  -1.5,
  0,
  true,
  'true',
  [],
  ['a'],
  ['a', 'a'],
  ['a', 'b', 'c', 'd'],
  ['', 'b'],
  [1, 2],
  [2, 1],
  [1, 1],
  [0, 0.5, 0.4],
  ['x', 'y', 'x'],
  { a: 'c' },
  { a: 1 },
  {},
  [[0.5, 0.6]],
  [
    [0.5, 0.5],
    [1, 0],
  ],
  [
    [0.5, 0.5, 0],
    [0, 1, 0],
  ],
  [['a']],
  [['a', 'b', 'c']],
  '2023-02-29',
  '2024-02-29',
  '2023-13-01',
  '1985-3-12',
  '12/03/1985',
  'abcdef',
);

/** A value for one parameter: left out, null, valid, near-valid, or any JSON at all. */
const valueArb = (name: Name): fc.Arbitrary<JsonValue | undefined> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 6, arbitrary: GOOD[name] },
    { weight: 2, arbitrary: NEAR },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue> },
  );

const UNKNOWN = ['colum', 'K', 'extra', 'toString', 'constructor', '__proto__', 'hasOwnProperty', ''];

const rawArb = fc.oneof(
  {
    weight: 20,
    arbitrary: fc
      .record({
        values: fc.tuple(...NAMES.map(valueArb)),
        unknown: fc.option(fc.tuple(fc.constantFrom(...UNKNOWN), fc.jsonValue({ maxDepth: 1 })), { freq: 8 }),
      })
      .map(({ values, unknown }) => {
        const entries: [string, unknown][] = NAMES.flatMap((n, i) => (values[i] === undefined ? [] : [[n, values[i]] as [string, unknown]]));
        if (unknown) entries.splice(entries.length >> 1, 0, unknown);
        return Object.fromEntries(entries) as unknown;
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, [], 'k', 3, [{ column: 'a' }]) },
);

/** What parseParams must do with `raw`: the parameters that are wrong (any of them may be named), or the values it returns. */
function expected(raw: unknown): { problems: Set<string>; unknown: Set<string>; notObject: boolean; values: Record<string, unknown> } {
  const given = raw === undefined ? {} : raw;
  const problems = new Set<string>();
  const values: Record<string, unknown> = {};
  if (!isObject(given)) return { problems, unknown: new Set(), notObject: true, values };
  const unknown = new Set(Object.keys(given).filter((k) => !(NAMES as string[]).includes(k)));
  const has = (n: Name) => Object.hasOwn(given, n) && given[n] !== undefined;
  const absent = (n: Name) => !has(n) || given[n] === null;
  for (const n of NAMES) {
    const info = SHAPE[n].info;
    const cond = info.when;
    if (cond && !cond.values.some((x) => x === values[cond.param])) {
      // Not applicable: given, it is refused; null counts as left out, as everywhere.
      if (!absent(n)) problems.add(n);
      continue;
    }
    if (absent(n)) {
      if (info.default !== undefined) values[n] = info.default;
      else if (info.required) problems.add(n);
      continue;
    }
    if (VALID[n](given[n])) values[n] = given[n];
    else problems.add(n);
  }
  return { problems, unknown, notObject: false, values };
}

describe('parseParams', () => {
  const failFor = paramFailure('step', 'prop-test');

  it('on random JSON either returns the valid values with defaults filled, or throws BAD_PARAMS naming a parameter that is wrong', () => {
    fc.assert(
      fc.property(rawArb, (raw) => {
        const want = expected(raw);
        let got: Record<string, unknown> | undefined;
        let error: unknown;
        try {
          got = parseParams(SHAPE, raw, failFor);
        } catch (e) {
          error = e;
        }
        if (error === undefined) {
          expect(want.notObject || want.unknown.size > 0 || want.problems.size > 0, `accepted ${JSON.stringify(raw)}`).toBe(false);
          expect(got).toEqual(want.values);
          // Given values pass through as they are, not copies.
          for (const [k, v] of Object.entries(got!)) if (isObject(raw) && raw[k] !== undefined && raw[k] !== null) expect(v).toBe(raw[k]);
          return;
        }
        expect(error, String(error)).toBeInstanceOf(EngineError);
        const e = error as EngineError;
        expect(e.code).toBe('BAD_PARAMS');
        if (want.notObject) {
          expect(e.message).toBe('The step "prop-test" must be an object of parameter names and values.');
          return;
        }
        const unknown = /^The step "prop-test" has no parameter "(.*)"; its parameters are /s.exec(e.message);
        if (unknown) {
          expect(want.unknown.has(unknown[1]!), `${e.message} for ${JSON.stringify(raw)}`).toBe(true);
          return;
        }
        const named = /^Parameter "([^"]*)" of step "prop-test" /.exec(e.message);
        expect(named, e.message).not.toBeNull();
        expect(e.details.param).toBe(named![1]);
        // Unknown names are reported before anything else.
        expect(want.unknown.size, e.message).toBe(0);
        expect(want.problems.has(named![1]!), `${e.message} for ${JSON.stringify(raw)}; wrong: ${[...want.problems].join(', ')}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('fills every default when only the required parameter is given', () => {
    fc.assert(
      fc.property(GOOD.column, (column) => {
        expect(parseParams(SHAPE, { column }, failFor)).toEqual({ column, k: 3, flag: false, mode: 'a' });
        expect(parseParams(SHAPE, { column, mode: 'b' }, failFor)).toEqual({ column, k: 3, flag: false, mode: 'b', limit: 1 });
      }),
      { numRuns: 20 },
    );
  });

  it('refuses a conditional parameter given while its condition is false, naming it and the condition', () => {
    fc.assert(
      fc.property(GOOD.column, GOOD.limit, fc.constantFrom<JsonValue | undefined>(undefined, 'a'), (column, limit, mode) => {
        const raw = { column, limit, ...(mode === undefined ? {} : { mode }) };
        expect(() => parseParams(SHAPE, raw, failFor)).toThrow('Parameter "limit" of step "prop-test" applies only when "mode" is "b".');
        expect(() => parseParams(SHAPE, { column, note: 'n' }, failFor)).toThrow('Parameter "note" of step "prop-test" applies only when "flag" is true.');
        expect(() => parseParams(SHAPE, { column, flag: true }, failFor)).toThrow('Parameter "note" of step "prop-test" is needed when "flag" is true.');
      }),
      { numRuns: 20 },
    );
  });
});

// --------------------------------------------------------------- recodeCodes

/** Columns of every code path: narrow and wide integers, decimals, dictionaries with unused entries, text, dates, booleans. */
const codeColumnArb = fc.integer({ min: 0, max: 120 }).chain((n) =>
  fc.oneof(
    skewed(fc.integer({ min: -20, max: 20 }), n).map((v) => float64Vector(Float64Array.from(v, (x) => (x === null ? NaN : x)))),
    skewed(fc.integer({ min: -1e9, max: 1e9 }), n).map((v) => float64Vector(Float64Array.from(v, (x) => (x === null ? NaN : x)))),
    skewed(
      fc.integer({ min: -1000, max: 1000 }).map((i) => i / 8),
      n,
    ).map((v) => float64Vector(Float64Array.from(v, (x) => (x === null ? NaN : x)))),
    skewed(fc.nat(5), n).map((v) =>
      dictionaryVector(
        ['a', 'b', 'c', 'd', 'e', 'f'],
        Int32Array.from(v, (x) => x ?? -1),
      ),
    ),
    skewed(textArb, n).map((v) => utf8Vector(v)),
    skewed(fc.integer({ min: -30_000, max: 30_000 }), n).map((v) => dateDayVector(Float64Array.from(v, (x) => (x === null ? NaN : x)))),
    fc.array(fc.integer({ min: -1, max: 1 }), { minLength: n, maxLength: n }).map((v) => boolVector(Int8Array.from(v))),
  ),
);

const textAt = (c: ColumnCodes, i: number) => c.labels[c.codes[i]!] ?? null;

describe('recodeCodes', () => {
  it('gives every row labels[map[code]] (missing for missing or a negative map), the same as recoding the values and coding afresh, up to renumbering', () => {
    fc.assert(
      fc.property(
        codeColumnArb.chain((vector) => {
          const base = columnCodes(vector.data[0]!);
          return fc.record({
            vector: fc.constant(vector),
            labels: fc.uniqueArray(textArb, { minLength: 1, maxLength: 6 }),
            picks: fc.array(fc.nat(), { minLength: base.cardinality, maxLength: base.cardinality }),
          });
        }),
        ({ vector, labels, picks }) => {
          const data = vector.data[0]!;
          const base = columnCodes(data);
          // Each old code goes to one of the new labels or to missing (-1, -2).
          const map = picks.map((x) => (x % (labels.length + 2)) - 2);
          const r = recodeCodes(base, map, labels);
          const n = data.length;
          const format = cellFormatter(data);
          const want: (string | null)[] = [];
          for (let i = 0; i < n; i++) {
            const c = base.codes[i]!;
            want.push(format(i) === null || map[c]! < 0 ? null : labels[map[c]!]!);
          }
          expect(Array.from({ length: n }, (_, i) => textAt(r, i))).toEqual(want);

          // The same as building the recoded column and coding it afresh.
          const fresh = columnCodes(utf8Vector(want).data[0]!);
          expect(r.hasMissing).toBe(fresh.hasMissing);
          expect(r.distinct).toBe(fresh.distinct);
          const toFresh = new Map<number, number>();
          for (let i = 0; i < n; i++) {
            const a = r.codes[i]!;
            const b = fresh.codes[i]!;
            if (!toFresh.has(a)) toFresh.set(a, b);
            expect(toFresh.get(a), `row ${i}`).toBe(b);
            expect(r.labels[a]).toBe(fresh.labels[b]);
          }
          expect(new Set(toFresh.values()).size).toBe(toFresh.size);
          // Codes run from 0 to cardinality - 1: the new labels, then missing if any.
          expect(r.cardinality).toBe(labels.length + (r.hasMissing ? 1 : 0));
          expect(r.labels).toEqual(r.hasMissing ? [...labels, null] : labels);
          for (let i = 0; i < n; i++) expect(r.codes[i]!).toBeLessThan(r.cardinality);
        },
      ),
      { numRuns: 300 },
    );
  });

  // Found by the property above: the FNV-1a hash of no bytes is the offset basis 0x811c9dc5, above
  // 2^31, which never equals its Int32Array copy, so every empty string got a code of its own.
  it('codes every empty string of a UTF-8 column alike (regression: each empty string was a category of its own)', () => {
    const c = columnCodes(utf8Vector(['', '', 'a', null, '']).data[0]!);
    expect({ codes: Array.from(c.codes), labels: c.labels, distinct: c.distinct }).toEqual({ codes: [0, 0, 1, 2, 0], labels: ['', 'a', null], distinct: 2 });
  });

  it('refuses a map of the wrong length or past the new labels', () => {
    fc.assert(
      fc.property(codeColumnArb, fc.integer({ min: 1, max: 3 }), (vector, extra) => {
        const base = columnCodes(vector.data[0]!);
        expect(() => recodeCodes(base, new Array<number>(base.cardinality + extra).fill(0), ['a'])).toThrow(RangeError);
        const present = base.labels.findIndex((l) => l !== null);
        fc.pre(present >= 0);
        const map = new Array<number>(base.cardinality).fill(0);
        map[present] = 1 + extra;
        expect(() => recodeCodes(base, map, ['a', 'b'])).toThrow(RangeError);
      }),
      { numRuns: 50 },
    );
  });
});
