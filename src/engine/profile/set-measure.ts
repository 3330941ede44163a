import { EngineError } from '../errors.ts';
import { defineStep, type StepResult } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { columnIndex, columnInputs, makeDataset, type Dataset } from '../table/dataset.ts';
import type { Measure } from '../table/roles.ts';

const WORDS: Record<Measure, string> = { categorical: 'categories', numeric: 'numbers' };

/**
 * Say how numeric columns are to be read: as codes of categories (bars of each code)
 * or as numbers (a distribution). The values stay as they are; only the columns'
 * metadata records the choice, so the recipe replays it and a later summary, and the
 * Arrow export, carry it.
 * @throws EngineError UNKNOWN_COLUMN, BAD_PARAMS for a column that does not hold numbers
 */
export function setMeasure(ds: Dataset, columns: readonly string[], measure: Measure): StepResult {
  const indices = new Set(columns.map((c) => columnIndex(ds, c)));
  const inputs = columnInputs(ds).map((input, j) => {
    if (!indices.has(j)) return input;
    const { meta } = input;
    if (meta.kind !== 'integer' && meta.kind !== 'decimal') {
      throw new EngineError(
        'BAD_PARAMS',
        `"${meta.name}" holds ${meta.kind === 'date' ? 'dates' : 'text'}, not numbers, so it is read as ${meta.kind === 'date' ? 'dates' : 'categories'} already.`,
        { column: meta.name },
      );
    }
    return { ...input, meta: { ...meta, measure } };
  });
  const list = columns.join(', ');
  return {
    dataset: makeDataset(inputs, ds.table.numRows),
    log: { summary: `Read ${list} as ${WORDS[measure]}; no value changed.`, counts: { columns: columns.length } },
  };
}

export const setMeasureStep = defineStep({
  id: 'set-measure',
  title: 'Read numbers as categories, or codes as numbers',
  description:
    'Says whether columns of numbers hold codes of categories (1 = male, 2 = female), shown as bars of each code, or quantities (age, income), shown as a distribution. No value changes; the choice is kept in the recipe. Whole-number columns with 12 or fewer different values are read as categories unless you say otherwise.',
  source: 'Levels of measurement (nominal against interval or ratio), as sdcMicro separates categorical key variables (factors) from numeric ones.',
  stage: 'check',
  params: {
    columns: p.columns({ label: 'Columns', description: 'The columns of numbers to read this way.', kinds: ['integer', 'decimal'], minItems: 1 }),
    as: p.choice({
      label: 'Read as',
      description: 'Categories (each code a category of its own) or numbers (a quantity with a distribution).',
      choices: [
        { value: 'categorical', label: 'Categories (codes)' },
        { value: 'numeric', label: 'Numbers (a quantity)' },
      ],
    }),
  },
  run: (ds, { columns, as }) => setMeasure(ds, columns, as),
});
