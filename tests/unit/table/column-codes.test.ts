import { describe, expect, it } from 'vitest';
import { bulkCellFormatter } from '../../../src/engine/table/cells.ts';
import { columnCodes } from '../../../src/engine/table/column-codes.ts';
import { float64Vector, utf8Vector } from '../../../src/engine/table/vectors.ts';

describe('columnCodes', () => {
  it('codes UTF-8 text by value, missing last, labels from the first occurrence', () => {
    const values = ['b', null, 'a', 'Zoë', 'b', '', 'Zoë', null, 'a'];
    const c = columnCodes(utf8Vector(values).data[0]!);
    expect(c.labels).toEqual(['b', 'a', 'Zoë', '', null]);
    expect(Array.from(c.codes)).toEqual([0, 4, 1, 2, 0, 3, 2, 4, 1]);
    expect(c).toMatchObject({ cardinality: 5, hasMissing: true, distinct: 4 });
  });

  it('agrees with a Map over many distinct values', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => (i % 97 === 0 ? null : `v${(i * 7919) % 5003}`));
    const c = columnCodes(utf8Vector(values).data[0]!);
    for (let i = 0; i < values.length; i++) {
      const label = c.labels[c.codes[i]!];
      expect(label).toBe(values[i]);
    }
    expect(c.distinct).toBe(new Set(values.filter((v) => v !== null)).size);
  });

  it('codes small integer ranges arithmetically and counts only the values that occur', () => {
    const c = columnCodes(float64Vector(Float64Array.from([3, 5, NaN, 3, 9])).data[0]!);
    expect(c.distinct).toBe(3);
    expect(c.labels[c.codes[4]!]).toBe('9');
    expect(c.labels[c.codes[2]!]).toBeNull();
  });
});

describe('bulkCellFormatter', () => {
  it('reads ASCII and non-ASCII UTF-8 columns cell by cell like the ordinary formatter', () => {
    for (const values of [
      ['abc', null, '', 'de'],
      ['Łukasz', null, 'Ó Súilleabháin', '🙂'],
    ]) {
      const f = bulkCellFormatter(utf8Vector(values).data[0]!);
      expect(values.map((_, i) => f(i))).toEqual(values);
    }
  });
});
