/**
 * recode against R: sdcMicro's globalRecode with a vector of breaks is
 * cut(x, breaks, labels, dig.lab = 8) (R/globalRecode.R line 147). The fixture
 * tests/fixtures/sdcmicro-recode.json holds R 4.2.2's result for every record of
 * sdcMicro's testdata (scripts/reference/recode-reference.R).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatG, intervalLabels, recode, runStep, createRunContext } from '../../../src/engine/index.ts';
import { cellFormatter } from '../../../src/engine/table/cells.ts';
import { columnData, columnIndex, getBit, type Dataset } from '../../../src/engine/table/dataset.ts';
import { readShared, readText } from '../../helpers/data.ts';

interface RCase {
  id: string;
  sdcMicroSupported: boolean;
  column: string;
  breaksArgument: number[] | number;
  labelsArgument: string[] | null | false;
  cutArgs: { right: boolean; includeLowest: boolean };
  levels: string[] | null;
  countsPerLevel: Record<string, number>;
  naCount: number;
  perRecord: (string | number | null)[];
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/sdcmicro-recode.json', import.meta.url), 'utf8')) as {
  globalRecode: RCase[];
  labelFormatting: { breaks: number[]; digLab8: string[]; digLab8RightFalse: string[] }[];
  naBehaviour: { input: (number | null)[]; globalRecode: { breaks: number[]; perRecord: (string | null)[]; levels: string[] } };
};

const cells = (ds: Dataset, name: string) => {
  const f = cellFormatter(columnData(ds, columnIndex(ds, name)));
  return Array.from({ length: ds.table.numRows }, (_, i) => f(i));
};

describe('recode into intervals, as sdcMicro globalRecode (R cut, dig.lab = 8)', () => {
  // The cases R computed with explicit breaks and interval labels or given labels (labels = FALSE gives codes, not a factor).
  const cases = fixture.globalRecode.filter((c) => Array.isArray(c.breaksArgument) && c.labelsArgument !== false && !c.cutArgs.includeLowest);

  it('covers right-closed, left-closed and labelled cases', () => {
    expect(cases.map((c) => c.id)).toEqual(['age_default', 'income_default', 'expend_decimal_breaks', 'age_labels_given', 'age_right_false_baseR']);
  });

  for (const c of cases) {
    it(`${c.id}: every record's interval and the levels equal R's`, async () => {
      const ds = await readShared('sdcmicro/testdata.csv');
      const { dataset, log } = recode(ds, {
        column: c.column,
        breaks: c.breaksArgument as number[],
        closed: c.cutArgs.right ? 'right' : 'left',
        outside: 'missing',
        ...(Array.isArray(c.labelsArgument) ? { labels: c.labelsArgument } : {}),
      });
      expect(dataset.columns[columnIndex(dataset, c.column)]!.order).toEqual(c.levels);
      const got = cells(dataset, c.column);
      const mismatches = got.map((v, i) => [i, v, c.perRecord[i]] as const).filter(([, v, want]) => v !== want);
      expect(mismatches.slice(0, 5)).toEqual([]);
      expect(log.counts.valuesMadeMissing).toBe(c.naCount);
      // Values sdcMicro turns into NA are recorded as suppressed, the rest as changed.
      const meta = dataset.columns[columnIndex(dataset, c.column)]!;
      got.forEach((v, i) => expect(getBit(meta.marks?.suppressed, i)).toBe(v === null));
    });
  }

  it("writes break points as R's formatC(digits = 8) does", () => {
    for (const f of fixture.labelFormatting) {
      expect(intervalLabels(f.breaks, 'right')).toEqual(f.digLab8);
      expect(intervalLabels(f.breaks, 'left')).toEqual(f.digLab8RightFalse);
    }
    expect([formatG(1e9, 8), formatG(123456789, 8), formatG(1.2345e-5, 8), formatG(0.1, 8), formatG(-5, 8), formatG(2.7182818e8, 8)]).toEqual([
      '1e+09',
      '1.2345679e+08',
      '1.2345e-05',
      '0.1',
      '-5',
      '2.7182818e+08',
    ]);
  });

  it('treats missing, the lowest break and values beyond the breaks as R does', async () => {
    const { input, globalRecode } = fixture.naBehaviour;
    const ds = await readText(`x\n${input.map((v) => (v === null ? '' : String(v))).join('\n')}\n`);
    const { dataset } = recode(ds, { column: 'x', breaks: globalRecode.breaks, outside: 'missing' });
    expect(cells(dataset, 'x')).toEqual(globalRecode.perRecord);
  });

  it('by default stops when values lie outside the breaks, saying how many, and changes nothing', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    expect(() => recode(ds, { column: 'age', breaks: [0, 20, 40, 60, 80, 120] })).toThrow(
      /98 values of "age" lie outside the breaks \(0, 120\] \(for example 0\)/,
    );
    expect(cells(ds, 'age').slice(0, 3)).toEqual(['46', '41', '9']);
  });

  it('refuses breaks out of order, labels that do not match, and columns that are not numbers', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const ctx = { ...createRunContext(), secrets: {} };
    const step = (params: Record<string, unknown>) => runStep(ds, { id: 'recode', params }, ctx, 0, 1);
    await expect(step({ column: 'age', breaks: [0, 40, 20] })).rejects.toThrow(/Parameter "breaks" of step "recode" must be in increasing order/);
    await expect(step({ column: 'age', breaks: [0] })).rejects.toThrow(/"breaks" .* at least 2 numbers/);
    await expect(step({ column: 'age', breaks: [-1, 50, 100], labels: ['young'] })).rejects.toThrow(/3 break points make 2 intervals, but 1 labels/);
    await expect(step({ column: 'age', breaks: [-1, 50, 100], labels: ['a', 'a'] })).rejects.toThrow(/holds "a" twice/);
    const text = await readText('town\nLeeds\nYork\n');
    await expect(runStep(text, { id: 'recode', params: { column: 'town', breaks: [0, 1] } }, ctx, 0, 1)).rejects.toThrow(
      /must be a column of whole numbers or numbers, but "town" holds categories/,
    );
  });
});
