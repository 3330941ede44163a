/**
 * Suggests a role for each column of a table (direct identifier, key variable,
 * sensitive variable, sampling weight, household identifier or other), with a
 * one-sentence reason a non-expert can check.
 *
 * Direct identifiers are recognised from the CONTENT of the column: the share
 * of its non-blank values that pass a kind's rules (format and, where there is
 * one, check digit). One passing value never decides: about one random
 * 10-digit code in eleven passes the NHS check digit by chance. The header
 * lowers the share needed (a column called `nhs_number` with a few typing
 * errors is still NHS numbers) but never replaces the evidence of the values.
 * Other roles come from header-name hints.
 *
 * Pure: imports only other engine modules; linear in the number of values.
 */
import type { ColumnKind, IdentifierKind, RoleSuggestion } from '../table/roles';
import {
  isEmail,
  isMissingMarker,
  isNhsNumber,
  isNiNumber,
  isUkPhone,
  isUkPostcode,
  isUkPostcodeDistrict,
  looksLikeStreetAddress,
  normaliseSpaces,
  parseDateOfBirth,
  personNameShape,
} from './validators';

/** What `suggestRole` needs to know about one column. */
export interface SuggestRoleInput {
  /** The column header. */
  name: string;
  /** Inferred storage kind. */
  kind: ColumnKind;
  /** The column's raw cell texts as read from the file (null = missing), possibly a sample of at most ~5,000 rows. */
  values: readonly (string | null)[];
  /** Total number of rows in the dataset. */
  rows: number;
  /** Number of distinct non-missing values in the whole column. */
  distinct: number;
}

// ---------------------------------------------------------------------------
// Thresholds
// ---------------------------------------------------------------------------

/** Share of non-blank values that must pass a kind's rule when the header gives no hint. */
export const SHARE_REQUIRED = 0.8;
/** Share needed when the header names the kind (`email`, `nhs_number` ...). */
export const SHARE_REQUIRED_WITH_HINT = 0.5;
/** Share of name-shaped values needed without a header hint (names are a loose shape). */
const NAME_SHARE_NO_HINT = 0.9;
/** Share of name-shaped values needed when the header says "name". */
const NAME_SHARE_WITH_HINT = 0.7;
/** Fewest distinct values for "few different values" (category codes). */
const FEW_VALUES = 20;

// ---------------------------------------------------------------------------
// Header names
// ---------------------------------------------------------------------------

/**
 * Splits a header into lower-case word tokens: `sampling_weight` -> sampling,
 * weight; `hhIncome` -> hh, income; `native-country` -> native, country;
 * `address_line1` -> address, line, 1.
 */
