import type { Dataset } from '../table/dataset.ts';
import { columnIndex, columnInputs, makeDataset } from '../table/dataset.ts';
import type { StepDefinition, StepResult } from '../recipe/step.ts';

/** Remove columns (typically direct identifiers). Every other column is shared, not copied. */
export function dropColumns(ds: Dataset, columns: readonly string[]): StepResult {
  for (const c of columns) columnIndex(ds, c);
  const kept = columnInputs(ds).filter((c) => !columns.includes(c.meta.name));
  const plural = columns.length === 1 ? 'column' : 'columns';
  return {
    dataset: makeDataset(kept, ds.table.numRows),
    log: { summary: `Removed ${columns.length} ${plural}: ${columns.join(', ')}.`, counts: { columnsRemoved: columns.length } },
  };
}

export const dropColumnsStep: StepDefinition = {
  id: 'drop-columns',
  title: 'Remove columns',
  description: 'Removes the chosen columns from the data, for direct identifiers that are not needed at all.',
  params: [{ name: 'columns', type: 'columns', description: 'The columns to remove.', required: true }],
  check: (ds, p) => (p.columns as string[]).forEach((c) => columnIndex(ds, c)),
  run: async (ds, p) => dropColumns(ds, p.columns as string[]),
};
