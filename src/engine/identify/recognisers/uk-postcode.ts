import { normaliseSpaces } from '../validators.ts';
import type { Header } from './header.ts';
import type { Recogniser } from './recogniser.ts';

/**
 * Outward code: `A9`, `A99`, `AA9`, `AA99`, `A9A`, `AA9A`, with the letter
 * classes by position of the Royal Mail / ONS postcode format:
 * 1st letter not Q, V, X; 2nd letter not I, J, Z; 3rd letter of `A9A` one of
 * ABCDEFGHJKPSTUW; 4th letter of `AA9A` one of ABEHMNPRVWXY.
 */
export const OUTWARD = '(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])';
/** Inward code `9AA`; the letters are never C, I, K, M, O, V. */
const INWARD = '[0-9][ABD-HJLNP-UW-Z]{2}';
const POSTCODE_RE = new RegExp(`^(?:${OUTWARD} ?${INWARD}|GIR ?0AA)$`);

/** Where the postcode format is stated. */
export const POSTCODE_SOURCES: readonly string[] = [
  "Royal Mail Programmers' Guide and ONS Postcode Directory user guide: postcode format and letter classes by position (codes are not looked up in the directory)",
];

/**
 * Whether a value is a full UK unit postcode (e.g. `LS6 2AB`, `sw1a1aa`,
 * `M1 1AE`): outward code, an optional single space, inward code, checked
 * case-insensitively against the letter classes of the postcode format
 * (Royal Mail Programmers' Guide / ONS Postcode Directory user guide, as
 * restated in the PII corpus README). `GIR 0AA` is also accepted. Codes are not
 * looked up in the postcode directory. A district alone (`LS6`) is not a full
 * postcode: see `isUkPostcodeDistrict` in `./postcode-district.ts`.
 */
export function isUkPostcode(text: string): boolean {
  if (text.length > 16) return false;
  return POSTCODE_RE.test(normaliseSpaces(text).toUpperCase());
}

export const ukPostcode: Recogniser = {
  id: 'uk-postcode',
  role: 'direct',
  title: 'full UK postcode',
  plural: 'full postcodes',
  described: 'are full UK postcodes, which point to a handful of addresses',
  sources: POSTCODE_SOURCES,
  maxLength: 16,
  test: isUkPostcode,
  headerHint: (h: Header) => h.includes('postcode', 'postalcode', 'zipcode') || h.has('zip', 'postal', 'pcode'),
};
