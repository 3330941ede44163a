import { describe, expect, it } from 'vitest';
import { createRunContext, parseRecipe, recipeToJson, runRecipe, writeCsv, RECIPE_FORMAT } from '../../../src/engine/index.ts';
import { readShared } from '../../helpers/data.ts';

const recipe = {
  format: RECIPE_FORMAT,
  seed: 7,
  input: { missing: ['NA'] },
  roles: { full_name: 'direct', email: 'direct', postcode: 'direct', age: 'key' },
  steps: [
    { id: 'drop-columns', params: { columns: ['phone'] } },
    { id: 'pseudonymise', params: { columns: ['full_name', 'email'] } },
    { id: 'generalise', params: { column: 'postcode', to: 'postcode-district' } },
  ],
};

describe('parseRecipe', () => {
  it('accepts a recipe and fills in defaults', () => {
    const r = parseRecipe(JSON.stringify(recipe));
    expect(r.steps[1]!.params).toEqual({ columns: ['full_name', 'email'], normalise: 'none', length: 64 });
    expect(parseRecipe(recipeToJson(r))).toEqual(r);
  });

  it.each([
    [{ ...recipe, format: 'safe-extract/recipe@2' }, /format "safe-extract\/recipe@2"/],
    [{ ...recipe, format: 'something else' }, /not a Safe Extract recipe/],
    [{ ...recipe, steps: [{ id: 'shred', params: {} }] }, /no step "shred"/],
    [{ ...recipe, steps: [{ id: 'drop-columns', params: { columns: ['a'], colour: 'red' } }] }, /no parameter "colour"/],
    [{ ...recipe, steps: [{ id: 'drop-columns', params: {} }] }, /"columns" of step "drop-columns" is required/],
    [{ ...recipe, roles: { a: 'secret' } }, /role "secret"/],
    [{ ...recipe, key: 'abc' }, /unknown field "key"/],
  ])('refuses a bad recipe with a message naming the problem (%#)', (bad, message) => {
    expect(() => parseRecipe(bad)).toThrow(message);
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseRecipe('{ not json')).toThrow(/not valid JSON/);
  });
});

describe('runRecipe', () => {
  it('gives identical bytes on every replay', async () => {
    const ds = await readShared('pii/table_dev.csv');
    const r = parseRecipe(recipe);
    const run = async () => {
      const out = await runRecipe(ds, r, { ...createRunContext({ seed: r.seed }), secrets: { key: 'k' } });
      return writeCsv(out.dataset, createRunContext());
    };
    const [a, b] = [await run(), await run()];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const header = new TextDecoder().decode(a.subarray(0, a.indexOf(10)));
    expect(header.split(',')).not.toContain('phone');
  });

  it('applies the roles, and refuses roles for columns that do not exist', async () => {
    const ds = await readShared('pii/table_dev.csv');
    const out = await runRecipe(ds, parseRecipe({ ...recipe, steps: [] }), { ...createRunContext(), secrets: {} });
    expect(out.dataset.columns.find((c) => c.name === 'age')!.role).toBe('key');
    await expect(runRecipe(ds, parseRecipe({ ...recipe, roles: { nope: 'key' } }), { ...createRunContext(), secrets: {} })).rejects.toThrow(
      /no column named "nope"/,
    );
  });
});
