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
