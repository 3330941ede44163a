/**
 * Property tests for the identifier steps, run through the step registry
 * (runStep) as a recipe would run them: drop-columns, pseudonymise, generalise.
 * Pseudonyms are checked against node:crypto's HMAC-SHA-256 as an independent reference.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../src/engine/context.ts';
import { runStep } from '../../src/engine/recipe/run-step.ts';
import type { Step, StepContext } from '../../src/engine/recipe/method.ts';
import { keyFrequencies } from '../../src/engine/risk/key-frequencies.ts';
import { cellFormatter } from '../../src/engine/table/cells.ts';
import { columnData, getBit, makeDataset, type Dataset } from '../../src/engine/table/dataset.ts';
import { dictionaryVector, utf8Vector } from '../../src/engine/table/vectors.ts';
import { readText } from '../helpers/data.ts';

// ---------------------------------------------------------------- generators

const TEXT_CHARS = ['a', 'b', 'Z', 'é', 'ß', '東', '😀', ',', '"', '\n', ' ', ';', '\t', '1', '-', 'A', 'B'];
/** Text that starts with a letter, so the reader keeps it as it is; may have leading/trailing spaces and mixed case. */
const textValue = fc
  .tuple(
    fc.constantFrom('', ' '),
    fc.constantFrom('a', 'A', 'é', 'É', '東', 'x'),
    fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 5 }),
    fc.constantFrom('', ' '),
  )
  .map(([pre, head, tail, post]) => pre + head + tail.join('') + post);

type Kind = 'text' | 'integer' | 'decimal' | 'date' | 'boolean';
const VALUE: Record<Kind, fc.Arbitrary<string>> = {
  text: textValue,
  integer: fc.integer({ min: -1000, max: 1000 }).map(String),
  decimal: fc.integer({ min: -100_000, max: 100_000 }).map((i) => String(i / 100)),
  date: fc.integer({ min: -25_567, max: 47_481 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)),
  boolean: fc.constantFrom('true', 'false'),
};

/** n skewed cells of one value arbitrary: a few common values, many rare ones, nulls at 0, 5 or 30 %. */
const cellsArb = (value: fc.Arbitrary<string>, n: number): fc.Arbitrary<(string | null)[]> =>
  fc
    .record({
      common: fc.uniqueArray(value, { minLength: 1, maxLength: 4 }),
      nullPct: fc.constantFrom(0, 5, 30),
      picks: fc.array(fc.tuple(fc.nat(99), value), { minLength: n, maxLength: n }),
    })
    .map(({ common, nullPct, picks }) => picks.map(([r, rare]) => (r < nullPct ? null : r < 60 ? common[0]! : r < 85 ? common[r % common.length]! : rare)));

interface GenTable {
  kinds: Kind[];
  columns: (string | null)[][];
}

/** 1-6 columns of mixed kinds plus a row number column "id" (so that no row is entirely empty), 1-300 rows. */
const tableArb: fc.Arbitrary<GenTable> = fc
  .record({
    n: fc.integer({ min: 1, max: 300 }),
    kinds: fc.array(fc.constantFrom<Kind>('text', 'integer', 'decimal', 'date', 'boolean'), { minLength: 1, maxLength: 6 }),
  })
  .chain(({ n, kinds }) =>
    fc.record({
      kinds: fc.constant(kinds),
      columns: fc.tuple(...kinds.map((k) => cellsArb(VALUE[k], n))).map((cols) => [Array.from({ length: n }, (_, i) => String(i + 1)), ...cols]),
    }),
  );

const colNames = (t: GenTable) => t.columns.map((_, j) => (j === 0 ? 'id' : `c${j}`));

function toCsv(t: GenTable): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const n = t.columns[0]!.length;
  const lines = [colNames(t).join(',')];
  for (let i = 0; i < n; i++) lines.push(t.columns.map((c) => (c[i] === null ? '' : q(c[i]!))).join(','));
  return `${lines.join('\n')}\n`;
}

const read = (t: GenTable) => readText(toCsv(t), 'gen.csv', { delimiter: ',', header: true });

