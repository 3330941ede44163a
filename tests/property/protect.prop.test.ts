/**
 * Property tests for the protection methods and the before/after comparison:
 * recode (sdcMicro globalRecode with a vector of breaks), intervalLabels and
 * formatG (R's cut labels and formatC), topBottomCode (sdcMicro topBotCoding),
 * compare and moments. Every result is checked cell by cell against a direct
 * reading of the rule on the generated numbers (a linear scan of the intervals,
 * a naive two-pass mean and standard deviation).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../src/engine/context.ts';
import { EngineError } from '../../src/engine/errors.ts';
import { formatG, intervalLabels, recode } from '../../src/engine/protect/recode.ts';
import { topBottomCode, type TopBottomCodeOptions } from '../../src/engine/protect/top-bottom-code.ts';
import { cellFormatter } from '../../src/engine/table/cells.ts';
import { columnData, emptyBits, getBit, makeDataset, setBit, type CellMarks, type ColumnInput, type Dataset } from '../../src/engine/table/dataset.ts';
import { boolVector, dateDayVector, dictionaryVector, float64Vector, utf8Vector } from '../../src/engine/table/vectors.ts';
import { compare, moments } from '../../src/engine/utility/compare.ts';

// ---------------------------------------------------------------- generators

/** How the numbers of a column are drawn: small integers, wide integers, decimals, and decimals far from zero with a small spread. */
type NumberKind = 'integer' | 'wide' | 'decimal' | 'offset';
const NUMBER: Record<NumberKind, fc.Arbitrary<number>> = {
  integer: fc.integer({ min: -50, max: 120 }),
  wide: fc.integer({ min: -1e12, max: 1e12 }),
  decimal: fc.integer({ min: -100_000, max: 100_000 }).map((i) => i / 100),
  offset: fc.integer({ min: -5_000, max: 5_000 }).map((i) => 1e8 + i / 100),
};

interface NumColumn {
  kind: NumberKind;
  /** null is missing. */
  values: (number | null)[];
}

/** n skewed numbers: a few common values (one most of all), the rest rare; nulls at 0, 5 or 30 %. */
const numbersArb = (kind: NumberKind, n: number): fc.Arbitrary<(number | null)[]> =>
  fc
    .record({
      common: fc.uniqueArray(NUMBER[kind], { minLength: 1, maxLength: 4 }),
      nullPct: fc.constantFrom(0, 5, 30),
      picks: fc.array(fc.tuple(fc.nat(99), NUMBER[kind]), { minLength: n, maxLength: n }),
    })
    .map(({ common, nullPct, picks }) => picks.map(([r, rare]) => (r < nullPct ? null : r < 50 ? common[0]! : r < 80 ? common[r % common.length]! : rare)));

const numColumnArb = (n: number): fc.Arbitrary<NumColumn> =>
  fc.constantFrom<NumberKind>('integer', 'wide', 'decimal', 'offset').chain((kind) => numbersArb(kind, n).map((values) => ({ kind, values })));

const presentOf = (values: readonly (number | null)[]): number[] => values.filter((v): v is number => v !== null);
const isIntegral = (values: readonly (number | null)[]) => presentOf(values).every(Number.isInteger);

const TEXT = fc.constantFrom('a', 'b', 'Zé', '東京', '', ' x ', 'ß,"');

interface GenTable {
  n: number;
  x: NumColumn;
  /** A second numeric column, a text column, a category, a date and a boolean: the columns that must be left alone. */
  y: NumColumn;
  text: (string | null)[];
  cat: number[];
  days: (number | null)[];
  flags: number[];
  /** Marks the column x already carries from earlier steps, or none. */
  prior: { suppressed: boolean[]; changed: boolean[] } | null;
  valueLabels: Record<string, string> | null;
}

