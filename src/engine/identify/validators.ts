/**
 * Validators for single cell values that may be direct identifiers.
 *
 * Each function looks at ONE value and answers "does this value have the shape
 * (and, where there is one, the check digit) of kind X?". None of them decides
 * what a column is: `suggestRole` in `./suggest-role` judges a column by the
 * share of its values that pass, never by one value.
 *
 * The rules follow the ones stated in the PII corpus README
 * (/work/shared/data/pii/README.md) and the official sources cited on each
 * function. All are case-insensitive and run in time linear in the length of
 * the value (the regular expressions have no nested quantifiers over the same
 * characters, and long inputs are rejected up front).
 *
 * Pure: no imports, no I/O, no randomness.
 */

/** Longest value any validator will look at; longer strings are rejected at once. */
const MAX_LEN = 200;

/** Any kind of horizontal white space we meet in pasted values (space, tab, no-break spaces). */
const SPACES = /[\s\u00a0\u2007\u202f]+/g;

/** Trims and turns every run of white space (including no-break spaces) into one ASCII space. */
export function normaliseSpaces(text: string): string {
  return text.replace(SPACES, ' ').trim();
}

// ---------------------------------------------------------------------------
// Missing-value markers
// ---------------------------------------------------------------------------

const MISSING_MARKERS = new Set([
  '',
  '-',
  '--',
  '.',
  '?',
  'n/a',
  'na',
  'n.a.',
  'nan',
  'null',
  'none',
  'nil',
  'missing',
  'unknown',
  'not known',
  'refused',
  "don't know",
  'dont know',
  'dk',
  'prefer not to say',
  'not applicable',
  'not given',
  'not stated',
]);

/**
 * True when a raw cell text is a blank or a conventional "no answer" marker
 * (`n/a`, `-`, `refused`, `unknown` ...) rather than a real value. Such cells are
 * left out when measuring the share of values that look like an identifier.
 */
export function isMissingMarker(text: string | null | undefined): boolean {
  if (text === null || text === undefined) return true;
  const t = normaliseSpaces(text).toLowerCase();
  return t.length <= 20 && MISSING_MARKERS.has(t);
}

// ---------------------------------------------------------------------------
// NHS number
// ---------------------------------------------------------------------------

const NHS_SHAPE = /^(\d{3})([ -]?)(\d{3})\2(\d{4})$/;

/**
 * Whether ten digits pass the NHS number modulus-11 check.
 *
 * Rule (NHS Data Dictionary, "NHS Number" data element, check-digit algorithm;
 * https://www.datadictionary.nhs.uk/attributes/nhs_number.html): multiply
 * digits 1..9 by the weights 10, 9, ..., 2 and add; `check = 11 - (sum mod 11)`;
 * a result of 11 becomes 0; a result of 10 means the number is invalid; the
 * number is valid when `check` equals digit 10.
 */
export function nhsCheckDigitOk(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === digits.charCodeAt(9) - 48;
}

/**
 * Whether a value is a valid NHS number: ten digits written compact
 * (`9434765919`), spaced 3-3-4 (`943 476 5919`) or dashed 3-3-4 (`943-476-5919`),
 * whose modulus-11 check digit passes (see {@link nhsCheckDigitOk}; NHS Data
 * Dictionary). About one random 10-digit number in eleven passes by chance,
 * which is why columns are judged by the share of passing values.
 */
export function isNhsNumber(text: string): boolean {
  if (text.length > 20) return false;
  const m = NHS_SHAPE.exec(normaliseSpaces(text));
  if (!m) return false;
  return nhsCheckDigitOk(`${m[1] ?? ''}${m[3] ?? ''}${m[4] ?? ''}`);
}

// ---------------------------------------------------------------------------
// National Insurance number
// ---------------------------------------------------------------------------

