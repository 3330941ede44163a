import { normaliseSpaces } from '../validators.ts';
import type { Header } from './header.ts';
import { fmt, ofValues, pct, type ColumnSample, type ColumnVerdict, type Recogniser } from './recogniser.ts';

/** Share of name-shaped values needed without a header hint (names are a loose shape). */
const NAME_SHARE_NO_HINT = 0.9;
/** Share of name-shaped values needed when the header says "name". */
const NAME_SHARE_WITH_HINT = 0.7;

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

/** Header words that show a name is not a person's (`company_name`, `street_name`, `username`). */
const NOT_PERSON = [
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

function hintsName(h: Header): boolean {
  const named =
    h.has('name', 'names', 'forename', 'forenames', 'surname', 'surnames', 'fname', 'lname', 'firstname', 'lastname', 'fullname') ||
    h.includes('fullname', 'firstname', 'lastname', 'surname', 'forename', 'givenname', 'familyname', 'middlename', 'maidenname');
  if (!named) return false;
  return !h.has(...NOT_PERSON) && !h.includes('username', 'hostname', 'filename');
}

/**
 * A column of names: with a header hint, 70% of values name-shaped (lower case
 * allowed); without one, 90% name-shaped, 80% of them several words, titled or
 * `LAST, First`, and many different ones.
 */
function judgeNameColumn(s: ColumnSample): ColumnVerdict {
  const n = s.values.length;
  const hinted = hintsName(s.header);
  let ok = 0;
  let strong = 0;
  const distinct = new Set<string>();
  for (const v of s.values) {
    const shape = personNameShape(v, { allowLowerCase: hinted });
    if (shape === null) continue;
    ok++;
    if (shape.words >= 2 || shape.titled || shape.inverted) strong++;
    distinct.add(v.toLowerCase());
  }
  const share = ok / n;
  if (hinted && share >= NAME_SHARE_WITH_HINT) {
    return {
      kind: 'found',
      reason: `The name suggests people's names and ${pct(share)} of ${ofValues(s)} look like names (capitalised words, titles such as Mr or Dr, or LAST, First).`,
    };
  }
  if (!hinted && n >= 5 && share >= NAME_SHARE_NO_HINT && strong / n >= 0.8 && distinct.size >= 0.5 * ok && distinct.size >= 5) {
    return {
      kind: 'found',
      reason: `${pct(share)} of ${ofValues(s)} look like people's names (capitalised first and last names, titles such as Mr or Dr), and ${fmt(distinct.size)} of them are different.`,
    };
  }
  return null;
}

export const personName: Recogniser = {
  id: 'person-name',
  role: 'direct',
  title: "person's name",
  plural: "people's names",
  described: "look like people's names",
  sources: [
    'Own rule: one to four capitalised words, titles (Mr, Mrs, Ms, Miss, Mx, Dr, Prof, Rev, Cllr, Sister ...), initials and the LAST, First form, as labelled in the PII corpus; there is no official pattern, so a column needs a header hint or many different multi-word names',
  ],
  maxLength: 80,
  test: (v: string) => looksLikePersonName(v),
  headerHint: hintsName,
  judgeColumn: judgeNameColumn,
};
