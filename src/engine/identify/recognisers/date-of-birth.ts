import { detectDateOrder, parseDate, yearOfDay, type DateOrder } from '../../table/dates.ts';
import { normaliseSpaces } from '../validators.ts';
import type { Header } from './header.ts';
import { ofValues, pct, SHARE_REQUIRED_WITH_HINT, type ColumnSample, type ColumnVerdict, type Recogniser } from './recogniser.ts';

/** Dates in these years are counted as possible dates of birth; others are not dates of birth at all. */
const FIRST_YEAR = 1850;
const LAST_YEAR = 2100;
/** The longest text `parseDate` reads. */
const MAX_LENGTH = 48;

/**
 * The calendar year of a full date that could be a date of birth, or NaN. The
 * date is read by the engine's one date parser (`parseDate`, table/dates.ts),
 * in the given day-month order; a year outside 1850-2100 gives NaN.
 */
export function birthYear(text: string, order: DateOrder): number {
  if (text.length > MAX_LENGTH) return NaN;
  const day = parseDate(normaliseSpaces(text), { order });
  if (Number.isNaN(day)) return NaN;
  const year = yearOfDay(day);
  return year >= FIRST_YEAR && year <= LAST_YEAR ? year : NaN;
}

/**
 * Whether one value is a full date (day, month and year) of 1850-2100 in a form
 * `parseDate` reads. A numeric value is read in the order it allows: day first
 * (`12/03/1985`) unless only month first can be meant (`03/25/1985`). In a
 * column, the order is decided once for all the values (`detectDateOrder`).
 */
export function isFullDate(text: string): boolean {
  if (text.length > MAX_LENGTH) return false;
  const t = normaliseSpaces(text);
  return !Number.isNaN(birthYear(t, detectDateOrder([t]).order));
}

/** Header words that name a year (not a full date) of birth. */
function hintsYearOfBirth(h: Header): boolean {
  return h.includes('yob', 'yearofbirth', 'birthyear', 'byear') || (h.has('year', 'yr') && h.includes('birth', 'born'));
}

function hintsDateOfBirth(h: Header): boolean {
  const birth = h.includes('dob', 'dateofbirth', 'birthdate', 'birthday', 'born', 'birth') || h.has('bd', 'bday');
  if (!birth) return false;
  return !hintsYearOfBirth(h) && !h.has('place', 'country', 'town', 'city', 'weight', 'order', 'month', 'certificate', 'cert');
}

/** Header words of dates that are NOT dates of birth. */
const EVENT_WORDS = [
  'visit',
  'appointment',
  'appt',
  'interview',
  'admission',
  'admitted',
  'discharge',
  'discharged',
  'start',
  'end',
  'join',
  'joined',
  'created',
  'updated',
  'modified',
  'survey',
  'death',
  'died',
  'dod',
  'marriage',
  'married',
  'issue',
  'issued',
  'expiry',
  'expires',
  'due',
  'payment',
  'paid',
  'order',
  'delivery',
  'sent',
  'received',
  'hearing',
  'letter',
  'deadline',
  'test',
  'sample',
  'collected',
  'collection',
  'arrival',
  'departure',
  'booking',
  'registration',
  'registered',
  'event',
  'incident',
  'referral',
  'entry',
  'exit',
  'moved',
  'completed',
  'submitted',
  'response',
  'fieldwork',
  'today',
  'report',
  'reported',
];

interface DateScan {
  share: number;
  minYear: number;
  maxYear: number;
  /** Years between the 10th and 90th percentile of the dates. */
  spread: number;
}

/** The share of full dates among the values, read in the one order the column is written in, and the spread of their years. */
function scanDates(values: readonly string[]): DateScan {
  const { order } = detectDateOrder(values);
  const byYear = new Array<number>(LAST_YEAR - FIRST_YEAR + 1).fill(0);
  let ok = 0;
  for (const v of values) {
    const year = birthYear(v, order);
    if (Number.isNaN(year)) continue;
    ok++;
    byYear[year - FIRST_YEAR] = (byYear[year - FIRST_YEAR] ?? 0) + 1;
  }
  let minYear = 0;
  let maxYear = 0;
  let p10 = 0;
  let p90 = 0;
  let seen = 0;
  for (let i = 0; i < byYear.length; i++) {
    const c = byYear[i] ?? 0;
    if (c === 0) continue;
    const year = FIRST_YEAR + i;
    if (seen === 0) minYear = year;
    maxYear = year;
    const before = seen;
    seen += c;
    if (before < 0.1 * ok && seen >= 0.1 * ok) p10 = year;
    if (before < 0.9 * ok && seen >= 0.9 * ok) p90 = year;
  }
  return { share: values.length === 0 ? 0 : ok / values.length, minYear, maxYear, spread: p90 - p10 };
}

/**
 * A column of dates of birth: the header says birth or DOB and 70% of values
 * are full dates, or (when the header names no other event) 90% are full dates
 * spread over 20 years or more, none before 1880. A column of other full dates
 * gets a note saying why they are not treated as dates of birth.
 */
function judgeDateOfBirthColumn(s: ColumnSample): ColumnVerdict {
  const h = s.header;
  const scan = scanDates(s.values);
  if (scan.share < SHARE_REQUIRED_WITH_HINT) return null;
  if (hintsDateOfBirth(h) && scan.share >= 0.7) {
    return { kind: 'found', reason: `The name suggests dates of birth and ${pct(scan.share)} of ${ofValues(s)} are full dates (day, month and year).` };
  }
  const event = h.tokens.find((t) => EVENT_WORDS.includes(t));
  if (!h.has(...EVENT_WORDS) && !hintsYearOfBirth(h) && scan.share >= 0.9 && scan.spread >= 20 && scan.minYear >= 1880) {
    return {
      kind: 'found',
      reason: `${pct(scan.share)} of ${ofValues(s)} are full dates spread from ${scan.minYear} to ${scan.maxYear}, as dates of birth are.`,
    };
  }
  return {
    kind: 'note',
    note:
      event !== undefined
        ? `These are dates of an event (the name mentions "${event}"), not dates of birth.`
        : 'These are full dates, but their spread does not look like dates of birth, so they are not treated as a direct identifier.',
  };
}

export const dateOfBirth: Recogniser = {
  id: 'date-of-birth',
  role: 'direct',
  title: 'date of birth',
  plural: 'dates of birth',
  described: 'are full dates (day, month and year)',
  sources: [
    "The engine's one date parser, parseDate in src/engine/table/dates.ts (ISO 8601, day-first or month-first numeric dates decided per column, written months)",
    'Own rule for a column: a birth header, or a spread of 20 years or more with no other event named',
  ],
  maxLength: MAX_LENGTH,
  test: isFullDate,
  headerHint: hintsDateOfBirth,
  judgeColumn: judgeDateOfBirthColumn,
};
