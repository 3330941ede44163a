/**
 * A recipe with a random step, run to CSV bytes: the test step "jitter" adds noise
 * drawn from the step's own random stream (ctx.random) to a numeric column, so the
 * output depends on the seed and the step's position. Used by the determinism test in
 * this process and, through `RANDOM_RECIPE_SEED=... vite-node tests/helpers/random-recipe.ts`, in
 * another process.
 */
import { createRunContext, defineStep, p, runStep, stepDefinition, writeCsv, type Dataset, type StepDefinition } from '../../src/engine/index.ts';
import { columnData, columnIndex, withColumn } from '../../src/engine/table/dataset.ts';
import { float64Vector } from '../../src/engine/table/vectors.ts';
import { readShared } from './data.ts';

const jitter = defineStep({
  id: 'jitter',
  title: 'Jitter (test)',
  description: 'Adds uniform noise in [-1, 1) to a numeric column.',
  source: 'test only',
  stage: 'protect',
  params: { column: p.column({ label: 'Column', description: 'A numeric column.', kinds: ['integer', 'decimal'] }) },
  run: (ds: Dataset, { column }, ctx) => {
    const j = columnIndex(ds, column);
    const data = columnData(ds, j);
    const values = Float64Array.from(data.values as Float64Array, (v, i) => (data.getValid(i) ? v + (2 * ctx.random.next() - 1) : NaN));
    return { dataset: withColumn(ds, j, { vector: float64Vector(values), kind: 'decimal' }), log: { summary: 'jittered', counts: {} } };
  },
});

const definitions = (id: string): StepDefinition => (id === 'jitter' ? (jitter as unknown as StepDefinition) : stepDefinition(id));

/** sdcMicro's testdata with income and savings jittered (steps 1 and 3), sampling weights untouched: CSV bytes. */
export async function runRandomRecipe(seed: number): Promise<Uint8Array> {
  let ds = await readShared('sdcmicro/testdata.csv');
  const steps = [
    { id: 'jitter', params: { column: 'income' } },
    { id: 'top-bottom-code', params: { column: 'age', top: 80 } },
    { id: 'jitter', params: { column: 'savings' } },
  ];
  for (const [i, step] of steps.entries()) ds = (await runStep(ds, step, { ...createRunContext({ seed }), secrets: {} }, i, seed, definitions)).dataset;
  return writeCsv(ds, createRunContext());
}

// Run as a script (vite-node tests/helpers/random-recipe.ts with RANDOM_RECIPE_SEED set): write the bytes for that seed.
if (process.env.RANDOM_RECIPE_SEED) {
  const bytes = await runRandomRecipe(Number(process.env.RANDOM_RECIPE_SEED));
  process.stdout.write(Buffer.from(bytes));
}