/** First prefix letter: not D, F, I, Q, U, V. Second: not D, F, I, Q, U, V, O. Suffix A-D. */
const NINO_SHAPE = /^([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z])(\d{6})([A-D])$/;
/** Prefix pairs that are never allocated. */
const NINO_BAD_PAIRS = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/**
 * Whether a value is a validly formed UK National Insurance number (NINO):
 * two prefix letters, six digits and a suffix letter A-D, case-insensitive,
 * with spaces allowed anywhere (`AB 12 34 56 C`, `AB123456C`, `AB 123456 C`).
 *
 * Prefix rules (HMRC National Insurance Manual NIM39110,
 * https://www.gov.uk/hmrc-internal-manuals/national-insurance-manual/nim39110):
 * the first letter is not D, F, I, Q, U or V; the second is not D, F, I, Q, U,
 * V or O; the prefixes BG, GB, KN, NK, NT, TN and ZZ are not allocated. So the
 * form's example `QQ 12 34 56 C` fails. There is no check digit.
 */
export function isNiNumber(text: string): boolean {
  if (text.length > 30) return false;
  const compact = text.replace(SPACES, '').toUpperCase();
  const m = NINO_SHAPE.exec(compact);
  if (!m) return false;
  return !NINO_BAD_PAIRS.has(`${m[1] ?? ''}${m[2] ?? ''}`);
}

// ---------------------------------------------------------------------------
// UK postcode
// ---------------------------------------------------------------------------

/**
 * Outward code: `A9`, `A99`, `AA9`, `AA99`, `A9A`, `AA9A`, with the letter
 * classes by position of the Royal Mail / ONS postcode format:
 * 1st letter not Q, V, X; 2nd letter not I, J, Z; 3rd letter of `A9A` one of
 * ABCDEFGHJKPSTUW; 4th letter of `AA9A` one of ABEHMNPRVWXY.
 */
const OUTWARD = '(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])';
/** Inward code `9AA`; the letters are never C, I, K, M, O, V. */
const INWARD = '[0-9][ABD-HJLNP-UW-Z]{2}';
const POSTCODE_RE = new RegExp(`^(?:${OUTWARD} ?${INWARD}|GIR ?0AA)$`);
const OUTWARD_RE = new RegExp(`^${OUTWARD}$`);
const SECTOR_RE = new RegExp(`^${OUTWARD} [0-9]$`);

/**
 * Whether a value is a full UK unit postcode (e.g. `LS6 2AB`, `sw1a1aa`,
 * `M1 1AE`): outward code, an optional single space, inward code, checked
 * case-insensitively against the letter classes of the postcode format
 * (Royal Mail Programmers' Guide / ONS Postcode Directory user guide, as
 * restated in the PII corpus README). `GIR 0AA` is also accepted. Codes are not
 * looked up in the postcode directory. A district alone (`LS6`) is not a full
 * postcode: see {@link isUkPostcodeDistrict}.
 */
export function isUkPostcode(text: string): boolean {
  if (text.length > 16) return false;
  return POSTCODE_RE.test(normaliseSpaces(text).toUpperCase());
}

/**
 * Whether a value is only part of a postcode: an outward code / postcode
 * district (`LS6`, `DL13`, `SW1A`) or a postcode sector (`SP1 5`). These name an
 * area of a few thousand addresses: a key variable, not a direct identifier.
 */
export function isUkPostcodeDistrict(text: string): boolean {
  if (text.length > 12) return false;
  const t = normaliseSpaces(text).toUpperCase();
  return OUTWARD_RE.test(t) || SECTOR_RE.test(t);
}

// ---------------------------------------------------------------------------
// E-mail
// ---------------------------------------------------------------------------

