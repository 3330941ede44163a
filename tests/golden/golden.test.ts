/**
 * Golden files: an input from ../shared/data, a recipe, and the expected output
 * bytes. The recipe's whole input section (reader, missing codes, delimiter, date
 * orders ...) is used to read the input, as the command line does. A failing golden
 * writes `expected.actual.csv` beside the expected file; with UPDATE_GOLDEN=1 the
 * expected file is rewritten instead and nothing is compared (goldens change only in
 * a commit that says why).
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRunContext, parseRecipe, readInput, runRecipe, writeCsv } from '../../src/engine/index.ts';
import { sharedBytes } from '../helpers/data.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const INPUTS: Record<string, string> = {
  'pii-table': 'pii/table_dev.csv',
  'sdcmicro-recode': 'sdcmicro/testdata.csv',
  'sdcmicro-top-bottom': 'sdcmicro/testdata.csv',
};
const KEY = 'golden-key';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

describe('golden recipes', () => {
  const names = readdirSync(HERE).filter((d) => existsSync(`${HERE}${d}/recipe.json`));

  it('every golden folder names its input', () => {
    expect(names.filter((n) => !INPUTS[n])).toEqual([]);
  });

  for (const name of names) {
    it(`${name} gives the expected bytes`, async () => {
      const recipe = parseRecipe(readFileSync(`${HERE}${name}/recipe.json`, 'utf8'));
      const input = INPUTS[name]!;
      const { dataset } = await readInput([{ name: input, bytes: sharedBytes(input) }], recipe.input, createRunContext());
      const run = await runRecipe(dataset, recipe, { ...createRunContext({ seed: recipe.seed }), secrets: { key: KEY } });
      const actual = Buffer.from(await writeCsv(run.dataset, createRunContext()));
      const expectedPath = `${HERE}${name}/expected.csv`;
      const actualPath = `${HERE}${name}/expected.actual.csv`;
      if (UPDATE) {
        writeFileSync(expectedPath, actual);
        return;
      }
      const expected = readFileSync(expectedPath);
      if (actual.equals(expected)) rmSync(actualPath, { force: true });
      else writeFileSync(actualPath, actual);
      expect(actual.equals(expected), `${name}: output differs from expected.csv (see expected.actual.csv)`).toBe(true);
    });
  }
});
