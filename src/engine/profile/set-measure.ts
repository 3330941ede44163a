import { EngineError } from '../errors.ts';
import { defineStep, type StepResult } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import type { Data } from 'apache-arrow';
import { columnData, columnIndex, columnInputs, makeDataset, type Dataset } from '../table/dataset.ts';
import { FEW_CODES, measureOf, type Measure } from '../table/roles.ts';

const fewCodes = new WeakMap<Data, boolean>();

/** Whether a column of numbers has at most FEW_CODES different present values: stops at the first one more, cached per column chunk. */
function hasFewCodes(data: Data): boolean {
  let known = fewCodes.get(data);
  if (known === undefined) {
    known = countUpTo(data.values as Float64Array, data, FEW_CODES + 1) <= FEW_CODES;
    fewCodes.set(data, known);
  }
  return known;
}

function countUpTo(values: Float64Array, data: Data, limit: number): number {
  const seen = new Set<number>();
  const checkValid = data.nullCount > 0;
  for (let i = 0; i < values.length; i++) {
    if (checkValid && !data.getValid(i)) continue;
    seen.add(values[i]!);
    if (seen.size >= limit) break;
  }
  return seen.size;
}

/**
 * How column j is read (`measureOf`) without counting all its values: the choice of a
 * set-measure step, else, for whole numbers, whether there are few different ones.
 */
export function columnMeasure(ds: Dataset, j: number): Measure {
  const meta = ds.columns[j]!;
  if (meta.kind !== 'integer' || meta.measure) return measureOf(meta.kind, 0, meta.measure);
  return hasFewCodes(columnData(ds, j)) ? 'categorical' : 'numeric';
}

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