const tableArb: fc.Arbitrary<GenTable> = fc.integer({ min: 0, max: 250 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    x: numColumnArb(n),
    y: numColumnArb(n),
    text: fc.array(fc.option(TEXT, { freq: 5 }), { minLength: n, maxLength: n }),
    cat: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: n, maxLength: n }),
    days: fc.array(fc.option(fc.integer({ min: -25_567, max: 47_481 }), { freq: 5 }), { minLength: n, maxLength: n }),
    flags: fc.array(fc.integer({ min: -1, max: 1 }), { minLength: n, maxLength: n }),
    prior: fc.option(
      fc.record({
        suppressed: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        changed: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      }),
      { freq: 2 },
    ),
    valueLabels: fc.option(fc.dictionary(fc.constantFrom('1', '2', '-9', '99'), TEXT, { maxKeys: 3 }), { freq: 2 }),
  }),
);

const toFloat = (values: readonly (number | null)[]) => Float64Array.from(values, (v) => (v === null ? NaN : v));

function bitsOf(flags: readonly boolean[]): Uint8Array {
  const bits = emptyBits(flags.length);
  flags.forEach((f, i) => f && setBit(bits, i));
  return bits;
}

const NAMES = ['x', 'y', 'text', 'cat', 'day', 'flag'] as const;

/** The generated table as a Dataset (built afresh each call: the same cells in new Arrow data). */
function buildDataset(t: GenTable): Dataset {
  const marks: CellMarks | undefined = t.prior ? { suppressed: bitsOf(t.prior.suppressed), changed: bitsOf(t.prior.changed) } : undefined;
  const columns: ColumnInput[] = [
    {
      meta: {
        name: 'x',
        kind: isIntegral(t.x.values) ? 'integer' : 'decimal',
        role: 'key',
        label: 'The variable',
        ...(t.valueLabels ? { valueLabels: t.valueLabels } : {}),
        ...(marks ? { marks } : {}),
      },
      vector: float64Vector(toFloat(t.x.values)),
    },
    { meta: { name: 'y', kind: isIntegral(t.y.values) ? 'integer' : 'decimal', role: 'sensitive' }, vector: float64Vector(toFloat(t.y.values)) },
    { meta: { name: 'text', kind: 'text', role: 'other' }, vector: utf8Vector(t.text) },
    { meta: { name: 'cat', kind: 'categorical', role: 'key' }, vector: dictionaryVector(['p', 'q', 'r', 's'], Int32Array.from(t.cat)) },
    { meta: { name: 'day', kind: 'date', role: 'other' }, vector: dateDayVector(toFloat(t.days)) },
    { meta: { name: 'flag', kind: 'boolean', role: 'other' }, vector: boolVector(Int8Array.from(t.flags)) },
  ];
  return makeDataset(columns, t.n);
}

function cellsOf(ds: Dataset, j: number): (string | null)[] {
  const f = cellFormatter(columnData(ds, j));
  return Array.from({ length: ds.table.numRows }, (_, i) => f(i));
}

/** The numbers of a Float64 column, null for missing. */
function numbersOf(ds: Dataset, j: number): (number | null)[] {
  const data = columnData(ds, j);
  const values = data.values as Float64Array;
  return Array.from({ length: data.length }, (_, i) => (data.getValid(i) ? values[i]! : null));
}

/**
 * Strictly increasing breaks, 2 to 8 of them: drawn partly from the column's own values
 * (so that values fall exactly on breaks) and partly from the same distribution.
 */
const breaksArb = (x: NumColumn): fc.Arbitrary<number[]> => {
  const present = presentOf(x.values);
  const pick = present.length > 0 ? fc.oneof(fc.constantFrom(...present), NUMBER[x.kind], NUMBER.decimal) : fc.oneof(NUMBER[x.kind], NUMBER.decimal);
  return fc.uniqueArray(pick, { minLength: 2, maxLength: 8 }).map((b) => b.sort((a, c) => a - c));
};