export function headerTokens(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

interface Header {
  tokens: readonly string[];
  /** Tokens joined without separators: `date_of_birth` -> `dateofbirth`. */
  compact: string;
  has(...words: string[]): boolean;
  includes(...parts: string[]): boolean;
}

function header(name: string): Header {
  const tokens = headerTokens(name);
  const set = new Set(tokens);
  const compact = tokens.join('');
  return {
    tokens,
    compact,
    has: (...words) => words.some((w) => set.has(w)),
    includes: (...parts) => parts.some((p) => compact.includes(p)),
  };
}

const ID_WORDS = ['id', 'no', 'num', 'number', 'nr', 'ref', 'reference', 'code', 'serial', 'key'];

function hintsName(h: Header): boolean {
  const named =
    h.has('name', 'names', 'forename', 'forenames', 'surname', 'surnames', 'fname', 'lname', 'firstname', 'lastname', 'fullname') ||
    h.includes('fullname', 'firstname', 'lastname', 'surname', 'forename', 'givenname', 'familyname', 'middlename', 'maidenname');
  if (!named) return false;
  const notPerson = [
    'company',
    'org',
    'organisation',
    'organization',
    'business',
    'employer',
    'school',
    'hospital',
    'product',
    'item',
    'brand',
    'file',
    'street',
    'road',
    'place',
    'town',
    'city',
    'village',
    'country',
    'region',
    'area',
    'district',
    'ward',
    'team',
    'user',
    'host',
    'domain',
    'variable',
    'var',
    'field',
    'column',
    'sheet',
    'dataset',
    'project',
    'course',
    'site',
    'trust',
    'unit',
    'department',
    'dept',
    'practice',
    'shop',
    'store',
    'venue',
    'pet',
  ];
  return !h.has(...notPerson) && !h.includes('username', 'hostname', 'filename');
}

function hintsEmail(h: Header): boolean {
  return h.includes('email') || h.has('mail');
}

function hintsPhone(h: Header): boolean {
  return h.includes('phone', 'mobile', 'landline') || h.has('tel', 'telno', 'mob', 'cell', 'contact');
}

function hintsPostcode(h: Header): boolean {
  return h.includes('postcode', 'postalcode', 'zipcode') || h.has('zip', 'postal', 'pcode');
}

function hintsNino(h: Header): boolean {
  return h.includes('nino', 'nationalinsurance', 'insurancenumber') || h.has('ni', 'nin');
}

function hintsNhs(h: Header): boolean {
  return h.includes('nhs');
}

function hintsAddress(h: Header): boolean {
  if (h.includes('email', 'mail') || h.has('ip', 'mac', 'web', 'url')) return false;
  return h.includes('address', 'street') || h.has('addr', 'house');
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

/** A header that names a personal reference number held elsewhere (patient number, passport ...). */
function hintsPersonalReference(h: Header): boolean {
  const strong = h.includes(
    'passport',
    'licence',
    'license',
    'mrn',
    'ssn',
    'socialsecurity',
    'nationalid',
    'username',
    'userid',
    'login',
    'utr',
    'taxid',
    'hospitalnumber',
  );
  if (strong) return true;
  const who = h.has(
    'patient',
    'customer',
    'client',
    'member',
    'membership',
    'employee',
    'staff',
    'student',
    'pupil',
    'account',
    'acct',
    'payroll',
    'user',
    'person',
    'citizen',
  );
  return who && h.has(...ID_WORDS);
}

// ---------------------------------------------------------------------------
// Role hints from the header
// ---------------------------------------------------------------------------

function hintsWeight(h: Header): boolean {
  if (h.compact === 'w' || h.compact === 'wt' || h.compact === 'wgt') return true;
  return (
    h.has('weight', 'weights', 'wt', 'wgt', 'wgts', 'weighting', 'pweight', 'hweight', 'fweight', 'pwgt', 'hwgt', 'hhwgt', 'perwt', 'hhwt') ||
    h.tokens.some((t) => t.endsWith('weight') || t.endsWith('weights') || t.endsWith('wgt'))
  );
}

/** Weight of a body (a health measure), not a sampling weight. */
function hintsBodyWeight(h: Header): boolean {
  return h.has('kg', 'kgs', 'lb', 'lbs', 'body', 'birth', 'baby', 'grams', 'g', 'stone', 'bmi', 'height');
}

function hintsHousehold(h: Header): boolean {
  const rest = h.tokens.filter((t) => !ID_WORDS.includes(t) && !['ori', 'orig', 'original', 'new', 'old'].includes(t));
  if (rest.length !== 1) return false;
  const t = rest[0] ?? '';
  return ['hh', 'hhid', 'hid', 'household', 'households', 'hhold', 'hhld', 'hhno', 'hhnum', 'hhnr'].includes(t);
}

interface HintMatch {
  /** What the header suggests, in plain words, for the reason sentence. */
  what: string;
}

const SENSITIVE_GROUPS: readonly { what: string; stems: readonly string[]; words?: readonly string[] }[] = [
  {
    what: 'money matters (income, earnings, spending or savings)',
    stems: ['income', 'salary', 'salaries', 'earning', 'expend', 'expense', 'spending', 'saving', 'benefit', 'wealth', 'debt', 'wage', 'pension', 'revenue'],
    words: ['pay', 'inc', 'spend', 'assets', 'asset', 'loan', 'loans', 'rent', 'mortgage'],
  },
  {
    what: 'health',
    stems: [
      'health',
      'disease',
      'diagnos',
      'illness',
      'disabil',
      'medic',
      'condition',
      'symptom',
      'treatment',
      'pregnan',
      'mental',
      'cancer',
      'diabet',
      'hiv',
      'vaccin',
      'prescri',
      'disorder',
    ],
    words: ['bmi', 'icd', 'therapy'],
  },
  {
    what: 'very personal matters (sexuality, criminal record or politics)',
    stems: ['sexuality', 'sexualorientation', 'criminal', 'conviction', 'offence', 'offense', 'arrest', 'prison', 'political', 'tradeunion'],
    words: ['vote', 'voted', 'party'],
  },
];

const KEY_GROUPS: readonly { what: string; words: readonly string[]; stems?: readonly string[] }[] = [
  { what: 'country of birth or nationality', words: ['nationality', 'citizenship', 'birthplace', 'native'], stems: ['countryofbirth', 'placeofbirth'] },
  { what: 'age', words: ['age', 'ages', 'ageband', 'agegroup', 'agegrp', 'agecat', 'yob', 'birthyear'], stems: ['yearofbirth', 'birthyear', 'yob'] },
  { what: 'sex or gender', words: ['sex', 'gender'] },
  {
    what: 'where the person lives',
    words: [
      'region',
      'area',
      'district',
      'county',
      'town',
      'city',
      'municipality',
      'province',
      'state',
      'ward',
      'lsoa',
      'msoa',
      'oa',
      'la',
      'lad',
      'locality',
      'urbrur',
      'urban',
      'rural',
      'geography',
      'geo',
      'country',
      'outward',
      'residence',
      'settlement',
      'zip',
      'zipcode',
      'postcode',
      'postal',
      'postalcode',
    ],
    stems: ['postcodedistrict', 'postcodesector', 'localauthority'],
  },
  {
    what: 'occupation or work',
    words: ['occupation', 'occ', 'occup', 'job', 'industry', 'workclass', 'employment', 'profession', 'soc', 'sic', 'nssec', 'employer'],
  },
  { what: 'ethnic group or race', words: ['ethnicity', 'ethnic', 'race', 'ethnicgroup'], stems: ['ethnic', 'ethn'] },
  {
    what: 'marital status or family relationships',
    words: ['marital', 'civil', 'hhcivil', 'relat', 'relationship', 'relation', 'relationtohead', 'spouse', 'partner', 'children', 'kids', 'dependants'],
    stems: ['marital', 'marstat'],
  },
  { what: 'household size', words: ['hhsize', 'householdsize', 'famsize'], stems: ['householdsize', 'hhsize', 'familysize'] },
  { what: 'education', words: ['education', 'educ', 'edu', 'qualification', 'qualifications', 'degree', 'schooling', 'school'], stems: ['educat'] },
  { what: 'religion', words: ['religion', 'religious', 'faith', 'relig'] },
  { what: 'housing tenure', words: ['tenure', 'dwelling', 'accommodation', 'housing'] },
  { what: 'language', words: ['language', 'lang'] },
];

function sensitiveHint(h: Header): HintMatch | null {
  for (const g of SENSITIVE_GROUPS) {
    if (g.stems.some((s) => h.includes(s)) || (g.words !== undefined && h.has(...g.words))) return { what: g.what };
  }
  return null;
}

function keyHint(h: Header): HintMatch | null {
  for (const g of KEY_GROUPS) {
    if (h.has(...g.words) || (g.stems !== undefined && g.stems.some((s) => h.includes(s)))) return { what: g.what };
  }
  if (h.has('size') && h.has('household', 'hh', 'family')) return { what: 'household size' };
  if (h.has('postcode') && h.has('district', 'sector', 'area')) return { what: 'where the person lives' };
  return null;
}

// ---------------------------------------------------------------------------
// Wording
// ---------------------------------------------------------------------------

/** `12345` -> `12,345`, without depending on the runtime's locale. */
function fmt(n: number): string {
  const s = String(Math.round(n));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Share as a whole percentage, rounded down so that "100%" means every value. */
function pct(share: number): string {
  return `${Math.floor(share * 100 + 1e-9)}%`;
}

interface Sample {
  /** Non-blank values, spaces normalised. */
  present: string[];
  /** True when `values` is a sample of a longer column. */
  sampled: boolean;
}

function ofValues(s: Sample): string {
  const n = s.present.length;
  return `${fmt(n)} ${s.sampled ? 'sampled non-blank' : 'non-blank'} value${n === 1 ? '' : 's'}`;
}

function direct(identifier: IdentifierKind, reason: string): RoleSuggestion {
  return { role: 'direct', identifier, reason };
}

// ---------------------------------------------------------------------------
// Direct identifiers from content
// ---------------------------------------------------------------------------

interface StrictKind {
  id: IdentifierKind;
  test: (v: string) => boolean;
  hint: (h: Header) => boolean;
  /** "are ..." */
  described: string;
  /** For mixed columns: "e-mail addresses" */
  plural: string;
}

const STRICT_KINDS: readonly StrictKind[] = [
  {
    id: 'nhs-number',
    test: isNhsNumber,
    hint: hintsNhs,
    described: 'are valid NHS numbers (10 digits, check digit passes)',
    plural: 'NHS numbers',
  },
  {
    id: 'ni-number',
    test: isNiNumber,
    hint: hintsNino,
    described: 'are valid National Insurance numbers (two letters, six digits and a letter A to D)',
    plural: 'National Insurance numbers',
  },
  { id: 'email', test: isEmail, hint: hintsEmail, described: 'are e-mail addresses', plural: 'e-mail addresses' },
  {
    id: 'uk-postcode',
    test: isUkPostcode,
    hint: hintsPostcode,
    described: 'are full UK postcodes, which point to a handful of addresses',
    plural: 'full postcodes',
  },
  { id: 'phone', test: isUkPhone, hint: hintsPhone, described: 'are UK phone numbers', plural: 'phone numbers' },
  {
    id: 'street-address',
    test: looksLikeStreetAddress,
    hint: hintsAddress,
    described: 'look like street addresses (a house number or name and a street)',
    plural: 'street addresses',
  },
];

function detectStrict(s: Sample, h: Header): RoleSuggestion | null {
  const n = s.present.length;
  const counts = STRICT_KINDS.map(() => 0);
  let anyCount = 0;
  for (const v of s.present) {
    let any = false;
    for (let k = 0; k < STRICT_KINDS.length; k++) {
      const kind = STRICT_KINDS[k];
      if (kind !== undefined && kind.test(v)) {
        counts[k] = (counts[k] ?? 0) + 1;
        any = true;
      }
    }
    if (any) anyCount++;
  }
  let best = -1;
  let bestShare = 0;
  for (let k = 0; k < STRICT_KINDS.length; k++) {
    const kind = STRICT_KINDS[k];
    if (kind === undefined) continue;
    const share = (counts[k] ?? 0) / n;
    const needed = kind.hint(h) ? SHARE_REQUIRED_WITH_HINT : SHARE_REQUIRED;
    if (share >= needed && share > bestShare) {
      best = k;
      bestShare = share;
    }
  }
  const chosen = STRICT_KINDS[best];
  if (chosen !== undefined) {
    const named = chosen.hint(h) && bestShare < SHARE_REQUIRED ? 'The name suggests it and ' : '';
    const sentence = `${named}${pct(bestShare)} of ${ofValues(s)} ${chosen.described}.`;
    return direct(chosen.id, sentence.charAt(0).toUpperCase() + sentence.slice(1));
  }
  // A contact column mixing e-mails and phone numbers, and the like.
  const anyShare = anyCount / n;
  if (anyShare >= SHARE_REQUIRED) {
    const order = STRICT_KINDS.map((k, i) => ({ k, c: counts[i] ?? 0 }))
      .filter((x) => x.c > 0)
      .sort((a, b) => b.c - a.c);
    const top = order[0];
    if (top !== undefined && top.c / n >= 0.3) {
      const kinds = order
        .slice(0, 3)
        .map((x) => x.k.plural)
        .join(', ');
      return direct(top.k.id, `${pct(anyShare)} of ${ofValues(s)} are personal contact details (${kinds}).`);
    }
  }
  return null;
}

function detectName(s: Sample, h: Header): RoleSuggestion | null {
  const n = s.present.length;
  const hinted = hintsName(h);
  let ok = 0;
  let strong = 0;
  const distinct = new Set<string>();
  for (const v of s.present) {
    const shape = personNameShape(v, { allowLowerCase: hinted });
    if (shape === null) continue;
    ok++;
    if (shape.words >= 2 || shape.titled || shape.inverted) strong++;
    distinct.add(v.toLowerCase());
  }
  const share = ok / n;
  if (hinted && share >= NAME_SHARE_WITH_HINT) {
    return direct(
      'person-name',
      `The name suggests people's names and ${pct(share)} of ${ofValues(s)} look like names (capitalised words, titles such as Mr or Dr, or LAST, First).`,
    );
  }
  // Without a hint: nearly all values name-shaped, mostly several words or titled, and many different ones.
  if (!hinted && n >= 5 && share >= NAME_SHARE_NO_HINT && strong / n >= 0.8 && distinct.size >= 0.5 * ok && distinct.size >= 5) {
    return direct(
      'person-name',
      `${pct(share)} of ${ofValues(s)} look like people's names (capitalised first and last names, titles such as Mr or Dr), and ${fmt(distinct.size)} of them are different.`,
    );
  }
  return null;
}

interface DateScan {
  share: number;
  minYear: number;
  maxYear: number;
  /** Years between the 10th and 90th percentile of the dates. */
  spread: number;
}

function scanDates(s: Sample): DateScan {
  const first = 1850;
  const byYear = new Array<number>(2100 - first + 1).fill(0);
  let ok = 0;
  for (const v of s.present) {
    const d = parseDateOfBirth(v);
    if (d === null) continue;
    ok++;
    byYear[d.year - first] = (byYear[d.year - first] ?? 0) + 1;
  }
  let minYear = 0;
  let maxYear = 0;
  let p10 = 0;
  let p90 = 0;
  let seen = 0;
  for (let i = 0; i < byYear.length; i++) {
    const c = byYear[i] ?? 0;
    if (c === 0) continue;
    const year = first + i;
    if (seen === 0) minYear = year;
    maxYear = year;
    const before = seen;
    seen += c;
    if (before < 0.1 * ok && seen >= 0.1 * ok) p10 = year;
    if (before < 0.9 * ok && seen >= 0.9 * ok) p90 = year;
  }
  return { share: s.present.length === 0 ? 0 : ok / s.present.length, minYear, maxYear, spread: p90 - p10 };
}

function detectDateOfBirth(s: Sample, h: Header): RoleSuggestion | 'event-dates' | null {
  const scan = scanDates(s);
  if (scan.share < SHARE_REQUIRED_WITH_HINT) return null;
  if (hintsDateOfBirth(h) && scan.share >= 0.7) {
    return direct('date-of-birth', `The name suggests dates of birth and ${pct(scan.share)} of ${ofValues(s)} are full dates (day, month and year).`);
  }
  if (h.has(...EVENT_WORDS) || hintsYearOfBirth(h)) return 'event-dates';
  if (scan.share >= 0.9 && scan.spread >= 20 && scan.minYear >= 1880) {
    return direct(
      'date-of-birth',
      `${pct(scan.share)} of ${ofValues(s)} are full dates spread from ${scan.minYear} to ${scan.maxYear}, as dates of birth are.`,
    );
  }
  return 'event-dates';
}

// ---------------------------------------------------------------------------
// Other content checks
// ---------------------------------------------------------------------------

function wordCount(v: string): number {
  let n = 1;
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) === 32) n++;
  return n;
}

/** Free text: most values are sentences of five words or more (not names of things). */
function isFreeText(s: Sample, kind: ColumnKind): boolean {
  if (kind !== 'text' && kind !== 'categorical') return false;
  let long = 0;
  let words = 0;
  for (const v of s.present) {
    const w = wordCount(v);
    if (w >= 5) long++;
    words += w;
  }
  const n = s.present.length;
  return long / n >= 0.5 || words / n >= 6;
}

/** Every value different and short (one token): a key or code, not prose. */
function uniquePerRow(s: Sample, input: SuggestRoleInput): boolean {
  const n = s.present.length;
  if (n < 10) return false;
  const seen = new Set<string>();
  for (const v of s.present) {
    if (v.length > 40 || wordCount(v) > 3) return false;
    seen.add(v);
  }
  if (seen.size !== n) return false;
  // The sample may be part of the column: compare `distinct` with the estimated non-blank count.
  const estimatedPresent = input.values.length === 0 ? 0 : (input.rows * n) / input.values.length;
  return input.distinct >= 0.98 * estimatedPresent;
}

function partialPostcodeShare(s: Sample): number {
  let ok = 0;
  for (const v of s.present) if (isUkPostcodeDistrict(v)) ok++;
  return ok / s.present.length;
}

// ---------------------------------------------------------------------------
// The suggestion
// ---------------------------------------------------------------------------

/**
 * Suggests the role of one column, with the reason.
 *
 * Order of the checks:
 * 1. direct identifiers recognised from the values: NHS numbers, National
 *    Insurance numbers, e-mail addresses, full UK postcodes, UK phone numbers,
 *    street addresses (at least 80% of the non-blank values pass, or 50% when
 *    the header names the kind), people's names (header hint and 70%, or 90%
 *    many-word, many-valued names without a hint), dates of birth (header says
 *    birth/DOB and 70% full dates, or 90% full dates spread over 20 years or
 *    more when the header names no other event), personal reference numbers
 *    (header like `patient_id`, `passport` and a different value in every row);
 * 2. postcode districts and sectors (`LS6`, `SP1 5`): a key variable;
 * 3. header hints: sampling weight, household identifier, sensitive variable
 *    (income, spending, health ...), key variable (age, sex, region, occupation ...);
 * 4. free text (to review: it may contain personal details), and record keys
 *    that differ in every row (`R100324`: not a direct identifier but not for
 *    release either): role `other`, with advice in the reason;
 * 5. otherwise `other`.
 *
 * Blank cells and markers such as `n/a`, `-` and `refused` are left out of the
 * shares. The function is linear in `values.length` and deterministic.
 */
export function suggestRole(input: SuggestRoleInput): RoleSuggestion {
  const h = header(input.name);
  const present: string[] = [];
  for (const v of input.values) {
    if (v === null || isMissingMarker(v)) continue;
    present.push(normaliseSpaces(v));
  }
  const s: Sample = { present, sampled: input.rows > input.values.length };
  const n = present.length;

  let dateNote: string | null = null;
  if (n > 0 && input.kind !== 'boolean') {
    const strict = detectStrict(s, h);
    if (strict) return strict;
    const name = detectName(s, h);
    if (name) return name;
    const dob = detectDateOfBirth(s, h);
    if (dob === 'event-dates') {
      const event = h.tokens.find((t) => EVENT_WORDS.includes(t));
      dateNote =
        event !== undefined
          ? `These are dates of an event (the name mentions "${event}"), not dates of birth.`
          : 'These are full dates, but their spread does not look like dates of birth, so they are not treated as a direct identifier.';
    } else if (dob) {
      return dob;
    }
    if (uniquePerRow(s, input) && hintsPersonalReference(h)) {
      return direct(
        'unique-id',
        `The name suggests a personal reference number (such as a patient, customer or passport number) and each of the ${ofValues(s)} is different.`,
      );
    }
    const district = partialPostcodeShare(s);
    if (district >= SHARE_REQUIRED) {
      return {
        role: 'key',
        reason: `${pct(district)} of ${ofValues(s)} are postcode districts or sectors such as LS6, which name an area rather than an address, so this is a key variable.`,
      };
    }
  }

  const numeric = input.kind === 'integer' || input.kind === 'decimal';
  if (hintsWeight(h)) {
    if (hintsBodyWeight(h)) {
      return { role: 'sensitive', reason: 'The name suggests a body weight, which is health information.' };
    }
    if (numeric || n === 0) return { role: 'weight', reason: 'The name suggests a sampling weight.' };
  }
  if (hintsHousehold(h)) {
    return { role: 'household', reason: 'The name suggests a household identifier, which groups people who live together.' };
  }
  const sensitive = sensitiveHint(h);
  if (sensitive) {
    return { role: 'sensitive', reason: `The name suggests confidential information about ${sensitive.what}.` };
  }
  if (hintsDateOfBirth(h) && n > 0) {
    return {
      role: 'key',
      reason: 'The name suggests birth dates but few values are full dates, so this is treated as a key variable such as a year of birth.',
    };
  }
  const key = keyHint(h);
  if (key) {
    return {
      role: 'key',
      reason: `The name suggests ${key.what}, which others may know or look up, so it is a key variable for re-identification risk.`,
    };
  }

  if (n === 0) return { role: 'other', reason: 'Every value is blank, so there is nothing to judge the column by.' };
  if (dateNote !== null) return { role: 'other', reason: dateNote };
  if (isFreeText(s, input.kind)) {
    return {
      role: 'other',
      reason: 'This is free text written by people, which can contain names, phone numbers or addresses, so read it or leave it out before sharing.',
    };
  }
  if (uniquePerRow(s, input) && (!numeric || h.has(...ID_WORDS, 'serial', 'case', 'resp', 'respondent', 'record', 'row'))) {
    return {
      role: 'other',
      reason: `Each of the ${ofValues(s)} is different, so this looks like a record key or code: not a direct identifier by itself, but drop it or replace it with new keys before sharing.`,
    };
  }
  if ((input.kind === 'categorical' || input.kind === 'integer' || input.kind === 'boolean') && input.distinct <= FEW_VALUES) {
    return {
      role: 'other',
      reason: `The name gives no hint and there ${input.distinct === 1 ? 'is only 1 different value' : `are only ${fmt(input.distinct)} different values`}, so choose the role yourself.`,
    };
  }
  return { role: 'other', reason: 'Nothing in the name or the values points to a particular role, so choose it yourself if needed.' };
}
