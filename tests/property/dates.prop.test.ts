/**
 * Property tests for the one date parser (parseDate), its inverse formatDay and
 * detectDateOrder: random calendar dates from 1000 to 2999, 29 February of leap
 * years included, written in every accepted form, in any letter case and with
 * extra spaces, must parse to the day Date.UTC gives; impossible dates and times
 * other than midnight must not parse.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_YEAR_PIVOT, detectDateOrder, formatDay, parseDate, type DateParseOptions } from '../../src/engine/table/dates.ts';

// ---------------------------------------------------------------- generators

interface Ymd {
  y: number;
  m: number;
  d: number;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number, m: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
/** The independent reference: days since 1970-01-01 by Date.UTC (years from 100 on). */
const expectedDay = ({ y, m, d }: Ymd) => Date.UTC(y, m - 1, d) / 86_400_000;

/** A valid date in [minYear, maxYear]: any month, any day of it, month ends and 29 February of leap years drawn often. */
const ymdArb = (minYear = 1000, maxYear = 2999): fc.Arbitrary<Ymd> =>
  fc
    .oneof(
      { weight: 6, arbitrary: fc.tuple(fc.integer({ min: minYear, max: maxYear }), fc.integer({ min: 1, max: 12 }), fc.nat(30)) },
      { weight: 2, arbitrary: fc.tuple(fc.integer({ min: minYear, max: maxYear }), fc.integer({ min: 1, max: 12 }), fc.constant(99)) },
      { weight: 2, arbitrary: fc.tuple(fc.integer({ min: minYear, max: maxYear }), fc.constant(2), fc.constant(28)) },
    )
    .map(([y0, m, dayPick]) => {
      // For the 29 February case, move to a leap year nearby (within the bounds).
      let y = y0;
      if (m === 2 && dayPick === 28) {
        for (let k = 0; k < 8 && !isLeap(y); k++) y = y + 1 > maxYear ? minYear : y + 1;
        if (!isLeap(y)) y = y0;
      }
      const last = monthLength(y, m);
      return { y, m, d: dayPick >= last ? last : dayPick + 1 };
    });

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = [
  'Monday',
  'Mon',
  'Tuesday',
  'Tue',
  'Tues',
  'Wednesday',
  'Wed',
  'Thursday',
  'Thu',
  'Thur',
  'Thurs',
  'Friday',
  'Fri',
  'Saturday',
  'Sat',
  'Sunday',
  'Sun',
];

