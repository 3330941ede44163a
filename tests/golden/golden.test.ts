/**
 * Golden files: an input from ../shared/data, a recipe, and the expected output
 * bytes. A failing golden writes `expected.actual.csv` beside the expected file;
 * goldens change only in a commit that says why.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRunContext, parseRecipe, readDelimited, runRecipe, writeCsv } from '../../src/engine/index.ts';
import { sharedBytes } from '../helpers/data.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const INPUTS: Record<string, string> = { 'pii-table': 'pii/table_dev.csv' };
const KEY = 'golden-key';

describe('golden recipes', () => {
  for (const name of readdirSync(HERE).filter((d) => existsSync(`${HERE}${d}/recipe.json`))) {
    it(`${name} gives the expected bytes`, async () => {
      const recipe = parseRecipe(readFileSync(`${HERE}${name}/recipe.json`, 'utf8'));
      const input = INPUTS[name]!;
      const { dataset } = await readDelimited([{ name: input, bytes: sharedBytes(input) }], { missing: recipe.input.missing }, createRunContext());
      const run = await runRecipe(dataset, recipe, { ...createRunContext({ seed: recipe.seed }), secrets: { key: KEY } });
      const actual = Buffer.from(await writeCsv(run.dataset, createRunContext()));
      const expectedPath = `${HERE}${name}/expected.csv`;
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedPath, actual);
      const expected = readFileSync(expectedPath);
      if (!actual.equals(expected)) writeFileSync(`${HERE}${name}/expected.actual.csv`, actual);
      expect(actual.equals(expected), `${name}: output differs from expected.csv (see expected.actual.csv)`).toBe(true);
    });
  }
});
