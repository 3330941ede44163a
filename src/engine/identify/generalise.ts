import { Type } from 'apache-arrow';
import { EngineError } from '../errors.ts';
import { defineStep, type StepResult } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { codesOf } from '../table/column-codes.ts';
import { columnData, columnIndex, emptyBits, setBit, withColumn, type Dataset } from '../table/dataset.ts';
import { DATE_ORDERS, detectDateOrder, parseDate, yearOfDay, type DateOrder } from '../table/dates.ts';
import type { ColumnKind } from '../table/roles.ts';
import { dictionaryVector, float64Vector } from '../table/vectors.ts';
import { nameAfterGeneralising } from './rename-column.ts';

export type Generalisation = 'postcode-district' | 'postcode-sector' | 'year' | 'age';
export type Unreadable = 'stop' | 'missing';

export interface GeneraliseOptions {
  column: string;
  to: Generalisation;
  /** The date at which ages are reckoned (yyyy-mm-dd); required for "age", so that a re-run gives the same ages. */
  asOf?: string;
  /** For dates held as text: day first or month first; detected from the values when absent. */
  dateOrder?: DateOrder;
  /** What to do with a value that cannot be read as a postcode or date: stop (the default) or make it missing. */
  unreadable?: Unreadable;
}

/** A UK postcode split into outward and inward codes, or null. Case and spaces are ignored. */
export function splitPostcode(text: string): { outward: string; inward: string } | null {
  const s = text.replace(/\s+/g, '').toUpperCase();
  const m = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/.exec(s);
  return m ? { outward: m[1]!, inward: m[2]! } : null;
}

