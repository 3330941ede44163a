/**
 * The riskiest records and the worst combinations are chosen without sorting them all:
 * the selection must give exactly the first `top` of a full sort, ties included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectTop } from '../../src/engine/risk/individual-risk.ts';
import { firstInOrder } from '../../src/engine/risk/l-diversity.ts';

// Few distinct values, so that ties are common.
const risks = fc.array(fc.constantFrom(0, 0.01, 0.2, 0.5, 1), { maxLength: 200 });

describe('top selection', () => {
  it('selectTop gives the rows of the largest risks, ties to the earlier row, as a full sort does', () => {
    fc.assert(
      fc.property(risks, fc.integer({ min: 0, max: 30 }), (values, top) => {
        const risk = Float64Array.from(values);
        const sorted = values.map((_, i) => i).sort((a, b) => risk[b]! - risk[a]! || a - b);
        expect(selectTop(risk, top)).toEqual(sorted.slice(0, top));
      }),
    );
  });

  it('firstInOrder gives the first ids of a full sort under any total order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 200 }), fc.integer({ min: 0, max: 30 }), (keys, top) => {
        const ids = keys.map((_, i) => i);
        const order = (a: number, b: number) => keys[a]! - keys[b]! || b - a;
        expect(firstInOrder(ids, order, top)).toEqual([...ids].sort(order).slice(0, top));
      }),
    );
  });
});