/** The interval k holding v by a linear scan of the rule, or -1 outside. */
function intervalByScan(v: number, breaks: readonly number[], closed: 'right' | 'left'): number {
  for (let k = 0; k + 1 < breaks.length; k++) {
    const [lo, hi] = [breaks[k]!, breaks[k + 1]!];
    if (closed === 'right' ? lo < v && v <= hi : lo <= v && v < hi) return k;
  }
  return -1;
}

const ctx = () => createRunContext();

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

// ------------------------------------------------------------------ recode

const recodeCaseArb = tableArb.chain((t) =>
  fc.record({
    t: fc.constant(t),
    breaks: breaksArb(t.x),
    closed: fc.constantFrom<'right' | 'left'>('right', 'left'),
    ownLabels: fc.boolean(),
  }),
);

describe('recode (sdcMicro globalRecode with breaks)', () => {
  it("with outside 'missing', gives every value its interval's label, makes values outside missing, and marks exactly those cells", () => {
    fc.assert(
      fc.property(recodeCaseArb, ({ t, breaks, closed, ownLabels }) => {
        const ds = buildDataset(t);
        const labels = ownLabels ? breaks.slice(1).map((_, k) => `band ${k + 1}`) : intervalLabels(breaks, closed);
        const { dataset: out, log } = recode(ds, { column: 'x', breaks, closed, outside: 'missing', ...(ownLabels ? { labels } : {}) });

        const got = cellsOf(out, 0);
        let recoded = 0;
        let outside = 0;
        const meta = out.columns[0]!;
        for (let i = 0; i < t.n; i++) {
          const v = t.x.values[i]!;
          const k = v === null ? -1 : intervalByScan(v, breaks, closed);
          if (v !== null && k >= 0) recoded++;
          if (v !== null && k < 0) outside++;
          const want = k >= 0 ? labels[k]! : null;
          if (got[i] !== want) expect.fail(`row ${i}: ${v} became ${got[i]}, expected ${want} for breaks ${breaks.join(', ')} (${closed})`);
          // Marks: the step's own (recoded changed, made missing suppressed), merged with those the column had.
          const priorS = t.prior?.suppressed[i] ?? false;
          const priorC = t.prior?.changed[i] ?? false;
          expect(getBit(meta.marks?.changed, i), `changed mark of row ${i}`).toBe(priorC || k >= 0);
          expect(getBit(meta.marks?.suppressed, i), `suppressed mark of row ${i}`).toBe(priorS || (v !== null && k < 0));
        }
        expect(meta.kind).toBe('categorical');
        expect(meta.order).toEqual(labels);
        expect(meta.role).toBe('key');
        expect(meta.label).toBe('The variable');
        // The old value labels no longer describe intervals.
        expect(meta.valueLabels).toBeUndefined();
        expect(log.counts).toEqual({ valuesRecoded: recoded, valuesMadeMissing: outside, intervals: breaks.length - 1 });

        // Every other column is the same Arrow data, with the same metadata; the input is untouched.
        for (let j = 1; j < NAMES.length; j++) {
          expect(columnData(out, j)).toBe(columnData(ds, j));
          expect(out.columns[j]).toBe(ds.columns[j]);
        }
        expect(numbersOf(ds, 0)).toEqual(t.x.values);
      }),
      { numRuns: 150 },
    );
  });

  it("by default stops with UNREADABLE_VALUES exactly when some value lies outside, giving the count; otherwise agrees with 'missing'", () => {
    fc.assert(
      fc.property(recodeCaseArb, ({ t, breaks, closed }) => {
        const ds = buildDataset(t);
        const outside = presentOf(t.x.values).filter((v) => intervalByScan(v, breaks, closed) < 0).length;
        const e = thrown(() => recode(ds, { column: 'x', breaks, closed }));
        if (outside === 0) {
          expect(e).toBeUndefined();
          const a = recode(ds, { column: 'x', breaks, closed }).dataset;
          const b = recode(ds, { column: 'x', breaks, closed, outside: 'missing' }).dataset;
          expect(cellsOf(a, 0)).toEqual(cellsOf(b, 0));
        } else {
          expect(e).toBeInstanceOf(EngineError);
          expect((e as EngineError).code).toBe('UNREADABLE_VALUES');
          expect((e as EngineError).details.outside).toBe(outside);
          expect((e as EngineError).details.column).toBe('x');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses breaks that do not increase strictly, with BAD_PARAMS', () => {
    fc.assert(
      fc.property(tableArb, fc.array(NUMBER.integer, { minLength: 2, maxLength: 6 }), (t, raw) => {
        fc.pre(raw.some((b, i) => i > 0 && b <= raw[i - 1]!));
        const e = thrown(() => recode(buildDataset(t), { column: 'x', breaks: raw, outside: 'missing' }));
        expect(e).toBeInstanceOf(EngineError);
        expect((e as EngineError).code).toBe('BAD_PARAMS');
      }),
      { numRuns: 50 },
    );
  });
});

// ------------------------------------------------------ intervalLabels, formatG

/** A break with at most 12 significant digits: an integer of up to 12 digits over a power of ten. */
const breakValue = fc
  .tuple(fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }), fc.constantFrom(1, 100, 10_000, 1e8, 1e11))
  .map(([m, scale]) => m / scale);
/** Increasing breaks, some neighbours so close that 8 significant digits do not tell them apart. */
const closeBreaksArb = fc
  .tuple(fc.uniqueArray(breakValue, { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 2 }), { maxLength: 6 }))
  .map(([base, steps]) => {
    const sorted = base.sort((a, b) => a - b);
    // Neighbours a few units of the 10th or 11th significant digit above the last break (12 digits still tell them apart).
    const last = sorted[sorted.length - 1]!;
    const unit = Math.abs(last) > 0 ? 10 ** (Math.floor(Math.log10(Math.abs(last))) - 8 - (steps[0] ?? 1)) : 1e-6;
    const extra = steps.map((s, i) => last + (i + 1) * s * unit);
    return [...new Set([...sorted, ...extra])].sort((a, b) => a - b);
  })
  .filter((b) => b.length >= 2);

describe('intervalLabels and formatG (R cut, formatC)', () => {
  it('gives one distinct label per interval, in bracket notation, for breaks of up to 12 significant digits', () => {
    fc.assert(
      fc.property(closeBreaksArb, fc.constantFrom<'right' | 'left'>('right', 'left'), (breaks, closed) => {
        const labels = intervalLabels(breaks, closed);
        expect(labels.length).toBe(breaks.length - 1);
        expect(new Set(labels).size, `labels ${labels.join(' ')} of breaks ${breaks.join(' ')}`).toBe(labels.length);
        const shape = closed === 'right' ? /^\((.+),(.+)\]$/ : /^\[(.+),(.+)\)$/;
        labels.forEach((l, k) => {
          const m = shape.exec(l);
          expect(m, l).not.toBeNull();
          // Each end reads back as its break to 8 significant digits at least.
          for (const [text, b] of [
            [m![1]!, breaks[k]!],
            [m![2]!, breaks[k + 1]!],
          ] as const) {
            expect(Math.abs(Number(text) - b)).toBeLessThanOrEqual(Math.abs(b) * 1e-7 + 1e-300);
          }
        });
        // The other closing has the same numbers in the other brackets.
        const other = intervalLabels(breaks, closed === 'right' ? 'left' : 'right');
        expect(other.map((l) => l.slice(1, -1))).toEqual(labels.map((l) => l.slice(1, -1)));
      }),
      { numRuns: 300 },
    );
  });

  it('formatG(x, d) reads back within relative 10^-(d-1), equals toPrecision(d) as a number, and is in %g form', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 });
    fc.assert(
      fc.property(fc.oneof(finite, breakValue, fc.integer({ min: -1e9, max: 1e9 })), fc.integer({ min: 1, max: 17 }), (x, d) => {
        const s = formatG(x, d);
        const back = Number(s);
        expect(Math.abs(back - x), `${x} written ${s}`).toBeLessThanOrEqual(Math.abs(x) * 10 ** -(d - 1));
        if (x !== 0) expect(back, `${x} written ${s}`).toBe(Number(x.toPrecision(d)));
        // %g: no trailing zeros after a decimal point, an exponent with a sign and two or more digits, at most d significant digits.
        expect(s).toMatch(/^-?(0|[1-9]\d*)(\.\d*[1-9])?(e[+-]\d{2,3})?$/);
        const significant = s.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
        expect(significant.length, s).toBeLessThanOrEqual(d);
      }),
      { numRuns: 1000 },
    );
  });
});

