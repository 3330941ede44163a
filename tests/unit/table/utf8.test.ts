import { expect, it } from 'vitest';
import { utf8Vector } from '../../../src/engine/table/vectors.ts';
it('round trips', () => {
  const vals = [
    'abc',
    null,
    'Zoë',
    '🙂x',
    '',
    'a\uD800b',
    'Łukasz Ó Súilleabháin',
    ...Array.from({ length: 10000 }, (_, i) => (i % 7 === 0 ? null : `v${i}é`)),
  ];
  const v = utf8Vector(vals);
  expect(Array.from({ length: vals.length }, (_, i) => v.get(i))).toEqual(vals.map((x) => (x === 'a\uD800b' ? 'a\uFFFDb' : x)));
});