const EMAIL_LOCAL = /^[A-Za-z0-9._%+-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^[A-Za-z]{2,24}$/;

/**
 * Whether a value is an e-mail address `local@domain.tld`: local part of
 * `[A-Za-z0-9._%+-]` (plus-addressing allowed), a domain of at least two
 * dot-separated labels, the last all letters. Deliberately simpler than RFC 5322.
 */
export function isEmail(text: string): boolean {
  const t = text.trim();
  if (t.length > 254 || t.length < 6) return false;
  const at = t.indexOf('@');
  if (at < 1 || at !== t.lastIndexOf('@')) return false;
  const local = t.slice(0, at);
  const domain = t.slice(at + 1);
  if (local.length > 64 || !EMAIL_LOCAL.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1] ?? '';
  if (!TLD.test(tld)) return false;
  return labels.every((l) => DOMAIN_LABEL.test(l));
}

// ---------------------------------------------------------------------------
// UK phone number
// ---------------------------------------------------------------------------

/** UK mobile (07 + 1-5, 7-9) or geographic (01, 02) numbers of 11 digits in national form. */
const UK_PHONE_NATIONAL = /^(?:07[1-57-9][0-9]{8}|0[12][0-9]{9})$/;

/**
 * Returns the national (leading-0, 11-digit) form of a UK phone number, or
 * `null`. Spaces, dashes and brackets are removed, and an international prefix
 * `+44` or `0044` (with an optional `(0)` after it) becomes `0`. Accepted are
 * mobiles `07[1-57-9]` and geographic numbers `01`/`02` (Ofcom National
 * Telephone Numbering Plan); 03/08 organisation numbers, 070 personal numbers,
 * 076 pagers and short codes (999, 111) are not a person's phone.
 */
export function normaliseUkPhone(text: string): string | null {
  if (text.length > 30) return null;
  let t = text.replace(SPACES, '');
  if (!/^[0-9+()\-.]+$/.test(t)) return null;
  const intl = /^(?:\+44|0044|\(\+44\))(?:\(0\))?/.exec(t);
  if (intl) t = `0${t.slice(intl[0].length)}`;
  // Brackets must balance and only wrap digits; '+' may only appear as the prefix handled above.
  if (t.includes('+')) return null;
  const open = (t.match(/\(/g) ?? []).length;
  const close = (t.match(/\)/g) ?? []).length;
  if (open !== close || open > 1) return null;
  t = t.replace(/[()\-.]/g, '');
  return UK_PHONE_NATIONAL.test(t) ? t : null;
}

/**
 * Whether a value is a UK mobile or geographic phone number, written in any
 * of the usual ways: `07700 900123`, `07700-900123`, `+44 7700 900123`,
 * `+44 (0)20 7946 0123`, `(0113) 496 0123`, `0113-496-0123` ... See
 * {@link normaliseUkPhone} for the exact rule.
 */
export function isUkPhone(text: string): boolean {
  return normaliseUkPhone(text) !== null;
}

// ---------------------------------------------------------------------------
// Dates of birth
// ---------------------------------------------------------------------------

/** A calendar date. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const MONTHS: Record<string, number> = {
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

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function expandYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  // Two-digit years: 00-29 -> 2000s, 30-99 -> 1900s (a birth-date pivot).
  return n < 30 ? 2000 + n : 1900 + n;
}

function makeDate(year: number, month: number, day: number): CalendarDate | null {
  if (!Number.isInteger(year) || year < 1850 || year > 2100) return null;
  if (month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

const NUMERIC_DMY = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
const ISO_YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:z|[+-]\d{2}:?\d{2})?)?$/;
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?(?: of)? ([a-z]{3,9})\.?,? (\d{4})$/;
const MONTH_DAY_YEAR = /^([a-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/;
const DASHED_MONTH = /^(\d{1,2})-([a-z]{3,9})-(\d{4}|\d{2})$/;

/**
 * Parses a full calendar date (day, month and year) in the formats people use
 * for dates of birth: `12/03/1985`, `3/4/1985`, `12-03-1985`, `12.03.1985`,
 * `12/03/85`, `1985-03-12` (also with a time part), `12 March 1985`,
 * `12th March 1985`, `12th of March 1985`, `12 Mar 1985`, `March 12, 1985`,
 * `12-MAR-1985`. Numeric dates are read day-first (UK) unless only the
 * month-first reading is possible (`03/25/1985`). Two-digit years of 30-99 are
 * read as 19xx, 00-29 as 20xx. Returns `null` for anything else, for impossible
 * dates (31 April) and for a year alone. Whether a column holds dates OF BIRTH
 * is decided by `suggestRole` from the header and the spread of the years.
 */
export function parseDateOfBirth(text: string): CalendarDate | null {
  if (text.length > 40) return null;
  const t = normaliseSpaces(text).toLowerCase();
  let m = NUMERIC_DMY.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = expandYear(m[4] ?? '');
    return makeDate(y, b, a) ?? (b > 12 ? makeDate(y, a, b) : null);
  }
  m = ISO_YMD.exec(t);
  if (m) return makeDate(Number(m[1]), Number(m[3]), Number(m[4]));
  m = DAY_MONTH_YEAR.exec(t);
  if (m) {
    const month = MONTHS[m[2] ?? ''];
    return month === undefined ? null : makeDate(Number(m[3]), month, Number(m[1]));
  }
  m = MONTH_DAY_YEAR.exec(t);
  if (m) {
    const month = MONTHS[m[1] ?? ''];
    return month === undefined ? null : makeDate(Number(m[3]), month, Number(m[2]));
  }
  m = DASHED_MONTH.exec(t);
  if (m) {
    const month = MONTHS[m[2] ?? ''];
    return month === undefined ? null : makeDate(expandYear(m[3] ?? ''), month, Number(m[1]));
  }
  return null;
}