const pad = (x: number, w = 2) => String(x).padStart(w, '0');
const ordinal = (d: number) => `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;

/** Random choices a form may use: a month abbreviation (Sept or Sep), a weekday, its punctuation. */
interface Choices {
  sept: boolean;
  weekday: string;
  weekdaySep: string;
  dot: boolean;
}
const choicesArb: fc.Arbitrary<Choices> = fc.record({
  sept: fc.boolean(),
  weekday: fc.constantFrom(...WEEKDAYS),
  weekdaySep: fc.constantFrom(', ', ' ', '. ', '., '),
  dot: fc.boolean(),
});
const short = (m: number, c: Choices) => (m === 9 && c.sept ? 'Sept' : SHORT[m - 1]!) + (c.dot ? '.' : '');

interface Form {
  name: string;
  write: (t: Ymd, c: Choices) => string;
  options: DateParseOptions;
}

/** Four-digit-year forms. */
const FORMS: Form[] = [
  { name: 'yyyy-mm-dd', write: ({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`, options: {} },
  { name: 'yyyy/mm/dd', write: ({ y, m, d }) => `${y}/${pad(m)}/${pad(d)}`, options: {} },
  { name: 'yyyy.mm.dd', write: ({ y, m, d }) => `${y}.${pad(m)}.${pad(d)}`, options: {} },
  { name: 'yyyy-m-d', write: ({ y, m, d }) => `${y}-${m}-${d}`, options: { order: 'mdy' } },
  { name: 'yyyy-mm-dd 00:00:00', write: ({ y, m, d }) => `${y}-${pad(m)}-${pad(d)} 00:00:00`, options: {} },
  { name: 'yyyy-mm-ddT00:00:00', write: ({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}T00:00:00`, options: {} },
  { name: 'yyyy-mm-ddT00:00Z', write: ({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}T00:00Z`, options: {} },
  { name: 'yyyy-mm-ddT00:00:00.000Z', write: ({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}T00:00:00.000Z`, options: {} },
  { name: 'yyyy/mm/dd 00:00:00', write: ({ y, m, d }) => `${y}/${pad(m)}/${pad(d)} 00:00:00`, options: {} },
  { name: 'dd/mm/yyyy (dmy)', write: ({ y, m, d }) => `${pad(d)}/${pad(m)}/${y}`, options: { order: 'dmy' } },
  { name: 'dd/mm/yyyy (default order)', write: ({ y, m, d }) => `${pad(d)}/${pad(m)}/${y}`, options: {} },
  { name: 'd/m/yyyy (dmy)', write: ({ y, m, d }) => `${d}/${m}/${y}`, options: { order: 'dmy' } },
  { name: 'dd-mm-yyyy', write: ({ y, m, d }) => `${pad(d)}-${pad(m)}-${y}`, options: { order: 'dmy' } },
  { name: 'dd.mm.yyyy', write: ({ y, m, d }) => `${pad(d)}.${pad(m)}.${y}`, options: {} },
  { name: 'mm/dd/yyyy (mdy)', write: ({ y, m, d }) => `${pad(m)}/${pad(d)}/${y}`, options: { order: 'mdy' } },
  { name: 'm/d/yyyy (mdy)', write: ({ y, m, d }) => `${m}/${d}/${y}`, options: { order: 'mdy' } },
  { name: 'mm-dd-yyyy (mdy)', write: ({ y, m, d }) => `${pad(m)}-${pad(d)}-${y}`, options: { order: 'mdy' } },
  { name: 'd Month yyyy', write: ({ y, m, d }) => `${d} ${MONTHS[m - 1]} ${y}`, options: {} },
  { name: 'd Mon yyyy', write: ({ y, m, d }, c) => `${d} ${short(m, c)} ${y}`, options: {} },
  { name: 'dth Month yyyy', write: ({ y, m, d }) => `${ordinal(d)} ${MONTHS[m - 1]} ${y}`, options: {} },
  { name: 'dth of Month yyyy', write: ({ y, m, d }) => `${ordinal(d)} of ${MONTHS[m - 1]} ${y}`, options: { order: 'mdy' } },
  { name: 'dd-MON-yyyy', write: ({ y, m, d }) => `${pad(d)}-${SHORT[m - 1]!.toUpperCase()}-${y}`, options: {} },
  { name: 'dd-Month-yyyy', write: ({ y, m, d }) => `${pad(d)}-${MONTHS[m - 1]}-${y}`, options: {} },
  { name: 'Month d, yyyy', write: ({ y, m, d }) => `${MONTHS[m - 1]} ${d}, ${y}`, options: {} },
  { name: 'Mon d yyyy', write: ({ y, m, d }, c) => `${short(m, c)} ${d} ${y}`, options: {} },
  { name: 'Month dth, yyyy', write: ({ y, m, d }) => `${MONTHS[m - 1]} ${ordinal(d)}, ${y}`, options: {} },
  { name: 'Weekday, d Month yyyy', write: ({ y, m, d }, c) => `${c.weekday}${c.weekdaySep}${d} ${MONTHS[m - 1]} ${y}`, options: {} },
  { name: 'Weekday, dth of Month yyyy', write: ({ y, m, d }, c) => `${c.weekday}${c.weekdaySep}${ordinal(d)} of ${MONTHS[m - 1]} ${y}`, options: {} },
  { name: 'Weekday, Month d, yyyy', write: ({ y, m, d }, c) => `${c.weekday}${c.weekdaySep}${MONTHS[m - 1]} ${d}, ${y}`, options: {} },
];

/** Two-digit-year forms (yy is the year's last two digits). */
const SHORT_YEAR_FORMS: Form[] = [
  { name: 'dd/mm/yy', write: ({ y, m, d }) => `${pad(d)}/${pad(m)}/${pad(y % 100)}`, options: { order: 'dmy' } },
  { name: 'd.m.yy', write: ({ y, m, d }) => `${d}.${m}.${pad(y % 100)}`, options: {} },
  { name: 'mm/dd/yy', write: ({ y, m, d }) => `${pad(m)}/${pad(d)}/${pad(y % 100)}`, options: { order: 'mdy' } },
  { name: 'dd-MON-yy', write: ({ y, m, d }) => `${pad(d)}-${SHORT[m - 1]!.toUpperCase()}-${pad(y % 100)}`, options: {} },
  { name: 'd Month yy', write: ({ y, m, d }) => `${d} ${MONTHS[m - 1]} ${pad(y % 100)}`, options: {} },
];

/**
 * Letter case and spacing: each letter upper or lower case by a random bit, each space
 * one to three spaces or tabs, and up to three spaces before and after (the parser
 * takes at most 48 characters, so the padding stops there).
 */
const noiseArb = fc.record({
  upper: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
  spaces: fc.array(fc.constantFrom(' ', '  ', '\t', ' \t '), { minLength: 16, maxLength: 16 }),
  before: fc.constantFrom('', ' ', '  ', '\t', ' \t '),
  after: fc.constantFrom('', ' ', '   ', '\t'),
});
type Noise = typeof noiseArb extends fc.Arbitrary<infer N> ? N : never;

function noisy(text: string, noise: Noise): string {
  const cased = Array.from(text, (ch, i) => (noise.upper[i % 64] ? ch.toUpperCase() : ch.toLowerCase())).join('');
  let k = 0;
  const spaced = cased.replace(/ /g, () => noise.spaces[k++ % 16]!);
  const out = noise.before + spaced + noise.after;
  return out.length <= 48 ? out : noise.before + cased;
}

// ------------------------------------------------------------------- tests

describe('parseDate reads every accepted form of a valid date as Date.UTC does', () => {
  it('four-digit years, in every form, any case, extra spaces', () => {
    fc.assert(
      fc.property(ymdArb(), fc.constantFrom(...FORMS), choicesArb, noiseArb, (t, form, c, noise) => {
        const want = expectedDay(t);
        const plain = form.write(t, c);
        expect(parseDate(plain, form.options), `${form.name}: "${plain}"`).toBe(want);
        const text = noisy(plain, noise);
        expect(parseDate(text, form.options), `${form.name}: ${JSON.stringify(text)}`).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });

  it('two-digit years in the hundred years from the default pivot (1930-2029) and from a given pivot', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SHORT_YEAR_FORMS),
        fc.oneof(fc.constant(undefined), fc.integer({ min: 1000, max: 2900 })),
        fc.nat(99),
        ymdArb(2000, 2000),
        noiseArb,
        (form, pivot, offset, md, noise) => {
          const from = pivot ?? DEFAULT_YEAR_PIVOT;
          const y = from + offset;
          const t = { y, m: md.m, d: Math.min(md.d, monthLength(y, md.m)) };
          const options: DateParseOptions = { ...form.options, ...(pivot === undefined ? {} : { yearPivot: pivot }) };
          const text = noisy(form.write(t, { sept: false, weekday: 'Mon', weekdaySep: ' ', dot: false }), noise);
          expect(parseDate(text, options), `${form.name}: ${JSON.stringify(text)}, pivot ${from}`).toBe(expectedDay(t));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('the default pivot reads 30 as 1930 and 29 as 2029', () => {
    expect(DEFAULT_YEAR_PIVOT).toBe(1930);
    expect(parseDate('01/01/30')).toBe(expectedDay({ y: 1930, m: 1, d: 1 }));
    expect(parseDate('31/12/29')).toBe(expectedDay({ y: 2029, m: 12, d: 31 }));
  });

  it('formatDay(parseDate(iso)) === iso, and parseDate(formatDay(day)) === day for years 1 to 9999', () => {
    fc.assert(
      fc.property(ymdArb(), fc.integer({ min: -719_162, max: 2_932_896 }), (t, day) => {
        const iso = `${t.y}-${pad(t.m)}-${pad(t.d)}`;
        expect(formatDay(parseDate(iso))).toBe(iso);
        expect(parseDate(formatDay(day))).toBe(day);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------- impossible dates

/** Dates that do not exist: 31 of a 30-day month, 29 February of a common year, 30 and 31 February, day 0 or 32, month 0 or 13. */
const impossibleArb: fc.Arbitrary<Ymd> = fc.oneof(
  fc.tuple(fc.integer({ min: 1000, max: 2999 }), fc.constantFrom(4, 6, 9, 11)).map(([y, m]) => ({ y, m, d: 31 })),
  fc
    .integer({ min: 1000, max: 2999 })
    .filter((y) => !isLeap(y))
    .map((y) => ({ y, m: 2, d: 29 })),
  fc.tuple(fc.integer({ min: 1000, max: 2999 }), fc.constantFrom(30, 31)).map(([y, d]) => ({ y, m: 2, d })),
  fc.tuple(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 32)).map(([y, m, d]) => ({ y, m, d })),
  fc.tuple(fc.integer({ min: 1000, max: 2999 }), fc.constantFrom(0, 13, 19, 99), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => ({ y, m, d })),
);

describe('parseDate refuses what is not a whole date', () => {
  it('gives NaN for impossible dates in every form', () => {
    const numericForms = FORMS.filter((f) => !/mon|weekday/i.test(f.name));
    fc.assert(
      fc.property(impossibleArb, fc.constantFrom(...FORMS), choicesArb, (t, form, c) => {
        // Written months exist only for months 1-12: month 0 or 13 is tried in numeric forms.
        const f = t.m >= 1 && t.m <= 12 ? form : numericForms[t.y % numericForms.length]!;
        const text = f.write(t, c);
        expect(parseDate(text, f.options), `${f.name}: "${text}"`).toBeNaN();
      }),
      { numRuns: 1000 },
    );
  });

  it('gives NaN for a date with a time other than midnight', () => {
    fc.assert(
      fc.property(
        ymdArb(),
        fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })).filter(([h, m, s]) => h + m + s > 0),
        fc.constantFrom(' ', 'T'),
        fc.constantFrom('', 'Z', '+01:00'),
        (t, [h, mi, s], sep, zone) => {
          const date = `${t.y}-${pad(t.m)}-${pad(t.d)}`;
          for (const text of [`${date}${sep}${pad(h)}:${pad(mi)}:${pad(s)}${zone}`, ...(s === 0 ? [`${date}${sep}${pad(h)}:${pad(mi)}${zone}`] : [])]) {
            expect(parseDate(text), text).toBeNaN();
          }
          expect(parseDate(`${date}${sep}00:00:00.${pad(s || 1, 3)}${zone}`), 'fraction of a second').toBeNaN();
        },
      ),
      { numRuns: 500 },
    );
  });
});

// ------------------------------------------------------------ detectDateOrder

/** A numeric date "a/b/yyyy" (or with - or .) from its two leading parts. */
const numericDate = (a: number, b: number, y: number, sep: string) => `${a}${sep}${b}${sep}${y}`;
const partsArb = (aMin: number, aMax: number, bMin: number, bMax: number) =>
  fc.tuple(fc.integer({ min: aMin, max: aMax }), fc.integer({ min: bMin, max: bMax }), fc.integer({ min: 1900, max: 2099 }), fc.constantFrom('/', '-', '.'));
const written = (parts: [number, number, number, string][]) => parts.map(([a, b, y, sep]) => numericDate(a, b, y, sep));
/** Values detectDateOrder must skip: ISO dates, written months, text. */
const otherArb = fc.array(fc.constantFrom('1985-03-12', '12 March 1985', 'unknown', '', 'N/A', '13'), { maxLength: 5 });
/** Numeric dates with both parts at most 12. */
const lowArb = fc.array(partsArb(1, 12, 1, 12), { maxLength: 20 });

function shuffled<T>(items: T[], keys: number[]): T[] {
  return items
    .map((x, i) => [keys[i % Math.max(1, keys.length)]! + i / 1e6, x] as const)
    .sort((p, q) => p[0] - q[0])
    .map(([, x]) => x);
}
const keysArb = fc.array(fc.nat(1000), { minLength: 1, maxLength: 50 });

describe('detectDateOrder', () => {
  it('a first part above 12 and no second part above 12 gives dmy, not ambiguous, not conflicting', () => {
    fc.assert(
      fc.property(fc.array(partsArb(13, 31, 1, 12), { minLength: 1, maxLength: 5 }), lowArb, otherArb, keysArb, (high, low, other, keys) => {
        const values = shuffled([...written(high), ...written(low), ...other], keys);
        expect(detectDateOrder(values)).toEqual({ order: 'dmy', ambiguous: false, conflicting: false, numeric: high.length + low.length });
      }),
      { numRuns: 200 },
    );
  });

  it('a second part above 12 and no first part above 12 gives mdy, not ambiguous, not conflicting', () => {
    fc.assert(
      fc.property(fc.array(partsArb(1, 12, 13, 31), { minLength: 1, maxLength: 5 }), lowArb, otherArb, keysArb, (high, low, other, keys) => {
        const values = shuffled([...written(high), ...written(low), ...other], keys);
        expect(detectDateOrder(values)).toEqual({ order: 'mdy', ambiguous: false, conflicting: false, numeric: high.length + low.length });
      }),
      { numRuns: 200 },
    );
  });

  it('both kinds of value give conflicting (read day first)', () => {
    fc.assert(
      fc.property(
        fc.array(partsArb(13, 31, 1, 12), { minLength: 1, maxLength: 5 }),
        fc.array(partsArb(1, 12, 13, 31), { minLength: 1, maxLength: 5 }),
        lowArb,
        otherArb,
        keysArb,
        (dayFirst, monthFirst, low, other, keys) => {
          const values = shuffled([...written(dayFirst), ...written(monthFirst), ...written(low), ...other], keys);
          const e = detectDateOrder(values);
          expect(e.conflicting).toBe(true);
          expect(e.ambiguous).toBe(false);
          expect(e.order).toBe('dmy');
          expect(e.numeric).toBe(dayFirst.length + monthFirst.length + low.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('only parts up to 12 gives dmy, ambiguous exactly when some value has day and month different', () => {
    fc.assert(
      fc.property(lowArb, otherArb, keysArb, (low, other, keys) => {
        const values = shuffled([...written(low), ...other], keys);
        const e = detectDateOrder(values);
        expect(e).toEqual({ order: 'dmy', ambiguous: low.some(([a, b]) => a !== b), conflicting: false, numeric: low.length });
      }),
      { numRuns: 200 },
    );
  });
});