function cellsOf(ds: Dataset, j: number): (string | null)[] {
  const f = cellFormatter(columnData(ds, j));
  return Array.from({ length: ds.table.numRows }, (_, i) => f(i));
}

const stepCtx = (key?: string): StepContext => ({ ...createRunContext(), secrets: (key === undefined ? {} : { key }) as Record<string, string> });
const run = async (ds: Dataset, step: Step, key?: string) => (await runStep(ds, step, stepCtx(key), 0, 1)).dataset;

const hmac = (key: string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest('hex');

// ------------------------------------------------------------------- tests

describe('drop-columns', () => {
  it('removes exactly the named columns and leaves every other column, its kind and its cells, as they were', async () => {
    await fc.assert(
      fc.asyncProperty(
        tableArb.chain((t) => fc.record({ t: fc.constant(t), drop: fc.subarray(colNames(t), { minLength: 1 }) })),
        async ({ t, drop }) => {
          const ds = await read(t);
          const out = await run(ds, { id: 'drop-columns', params: { columns: drop } });
          const kept = ds.columns.filter((c) => !drop.includes(c.name));
          expect(out.columns.map((c) => c.name)).toEqual(kept.map((c) => c.name));
          expect(out.columns).toEqual(kept);
          expect(out.table.numRows).toBe(ds.table.numRows);
          for (const [jOut, c] of out.columns.entries()) {
            const jIn = ds.columns.findIndex((x) => x.name === c.name);
            expect(cellsOf(out, jOut)).toEqual(cellsOf(ds, jIn));
            expect(cellsOf(out, jOut)).toEqual(t.columns[jIn]);
          }
          // The input is never changed.
          expect(ds.columns.map((c) => c.name)).toEqual(colNames(t));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses a column that does not exist, naming it', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const ds = await read(t);
        await expect(run(ds, { id: 'drop-columns', params: { columns: ['id', 'no such column'] } })).rejects.toThrow(/no column named "no such column"/);
      }),
      { numRuns: 10 },
    );
  });
});

describe('pseudonymise', () => {
  it('gives equal values equal pseudonyms and different values different ones (length 64), keeps nulls, lowercase hex of the length asked', async () => {
    await fc.assert(
      fc.asyncProperty(
        tableArb,
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        fc.oneof(fc.constant(64), fc.integer({ min: 8, max: 64 })),
        fc.constantFrom('none', 'trim', 'trim-lowercase'),
        fc.nat(),
        async (t, key, length, normalise, pick) => {
          const ds = await read(t);
          const names = colNames(t);
          // Pseudonymise one or two columns (the last generated one and maybe another).
          const columns = [...new Set([names[names.length - 1]!, names[pick % names.length]!])];
          const out = await run(ds, { id: 'pseudonymise', params: { columns, normalise, length } }, key);
          const norm = (s: string) => (normalise === 'none' ? s : normalise === 'trim' ? s.trim() : s.trim().toLowerCase());
          const hex = new RegExp(`^[0-9a-f]{${length}}$`);
          expect(out.table.numRows).toBe(ds.table.numRows);
          for (const [j, name] of names.entries()) {
            const before = t.columns[j]!;
            const after = cellsOf(out, j);
            if (!columns.includes(name)) {
              expect(after).toEqual(before);
              continue;
            }
            expect(out.columns[j]!.kind).toBe('text');
            const seen = new Map<string, string>(); // normalised value -> pseudonym
            const back = new Map<string, string>(); // pseudonym -> normalised value
            for (let i = 0; i < before.length; i++) {
              const v = before[i]!;
              const p = after[i]!;
              if (v === null) {
                expect(p, `row ${i} of ${name} is missing and must stay missing`).toBeNull();
                continue;
              }
              expect(p).toMatch(hex);
              // The independent reference: node:crypto HMAC-SHA-256 of the normalised UTF-8 text.
              expect(p).toBe(hmac(key, norm(v)).slice(0, length));
              const nv = norm(v);
              if (seen.has(nv)) expect(p, `equal values, equal pseudonyms`).toBe(seen.get(nv));
              seen.set(nv, p);
              if (length === 64 && back.has(p)) expect(back.get(p), `different values, different pseudonyms`).toBe(nv);
              back.set(p, nv);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses to run without a key', async () => {
    const ds = await readText('a,b\nx,1\n');
    await expect(run(ds, { id: 'pseudonymise', params: { columns: ['a'] } })).rejects.toMatchObject({ code: 'KEY_REQUIRED' });
  });

  it('keyFrequencies on a pseudonymised column counts equal pseudonyms together (normalise "none")', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, fc.string({ minLength: 1, maxLength: 20 }), async (t, key) => {
        const ds = await read(t);
        const name = colNames(t).at(-1)!;
        const out = await run(ds, { id: 'pseudonymise', params: { columns: [name] } }, key);
        const after = cellsOf(out, out.columns.length - 1);
        const counts = new Map<string | null, number>();
        for (const p of after) counts.set(p, (counts.get(p) ?? 0) + 1);
        expect(Array.from(keyFrequencies(out, [name], null, { missing: 'own-category' }).fk)).toEqual(after.map((p) => counts.get(p)));
      }),
      { numRuns: 50 },
    );
  });

  // Regression: values that normalise alike got separate dictionary entries holding the same
  // pseudonym, so fk counted them as different values ([2,2,2,2,...] instead of [4,4,4,4,...]).
  it('keyFrequencies counts pseudonyms that normalisation made equal as one value', async () => {
    const ds = await readText('a,b\n x,1\nx,1\n x,1\nx,1\ny,1\ny,1\ny,1\ny,1\n');
    const out = await run(ds, { id: 'pseudonymise', params: { columns: ['a'], normalise: 'trim' } }, 'k');
    const after = cellsOf(out, 0);
    expect(new Set(after.slice(0, 4)).size).toBe(1); // the pseudonyms themselves are equal
    expect(Array.from(keyFrequencies(out, ['a']).fk)).toEqual([4, 4, 4, 4, 4, 4, 4, 4]);
  });
});

describe('generalise', () => {
  const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
  const DIGITS = '0123456789'.split('');
  const letter = fc.constantFrom(...LETTERS);
  const digit = fc.constantFrom(...DIGITS);
  // Outward codes of every UK shape: A9, A99, AA9, AA99, A9A, AA9A.
  const outward = fc.oneof(
    fc.tuple(letter, digit).map((a) => a.join('')),
    fc.tuple(letter, digit, digit).map((a) => a.join('')),
    fc.tuple(letter, letter, digit).map((a) => a.join('')),
    fc.tuple(letter, letter, digit, digit).map((a) => a.join('')),
    fc.tuple(letter, digit, letter).map((a) => a.join('')),
    fc.tuple(letter, letter, digit, letter).map((a) => a.join('')),
  );
  const inward = fc.tuple(digit, letter, letter).map((a) => a.join(''));
  /** A valid postcode written the way people write them: any case, with or without (odd) spacing. */
  const postcode = fc
    .record({
      out: outward,
      in: inward,
      gap: fc.constantFrom('', ' ', '  ', '\t'),
      pre: fc.constantFrom('', ' '),
      lower: fc.constantFrom('none', 'all', 'out'),
    })
    .map((p) => {
      const o = p.lower === 'none' ? p.out : p.out.toLowerCase();
      const i = p.lower === 'all' ? p.in.toLowerCase() : p.in;
      return { text: `${p.pre}${o}${p.gap}${i}`, outward: p.out, inward: p.in };
    });
  const junk = fc.oneof(
    fc.string({ maxLength: 10 }),
    fc.constantFrom('LS6', 'LS6 2', 'SW1A 1AAA', '1AB 2CD', 'GIR 0AA', 'ABC1 2DE', 'N/A', 'unknown'),
    fc.tuple(outward, inward).map(([o, i]) => `${o}-${i}`),
  );
  type Cell = { text: string; outward: string | null; inward: string | null } | null;
  const cell: fc.Arbitrary<Cell> = fc.oneof(
    { weight: 6, arbitrary: postcode },
    { weight: 2, arbitrary: junk.map((text) => ({ text, outward: null, inward: null })) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  /** Skewed: a few common cells repeated, the rest fresh. */
  const column = fc
    .record({ common: fc.array(cell, { minLength: 1, maxLength: 3 }), picks: fc.array(fc.tuple(fc.nat(99), cell), { minLength: 1, maxLength: 300 }) })
    .map(({ common, picks }) => picks.map(([r, c]) => (r < 60 ? common[r % common.length]! : c)));

  function dataset(cells: Cell[], dictionary: boolean): Dataset {
    const values = cells.map((c) => (c === null ? null : c.text));
    let vector;
    if (dictionary) {
      const dict = [...new Set(values.filter((v): v is string => v !== null))];
      vector = dictionaryVector(
        dict,
        Int32Array.from(values, (v) => (v === null ? -1 : dict.indexOf(v))),
      );
    } else vector = utf8Vector(values);
    return makeDataset([
      { meta: { name: 'pc', kind: dictionary ? 'categorical' : 'text', role: 'direct' }, vector },
      { meta: { name: 'other', kind: 'text', role: 'other' }, vector: utf8Vector(values.map((_, i) => `r${i}`)) },
    ]);
  }

  it('postcode-district gives a prefix of the normalised postcode: the outward code of a valid one, missing otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(column, fc.boolean(), async (cells, dictionary) => {
        const ds = dataset(cells, dictionary);
        const out = await run(ds, { id: 'generalise', params: { column: 'pc', to: 'postcode-district', unreadable: 'missing' } });
        const after = cellsOf(out, 0);
        expect(cellsOf(out, 1)).toEqual(cellsOf(ds, 1));
        for (const [i, c] of cells.entries()) {
          const got = after[i]!;
          if (c === null) {
            expect(got).toBeNull();
            continue;
          }
          const normalised = c.text.replace(/\s+/g, '').toUpperCase();
          if (got !== null) {
            expect(normalised.startsWith(got), `${JSON.stringify(got)} is a prefix of ${JSON.stringify(normalised)}`).toBe(true);
            expect(normalised.length - got.length).toBe(3); // what is left is the inward code
          }
          if (c.outward !== null) expect(got).toBe(c.outward);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('postcode-sector gives the outward code, a space and the first character of the inward code', async () => {
    await fc.assert(
      fc.asyncProperty(column, async (cells) => {
        const ds = dataset(cells, true);
        const out = await run(ds, { id: 'generalise', params: { column: 'pc', to: 'postcode-sector', unreadable: 'missing' } });
        const after = cellsOf(out, 0);
        for (const [i, c] of cells.entries()) {
          if (c === null) expect(after[i]).toBeNull();
          else if (c.outward !== null) expect(after[i]).toBe(`${c.outward} ${c.inward![0]}`);
          else if (after[i] !== null) expect(c.text.replace(/\s+/g, '').toUpperCase().startsWith(after[i]!.replace(' ', ''))).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('by default a value that cannot be read stops the step, with the count; else the unreadable cells become missing and are marked suppressed', async () => {
    await fc.assert(
      fc.asyncProperty(column, fc.boolean(), async (cells, dictionary) => {
        const ds = dataset(cells, dictionary);
        const blanked = await run(ds, { id: 'generalise', params: { column: 'pc', to: 'postcode-district', unreadable: 'missing' } });
        const after = cellsOf(blanked, 0);
        const unreadable = cells.filter((c, i) => c !== null && after[i] === null).length;
        const marks = blanked.columns[0]!.marks;
        for (const [i, c] of cells.entries()) {
          expect(getBit(marks?.suppressed, i), `row ${i} suppressed`).toBe(c !== null && after[i] === null);
          expect(getBit(marks?.changed, i), `row ${i} changed`).toBe(after[i] !== null);
        }
        const strict = run(ds, { id: 'generalise', params: { column: 'pc', to: 'postcode-district' } });
        if (unreadable === 0) expect(cellsOf(await strict, 0)).toEqual(after);
        else await expect(strict).rejects.toMatchObject({ code: 'UNREADABLE_VALUES', details: { unreadable } });
      }),
      { numRuns: 100 },
    );
  });
});