/** Whole years from a date of birth (days since 1970) to a reference date (days since 1970). */
export function ageInYears(birthDay: number, asOfDay: number): number {
  const b = new Date(birthDay * 86_400_000);
  const a = new Date(asOfDay * 86_400_000);
  let age = a.getUTCFullYear() - b.getUTCFullYear();
  if (a.getUTCMonth() < b.getUTCMonth() || (a.getUTCMonth() === b.getUTCMonth() && a.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

const WHAT: Record<Generalisation, string> = {
  'postcode-district': 'postcode districts',
  'postcode-sector': 'postcode sectors',
  year: 'years of birth',
  age: 'ages in years',
};

/**
 * Coarsen a direct identifier into something less identifying: a full postcode to
 * its district (outward code, "LS6 2AB" -> "LS6") or sector ("LS6 2"); a date of birth
 * to the year of birth or the age in whole years at `asOf`. Dates are read with the
 * one date parser (table/dates.ts), in every form the reader and the role detector
 * accept. A value that cannot be read stops the step with a count and examples, so
 * nothing is blanked without a word, unless `unreadable` is "missing": then those
 * values become missing and are recorded as suppressed.
 * @throws EngineError UNREADABLE_VALUES, BAD_PARAMS (no asOf for age), UNKNOWN_COLUMN
 */
export function generalise(ds: Dataset, options: GeneraliseOptions): StepResult {
  const idx = columnIndex(ds, options.column);
  const data = columnData(ds, idx);
  const { codes, labels } = codesOf(ds, idx);
  const n = codes.length;
  const dates = options.to === 'year' || options.to === 'age';
  let asOf = NaN;
  if (options.to === 'age') {
    asOf = options.asOf ? parseDate(options.asOf) : NaN;
    if (Number.isNaN(asOf))
      throw new EngineError('BAD_PARAMS', 'Turning a date of birth into an age needs the date to reckon it at (asOf, yyyy-mm-dd).', { param: 'asOf' });
  }

  // The new value of each distinct old value (null: cannot be read).
  let mapped: (string | number | null)[];
  if (!dates) {
    const sector = options.to === 'postcode-sector';
    mapped = labels.map((t) => {
      const pc = t === null ? null : splitPostcode(t);
      return pc === null ? null : sector ? `${pc.outward} ${pc.inward[0]}` : pc.outward;
    });
  } else {
    const order = data.typeId === Type.Date ? 'dmy' : (options.dateOrder ?? detectDateOrder(labels.filter((t): t is string => t !== null)).order);
    mapped = labels.map((t) => {
      const day = t === null ? NaN : parseDate(t, { order });
      if (Number.isNaN(day)) return null;
      return options.to === 'year' ? yearOfDay(day) : ageInYears(day, asOf);
    });
  }

  const unreadableCodes = labels.map((t, c) => t !== null && mapped[c] === null);
  let unreadable = 0;
  let changed = 0;
  const changedBits = emptyBits(n);
  const suppressedBits = emptyBits(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (labels[c] === null) continue;
    if (unreadableCodes[c]) {
      unreadable++;
      setBit(suppressedBits, i);
    } else {
      changed++;
      setBit(changedBits, i);
    }
  }
  const examples = labels.filter((t, c) => unreadableCodes[c]).slice(0, 3) as string[];
  const noun = dates ? 'dates' : 'UK postcodes';
  if (unreadable > 0 && (options.unreadable ?? 'stop') === 'stop') {
    throw new EngineError(
      'UNREADABLE_VALUES',
      `${count(unreadable)} value${unreadable === 1 ? '' : 's'} of "${options.column}" cannot be read as ${noun} (for example ${examples.map((e) => `"${e}"`).join(', ')}), so nothing was changed. Correct ${unreadable === 1 ? 'it' : 'them'}, or choose to make unreadable values missing.`,
      { column: options.column, unreadable, examples },
    );
  }

  let kind: ColumnKind;
  let vector;
  if (dates) {
    kind = 'integer';
    vector = float64Vector(Float64Array.from(codes, (c) => (mapped[c] === null ? NaN : (mapped[c] as number))));
  } else {
    kind = 'categorical';
    const dict: string[] = [];
    const index = new Map<string, number>();
    const remap = mapped.map((m) => {
      if (m === null) return -1;
      const s = String(m);
      let k = index.get(s);
      if (k === undefined) index.set(s, (k = dict.push(s) - 1));
      return k;
    });
    vector = dictionaryVector(
      dict,
      Int32Array.from(codes, (c) => remap[c]!),
    );
  }
  const label = ds.columns[idx]!.label;
  // A district, sector, year or age no longer names a person, but it is a key variable.
  const dataset = withColumn(ds, idx, {
    vector,
    kind,
    role: 'key',
    changed: changedBits,
    suppressed: suppressedBits,
    ...(label ? { label: `${label} (as ${WHAT[options.to]})` } : {}),
  });
  const at = options.to === 'age' ? ` at ${options.asOf}` : '';
  const tail = unreadable > 0 ? ` ${count(unreadable)} values could not be read and are now missing.` : '';
  const newName = nameAfterGeneralising(
    options.column,
    options.to,
    ds.columns.map((c) => c.name),
    options.asOf,
  );
  return {
    dataset,
    log: {
      summary: `Turned ${count(changed)} values of ${options.column} into ${WHAT[options.to]}${at}.${tail}`,
      counts: { valuesGeneralised: changed, valuesMadeMissing: unreadable },
      ...(newName ? { renames: { [options.column]: newName } } : {}),
    },
  };
}

function count(n: number): string {
  return n.toLocaleString('en-GB');
}

export const generaliseStep = defineStep({
  id: 'generalise',
  title: 'Generalise',
  description:
    'Makes a postcode or a date of birth less precise: a postcode to its district or sector, a date of birth to the year of birth or the age. A value that cannot be read stops the step, unless you choose to make such values missing.',
  source: 'Hundepool et al. (2012), Statistical Disclosure Control, 3.4.2 (global recoding of geography and dates); ONS postcode structure.',
  stage: 'identifiers',
  params: {
    column: p.column({ label: 'Column', description: 'The postcode or date-of-birth column to generalise.', roles: ['direct'] }),
    to: p.choice({
      label: 'What to keep',
      description: 'What the values become.',
      choices: [
        { value: 'postcode-district', label: 'Keep only the postcode district (LS6 2AB becomes LS6)' },
        { value: 'postcode-sector', label: 'Keep only the postcode sector (LS6 2AB becomes LS6 2)' },
        { value: 'year', label: 'Keep only the year of birth' },
        { value: 'age', label: 'Replace with the age in whole years' },
      ],
    }),
    asOf: p
      .date({ label: 'Age on', description: 'The date at which ages are reckoned (yyyy-mm-dd), recorded so that a re-run gives the same ages.' })
      .when('to', ['age']),
    dateOrder: p
      .choice({
        label: 'Numeric dates are written',
        description: 'For dates held as text: day first (12/03/1985 is 12 March) or month first. Detected from the values when left out.',
        choices: [
          { value: DATE_ORDERS[0]!, label: 'Day first (12/03/1985 is 12 March)' },
          { value: DATE_ORDERS[1]!, label: 'Month first (03/12/1985 is 12 March)' },
        ],
      })
      .optional()
      .when('to', ['year', 'age']),
    unreadable: p
      .choice({
        label: 'If a value cannot be read',
        description: 'Stop and say which values (the default), or make them missing and count them.',
        choices: [
          { value: 'stop', label: 'Stop and tell me' },
          { value: 'missing', label: 'Make it missing' },
        ],
      })
      .withDefault('stop'),
  },
  run: (ds, params) => generalise(ds, params),
});
