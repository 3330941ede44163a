/**
 * Risk drivers: dropping a key agrees with fk counted over the other keys. When missing is
 * a value of its own, dropping a key or merging its values can only join records, never
 * part them, so neither raises the sample uniques or the records below k. (With sdcMicro's
 * treatment it can: a record left missing on every remaining key no longer counts towards
 * the others, freqCalc's rule; fast-check found a seven-record case.) A merge in pairs
 * halves the values (rounding up) and keeps missing values missing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../src/engine/context.ts';
import { keyFrequencies } from '../../src/engine/risk/key-frequencies.ts';
import { pairwiseMerge, riskDrivers } from '../../src/engine/risk/risk-drivers.ts';
import { codesOf } from '../../src/engine/table/column-codes.ts';
import { columnIndex } from '../../src/engine/table/dataset.ts';
import { readText } from '../helpers/data.ts';

// Up to 4 keys: numbers, or letters; skewed towards few values; some cells empty (missing).
const cell = (numeric: boolean) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 6 }).map((v) => (numeric ? String(v * 5) : 'abcdefg'[v]!)) },
  );
const table = fc
  .tuple(fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 80 }))
  .chain(([kinds, n]) => fc.tuple(fc.constant(kinds), fc.array(fc.tuple(...kinds.map((numeric) => cell(numeric))), { minLength: n, maxLength: n })));

/** The keys after a row number, so that a row missing on every key is still a row (not a blank line, which the reader skips). */
function csv(kinds: boolean[], rows: string[][]): string {
  return [['row', ...kinds.map((_, j) => `k${j}`)].join(','), ...rows.map((r, i) => [String(i + 1), ...r].join(','))].join('\n') + '\n';
}

describe('risk drivers', () => {
  it('dropping is fk over the other keys; with missing its own value, dropping or merging never adds uniques or records below k', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.constantFrom('matches-any' as const, 'own-category' as const),
        fc.integer({ min: 2, max: 5 }),
        async ([kinds, rows], missing, k) => {
          const ds = await readText(csv(kinds, rows), 'gen.csv', { delimiter: ',', header: true, missing: [] });
          const keys = kinds.map((_, j) => `k${j}`);
          const r = await riskDrivers(ds, { keys, k, missing }, createRunContext());
          const count = (ks: string[]) => {
            const fk = Array.from(keyFrequencies(ds, ks, null, { missing }).fk);
            return { uniques: fk.filter((f) => f < 2).length, belowK: fk.filter((f) => f < k).length };
          };
          expect(r.current).toEqual(count(keys));
          expect(r.drivers).toHaveLength(keys.length);
          for (const d of r.drivers) {
            if (keys.length === 1) expect(d.dropped).toBeNull();
            else expect(d.dropped).toEqual(count(keys.filter((x) => x !== d.variable)));
            for (const c of [d.dropped, d.coarsened]) {
              if (!c || missing === 'matches-any') continue;
              expect(c.uniques).toBeLessThanOrEqual(r.current.uniques);
              expect(c.belowK).toBeLessThanOrEqual(r.current.belowK);
            }
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a merge in pairs halves the values, keeps missing missing, and joins only records that had values', async () => {
    await fc.assert(
      fc.asyncProperty(table, async ([kinds, rows]) => {
        const ds = await readText(csv(kinds, rows), 'gen.csv', { delimiter: ',', header: true, missing: [] });
        const kc = codesOf(ds, columnIndex(ds, 'k0'));
        const merged = pairwiseMerge(kc);
        if (kc.distinct < 3) {
          expect(merged).toBeNull();
          return;
        }
        expect(merged!.codes.distinct).toBe(Math.ceil(kc.distinct / 2));
        const before = Array.from(kc.codes, (c) => kc.labels[c]);
        const after = Array.from(merged!.codes.codes, (c) => merged!.codes.labels[c]);
        for (let i = 0; i < before.length; i++) {
          expect(after[i] === null).toBe(before[i] === null);
          // Records with the same value before have the same value after.
          for (let j = 0; j < i; j++) if (before[i] === before[j]) expect(after[i]).toBe(after[j]);
        }
      }),
      { numRuns: 80 },
    );
  });
});
