import { normaliseSpaces } from '../validators.ts';
import type { Header } from './header.ts';
import type { Recogniser } from './recogniser.ts';
import { OUTWARD, POSTCODE_SOURCES } from './uk-postcode.ts';

const OUTWARD_RE = new RegExp(`^${OUTWARD}$`);
const SECTOR_RE = new RegExp(`^${OUTWARD} [0-9]$`);

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

export const postcodeDistrict: Recogniser = {
  id: 'postcode-district',
  role: 'key',
  title: 'postcode district or sector',
  plural: 'postcode districts and sectors',
  described: 'are postcode districts or sectors such as LS6, which name an area rather than an address',
  sources: POSTCODE_SOURCES,
  maxLength: 12,
  test: isUkPostcodeDistrict,
  headerHint: (h: Header) => h.has('outward') || (h.has('postcode') && h.has('district', 'sector', 'area')) || h.includes('postcodedistrict', 'postcodesector'),
};
