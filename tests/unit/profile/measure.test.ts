import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FEW_CODES,
  measureOf,
  profileColumns,
  readInput,
  createRunContext,
  runRecipe,
  parseRecipe,
  writeArrow,
  setMeasure,
  type Dataset,
} from '../../../src/engine/index.ts';
import { SHARED_DATA, readShared, readText } from '../../helpers/data.ts';

const profileOf = (ds: Dataset, name: string) => profileColumns(ds).find((p) => p.name === name)!;

describe('how numeric columns are read (measure)', () => {
  it("reads sdcMicro's coded testdata variables as categories and its quantities as numbers", async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    for (const coded of ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex', 'hhcivil']) {
      const p = profileOf(ds, coded);
      expect(p.kind, coded).toBe('integer');
      expect(p.measure, coded).toBe('categorical');
      // Every code is listed, in the order of its value, and the counts add up to the present values.
      expect(p.top.length).toBe(p.distinct);
      expect(p.top.map((t) => Number(t.value))).toEqual([...p.top.map((t) => Number(t.value))].sort((a, b) => a - b));
      expect(p.top.reduce((s, t) => s + t.count, 0)).toBe(p.rows - p.missing);
    }
    for (const quantity of ['age', 'income', 'expend', 'savings']) expect(profileOf(ds, quantity).measure, quantity).toBe('numeric');
    // sex is coded 1 and 2: the counts equal a plain count of the file's seventh field (awk, beside the engine).
    const lines = (await import('node:fs')).readFileSync(`${SHARED_DATA}sdcmicro/testdata.csv`, 'utf8').trim().split('\n').slice(1);
    const count = (code: string) => lines.filter((l) => l.split(',')[6] === code).length;
    expect(profileOf(ds, 'sex').top.map((t) => [t.value, t.count])).toEqual([
      ['1', count('1')],
      ['2', count('2')],
    ]);
    expect(count('1') + count('2')).toBe(4580);
  });

  it('follows the rule at its edge: 12 different whole numbers are codes, 13 a quantity', async () => {
    const column = (n: number) => Array.from({ length: 40 }, (_, i) => String(i % n)).join('\n');
    expect(profileOf(await readText(`x\n${column(FEW_CODES)}\n`), 'x').measure).toBe('categorical');
    expect(profileOf(await readText(`x\n${column(FEW_CODES + 1)}\n`), 'x').measure).toBe('numeric');
    expect(profileOf(await readText('x\n1.5\n2.5\n1.5\n'), 'x').measure).toBe('numeric');
  });

  it('keeps the choice of the set-measure step, and replays it from the recipe', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const chosen = setMeasure(ds, ['sex'], 'numeric').dataset;
    expect(profileOf(chosen, 'sex')).toMatchObject({ measure: 'numeric', measureChosen: true });
    expect(profileOf(setMeasure(ds, ['age'], 'categorical').dataset, 'age')).toMatchObject({ measure: 'categorical', measureChosen: true });
    // The values do not change.
    expect(chosen.table.getChild('sex')!.toArray()).toEqual(ds.table.getChild('sex')!.toArray());
    const recipe = parseRecipe({ format: 'safe-extract/recipe@1', steps: [{ id: 'set-measure', params: { columns: ['sex', 'urbrur'], as: 'numeric' } }] });
    const replayed = await runRecipe(ds, recipe, { ...createRunContext(), secrets: {} });
    expect(profileOf(replayed.dataset, 'urbrur').measure).toBe('numeric');
  });

  it('carries the choice through an Arrow file', async () => {
    const ds = setMeasure(await readShared('sdcmicro/testdata.csv'), ['sex'], 'numeric').dataset;
    const back = await readInput([{ name: 'x.arrow', bytes: writeArrow(ds) }], { format: 'arrow' }, createRunContext());
    expect(back.dataset.columns.find((c) => c.name === 'sex')!.measure).toBe('numeric');
    expect(back.dataset.columns.find((c) => c.name === 'age')!.measure).toBeUndefined();
  });

  it('refuses a column that does not hold numbers, naming it', async () => {
    const ds = await readText('a,b\nx,1\ny,2\n');
    expect(() => setMeasure(ds, ['a'], 'numeric')).toThrow(/"a" holds text, not numbers/);
    const recipe = parseRecipe({ format: 'safe-extract/recipe@1', steps: [{ id: 'set-measure', params: { columns: ['a'], as: 'numeric' } }] });
    await expect(runRecipe(ds, recipe, { ...createRunContext(), secrets: {} })).rejects.toMatchObject({ code: 'BAD_PARAMS' });
  });

  it('measureOf: a choice counts only for numbers; dates are numbers, text categories', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('integer', 'decimal', 'categorical', 'text', 'date', 'boolean' as const),
        fc.nat(100),
        fc.constantFrom('categorical', 'numeric', undefined),
        (kind, distinct, chosen) => {
          const m = measureOf(kind, distinct, chosen);
          if ((kind === 'integer' || kind === 'decimal') && chosen) expect(m).toBe(chosen);
          else if (kind === 'integer') expect(m).toBe(distinct <= FEW_CODES ? 'categorical' : 'numeric');
          else expect(m).toBe(kind === 'decimal' || kind === 'date' ? 'numeric' : 'categorical');
        },
      ),
    );
  });
});
