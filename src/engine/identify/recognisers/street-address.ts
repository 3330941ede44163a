import { normaliseSpaces } from '../validators.ts';
import type { Header } from './header.ts';
import type { Recogniser } from './recogniser.ts';

/** Longest value looked at; longer strings are rejected at once. */
const MAX_LEN = 200;

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

export const streetAddress: Recogniser = {
  id: 'street-address',
  role: 'direct',
  title: 'street address',
  plural: 'street addresses',
  described: 'look like street addresses (a house number or name and a street)',
  sources: [
    'Own rule: a house number or house name and a street with a street-type word (English, Scots and Welsh street names), as labelled in the PII corpus; there is no official pattern',
  ],
  maxLength: MAX_LEN,
  test: looksLikeStreetAddress,
  headerHint: (h: Header) => {
    if (h.includes('email', 'mail') || h.has('ip', 'mac', 'web', 'url')) return false;
    return h.includes('address', 'street') || h.has('addr', 'house');
  },
};
