import { cellFormatter } from '../table/cells.ts';
import { columnData, type Dataset } from '../table/dataset.ts';
import type { RoleSuggestion } from '../table/roles.ts';
import { codesOf } from '../table/column-codes.ts';
import { columnRole } from './column-role.ts';

export interface ColumnSuggestion extends RoleSuggestion {
  column: string;
}

const SAMPLE = 5000;

/**
 * Suggest a role for every column from its name and content (a sample of up to
 * 5,000 values spread over the file); the user reviews and edits them.
 */
export function suggestRoles(ds: Dataset): ColumnSuggestion[] {
  return ds.columns.map((_, j) => suggestRole(ds, j));
}

/** The suggestion for one column, as `suggestRoles` makes it. */
export function suggestRole(ds: Dataset, j: number): ColumnSuggestion {
  const n = ds.table.numRows;
  const step = Math.max(1, Math.floor(n / SAMPLE));
  const meta = ds.columns[j]!;
  const format = cellFormatter(columnData(ds, j));
  const values: (string | null)[] = [];
  for (let i = 0; i < n && values.length < SAMPLE; i += step) values.push(format(i));
  const { distinct } = codesOf(ds, j);
  return { column: meta.name, ...columnRole({ name: meta.name, kind: meta.kind, values, rows: n, distinct }) };
}
