/**
 * Helpers the recognisers (`./recognisers/`) and column-role detection share:
 * white space as pasted values have it, and the markers of a missing answer.
 * The rules for each kind of identifier are in the recogniser of that kind.
 *
 * Pure: no imports, no I/O, no randomness.
 */

/** Any kind of horizontal white space we meet in pasted values (space, tab, no-break spaces). */
export const SPACES = /[\s\u00a0\u2007\u202f]+/g;

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
