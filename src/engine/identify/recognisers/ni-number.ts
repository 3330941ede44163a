import { SPACES } from '../validators.ts';
import type { Header } from './header.ts';
import type { Recogniser } from './recogniser.ts';

/** First prefix letter: not D, F, I, Q, U, V. Second: not D, F, I, Q, U, V, O. Suffix A-D. */
const NINO_SHAPE = /^([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z])(\d{6})([A-D])$/;
/** Prefix pairs that are never allocated. */
const NINO_BAD_PAIRS = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/**
 * Whether a value is a validly formed UK National Insurance number (NINO):
 * two prefix letters, six digits and a suffix letter A-D, case-insensitive,
 * with spaces allowed anywhere (`AB 12 34 56 C`, `AB123456C`, `AB 123456 C`).
 *
 * Prefix rules (HMRC National Insurance Manual, section NIM39110):
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

export const niNumber: Recogniser = {
  id: 'ni-number',
  role: 'direct',
  title: 'National Insurance number',
  plural: 'National Insurance numbers',
  described: 'are valid National Insurance numbers (two letters, six digits and a letter A to D)',
  sources: ['HMRC National Insurance Manual NIM39110: prefix letters'],
  maxLength: 30,
  test: isNiNumber,
  headerHint: (h: Header) => h.includes('nino', 'nationalinsurance', 'insurancenumber') || h.has('ni', 'nin'),
};
