/**
 * Column roles, in the vocabulary of sdcMicro and Hundepool et al. (2012):
 * - `direct`: a direct identifier (name, address, NI number ...), removed or pseudonymised before release;
 * - `key`: a key variable (quasi-identifier), used to measure re-identification risk;
 * - `sensitive`: a confidential attribute (income, health);
 * - `weight`: the sampling weight;
 * - `household`: the household (cluster) identifier;
 * - `other`: none of these.
 */
export const ROLES = ['direct', 'key', 'sensitive', 'weight', 'household', 'other'] as const;
export type Role = (typeof ROLES)[number];

/** The inferred storage kind of a column. */
export const COLUMN_KINDS = ['integer', 'decimal', 'categorical', 'text', 'date', 'boolean'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/**
 * How a numeric column is read: as numbers (a distribution: histogram, mean) or as
 * categories (codes such as 1 = male, 2 = female: bars of each code). A column holds
 * one only when the user chose it; otherwise `measureOf` derives it.
 */
export const MEASURES = ['categorical', 'numeric'] as const;
export type Measure = (typeof MEASURES)[number];

/** Whole-number columns with at most this many different values are read as codes of categories unless the user says otherwise. */
export const FEW_CODES = 12;

/**
 * The measure a column is read with: the user's choice when there is one; whole numbers
 * with few different values (sdcMicro's `sex`, `urbrur`, `roof`, coded 1 to 9) as
 * categories; other numbers and dates as numbers; everything else as categories.
 */
export function measureOf(kind: ColumnKind, distinct: number, chosen?: Measure): Measure {
  if (chosen && (kind === 'integer' || kind === 'decimal')) return chosen;
  if (kind === 'integer') return distinct <= FEW_CODES ? 'categorical' : 'numeric';
  return kind === 'decimal' || kind === 'date' ? 'numeric' : 'categorical';
}

/** The kinds of direct identifier the detector recognises. */
export const IDENTIFIER_KINDS = [
  'person-name',
  'email',
  'phone',
  'uk-postcode',
  'ni-number',
  'nhs-number',
  'date-of-birth',
  'street-address',
  'unique-id',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** A suggested role with the reason shown to the user. */
export interface RoleSuggestion {
  role: Role;
  /** One plain sentence, e.g. "97% of values are valid NHS numbers (check digit passes)". */
  reason: string;
  /** Set when the column was recognised as a kind of direct identifier. */
  identifier?: IdentifierKind;
}
