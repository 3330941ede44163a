import { defineStep, type StepResult } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import type { Dataset } from '../table/dataset.ts';
import { columnIndex, columnInputs, makeDataset } from '../table/dataset.ts';

/**
 * Remove columns (typically direct identifiers). Every other column and its
 * metadata is shared, not copied.
 * @throws EngineError UNKNOWN_COLUMN
 */
export function dropColumns(ds: Dataset, columns: readonly string[]): StepResult {
  for (const c of columns) columnIndex(ds, c);
  const kept = columnInputs(ds).filter((c) => !columns.includes(c.meta.name));
  const plural = columns.length === 1 ? 'column' : 'columns';
  return {
    dataset: makeDataset(kept, ds.table.numRows),
    log: { summary: `Removed ${columns.length} ${plural}: ${columns.join(', ')}.`, counts: { columnsRemoved: columns.length } },
  };
}

export const dropColumnsStep = defineStep({
  id: 'drop-columns',
  title: 'Remove columns',
  description: 'Removes the chosen columns from the data, for direct identifiers and other columns that are not needed at all.',
  source: 'Hundepool et al. (2012), Statistical Disclosure Control, 3.2: removing direct identifiers.',
  stage: 'identifiers',
  params: {
    columns: p.columns({ label: 'Columns to remove', description: 'The columns to remove.', roles: ['direct'] }),
  },
  run: (ds, { columns }) => dropColumns(ds, columns),
});
