import { normaliseSpaces } from '../validators.ts';
import type { Header } from './header.ts';
import type { Recogniser } from './recogniser.ts';

const NHS_SHAPE = /^(\d{3})([ -]?)(\d{3})\2(\d{4})$/;

/**
 * Whether ten digits pass the NHS number modulus-11 check.
 *
 * Rule (NHS Data Dictionary, "NHS Number" data element, check-digit algorithm): multiply
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

export const nhsNumber: Recogniser = {
  id: 'nhs-number',
  role: 'direct',
  title: 'NHS number',
  plural: 'NHS numbers',
  described: 'are valid NHS numbers (10 digits, check digit passes)',
  sources: ['NHS Data Dictionary, NHS Number: modulus-11 check digit'],
  maxLength: 20,
  test: isNhsNumber,
  headerHint: (h: Header) => h.includes('nhs'),
};
