/**
 * What a recogniser of one kind of identifier is, and the helpers their column
 * rules share.
 *
 * A recogniser answers for ONE value ("is this an NHS number?") and for a
 * header ("does `nhs_no` name NHS numbers?"). Column detection (`columnRole`)
 * judges a column by the share of its values that pass; a free-text scanner can
 * find candidate runs of at most `maxLength` characters and ask the same `test`.
 */
import { IDENTIFIER_KINDS, type IdentifierKind } from '../../table/roles.ts';
import type { Header } from './header.ts';

/** What a recogniser recognises: a kind of direct identifier, or a kind of value that is a key variable. */
export type RecogniserId = IdentifierKind | 'postcode-district';

/** A column's values as the column rules see them. */
export interface ColumnSample {
  /** The non-blank values, white space normalised; missing-value markers left out. */
  values: readonly string[];
  /** True when `values` is a sample of a longer column. */
  sampled: boolean;
  header: Header;
}

/**
 * What a column rule concludes: the column holds this kind (`found`, with the
 * reason), or it does not, with a remark to show if nothing else decides the
 * role (`note`), or nothing (`null`).
 */
export type ColumnVerdict = { kind: 'found'; reason: string } | { kind: 'note'; note: string } | null;

export interface Recogniser {
  readonly id: RecogniserId;
  /** What a column of these values is: a direct identifier, or a key variable (a postcode district). */
  readonly role: 'direct' | 'key';
  /** One of them, in lower case unless a proper noun: "NHS number". */
  readonly title: string;
  /** Several of them: "NHS numbers". */
  readonly plural: string;
  /** The predicate of a reason, after "97% of 190 non-blank values ...": "are valid NHS numbers (10 digits, check digit passes)". */
  readonly described: string;
  /** Where the rule comes from: standards, official guidance, or "own rule" with what it rests on. */
  readonly sources: readonly string[];
  /** The longest value `test` can accept; a scanner need not try longer runs of text. */
  readonly maxLength: number;
  /** Whether one whole cell value, as typed, is of this kind. */
  test(value: string): boolean;
  /** Whether a column header names this kind (`nhs_no`, `Email address`). */
  headerHint(header: Header): boolean;
  /**
   * The column rule, for kinds a share of passing values does not settle
   * (names are a loose shape; dates of birth need a spread of years). Without
   * one, a column is judged by the share of values that pass `test`.
   */
  judgeColumn?(column: ColumnSample): ColumnVerdict;
}

/** A recogniser of a kind of direct identifier. */
export interface DirectRecogniser extends Recogniser {
  readonly id: IdentifierKind;
  readonly role: 'direct';
}

export function isDirectRecogniser(r: Recogniser): r is DirectRecogniser {
  return r.role === 'direct' && (IDENTIFIER_KINDS as readonly string[]).includes(r.id);
}

/** Share of non-blank values that must pass a kind's rule when the header gives no hint. */
export const SHARE_REQUIRED = 0.8;
/** Share needed when the header names the kind (`email`, `nhs_number` ...). */
export const SHARE_REQUIRED_WITH_HINT = 0.5;

// ---------------------------------------------------------------------------
// Wording of reasons
// ---------------------------------------------------------------------------

/** `12345` -> `12,345`, without depending on the runtime's locale. */
export function fmt(n: number): string {
  const s = String(Math.round(n));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Share as a whole percentage, rounded down so that "100%" means every value. */
export function pct(share: number): string {
  return `${Math.floor(share * 100 + 1e-9)}%`;
}

/** "190 non-blank values", "5,000 sampled non-blank values". */
export function ofValues(s: ColumnSample): string {
  const n = s.values.length;
  return `${fmt(n)} ${s.sampled ? 'sampled non-blank' : 'non-blank'} value${n === 1 ? '' : 's'}`;
}
