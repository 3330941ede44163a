import type { Header } from './header.ts';
import type { Recogniser } from './recogniser.ts';

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

export const email: Recogniser = {
  id: 'email',
  role: 'direct',
  title: 'e-mail address',
  plural: 'e-mail addresses',
  described: 'are e-mail addresses',
  sources: [
    'Own rule, simpler than RFC 5322: a local part of [A-Za-z0-9._%+-] up to 64 characters (the RFC 5321 limit), domain labels as RFC 1035 allows them, a top-level domain of letters',
  ],
  maxLength: 254,
  test: isEmail,
  headerHint: (h: Header) => h.includes('email') || h.has('mail'),
};
