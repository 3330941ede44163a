import { EngineError } from '../errors.ts';
import { defineStep, type StepResult } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { columnIndex, columnInputs, makeDataset, type Dataset } from '../table/dataset.ts';

/**
 * Give a column a new name, for a name that no longer says what the column holds
 * (`date_of_birth` after it was cut to the year). Values, role and labels stay.
 * @throws EngineError UNKNOWN_COLUMN, BAD_PARAMS (an empty name, one with spaces at
 * either end, or one another column has)
 */
export function renameColumn(ds: Dataset, column: string, to: string): StepResult {
  const index = columnIndex(ds, column);
  if (to.trim() === '') throw new EngineError('BAD_PARAMS', `The new name for "${column}" is empty.`, { column });
  if (to !== to.trim()) throw new EngineError('BAD_PARAMS', `The new name "${to}" starts or ends with a space; leave the spaces out.`, { column });
  if (to !== column && ds.columns.some((c) => c.name === to)) {
    throw new EngineError('BAD_PARAMS', `There is already a column named "${to}"; choose another name for "${column}".`, { column, to });
  }
  const inputs = columnInputs(ds);
  inputs[index] = { ...inputs[index]!, meta: { ...inputs[index]!.meta, name: to } };
  return {
    dataset: makeDataset(inputs, ds.table.numRows),
    log: { summary: `Renamed ${column} to ${to}.`, counts: { columnsRenamed: to === column ? 0 : 1 } },
  };
}

/** Separators seen in a name, so a suggested name is written the same way ("date of birth" -> "year of birth"). */
function separatorOf(name: string): string {
  if (name.includes('_')) return '_';
  if (name.includes(' ')) return ' ';
  if (name.includes('-')) return '-';
  if (name.includes('.')) return '.';
  return /[a-z][A-Z]/.test(name) ? '' : '_';
}

function joinWords(words: readonly string[], sep: string): string {
  return sep === '' ? words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('') : words.join(sep);
}

const BIRTH = /date[\s_.-]*of[\s_.-]*birth|birth[\s_.-]*date|birthdate|birthday|dob|d\.o\.b\.?|geburtsdatum|geb[\s_.-]*datum/i;
const POSTCODE = /post[\s_.-]*code|postal[\s_.-]*code|zip[\s_.-]*code|post[\s_.-]*cd|pcode/i;

/**
 * A name that says what a column holds after it was generalised, or null when the old
 * name still fits: "date_of_birth" cut to the year becomes "year_of_birth", "dob" turned
 * into ages "age" (or "age_2026", the year of the reference date, beside a column named
 * age), "postcode" cut to the district "postcode_district". Names are written
 * with the separator the old one used, and never clash with another column (a number
 * is added).
 */
export function nameAfterGeneralising(
  name: string,
  to: 'postcode-district' | 'postcode-sector' | 'year' | 'age',
  taken: readonly string[],
  asOf?: string,
): string | null {
  const sep = separatorOf(name);
  const upper = name === name.toUpperCase() && /[A-Z]/.test(name);
  let out: string;
  if (to === 'year' || to === 'age') {
    if (to === 'year' && /year/i.test(name)) return null;
    if (to === 'age' && /\bage\b|^age|age$/i.test(name)) return null;
    // An age beside another age column says when it was reckoned: age_2026.
    const year = asOf?.slice(0, 4);
    const words = to === 'year' ? ['year', 'of', 'birth'] : taken.some((t) => /^age$/i.test(t)) && year ? ['age', year] : ['age'];
    const m = BIRTH.exec(name);
    out = m
      ? name.slice(0, m.index) + joinWords(words, sep) + name.slice(m.index + m[0].length)
      : joinWords([name, ...(to === 'year' ? ['year'] : ['age'])], sep);
  } else {
    const what = to === 'postcode-district' ? 'district' : 'sector';
    if (new RegExp(what, 'i').test(name)) return null;
    const m = POSTCODE.exec(name);
    const tail = sep === '' ? what[0]!.toUpperCase() + what.slice(1) : sep + what;
    out = m ? name.slice(0, m.index + m[0].length) + tail + name.slice(m.index + m[0].length) : name + tail;
  }
  if (upper) out = out.toUpperCase();
  if (out === name) return null;
  let candidate = out;
  for (let n = 2; taken.includes(candidate); n++) candidate = `${out}${sep === '' ? '' : sep}${n}`;
  return candidate;
}

export const renameColumnStep = defineStep({
  id: 'rename-column',
  title: 'Rename a column',
  description:
    'Gives a column a new name, for example when a step changed what it holds (a date of birth cut to the year becomes year_of_birth). Values, role and labels stay as they are.',
  source: 'No published method: a change of metadata only, recorded so that the recipe replays it.',
  stage: 'clean',
  params: {
    column: p.column({ label: 'Column', description: 'The column to rename.' }),
    to: p.text({ label: 'New name', description: 'The name it will have.', minLength: 1, maxLength: 200 }),
  },
  run: (ds, { column, to }) => renameColumn(ds, column, to),
});