// ----------------------------------------------------------- topBottomCode

interface TbCase {
  t: GenTable;
  options: TopBottomCodeOptions;
}

const tbCaseArb: fc.Arbitrary<TbCase> = tableArb.chain((t) => {
  const present = presentOf(t.x.values);
  const threshold = present.length > 0 ? fc.oneof(fc.constantFrom(...present), NUMBER[t.x.kind]) : NUMBER[t.x.kind];
  const replacement = fc.oneof(NUMBER[t.x.kind], NUMBER.decimal);
  return fc
    .record({
      top: fc.option(threshold, { nil: undefined }),
      bottom: fc.option(threshold, { nil: undefined }),
      topReplacement: fc.option(replacement, { nil: undefined, freq: 2 }),
      bottomReplacement: fc.option(replacement, { nil: undefined, freq: 2 }),
    })
    .filter((o) => o.top !== undefined || o.bottom !== undefined)
    .map((o) => {
      const [bottom, top] = o.top !== undefined && o.bottom !== undefined && o.bottom > o.top ? [o.top, o.bottom] : [o.bottom, o.top];
      const options: TopBottomCodeOptions = { column: 'x' };
      if (top !== undefined) options.top = top;
      if (bottom !== undefined) options.bottom = bottom;
      if (o.topReplacement !== undefined) options.topReplacement = o.topReplacement;
      if (o.bottomReplacement !== undefined) options.bottomReplacement = o.bottomReplacement;
      return { t, options };
    });
});

