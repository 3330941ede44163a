import { describe, expect, it } from 'vitest';
import { createRunContext, parseRecipe, recipeToJson, runRecipe, writeCsv, RECIPE_FORMAT } from '../../../src/engine/index.ts';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readShared } from '../../helpers/data.ts';
import { runRandomRecipe } from '../../helpers/random-recipe.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

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

  it('a recipe with a random step gives the same bytes in another process, and other bytes under another seed', async () => {
    const here = Buffer.from(await runRandomRecipe(20261125));
    const child = spawnSync(process.execPath, ['node_modules/vite-node/dist/cli.mjs', 'tests/helpers/random-recipe.ts'], {
      cwd: ROOT,
      maxBuffer: 1 << 26,
      env: { ...process.env, TZ: 'UTC', RANDOM_RECIPE_SEED: '20261125' },
    });
    expect(child.stderr.toString()).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout.equals(here), 'the other process wrote the same bytes').toBe(true);
    const other = Buffer.from(await runRandomRecipe(7));
    expect(other.equals(here)).toBe(false);
    // The jittered columns differ under the other seed; the rest is the same.
    const col = (b: Buffer, name: string) => {
      const [head, ...lines] = b.toString('utf8').trim().split('\n');
      const j = head!.split(',').indexOf(name);
      return lines.map((l) => l.split(',')[j]);
    };
    expect(col(other, 'income')).not.toEqual(col(here, 'income'));
    expect(col(other, 'age')).toEqual(col(here, 'age'));
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
