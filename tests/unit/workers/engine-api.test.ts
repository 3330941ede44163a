import { describe, expect, it } from 'vitest';
import { createEngineApi } from '../../../workers/engine-api.ts';
import { createRunContext, parseRecipe, readDelimited, runRecipe, writeCsv } from '../../../src/engine/index.ts';
import { sharedBytes } from '../../helpers/data.ts';

const enc = new TextEncoder();
const pii = () => ({ name: 'table_dev.csv', bytes: sharedBytes('pii/table_dev.csv') });

describe('the worker API (run directly in Node)', () => {
  it('opens a file, suggests roles, pages rows', async () => {
    const api = createEngineApi();
    const state = await api.open([pii()]);
    expect(state.summary.rows).toBe(2000);
    expect(state.summary.columns.find((c) => c.name === 'nhs_number')).toMatchObject({ role: 'direct', suggestedRole: 'direct', identifier: 'nhs-number' });
    const page = await api.rows(1998, 10);
    expect(page.start).toBe(1998);
    expect(page.rows).toHaveLength(2);
    expect(page.rows[0]).toHaveLength(20);
  });

  it('keeps the loaded dataset when a bad file is opened', async () => {
    const api = createEngineApi();
    await api.open([pii()]);
    await expect(api.open([{ name: 'bad.csv', bytes: enc.encode('a,b\n1\n') }])).rejects.toMatchObject({ code: 'RAGGED_ROWS' });
    expect((await api.state()).summary.rows).toBe(2000);
  });

  it('applies steps, undoes them, and never writes the key into the recipe', async () => {
    const api = createEngineApi();
    await api.open([pii()]);
    const key = 'a-secret-key-123';
    await api.apply({ id: 'drop-columns', params: { columns: ['phone'] } });
    const s2 = await api.apply({ id: 'pseudonymise', params: { columns: ['email'] } }, { key });
    expect(s2.history.map((h) => h.id)).toEqual(['drop-columns', 'pseudonymise']);
    expect(s2.summary.columns.map((c) => c.name)).not.toContain('phone');
    const text = await api.recipeText();
    expect(text).not.toContain(key);
    expect(JSON.parse(text).steps).toHaveLength(2);
    const s3 = await api.undo();
    expect(s3.history).toHaveLength(1);
    await expect(api.apply({ id: 'pseudonymise', params: { columns: ['email'] } })).rejects.toMatchObject({ code: 'KEY_REQUIRED' });
    expect((await api.state()).history).toHaveLength(1);
  });

  it('exports exactly the bytes that replaying its recipe in the CLI engine gives', async () => {
    const api = createEngineApi();
    await api.open([pii()], { missing: ['NA', 'n/a'] });
    await api.setRoles({ age: 'key', sex: 'key' });
    await api.apply({ id: 'pseudonymise', params: { columns: ['full_name', 'email'], normalise: 'trim-lowercase' } }, { key: 'k1' });
    await api.apply({ id: 'generalise', params: { column: 'postcode', to: 'postcode-sector' } });
    await api.apply({ id: 'generalise', params: { column: 'date_of_birth', to: 'age', asOf: '2026-11-25' } });
    const fromApp = await api.exportData('csv');
    const recipe = parseRecipe(await api.recipeText());
    expect(recipe.roles.age).toBe('key');
    const { dataset } = await readDelimited([pii()], { missing: recipe.input.missing }, createRunContext());
    const run = await runRecipe(dataset, recipe, { ...createRunContext({ seed: recipe.seed }), secrets: { key: 'k1' } });
    const fromCli = await writeCsv(run.dataset, createRunContext());
    expect(Buffer.from(fromApp).equals(Buffer.from(fromCli))).toBe(true);
  });

  it('measures k-anonymity and exports Arrow', async () => {
    const api = createEngineApi();
    await api.open([{ name: 'testdata.csv', bytes: sharedBytes('sdcmicro/testdata.csv') }]);
    const r = await api.kAnonymity({ keys: ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex'], k: 3 });
    expect(r.violations.find((v) => v.k === 3)!.records).toBe(281);
    const arrow = await api.exportData('arrow');
    expect(new TextDecoder().decode(arrow.subarray(0, 6))).toBe('ARROW1');
  });

  it('says clearly when nothing is loaded', async () => {
    const api = createEngineApi();
    await expect(api.rows(0, 10)).rejects.toMatchObject({ code: 'NO_DATASET' });
    await expect(api.undo()).rejects.toMatchObject({ code: 'NO_DATASET' });
  });
});
