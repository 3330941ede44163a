import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nameAfterGeneralising, renameColumn, parseRecipe } from '../../../src/engine/index.ts';
import { createEngineApi } from '../../../workers/engine-api.ts';
import { readText, sharedBytes } from '../../helpers/data.ts';

const pii = () => ({ name: 'table_dev.csv', bytes: sharedBytes('pii/table_dev.csv') });

describe('rename-column', () => {
  it('renames one column and keeps its values, role and labels', async () => {
    const ds = await readText('a,b\n1,x\n2,y\n');
    const { dataset, log } = renameColumn(ds, 'b', 'letter');
    expect(dataset.columns.map((c) => c.name)).toEqual(['a', 'letter']);
    expect(dataset.table.getChild('letter')!.toArray()).toEqual(ds.table.getChild('b')!.toArray());
    expect(dataset.columns[1]).toMatchObject({ kind: ds.columns[1]!.kind, role: ds.columns[1]!.role });
    expect(log.summary).toBe('Renamed b to letter.');
  });

  it('refuses a name another column has, an empty one, and spaces at the ends', async () => {
    const ds = await readText('a,b\n1,x\n');
    expect(() => renameColumn(ds, 'b', 'a')).toThrow(/already a column named "a"/);
    expect(() => renameColumn(ds, 'b', '  ')).toThrow(/is empty/);
    expect(() => renameColumn(ds, 'b', ' c')).toThrow(/starts or ends with a space/);
    expect(() => renameColumn(ds, 'zz', 'c')).toThrow(/no column named "zz"/);
  });

  it('suggests names that say what a generalised column holds, in the style of the old name', () => {
    expect(nameAfterGeneralising('date_of_birth', 'year', [])).toBe('year_of_birth');
    expect(nameAfterGeneralising('Date of Birth', 'year', [])).toBe('year of birth');
    expect(nameAfterGeneralising('DOB', 'year', [])).toBe('YEAR_OF_BIRTH');
    expect(nameAfterGeneralising('dob', 'age', [])).toBe('age');
    expect(nameAfterGeneralising('date_of_birth', 'age', ['age', 'sex'], '2026-12-02')).toBe('age_2026');
    expect(nameAfterGeneralising('birthDate', 'year', [])).toBe('yearOfBirth');
    expect(nameAfterGeneralising('postcode', 'postcode-district', [])).toBe('postcode_district');
    expect(nameAfterGeneralising('home_postcode', 'postcode-sector', [])).toBe('home_postcode_sector');
    expect(nameAfterGeneralising('postCode', 'postcode-district', [])).toBe('postCodeDistrict');
    expect(nameAfterGeneralising('postcode', 'postcode-district', ['postcode_district'])).toBe('postcode_district_2');
    // A name that already fits is left alone.
    expect(nameAfterGeneralising('year_of_birth', 'year', [])).toBeNull();
    expect(nameAfterGeneralising('postcode_district', 'postcode-district', [])).toBeNull();
  });

  it('never suggests a name that is taken or the same as the old one', () => {
    const kinds = ['year', 'age', 'postcode-district', 'postcode-sector'] as const;
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.constantFrom(...kinds),
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
        (name, to, others) => {
          const taken = [name, ...others];
          const out = nameAfterGeneralising(name, to, taken, '2026-01-01');
          if (out !== null) {
            expect(taken).not.toContain(out);
            expect(out).not.toBe(name);
          }
        },
      ),
    );
  });

  it('in the worker: a generalised column is offered a new name, its reason is made again, and a role given after the rename reaches the recipe', async () => {
    const api = createEngineApi();
    const opened = await api.open([pii()]);
    const before = opened.summary.columns.find((c) => c.name === 'date_of_birth')!;
    expect(before.role).toBe('direct');
    const state = await api.apply({ id: 'generalise', params: { column: 'date_of_birth', to: 'year', unreadable: 'missing' } });
    expect(state.history.at(-1)!.renames).toEqual({ date_of_birth: 'year_of_birth' });
    const after = state.summary.columns.find((c) => c.name === 'date_of_birth')!;
    expect(after.kind).toBe('integer');
    // The reason now describes years, not full dates.
    expect(after.reason).not.toBe(before.reason);
    expect(after.reason).toMatch(/few values are full dates/);
    const renamed = await api.apply({ id: 'rename-column', params: { column: 'date_of_birth', to: 'year_of_birth' } });
    expect(renamed.summary.columns.some((c) => c.name === 'year_of_birth')).toBe(true);
    await api.setRoles({ year_of_birth: 'sensitive' });
    const recipe = parseRecipe(await api.recipeText());
    expect(recipe.roles.date_of_birth).toBe('sensitive');
    expect(recipe.steps.map((s) => s.id)).toEqual(['generalise', 'rename-column']);
    // Undo takes the rename back.
    const undone = await api.undo();
    expect(undone.summary.columns.some((c) => c.name === 'date_of_birth')).toBe(true);
  });
});