// ---------------------------------------------------------------------------
// Person names
// ---------------------------------------------------------------------------

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'rev', 'revd', 'cllr', 'sister', 'sir', 'dame', 'lady', 'lord', 'fr']);

/** Lower-case particles inside surnames: `Ana da Silva`, `Rhys ap Gwyn`, `Vincent van Gogh`. */
const PARTICLES = new Set([
  'da',
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'do',
  'dos',
  'du',
  'la',
  'le',
  'van',
  'von',
  'ap',
  'bin',
  'bint',
  'ibn',
  'al',
  'el',
  'y',
]);

/**
 * Capitalised words that are common as whole cell values but are not names
 * (answers, categories), and words that mark an organisation, place or street.
 */
const NOT_NAME_WORDS = new Set([
  'yes',
  'no',
  'none',
  'other',
  'male',
  'female',
  'unknown',
  'true',
  'false',
  'the',
  'and',
  'of',
  'for',
  'ltd',
  'limited',
  'plc',
  'inc',
  'llp',
  'council',
  'hospital',
  'school',
  'college',
  'university',
  'centre',
  'center',
  'trust',
  'surgery',
  'practice',
  'company',
  'group',
  'services',
  'department',
  'road',
  'street',
  'avenue',
  'lane',
  'terrace',
  'drive',
  'crescent',
  'borough',
  'district',
  'region',
  'kingdom',
  'england',
  'scotland',
  'married',
  'single',
  'divorced',
  'widowed',
  'employed',
  'unemployed',
  'retired',
  'student',
]);

// A capitalised word: an upper-case letter, then letters/marks, optionally joined
// by apostrophes or hyphens (O'Brien, D’Souza, Smith-Jones, McDonald, Zoë).
const CAP_WORD = /^\p{Lu}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+){0,3}$/u;
// The same in lower case, for lenient matching when the header says "name".
const ANY_WORD = /^\p{L}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+){0,3}$/u;
const INITIAL = /^\p{Lu}\.?$/u;

/** Options for {@link looksLikePersonName}. */
export interface NameOptions {
  /**
   * Accept names typed entirely in lower case (`will iqbal`). Use only when
   * the column header already says the column holds names: otherwise ordinary
   * phrases would pass.
   */
  allowLowerCase?: boolean;
}

function nameWordOk(word: string, lenient: boolean): boolean {
  if (NOT_NAME_WORDS.has(word.toLowerCase())) return false;
  if (CAP_WORD.test(word)) return true;
  return lenient && ANY_WORD.test(word) && word === word.toLowerCase();
}

/**
 * Result of {@link personNameShape}: `null` when the value does not look like
 * a name, else how many name words it has and whether it has a title or the
 * `LAST, First` form (both strong signs of a name).
 */
export interface NameShape {
  words: number;
  titled: boolean;
  inverted: boolean;
}

/**
 * Describes the shape of a value that looks like a person's name, or returns
 * `null`. Accepted: 1-4 capitalised words (`Will Iqbal`, `Zoë O'Brien`,
 * `Ana da Silva` with lower-case particles), optionally after a title (`Mr`,
 * `Mrs`, `Ms`, `Miss`, `Mx`, `Dr`, `Prof`, `Rev`, `Cllr`, `Sister` ..., with or
 * without a full stop), initials (`J. Smith`, `Mr V. Okafor`), and the
 * inverted `LAST, First` form (`SINGH, Vikram`). Digits, organisation and
 * street words, and common category answers (Yes, Male, Retired ...) fail.
 */
