/**
 * Header hints for the roles that are not recognised from values: sampling
 * weights, household identifiers, sensitive and key variables, and personal
 * reference numbers (`patient_id`, `passport`) whose values have no pattern.
 */
import { ID_WORDS, type Header } from './header.ts';

/** A header that names a personal reference number held elsewhere (patient number, passport ...). */
export function hintsPersonalReference(h: Header): boolean {
  const strong = h.includes(
    'passport',
    'licence',
    'license',
    'mrn',
    'ssn',
    'socialsecurity',
    'nationalid',
    'username',
    'userid',
    'login',
    'utr',
    'taxid',
    'hospitalnumber',
  );
  if (strong) return true;
  const who = h.has(
    'patient',
    'customer',
    'client',
    'member',
    'membership',
    'employee',
    'staff',
    'student',
    'pupil',
    'account',
    'acct',
    'payroll',
    'user',
    'person',
    'citizen',
  );
  return who && h.has(...ID_WORDS);
}

/** A sampling weight: `weight`, `wt`, `sampling_weight`, `WGT_FINAL`. */
export function hintsWeight(h: Header): boolean {
  if (h.compact === 'w' || h.compact === 'wt' || h.compact === 'wgt') return true;
  return (
    h.has('weight', 'weights', 'wt', 'wgt', 'wgts', 'weighting', 'pweight', 'hweight', 'fweight', 'pwgt', 'hwgt', 'hhwgt', 'perwt', 'hhwt') ||
    h.tokens.some((t) => t.endsWith('weight') || t.endsWith('weights') || t.endsWith('wgt'))
  );
}

/** Weight of a body (a health measure), not a sampling weight. */
export function hintsBodyWeight(h: Header): boolean {
  return h.has('kg', 'kgs', 'lb', 'lbs', 'body', 'birth', 'baby', 'grams', 'g', 'stone', 'bmi', 'height');
}

/** A household identifier: `hh_id`, `ori_hid`, `Household ID`. */
export function hintsHousehold(h: Header): boolean {
  const rest = h.tokens.filter((t) => !ID_WORDS.includes(t) && !['ori', 'orig', 'original', 'new', 'old'].includes(t));
  if (rest.length !== 1) return false;
  const t = rest[0] ?? '';
  return ['hh', 'hhid', 'hid', 'household', 'households', 'hhold', 'hhld', 'hhno', 'hhnum', 'hhnr'].includes(t);
}

export interface HintMatch {
  /** What the header suggests, in plain words, for the reason sentence. */
  what: string;
}

const SENSITIVE_GROUPS: readonly { what: string; stems: readonly string[]; words?: readonly string[] }[] = [
  {
    what: 'money matters (income, earnings, spending or savings)',
    stems: ['income', 'salary', 'salaries', 'earning', 'expend', 'expense', 'spending', 'saving', 'benefit', 'wealth', 'debt', 'wage', 'pension', 'revenue'],
    words: ['pay', 'inc', 'spend', 'assets', 'asset', 'loan', 'loans', 'rent', 'mortgage'],
  },
  {
    what: 'health',
    stems: [
      'health',
      'disease',
      'diagnos',
      'illness',
      'disabil',
      'medic',
      'condition',
      'symptom',
      'treatment',
      'pregnan',
      'mental',
      'cancer',
      'diabet',
      'hiv',
      'vaccin',
      'prescri',
      'disorder',
    ],
    words: ['bmi', 'icd', 'therapy'],
  },
  {
    what: 'very personal matters (sexuality, criminal record or politics)',
    stems: ['sexuality', 'sexualorientation', 'criminal', 'conviction', 'offence', 'offense', 'arrest', 'prison', 'political', 'tradeunion'],
    words: ['vote', 'voted', 'party'],
  },
];

const KEY_GROUPS: readonly { what: string; words: readonly string[]; stems?: readonly string[] }[] = [
  { what: 'country of birth or nationality', words: ['nationality', 'citizenship', 'birthplace', 'native'], stems: ['countryofbirth', 'placeofbirth'] },
  { what: 'age', words: ['age', 'ages', 'ageband', 'agegroup', 'agegrp', 'agecat', 'yob', 'birthyear'], stems: ['yearofbirth', 'birthyear', 'yob'] },
  { what: 'sex or gender', words: ['sex', 'gender'] },
  {
    what: 'where the person lives',
    words: [
      'region',
      'area',
      'district',
      'county',
      'town',
      'city',
      'municipality',
      'province',
      'state',
      'ward',
      'lsoa',
      'msoa',
      'oa',
      'la',
      'lad',
      'locality',
      'urbrur',
      'urban',
      'rural',
      'geography',
      'geo',
      'country',
      'outward',
      'residence',
      'settlement',
      'zip',
      'zipcode',
      'postcode',
      'postal',
      'postalcode',
    ],
    stems: ['postcodedistrict', 'postcodesector', 'localauthority'],
  },
  {
    what: 'occupation or work',
    words: ['occupation', 'occ', 'occup', 'job', 'industry', 'workclass', 'employment', 'profession', 'soc', 'sic', 'nssec', 'employer'],
  },
  { what: 'ethnic group or race', words: ['ethnicity', 'ethnic', 'race', 'ethnicgroup'], stems: ['ethnic', 'ethn'] },
  {
    what: 'marital status or family relationships',
    words: ['marital', 'civil', 'hhcivil', 'relat', 'relationship', 'relation', 'relationtohead', 'spouse', 'partner', 'children', 'kids', 'dependants'],
    stems: ['marital', 'marstat'],
  },
  { what: 'household size', words: ['hhsize', 'householdsize', 'famsize'], stems: ['householdsize', 'hhsize', 'familysize'] },
  { what: 'education', words: ['education', 'educ', 'edu', 'qualification', 'qualifications', 'degree', 'schooling', 'school'], stems: ['educat'] },
  { what: 'religion', words: ['religion', 'religious', 'faith', 'relig'] },
  { what: 'housing tenure', words: ['tenure', 'dwelling', 'accommodation', 'housing'] },
  { what: 'language', words: ['language', 'lang'] },
];

/** A sensitive variable: money, health, or very personal matters. */
export function sensitiveHint(h: Header): HintMatch | null {
  for (const g of SENSITIVE_GROUPS) {
    if (g.stems.some((s) => h.includes(s)) || (g.words !== undefined && h.has(...g.words))) return { what: g.what };
  }
  return null;
}

/** A key variable: age, sex, area, occupation, ethnic group ... */
export function keyHint(h: Header): HintMatch | null {
  for (const g of KEY_GROUPS) {
    if (h.has(...g.words) || (g.stems !== undefined && g.stems.some((s) => h.includes(s)))) return { what: g.what };
  }
  if (h.has('size') && h.has('household', 'hh', 'family')) return { what: 'household size' };
  if (h.has('postcode') && h.has('district', 'sector', 'area')) return { what: 'where the person lives' };
  return null;
}
