/**
 * top-bottom-code against R: sdcMicro's topBotCoding replaces x > value (top) or
 * x < value (bottom) by the replacement (R/topBotCoding.R lines 105-112); the
 * fixture holds R 4.2.2's result for every record of sdcMicro's testdata.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRunContext, runStep, topBottomCode } from '../../../src/engine/index.ts';
import { columnData, columnIndex, getBit, type Dataset } from '../../../src/engine/table/dataset.ts';
import { readShared, readText } from '../../helpers/data.ts';

interface RCase {
  id: string;
  column: string;
  value: number;
  replacement: number;
  kind: 'top' | 'bottom';
  changedCount: number;
  perRecord: (number | null)[];
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/sdcmicro-recode.json', import.meta.url), 'utf8')) as {
  topBotCoding: RCase[];
  naBehaviour: { input: (number | null)[]; topBotCodingTop20: { perRecord: (number | null)[] }; topBotCodingBottom0: { perRecord: (number | null)[] } };
};

const numbers = (ds: Dataset, name: string) => {
  const data = columnData(ds, columnIndex(ds, name));
  const values = data.values as Float64Array;
  return Array.from({ length: data.length }, (_, i) => (data.getValid(i) ? values[i]! : null));
};

describe('top and bottom coding, as sdcMicro topBotCoding', () => {
  for (const c of fixture.topBotCoding) {
    it(`${c.id}: every record equals R's, and the changed cells are recorded`, async () => {
      const ds = await readShared('sdcmicro/testdata.csv');
      const options =
        c.kind === 'top'
          ? { column: c.column, top: c.value, topReplacement: c.replacement }
          : { column: c.column, bottom: c.value, bottomReplacement: c.replacement };
      const { dataset, log } = topBottomCode(ds, options);
      expect(numbers(dataset, c.column)).toEqual(c.perRecord);
      expect(log.counts[c.kind === 'top' ? 'topCoded' : 'bottomCoded']).toBe(c.changedCount);
      const before = numbers(ds, c.column);
      const marks = dataset.columns[columnIndex(dataset, c.column)]!.marks;
      before.forEach((v, i) => expect(getBit(marks?.changed, i)).toBe(v !== c.perRecord[i]));
    });
  }

  it('keeps missing values missing and values equal to the threshold as they are', async () => {
    const { input, topBotCodingTop20, topBotCodingBottom0 } = fixture.naBehaviour;
    const ds = await readText(`x\n${input.map((v) => (v === null ? '' : String(v))).join('\n')}\n`);
    expect(numbers(topBottomCode(ds, { column: 'x', top: 20 }).dataset, 'x')).toEqual(topBotCodingTop20.perRecord);
    expect(numbers(topBottomCode(ds, { column: 'x', bottom: 0 }).dataset, 'x')).toEqual(topBotCodingBottom0.perRecord);
  });

  it('codes both ends in one step, the replacement defaulting to the threshold', async () => {
    const ds = await readText('x\n-5\n0\n3\n10\n11\nNA\n');
    const { dataset, log } = topBottomCode(ds, { column: 'x', top: 10, bottom: 0 });
    expect(numbers(dataset, 'x')).toEqual([0, 0, 3, 10, 10, null]);
    expect(log.counts).toEqual({ topCoded: 1, bottomCoded: 1 });
    expect(log.summary).toBe('Coded x: 1 value above 10 set to 10; 1 value below 0 set to 0.');
    expect(dataset.columns[0]!.kind).toBe('integer');
    expect(topBottomCode(ds, { column: 'x', top: 10, topReplacement: 10.5 }).dataset.columns[0]!.kind).toBe('decimal');
  });

  it('refuses a step with neither end, a bottom above the top, a replacement without its threshold, or a column of text', async () => {
    const ds = await readText('x,t\n1,a\n2,b\n');
    const ctx = { ...createRunContext(), secrets: {} };
    const step = (params: Record<string, unknown>) => runStep(ds, { id: 'top-bottom-code', params }, ctx, 0, 1);
    await expect(step({ column: 'x' })).rejects.toThrow(/needs a top value, a bottom value, or both/);
    await expect(step({ column: 'x', top: 1, bottom: 2 })).rejects.toThrow(/bottom value \(2\) is above the top value \(1\)/);
    await expect(step({ column: 'x', bottom: 1, topReplacement: 5 })).rejects.toThrow(/"topReplacement" of step "top-bottom-code" needs a "top" value/);
    await expect(step({ column: 't', top: 1 })).rejects.toThrow(/must be a column of whole numbers or numbers, but "t" holds categories/);
    await expect(step({ column: 'x', top: 'high' })).rejects.toThrow(/Parameter "top" of step "top-bottom-code" must be a number/);
  });
});