export function personNameShape(text: string, options: NameOptions = {}): NameShape | null {
  if (text.length > 80) return null;
  const t = normaliseSpaces(text);
  if (t.length < 2 || /\d/.test(t)) return null;
  const lenient = options.allowLowerCase === true;
  const parts = t.split(',');
  if (parts.length > 2) return null;
  const inverted = parts.length === 2;
  const tokens = (inverted ? `${parts[1] ?? ''} ${parts[0] ?? ''}` : t).trim().split(' ');
  if (inverted && ((parts[0] ?? '').trim() === '' || (parts[1] ?? '').trim() === '')) return null;
  let i = 0;
  let titled = false;
  const first = tokens[0];
  if (tokens.length === 1 && TITLES.has((first ?? '').replace(/\.$/, '').toLowerCase())) return null;
  if (first !== undefined && TITLES.has(first.replace(/\.$/, '').toLowerCase()) && tokens.length > 1) {
    const bare = first.replace(/\.$/, '');
    if (bare[0] === bare[0]?.toUpperCase() || lenient) {
      titled = true;
      i = 1;
    }
  }
  let words = 0;
  let initials = 0;
  for (; i < tokens.length; i++) {
    const w = tokens[i] ?? '';
    if (w === '') return null;
    if (INITIAL.test(w)) {
      initials++;
      continue;
    }
    if (PARTICLES.has(w) && i > 0 && i < tokens.length - 1) continue;
    if (!nameWordOk(w, lenient)) return null;
    words++;
  }
  if (words < 1 || words > 4 || initials > 3) return null;
  // Initials alone after a title ("Mr J.") are not enough; an initial needs a surname word.
  return { words: words + initials, titled, inverted };
}

/**
 * Whether a value looks like a person's name (see {@link personNameShape}).
 * Many ordinary capitalised words pass, so a column is called a name column
 * only from a high share of passing values together with a header hint or
 * many different multi-word values.
 */
export function looksLikePersonName(text: string, options: NameOptions = {}): boolean {
  return personNameShape(text, options) !== null;
}

// ---------------------------------------------------------------------------
// Street addresses
// ---------------------------------------------------------------------------

/** Street-type words (English, Scottish, Welsh), compared in lower case. */
const STREET_WORDS = new Set([
  'road',
  'rd',
  'street',
  'st',
  'avenue',
  'ave',
  'lane',
  'ln',
  'close',
  'cl',
  'grove',
  'gr',
  'terrace',
  'terr',
  'way',
  'drive',
  'dr',
  'court',
  'ct',
  'crescent',
  'cres',
  'place',
  'pl',
  'gardens',
  'gdns',
  'square',
  'sq',
  'hill',
  'rise',
  'row',
  'walk',
  'mews',
  'parade',
  'park',
  'view',
  'vale',
  'wharf',
  'yard',
  'gate',
  'mount',
  'boulevard',
  'blvd',
  'bank',
  'brow',
  'causeway',
  'chase',
  'croft',
  'dale',
  'end',
  'fields',
  'fold',
  'garth',
  'glen',
  'green',
  'heights',
  'hollow',
  'lea',
  'meadow',
  'meadows',
  'mead',
  'orchard',
  'passage',
  'path',
  'quay',
  'ridge',
  'side',
  'wynd',
  'circus',
  'embankment',
  'approach',
  'broadway',
  'bridge',
  'nook',
  'promenade',
  'esplanade',
  'highway',
  'cottages',
  'buildings',
  'loan',
  'brae',
  'vennel',
  'heol',
  'ffordd',
  'stryd',
  'lon',
  'lôn',
  'cul-de-sac',
]);

/** Street-type endings of one-word street names (`Brookside`, `Westfield`, `Parkway`). */
const STREET_SUFFIXES = ['side', 'field', 'fields', 'way', 'gate', 'bank', 'croft', 'dale', 'hill', 'wood', 'lea', 'mead'];

