/**
 * The one date parser. Type inference, the reader, the role detector and every
 * step read dates through `parseDate`, so a value that one of them takes for a
 * date, all of them can turn into the same day.
 *
 * Accepted forms (case and surrounding spaces ignored):
 * - ISO 8601 `1985-03-12` (also `1985/03/12`, `1985.03.12`), with at most a
 *   midnight time part (`1985-03-12 00:00:00`, `1985-03-12T00:00Z`): a time other
 *   than midnight would be lost, so such a value is not a date here;
 * - numeric day and month, `12/03/1985`, `12-03-1985`, `12.03.1985`, `3/4/1985`,
 *   `12/03/85`, read day first (`dmy`, the UK order) or month first (`mdy`), as the
 *   column's order says;
 * - written months, `12 March 1985`, `12 Mar 1985`, `12th March 1985`,
 *   `12th of March 1985`, `12-Mar-1985`, `12-MAR-85`, `March 12, 1985`,
 *   `Mar 12 1985`, optionally after a weekday (`Tuesday, 12 March 1985`).
 *
 * Two-digit years are read in the hundred years that start at the pivot:
 * with the default pivot 1930, `30` is 1930 and `29` is 2029.
 */

const MS_PER_DAY = 86_400_000;

/** Which comes first in a numeric date: the day (`12/03/1985` is 12 March) or the month. */
export type DateOrder = 'dmy' | 'mdy';
export const DATE_ORDERS: readonly DateOrder[] = ['dmy', 'mdy'];

/** The first year of the hundred-year window two-digit years are read in. */
export const DEFAULT_YEAR_PIVOT = 1930;

export interface DateParseOptions {
  /** Day first or month first, for numeric dates. Default `dmy`. */
  order?: DateOrder;
  /** Two-digit years are read in [yearPivot, yearPivot + 99]. Default 1930. */
  yearPivot?: number;
}

/** yyyy-mm-dd for a count of days since 1970-01-01. */
export function formatDay(days: number): string {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 for a calendar date, or NaN if the date does not exist. */
export function dayNumber(year: number, month: number, day: number): number {
  if (!(month >= 1 && month <= 12 && day >= 1 && year >= 0 && year <= 9999)) return NaN;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return NaN;
  if (day > daysInMonth(year, month)) return NaN;
  if (year >= 100) return Date.UTC(year, month - 1, day) / MS_PER_DAY;
  // Date.UTC reads the years 0-99 as 1900-1999.
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return d.getTime() / MS_PER_DAY;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The calendar year of a day number. */
export function yearOfDay(days: number): number {
  return new Date(days * MS_PER_DAY).getUTCFullYear();
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const ISO = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[t ]00:00(?::00(?:\.0{1,9})?)?(?:z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
const WEEKDAY = /^(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,? /;
const DAY_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?(?: of)?([ -])([a-z]{3,9})\.?,?\2(\d{4}|\d{2})$/;
const MONTH_DAY = /^([a-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/;

function fullYear(text: string, pivot: number): number {
  const y = Number(text);
  if (text.length !== 2) return y;
  const base = pivot - (pivot % 100);
  const candidate = base + y;
  return candidate < pivot ? candidate + 100 : candidate;
}

/**
 * Days since 1970-01-01 for a date in any accepted form, or NaN for anything
 * else: impossible dates (31 April), a year alone, a time other than midnight.
 */
export function parseDate(text: string, options: DateParseOptions = {}): number {
  const n = text.length;
  // Fast path: yyyy-mm-dd, the form every writer here uses.
  if (n === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const v = dayNumber(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
    if (v === v) return v;
  }
  if (n === 0 || n > 48) return NaN;
  let t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const pivot = options.yearPivot ?? DEFAULT_YEAR_PIVOT;
  let m = NUMERIC.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = fullYear(m[4]!, pivot);
    return options.order === 'mdy' ? dayNumber(year, a, b) : dayNumber(year, b, a);
  }
  m = ISO.exec(t);
  if (m) return dayNumber(Number(m[1]), Number(m[3]), Number(m[4]));
  if (WEEKDAY.test(t)) t = t.replace(WEEKDAY, '');
  m = DAY_MONTH.exec(t);
  if (m) {
    const month = MONTHS[m[3]!];
    return month === undefined ? NaN : dayNumber(fullYear(m[4]!, pivot), month, Number(m[1]));
  }
  m = MONTH_DAY.exec(t);
  if (m) {
    const month = MONTHS[m[1]!];
    return month === undefined ? NaN : dayNumber(Number(m[3]), month, Number(m[2]));
  }
  return NaN;
}

function digits(s: string, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/** What the values of a column say about the order of day and month. */
export interface DateOrderEvidence {
  /** The order to read the column in: the one the values allow, else day first. */
  order: DateOrder;
  /** Numeric dates exist, none has a part above 12, and some could be read either way (`03/04/1985`). */
  ambiguous: boolean;
  /** Some values need day first and others month first: no one order reads them all. */
  conflicting: boolean;
  /** How many values were numeric dates (`12/03/1985`). */
  numeric: number;
}

/**
 * Decide the day-month order of a column from its values: a first part above 12
 * (`25/03/1985`) means day first, a second part above 12 (`03/25/1985`) month first.
 * With no such value the order is day first, and `ambiguous` says that it was a choice.
 */
export function detectDateOrder(values: Iterable<string>): DateOrderEvidence {
  let dayFirst = false;
  let monthFirst = false;
  let either = false;
  let numeric = 0;
  for (const v of values) {
    const m = NUMERIC.exec(v.trim());
    if (!m) continue;
    numeric++;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 12 && b <= 12) dayFirst = true;
    else if (b > 12 && a <= 12) monthFirst = true;
    else if (a !== b && a <= 12 && b <= 12) either = true;
  }
  const conflicting = dayFirst && monthFirst;
  const order: DateOrder = monthFirst && !dayFirst ? 'mdy' : 'dmy';
  return { order, ambiguous: either && !dayFirst && !monthFirst, conflicting, numeric };
}
