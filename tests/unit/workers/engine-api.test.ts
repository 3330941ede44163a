import { describe, expect, it } from 'vitest';
import { createEngineApi } from '../../../workers/engine-api.ts';
import { createRunContext, parseRecipe, readInput, runRecipe, writeCsv, type KAnonymityReport } from '../../../src/engine/index.ts';
import { sharedBytes } from '../../helpers/data.ts';

const enc = new TextEncoder();
const pii = () => ({ name: 'table_dev.csv', bytes: sharedBytes('pii/table_dev.csv') });
const testdata = () => ({ name: 'testdata.csv', bytes: sharedBytes('sdcmicro/testdata.csv') });
const KEYS = ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex'];

describe('the worker API (run directly in Node)', () => {
  it('opens a file, suggests roles, pages rows', async () => {
    const api = createEngineApi();
    const state = await api.open([pii()]);
    expect(state.summary.rows).toBe(2000);
    expect(state.summary.input).toMatchObject({ format: 'csv', missing: ['NA'] });
    expect(state.summary.columns.find((c) => c.name === 'nhs_number')).toMatchObject({ role: 'direct', suggestedRole: 'direct', identifier: 'nhs-number' });
    const page = await api.rows(1998, 10);
    expect(page.start).toBe(1998);
    expect(page.rows).toHaveLength(2);
    expect(page.rows[0]).toHaveLength(20);
    expect(page.marks).toEqual([]);
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
    await api.open([pii()], { settings: { csv: { missing: ['NA', 'n/a'] } } });
    await api.setRoles({ age: 'key', sex: 'key' });
    await api.apply({ id: 'pseudonymise', params: { columns: ['full_name', 'email'], normalise: 'trim-lowercase' } }, { key: 'k1' });
    await api.apply({ id: 'generalise', params: { column: 'postcode', to: 'postcode-sector', unreadable: 'missing' } });
    await api.apply({ id: 'generalise', params: { column: 'date_of_birth', to: 'age', asOf: '2026-11-25', unreadable: 'missing' } });
    const fromApp = await api.exportData('csv');
    const recipe = parseRecipe(await api.recipeText());
    expect(recipe.roles.age).toBe('key');
    const { dataset } = await readInput([pii()], recipe.input, createRunContext());
    const run = await runRecipe(dataset, recipe, { ...createRunContext({ seed: recipe.seed }), secrets: { key: 'k1' } });
    const fromCli = await writeCsv(run.dataset, createRunContext());
    expect(Buffer.from(fromApp).equals(Buffer.from(fromCli))).toBe(true);
  });

  it('runs any analysis through one entry point, and says which version its result is about', async () => {
    const api = createEngineApi();
    const opened = await api.open([testdata()]);
    const outcome = await api.analyse('k-anonymity', { keys: KEYS, k: 3 });
    expect(outcome.version).toBe(opened.summary.version);
    const report = outcome.result as KAnonymityReport;
    expect(report.violations.find((v) => v.k === 3)!.records).toBe(281);
    await expect(api.analyse('k-anonymity', { keys: ['nope'] })).rejects.toMatchObject({ code: 'UNKNOWN_COLUMN' });
    await expect(api.analyse('delta-presence', {})).rejects.toMatchObject({ code: 'UNKNOWN_ANALYSIS' });
    await expect(api.analyse('k-anonymity', { keys: KEYS, k: 0 })).rejects.toThrow(
      /Parameter "k" of analysis "k-anonymity" must be a whole number from 1 to 1000/,
    );
  });

  it('compares the current data with any earlier version of the history', async () => {
    const api = createEngineApi();
    await api.open([testdata()]);
    await api.apply({ id: 'top-bottom-code', params: { column: 'age', top: 80 } });
    await api.apply({ id: 'recode', params: { column: 'income', breaks: [0, 1e5, 1e9] } });
    const all = (await api.analyse('compare', {})).result as { columns: { column: string; changed: number }[] };
    expect(all.columns.find((c) => c.column === 'age')!.changed).toBe(8);
    expect(all.columns.find((c) => c.column === 'income')!.changed).toBe(4580);
    const last = (await api.analyse('compare', {}, { before: 1 })).result as { columns: { column: string; changed: number }[] };
    expect(last.columns.find((c) => c.column === 'age')!.changed).toBe(0);
    await expect(api.analyse('compare', {}, { before: 3 })).rejects.toMatchObject({ code: 'BAD_PARAMS' });
  });

  it('stops an analysis that is cancelled, and the dataset and history stay as they were', async () => {
    const api = createEngineApi();
    await api.open([testdata()]);
    await api.apply({ id: 'drop-columns', params: { columns: ['walls'] } });
    const before = await api.state();
    const running = api.analyse('profile', {});
    await api.cancel();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await api.state()).toEqual(before);
    expect(((await api.analyse('profile', {})).result as unknown[]).length).toBe(14);
  });

  it('exports Arrow that opens again with its roles, labels and marks', async () => {
    const api = createEngineApi();
    await api.open([testdata()]);
    await api.setRoles({ sex: 'key', income: 'sensitive' });
    await api.apply({ id: 'top-bottom-code', params: { column: 'age', top: 80 } });
    await api.apply({ id: 'recode', params: { column: 'income', breaks: [0, 1e5, 1e7], outside: 'missing' } });
    const before = await api.state();
    const arrow = await api.exportData('arrow');
    expect(new TextDecoder().decode(arrow.subarray(0, 6))).toBe('ARROW1');
    const again = createEngineApi();
    const opened = await again.open([{ name: 'testdata-safe.arrow', bytes: arrow }]);
    expect(opened.summary.input).toEqual({ format: 'arrow' });
    const strip = (c: (typeof before.summary.columns)[number]) => ({ ...c, suggestedRole: null, reason: null, identifier: null });
    expect(opened.summary.columns.map(strip)).toEqual(before.summary.columns.map(strip));
    expect(opened.summary.columns.find((c) => c.name === 'income')).toMatchObject({
      role: 'sensitive',
      order: ['(0,100000]', '(100000,10000000]'],
      suppressed: 4124,
    });
    expect(await again.rows(0, 50)).toEqual(await api.rows(0, 50));
  });

  it('lists every method of the registry', async () => {
    const methods = await createEngineApi().methods();
    const ids = (kind: string) => methods.filter((m) => m.kind === kind).map((m) => m.id);
    expect(ids('step')).toEqual(['set-measure', 'rename-column', 'drop-columns', 'pseudonymise', 'generalise', 'top-bottom-code', 'recode']);
    expect(ids('analysis')).toEqual([
      'k-anonymity',
      'individual-risk',
      'risk-drivers',
      'l-diversity',
      't-closeness',
      'suda2',
      'risky-cells',
      'same-fact',
      'profile',
      'compare',
    ]);
    expect(ids('reader')).toEqual(['csv', 'arrow']);
    expect(ids('writer')).toEqual(['csv', 'arrow']);
  });

  it('says clearly when nothing is loaded', async () => {
    const api = createEngineApi();
    await expect(api.rows(0, 10)).rejects.toMatchObject({ code: 'NO_DATASET' });
    await expect(api.undo()).rejects.toMatchObject({ code: 'NO_DATASET' });
    await expect(api.analyse('profile', {})).rejects.toMatchObject({ code: 'NO_DATASET' });
  });
});