/** A house number: `14`, `14a`, `34-36`, `34–36`. */
const HOUSE_NUMBER = /^\d{1,4}[a-z]?(?:[-–]\d{1,4}[a-z]?)?$/i;
const FLAT_PREFIX = /^(?:flat|apartment|apt|unit|suite|room|maisonette)\.? ?[0-9]{0,4}[a-z]?\b ?/i;
const STREET_WORD_SHAPE = /^[\p{L}\p{M}][\p{L}\p{M}'’.-]*$/u;

function isStreetWord(word: string): boolean {
  const w = word.toLowerCase().replace(/\.$/, '');
  return STREET_WORDS.has(w);
}

function endsWithStreetSuffix(word: string): boolean {
  const w = word.toLowerCase();
  return w.length >= 6 && STREET_SUFFIXES.some((s) => w.endsWith(s));
}

/** Words of a street name (after any house number): letters only, 1-6 words. */
function streetWords(words: readonly string[]): boolean {
  if (words.length < 1 || words.length > 6) return false;
  return words.every((w) => STREET_WORD_SHAPE.test(w));
}

/** A segment that names a street: `Acacia Avenue`, `Heol y Felin`, `The Crescent`, `Brookside`. */
function isStreetName(words: readonly string[]): boolean {
  if (!streetWords(words)) return false;
  if (words.some(isStreetWord)) return true;
  const first = words[0] ?? '';
  if (first.toLowerCase() === 'the') return words.length >= 2 && words.length <= 3;
  return words.length === 1 && endsWithStreetSuffix(first);
}

/**
 * A house name or flat block: `Rose Cottage`, `Victoria House`, `Tŷ Gwyn`,
 * `Mill Court`: 1-3 words, capitalised unless the whole value is in lower case.
 */
function isHouseName(words: readonly string[], allLower: boolean): boolean {
  if (words.length < 1 || words.length > 3 || !streetWords(words)) return false;
  return allLower || words.every((w) => w.charAt(0) !== w.charAt(0).toLowerCase() || w === 'y');
}

/** What may follow the street line: a town, county and postcode, a few words each. */
function isTail(segments: readonly string[]): boolean {
  return segments.every((seg) => seg.split(' ').length <= 5 && !/[.!?]$/.test(seg));
}

/**
 * Whether a value looks like the street line of a UK address: a house number
 * or house name, and a street. Accepted, for example: `14 Acacia Avenue`,
 * `14a Church Street`, `34-36 Albert Terrace`, `Flat 3, 22 Mill Lane`,
 * `Flat 2B Victoria House, Station Road`, `Rose Cottage, Green Lane`,
 * `12 Heol y Felin`, `50 The Crescent`, optionally followed by a town and
 * postcode. A bare street name (`Mill Lane`) is not an address.
 */
export function looksLikeStreetAddress(text: string): boolean {
  if (text.length > MAX_LEN) return false;
  let t = normaliseSpaces(text);
  let flatPrefix = false;
  const flat = FLAT_PREFIX.exec(t);
  if (flat && /\d/.test(flat[0])) {
    t = t.slice(flat[0].length).replace(/^[,\s]+/, '');
    flatPrefix = true;
  }
  const segments = t.split(',').map((s) => s.trim());
  if (segments.length > 6 || segments.some((s) => s === '')) return false;
  const allLower = t === t.toLowerCase();
  const first = (segments[0] ?? '').split(' ');
  // `14 Acacia Avenue`, `Flat 3, 22 Mill Lane`; `Flat 3, Mill Lane`: a flat number and a street.
  if (numberedStreet(first) || (flatPrefix && isStreetName(first))) return isTail(segments.slice(1));
  // `Rose Cottage, Green Lane`, `Flat 2B Victoria House, Station Road`, `Tŷ Gwyn, 4 Hawthorn Rise`
  const second = segments[1];
  if (second !== undefined && isHouseName(first, allLower)) {
    const words = second.split(' ');
    return (numberedStreet(words) || isStreetName(words)) && isTail(segments.slice(2));
  }
  return false;
}

/** `14 Acacia Avenue`, `34-36 Albert Terrace`, `12 Brookside`. */
function numberedStreet(words: readonly string[]): boolean {
  return words.length >= 2 && HOUSE_NUMBER.test(words[0] ?? '') && isStreetName(words.slice(1));
}
