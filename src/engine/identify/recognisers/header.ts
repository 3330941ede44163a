/**
 * Column headers as word tokens, for the header hints of the recognisers and
 * of the other roles.
 */

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

/** A header, tokenised once for all the hints. */
export interface Header {
  tokens: readonly string[];
  /** Tokens joined without separators: `date_of_birth` -> `dateofbirth`. */
  compact: string;
  /** Whether one of the tokens is one of `words`. */
  has(...words: string[]): boolean;
  /** Whether the compact form contains one of `parts`. */
  includes(...parts: string[]): boolean;
}

export function header(name: string): Header {
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

/** Header words of a number or code: `patient_id`, `member_no`, `case_ref`. */
export const ID_WORDS = ['id', 'no', 'num', 'number', 'nr', 'ref', 'reference', 'code', 'serial', 'key'];
