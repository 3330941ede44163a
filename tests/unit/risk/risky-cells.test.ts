import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/engine/errors.ts';
import { riskyCells } from '../../../src/engine/risk/risky-cells.ts';
import { codesOf } from '../../../src/engine/table/column-codes.ts';
import { columnIndex, type Dataset } from '../../../src/engine/table/dataset.ts';
import { readShared, readText, sharedBytes } from '../../helpers/data.ts';

interface RefCase {
  name: string;
  maxDim: number;
  threshold: number[];
  missing: boolean;
  perCombination: { variables: string[]; threshold: number; cells: number }[];
  cells: { variables: string[]; values: (string | null)[]; count: number }[];
}
/** Made by scripts/reference/risky-cells-reference.R with sdcMicro 5.8.1's riskyCells. */
const REF = JSON.parse(readFileSync(new URL('../../fixtures/risky-cells-testdata.json', import.meta.url), 'utf8')) as { keyVars: string[]; cases: RefCase[] };

const keysOf = (ds: Dataset, names: readonly string[]) => names.map((name) => ({ name, codes: codesOf(ds, columnIndex(ds, name)) }));

/** testdata with the reference script's missing values: roof every 11th row, water every 13th, sex every 17th. */
async function testdataWithMissing(): Promise<Dataset> {
  const [head, ...lines] = new TextDecoder().decode(sharedBytes('sdcmicro/testdata.csv')).trim().split(/\r?\n/);
  const names = head!.split(',').map((s) => s.replace(/"/g, ''));
  const blank: [string, number][] = [
    ['roof', 11],
    ['water', 13],
    ['sex', 17],
  ];
  const out = lines.map((line, i) => {
    const cells = line.split(',');
    for (const [name, every] of blank) if ((i + 1) % every === 0) cells[names.indexOf(name)] = '';
    return cells.join(',');
  });
  return readText([head, ...out].join('\n') + '\n', 'testdata-missing.csv');
}

describe('riskyCells against sdcMicro 5.8.1 on testdata', () => {
  for (const ref of REF.cases) {
    it(`matches ${ref.name}: unsafe cells per combination and every cell, in order`, async () => {
      const ds = ref.missing ? await testdataWithMissing() : await readShared('sdcmicro/testdata.csv');
      const threshold = ref.threshold.length === 1 ? ref.threshold[0]! : ref.threshold;
      const r = riskyCells(keysOf(ds, REF.keyVars), { maxDim: ref.maxDim, threshold });
      expect(r.perCombination).toEqual(ref.perCombination);
      expect(r.cells).toEqual(ref.cells);
      expect(r.truncated).toBe(false);
    });
  }
});

describe('riskyCells', () => {
  it('counts by hand: cells at or below the threshold, missing a value of its own', async () => {
    const ds = await readText('a,b\n1,x\n1,x\n1,y\n2,\n2,\n,x\n');
    const r = riskyCells(keysOf(ds, ['a', 'b']), { maxDim: 2, threshold: 1 });
    expect(r.perCombination).toEqual([
      { variables: ['a'], threshold: 1, cells: 1 },
      { variables: ['b'], threshold: 1, cells: 1 },
      { variables: ['a', 'b'], threshold: 1, cells: 2 },
    ]);
    expect(r.cells).toEqual([
      { variables: ['a'], values: [null], count: 1 },
      { variables: ['b'], values: ['y'], count: 1 },
      // Missing first, then by value.
      { variables: ['a', 'b'], values: [null, 'x'], count: 1 },
      { variables: ['a', 'b'], values: ['1', 'y'], count: 1 },
    ]);
    // N <= threshold, not <: at threshold 2 the cells of 2 records count too (a = 2; b missing).
    const two = riskyCells(keysOf(ds, ['a', 'b']), { maxDim: 1, threshold: 2 });
    expect(two.perCombination.map((p) => p.cells)).toEqual([2, 2]);
  });

  it('orders numbers by value and text by code point', async () => {
    const ds = await readText('n,t\n10,b\n9,B\n-1,é\n10,a\n');
    const r = riskyCells(keysOf(ds, ['n', 't']), { maxDim: 1, threshold: 1 });
    expect(r.cells.map((c) => c.values[0])).toEqual(['-1', '9', 'B', 'a', 'b', 'é']);
  });

  it('counts summed weights with useWeights', async () => {
    const ds = await readText('a\n1\n1\n2\n');
    const weights = Float64Array.of(2.5, 3, 10);
    const r = riskyCells(keysOf(ds, ['a']), { maxDim: 1, threshold: 5.5, weights, useWeights: true });
    expect(r.cells).toEqual([{ variables: ['a'], values: ['1'], count: 5.5 }]);
    // Without useWeights the weights are ignored, as in sdcMicro.
    expect(riskyCells(keysOf(ds, ['a']), { maxDim: 1, threshold: 1, weights }).cells).toEqual([{ variables: ['a'], values: ['2'], count: 1 }]);
  });

  it('cuts the list at the limit but keeps every count', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const full = riskyCells(keysOf(ds, REF.keyVars), { maxDim: 3, threshold: 3 });
    const cut = riskyCells(keysOf(ds, REF.keyVars), { maxDim: 3, threshold: 3 }, 10);
    expect(cut.truncated).toBe(true);
    expect(cut.cells).toEqual(full.cells.slice(0, 10));
    expect(cut.perCombination).toEqual(full.perCombination);
    expect(riskyCells(keysOf(ds, REF.keyVars), { maxDim: 3, threshold: 3 }, full.cells.length).truncated).toBe(false);
  });

  it('re-codes combinations whose possible cells pass 2^31', async () => {
    // Three columns of 2,000 distinct values: 8e9 possible cells.
    const rows = Array.from({ length: 2000 }, (_, i) => `${i},${(i * 7) % 2000},${(i * 13) % 2000}`);
    const ds = await readText('a,b,c\n' + rows.join('\n') + '\n');
    const r = riskyCells(keysOf(ds, ['a', 'b', 'c']), { maxDim: 3, threshold: 1 });
    expect(r.perCombination.map((p) => p.cells)).toEqual([2000, 2000, 2000, 2000, 2000, 2000, 2000]);
  });

  it('rejects bad options', async () => {
    const ds = await readText('a,b\n1,2\n');
    const keys = keysOf(ds, ['a', 'b']);
    expect(() => riskyCells([], { maxDim: 1, threshold: 1 })).toThrow(EngineError);
    expect(() => riskyCells(keys, { maxDim: 3, threshold: 1 })).toThrow(/largest dimension/);
    expect(() => riskyCells(keys, { maxDim: 0, threshold: 1 })).toThrow(/largest dimension/);
    expect(() => riskyCells(keys, { maxDim: 2, threshold: 1.5 })).toThrow(/whole number/);
    expect(() => riskyCells(keys, { maxDim: 2, threshold: [1, 2, 3] })).toThrow(/one per dimension/);
    expect(() => riskyCells(keys, { maxDim: 2, threshold: 1, useWeights: true })).toThrow(/weight/);
    expect(() => riskyCells(keys, { maxDim: 2, threshold: 1 }, -1)).toThrow(EngineError);
  });
});