/** The rule: strictly above top becomes the top replacement (default top), strictly below bottom the bottom one; missing stays missing. */
function codeByRule(v: number | null, o: TopBottomCodeOptions): number | null {
  if (v === null) return null;
  if (o.top !== undefined && v > o.top) return o.topReplacement ?? o.top;
  if (o.bottom !== undefined && v < o.bottom) return o.bottomReplacement ?? o.bottom;
  return v;
}

describe('topBottomCode (sdcMicro topBotCoding)', () => {
  it('replaces exactly the values beyond the thresholds, keeps the rest and missing, counts and marks the changed cells', () => {
    fc.assert(
      fc.property(tbCaseArb, ({ t, options }) => {
        const ds = buildDataset(t);
        const { dataset: out, log } = topBottomCode(ds, options);
        const got = numbersOf(out, 0);
        const { top, bottom } = options;
        const topTo = options.topReplacement ?? top;
        const bottomTo = options.bottomReplacement ?? bottom;
        const meta = out.columns[0]!;
        for (let i = 0; i < t.n; i++) {
          const v = t.x.values[i]!;
          const w = got[i]!;
          expect(w, `row ${i}: ${v}`).toBe(codeByRule(v, options));
          if (v === null) continue;
          // Nothing above top but a replacement that is itself above it; nothing below bottom likewise.
          if (top !== undefined && w > top) expect(w === topTo || w === bottomTo, `row ${i}: ${v} -> ${w} above ${top}`).toBe(true);
          if (bottom !== undefined && w < bottom) expect(w === topTo || w === bottomTo, `row ${i}: ${v} -> ${w} below ${bottom}`).toBe(true);
          if ((top === undefined || v <= top) && (bottom === undefined || v >= bottom)) expect(w).toBe(v);
          expect(getBit(meta.marks?.changed, i), `changed mark of row ${i}`).toBe((t.prior?.changed[i] ?? false) || w !== v);
        }
        for (let i = 0; i < t.n; i++) expect(getBit(meta.marks?.suppressed, i)).toBe(t.prior?.suppressed[i] ?? false);
        const present = presentOf(t.x.values);
        expect(log.counts).toEqual({
          topCoded: top === undefined ? 0 : present.filter((v) => v > top).length,
          bottomCoded: bottom === undefined ? 0 : present.filter((v) => v < bottom).length,
        });
        // Kind: whole numbers stay whole numbers unless a replacement is not.
        const integral = isIntegral(t.x.values) && Number.isInteger(topTo ?? 0) && Number.isInteger(bottomTo ?? 0);
        expect(meta.kind).toBe(integral ? 'integer' : 'decimal');
        // Value labels, variable label and role still describe the column.
        expect(meta.valueLabels).toEqual(t.valueLabels ?? undefined);
        expect(meta.label).toBe('The variable');
        for (let j = 1; j < NAMES.length; j++) expect(columnData(out, j)).toBe(columnData(ds, j));
        expect(numbersOf(ds, 0)).toEqual(t.x.values);
      }),
      { numRuns: 200 },
    );
  });

  it('coded twice with the thresholds as replacements, changes nothing the second time', () => {
    fc.assert(
      fc.property(tbCaseArb, fc.boolean(), ({ t, options }, explicit) => {
        const o: TopBottomCodeOptions = { column: 'x' };
        if (options.top !== undefined) {
          o.top = options.top;
          if (explicit) o.topReplacement = options.top;
        }
        if (options.bottom !== undefined) {
          o.bottom = options.bottom;
          if (explicit) o.bottomReplacement = options.bottom;
        }
        const once = topBottomCode(buildDataset(t), o).dataset;
        const twice = topBottomCode(once, o);
        expect(twice.log.counts).toEqual({ topCoded: 0, bottomCoded: 0 });
        expect(numbersOf(twice.dataset, 0)).toEqual(numbersOf(once, 0));
        const bits = (ds: Dataset) => Array.from({ length: t.n }, (_, i) => getBit(ds.columns[0]!.marks?.changed, i));
        expect(bits(twice.dataset)).toEqual(bits(once));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a bottom above the top, with BAD_PARAMS', () => {
    fc.assert(
      fc.property(tableArb, NUMBER.decimal, NUMBER.decimal, (t, a, b) => {
        fc.pre(a !== b);
        const e = thrown(() => topBottomCode(buildDataset(t), { column: 'x', top: Math.min(a, b), bottom: Math.max(a, b) }));
        expect(e).toBeInstanceOf(EngineError);
        expect((e as EngineError).code).toBe('BAD_PARAMS');
      }),
      { numRuns: 30 },
    );
  });
});

// ------------------------------------------------------------------ compare

/** Mean and sample standard deviation in two passes: the sum, then the squared deviations from the mean. */
function naiveMoments(values: readonly (number | null)[]): { n: number; mean: number | null; sd: number | null } {
  const xs = presentOf(values);
  const n = xs.length;
  if (n === 0) return { n, mean: null, sd: null };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  if (n === 1) return { n, mean, sd: null };
  const ss = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
  return { n, mean, sd: Math.sqrt(ss / (n - 1)) };
}

/**
 * Within 1e-9 relative, plus a few ulps of the largest value: for numbers far from zero
 * with a small spread, both ways of computing lose that much to rounding the deviations.
 */
function expectClose(got: number | null, want: number | null, values: readonly (number | null)[], what: string): void {
  if (want === null) {
    expect(got, what).toBeNull();
    return;
  }
  expect(got, what).not.toBeNull();
  const scale = Math.max(0, ...presentOf(values).map(Math.abs));
  expect(Math.abs(got! - want), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(1e-9 * Math.abs(want) + 64 * Number.EPSILON * scale);
}

describe('compare and moments', () => {
  it('of a dataset with itself, or with the same cells in new Arrow data, reports nothing changed in any column', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const ds = buildDataset(t);
        for (const other of [ds, buildDataset(t)]) {
          const report = await compare({ before: ds, after: other }, undefined, ctx());
          expect(report.rows).toBe(t.n);
          expect(report.removed).toEqual([]);
          expect(report.added).toEqual([]);
          expect(report.columns.map((c) => c.column)).toEqual([...NAMES]);
          for (const c of report.columns) {
            expect({ column: c.column, changed: c.changed, madeMissing: c.madeMissing, filled: c.filled, unchanged: c.unchanged }).toEqual({
              column: c.column,
              changed: 0,
              madeMissing: 0,
              filled: 0,
              unchanged: t.n,
            });
            const numeric = c.column === 'x' || c.column === 'y';
            expect(c.before === null).toBe(!numeric);
            expect(c.after).toEqual(c.before);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('before and after topBottomCode reports as changed exactly the cells whose value differs, nothing made missing or filled', async () => {
    await fc.assert(
      fc.asyncProperty(tbCaseArb, async ({ t, options }) => {
        const before = buildDataset(t);
        const after = topBottomCode(before, options).dataset;
        const differs = t.x.values.filter((v) => v !== codeByRule(v, options)).length;
        const report = await compare({ before, after }, undefined, ctx());
        const x = report.columns.find((c) => c.column === 'x')!;
        expect({ changed: x.changed, madeMissing: x.madeMissing, filled: x.filled, unchanged: x.unchanged }).toEqual({
          changed: differs,
          madeMissing: 0,
          filled: 0,
          unchanged: t.n - differs,
        });
        const coded = t.x.values.map((v) => codeByRule(v, options));
        expectClose(x.after!.mean, naiveMoments(coded).mean, coded, 'mean after');
        expectClose(x.after!.sd, naiveMoments(coded).sd, coded, 'sd after');
        for (const c of report.columns) if (c.column !== 'x') expect(c.unchanged).toBe(t.n);
        // Only the columns asked for.
        const only = await compare({ before, after }, ['x'], ctx());
        expect(only.columns.map((c) => c.column)).toEqual(['x']);
        expect(only.columns[0]).toEqual(x);
      }),
      { numRuns: 100 },
    );
  });

  it('before and after recode reports the recoded cells as changed and those outside the breaks as made missing', async () => {
    await fc.assert(
      fc.asyncProperty(recodeCaseArb, async ({ t, breaks, closed }) => {
        const before = buildDataset(t);
        const { dataset: after, log } = recode(before, { column: 'x', breaks, closed, outside: 'missing' });
        const x = (await compare({ before, after }, undefined, ctx())).columns.find((c) => c.column === 'x')!;
        expect(x.kindAfter).toBe('categorical');
        expect(x.changed).toBe(log.counts.valuesRecoded);
        expect(x.madeMissing).toBe(log.counts.valuesMadeMissing);
        expect(x.filled).toBe(0);
        expect(x.before).toBeNull();
        expect(x.after).toBeNull();
      }),
      { numRuns: 80 },
    );
  });

  it('moments: n, mean and sample sd (n - 1) equal a naive two-pass computation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }).chain((n) => numColumnArb(n)),
        (col) => {
          const m = moments(float64Vector(toFloat(col.values)).data[0]!);
          const want = naiveMoments(col.values);
          expect(m.n).toBe(want.n);
          expectClose(m.mean, want.mean, col.values, 'mean');
          expectClose(m.sd, want.sd, col.values, 'sd');
        },
      ),
      { numRuns: 300 },
    );
  });
});
