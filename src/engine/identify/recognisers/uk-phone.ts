import { SPACES } from '../validators.ts';
import type { Header } from './header.ts';
import type { Recogniser } from './recogniser.ts';

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

export const ukPhone: Recogniser = {
  id: 'phone',
  role: 'direct',
  title: 'UK phone number',
  plural: 'phone numbers',
  described: 'are UK phone numbers',
  sources: ['Ofcom National Telephone Numbering Plan: 01 and 02 geographic and 07 mobile ranges (070 personal numbers and 076 pagers excluded)'],
  maxLength: 30,
  test: isUkPhone,
  headerHint: (h: Header) => h.includes('phone', 'mobile', 'landline') || h.has('tel', 'telno', 'mob', 'cell', 'contact'),
};
