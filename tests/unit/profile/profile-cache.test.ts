import { describe, expect, it } from 'vitest';
import { createRunContext, profileColumns, runAnalysis, setMeasure, withRoles, type ColumnProfile } from '../../../src/engine/index.ts';
import { readShared } from '../../helpers/data.ts';

const profile = async (ds: Parameters<typeof profileColumns>[0]) =>
  (await runAnalysis('profile', { before: ds, after: ds }, {}, createRunContext())) as ColumnProfile[];

describe('column summaries after a step', () => {
  it('summarise again only the columns a step changed, and give what a fresh summary gives', async () => {
    const ds = await readShared('sdcmicro/testdata.csv');
    const first = await profile(ds);
    const stepped = withRoles(setMeasure(ds, ['sex'], 'numeric').dataset, { age: 'key' });
    const second = await profile(stepped);
    expect(second).toEqual(profileColumns(stepped));
    second.forEach((p, j) => {
      const changed = p.name === 'sex' || p.name === 'age';
      // Unchanged columns are the very summaries made before; changed ones are made again.
      expect(p === first[j], p.name).toBe(!changed);
    });
    expect(second.find((p) => p.name === 'sex')!.measure).toBe('numeric');
    expect(second.find((p) => p.name === 'age')!.role).toBe('key');
  });
});
