import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { columnRole, headerTokens, type ColumnRoleInput } from '../../../src/engine/identify/column-role';
import type { ColumnKind, RoleSuggestion } from '../../../src/engine/table/roles';

/** A small deterministic generator for test data (no Math.random). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function nhsCheck(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const c = 11 - (sum % 11);
  return c === 11 ? 0 : c;
}

/** `n` valid NHS numbers in mixed formats. */
function nhsNumbers(n: number, seed = 1): string[] {
  const rnd = lcg(seed);
  const out: string[] = [];
  while (out.length < n) {
    const nine = String(400_000_000 + Math.floor(rnd() * 399_999_999));
    const c = nhsCheck(nine);
    if (c === 10) continue;
    const d = nine + String(c);
    const f = out.length % 3;
    out.push(f === 0 ? d : f === 1 ? `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}` : `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`);
  }
  return out;
}

function randomDigits(n: number, len: number, seed: number): string[] {
  const rnd = lcg(seed);
  return Array.from({ length: n }, () => {
    let s = String(1 + Math.floor(rnd() * 9));
    while (s.length < len) s += String(Math.floor(rnd() * 10));
    return s;
  });
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Dates dd/mm/yyyy with years in [from, to]. */
function dates(n: number, from: number, to: number, seed: number, iso = false): string[] {
  const rnd = lcg(seed);
  return Array.from({ length: n }, () => {
    const y = from + Math.floor(rnd() * (to - from + 1));
    const m = 1 + Math.floor(rnd() * 12);
    const d = 1 + Math.floor(rnd() * 28);
    return iso ? `${y}-${pad2(m)}-${pad2(d)}` : `${pad2(d)}/${pad2(m)}/${y}`;
  });
}

function input(name: string, values: readonly (string | null)[], kind: ColumnKind = 'text'): ColumnRoleInput {
  const distinct = new Set(values.filter((v) => v !== null && v !== '')).size;
  return { name, kind, values, rows: values.length, distinct };
}

function suggest(name: string, values: readonly (string | null)[], kind: ColumnKind = 'text'): RoleSuggestion {
  return columnRole(input(name, values, kind));
}

/** One plain sentence: starts with a capital, ends with a full stop, no sentence break inside. */
function expectOneSentence(reason: string): void {
  expect(reason).toMatch(/^[A-Z0-9].*\.$/);
  expect(reason.slice(0, -1)).not.toMatch(/[.!?]\s+[A-Z]/);
}

const FIRST = ['Will', 'Hannah', 'Chloë', 'Łukasz', 'Eilidh', 'Simran', 'Julie', 'Kofi', 'Maryam', 'Seán', 'Priya', 'Oscar', 'Grace', 'Mark', 'Rose'];
const LAST = [
  'Iqbal',
  'Llewellyn',
  'Roberts',
  'Brown',
  'Tran',
  'Singh',
  'King',
  'Mahmood',
  'Chaudhry',
  'Green',
  "O'Neill",
  'Okafor',
  'Baker',
  'Szymańska',
  'Ward',
];

function names(n: number, seed: number): string[] {
  const rnd = lcg(seed);
  const pick = (a: readonly string[]): string => a[Math.floor(rnd() * a.length)] ?? '';
  return Array.from({ length: n }, (_, i) => {
    const f = pick(FIRST);
    const l = pick(LAST);
    if (i % 10 === 0) return `${l.toUpperCase()}, ${f}`;
    if (i % 10 === 1) return `Dr ${l}`;
    return `${f} ${l}`;
  });
}

describe('headerTokens', () => {
  it('splits snake, kebab and camel case', () => {
    expect(headerTokens('sampling_weight')).toEqual(['sampling', 'weight']);
    expect(headerTokens('hhIncome')).toEqual(['hh', 'income']);
    expect(headerTokens('native-country')).toEqual(['native', 'country']);
    expect(headerTokens('address_line1')).toEqual(['address', 'line', '1']);
    expect(headerTokens('D.O.B.')).toEqual(['d', 'o', 'b']);
  });
});

describe('columnRole: direct identifiers judged by the share of valid values', () => {
  it('calls a column of NHS numbers direct, with the evidence in the reason', () => {
    const values = [...nhsNumbers(190), '', 'n/a', null, 'refused', '-'];
    for (const name of ['nhs_number', 'column_7']) {
      const s = suggest(name, values);
      expect(s.role).toBe('direct');
      expect(s.identifier).toBe('nhs-number');
      expect(s.reason).toBe('100% of 190 non-blank values are valid NHS numbers (10 digits, check digit passes).');
    }
  });

  it('does not call random 10-digit product codes NHS numbers, though about 1 in 11 pass the check', () => {
    const codes = randomDigits(2000, 10, 7);
    const s = suggest('product_code', codes, 'integer');
    expect(s.role).not.toBe('direct');
    // Even under a header that says NHS, 9% valid is not enough.
    expect(suggest('nhs_number', codes, 'integer').role).not.toBe('direct');
  });

  it('keeps only the passing codes: a column made of the lucky ones IS called NHS numbers', () => {
    const lucky = randomDigits(5000, 10, 9).filter((c) => {
      const nine = c.slice(0, 9);
      const k = nhsCheck(nine);
      return k !== 10 && String(k) === c[9];
    });
    expect(lucky.length).toBeGreaterThan(200);
    expect(suggest('code', lucky).identifier).toBe('nhs-number');
  });

  it('lowers the share needed when the header names the kind, but never to "any value"', () => {
    const good = nhsNumbers(60, 3);
    const bad = randomDigits(40, 10, 4).map((c) => `${c.slice(0, 9)}${(Number(c[9]) + 1) % 10}`);
    const mixed = [...good, ...bad];
    expect(suggest('nhs_no', mixed).role).toBe('direct');
    expect(suggest('nhs_no', mixed).reason).toMatch(/^The name suggests it and \d+% of 100 non-blank values are valid NHS numbers/);
    expect(suggest('col', mixed).role).not.toBe('direct');
    const oneIn = [...good.slice(0, 1), ...bad];
    expect(suggest('nhs_no', oneIn).role).not.toBe('direct');
  });

  it('recognises NI numbers but not the QQ example or excluded prefixes', () => {
    const ok = ['YR322150B', 'GH912440D', 'AL 73 56 34 A', 'JX155555D', 'RA 19 28 70 A', 'xn711602a', 'LL 089490 A', 'ZK555086B', 'JR191248C', 'KJ605711A'];
    expect(suggest('ni', ok).identifier).toBe('ni-number');
    const bad = ['QQ 12 34 56 C', 'DA123456A', 'BG123456A', 'GB123456A', 'NK123456B', 'TN123456C', 'ZZ123456D', 'AO123456A', 'AB123456E', 'FY12345A'];
    expect(suggest('ni_number_example', bad).role).not.toBe('direct');
  });

  it('recognises e-mails, phones, full postcodes and street addresses', () => {
    const emails = [
      'will.iqbal@gmail.com',
      'mohammed.thompson@hotmail.co.uk',
      'chloe.roberts@yahoo.co.uk',
      'lukaszbrown94@icloud.com',
      'laura+nhs@students.leeds.ac.uk',
    ];
    expect(suggest('contact', emails).identifier).toBe('email');
    const phones = ['+44 1752 800 389', '(01772) 865 033', '07555 579364', '07741618303', '+44 (0)20 7946 0123', '0113-496-0123'];
    expect(suggest('x', phones).identifier).toBe('phone');
    const postcodes = ['dl13 6sw', 'OX16 1XY', 'EH16 7JF', 'W1G 0ND', 'CR62UR', 'M1 1AE'];
    expect(suggest('pc', postcodes).identifier).toBe('uk-postcode');
    const addresses = [
      'Flat 21, 77 Elm Grove',
      '34-36 Albert Terrace',
      '26a North Parade',
      'Flat 8C Mill Court, Ivy Lane',
      'Ivy House, Cemetery Road',
      '12 Heol y Felin',
    ];
    expect(suggest('line1', addresses).identifier).toBe('street-address');
  });

  it('calls a mixed contact column (e-mails and phones) direct', () => {
    const mixed = [
      'will.iqbal@gmail.com',
      '07555 579364',
      'chloe.roberts@yahoo.co.uk',
      '+44 1752 800 389',
      'kofi@virginmedia.com',
      '(0113) 496 0123',
      'ask at desk',
    ];
    const s = suggest('how_to_contact', mixed);
    expect(s.role).toBe('direct');
    expect(s.reason).toMatch(/contact details/);
  });

  it('does not call helpline numbers, postcode districts or region codes direct', () => {
    expect(suggest('helpline', ['0800 123 4567', '0300 123 4567', '0845 600 7000', '0800 111 999']).role).not.toBe('direct');
    const districts = suggest('area_code', ['LS6', 'DL13', 'SW1A', 'W1G', 'M1', 'EH16']);
    expect(districts.role).toBe('key');
    expect(districts.reason).toMatch(/postcode districts/);
    expect(suggest('gss', ['E12000001', 'E12000002', 'S92000003', 'W92000004', 'N92000002']).role).not.toBe('direct');
  });

  it('finds names from a header hint or, without one, from many different multi-word names', () => {
    const values = names(300, 5);
    expect(suggest('full_name', values).identifier).toBe('person-name');
    expect(suggest('respondent', values).identifier).toBe('person-name');
    expect(
      suggest(
        'surname',
        values.map((v) => v.toLowerCase()),
      ).identifier,
    ).toBe('person-name');
    // Lower-case or single-word values without a header hint are not enough.
    expect(
      suggest(
        'x',
        values.map((v) => v.toLowerCase()),
      ).role,
    ).not.toBe('direct');
  });

  it('does not call categories, countries or company names person names', () => {
    const countries = Array.from({ length: 200 }, (_, i) => ['United Kingdom', 'New Zealand', 'South Africa', 'Sri Lanka', 'United States'][i % 5] ?? '');
    expect(suggest('country', countries, 'categorical').role).toBe('key');
    expect(suggest('c1', countries, 'categorical').role).toBe('other');
    const answers = Array.from({ length: 200 }, (_, i) => ['Yes', 'No', 'Maybe'][i % 3] ?? '');
    expect(suggest('q1', answers, 'categorical').role).toBe('other');
    const companies = Array.from({ length: 100 }, (_, i) => `${LAST[i % LAST.length] ?? ''} ${['Ltd', '& Sons', 'Services', 'Plc'][i % 4] ?? ''}`);
    expect(suggest('company_name', companies).role).not.toBe('direct');
    expect(suggest('supplier', companies).role).not.toBe('direct');
  });

  it('tells dates of birth from dates of visits', () => {
    const births = dates(500, 1930, 2010, 11);
    const visits = dates(500, 2024, 2025, 12, true);
    expect(suggest('date_of_birth', births, 'date').identifier).toBe('date-of-birth');
    expect(suggest('DOB', births, 'date').identifier).toBe('date-of-birth');
    const anon = suggest('d1', births, 'date');
    expect(anon.identifier).toBe('date-of-birth');
    expect(anon.reason).toMatch(/^100% of 500 non-blank values are full dates spread from 19\d\d to 20\d\d/);
    const v = suggest('visit_date', visits, 'date');
    expect(v.role).toBe('other');
    expect(v.reason).toMatch(/visit/);
    expect(suggest('d2', visits, 'date').role).toBe('other');
    // An event named in the header overrides a wide spread of years.
    expect(suggest('appointment_date', births, 'date').role).toBe('other');
    // A birth header on dates that only span two years is still a date of birth (babies).
    expect(suggest('date_of_birth', visits, 'date').role).toBe('direct');
  });

  it('treats a year of birth as a key variable, not a direct identifier', () => {
    const years = Array.from({ length: 300 }, (_, i) => String(1930 + (i % 80)));
    expect(suggest('year_of_birth', years, 'integer').role).toBe('key');
    expect(suggest('yob', years, 'integer').role).toBe('key');
    expect(suggest('birth_year', years, 'integer').role).toBe('key');
  });

  it('calls unique per-row personal reference numbers direct, but an internal record key other', () => {
    const serials = Array.from({ length: 500 }, (_, i) => `R${100000 + i * 7}`);
    const resp = suggest('resp_id', serials);
    expect(resp.role).toBe('other');
    expect(resp.identifier).toBeUndefined();
    expect(resp.reason).toMatch(/Each of the 500 non-blank values is different/);
    const patient = suggest('patient_id', serials);
    expect(patient.role).toBe('direct');
    expect(patient.identifier).toBe('unique-id');
    expect(suggest('passport', randomDigits(300, 9, 21)).identifier).toBe('unique-id');
    // Repeated values: not unique per row, not a reference to a person.
    const repeated = serials.map((v, i) => serials[i % 50] ?? v);
    expect(suggest('patient_id', repeated).role).not.toBe('direct');
  });

  it('judges a sample against the size of the whole column', () => {
    const serials = Array.from({ length: 5000 }, (_, i) => `CAS-${100000 + i}`);
    // A sample of 5,000 unique values from 50,000 rows with only 5,000 distinct values overall: not unique per row.
    const s = columnRole({ name: 'member_no', kind: 'text', values: serials, rows: 50_000, distinct: 5000 });
    expect(s.role).not.toBe('direct');
    const t = columnRole({ name: 'member_no', kind: 'text', values: serials, rows: 50_000, distinct: 50_000 });
    expect(t.role).toBe('direct');
    expect(t.reason).toMatch(/5,000 sampled non-blank values/);
  });

  it('never calls a column direct from a single valid value among many', () => {
    const codes = randomDigits(999, 10, 31).map((c) => `P-${c}`);
    expect(suggest('code', [...codes, '943 476 5919']).role).not.toBe('direct');
  });
});

describe('columnRole: other roles from header names', () => {
  const num = (n: number): string[] => Array.from({ length: n }, (_, i) => String(100 + ((i * 37) % 400)));

  it('weights', () => {
    for (const name of ['weight', 'wt', 'wgt', 'sampling_weight', 'household_weights', 'w', 'WGT_FINAL', 'pweight']) {
      const s = suggest(name, num(50), 'decimal');
      expect({ name, role: s.role }).toEqual({ name, role: 'weight' });
      expect(s.reason).toBe('The name suggests a sampling weight.');
    }
    expect(suggest('weight_kg', num(50), 'decimal').role).toBe('sensitive');
  });

  it('household identifiers', () => {
    for (const name of ['hh_id', 'hhid', 'household', 'ori_hid', 'Household ID', 'household_number', 'HID']) {
      expect({ name, role: suggest(name, num(50), 'integer').role }).toEqual({ name, role: 'household' });
    }
    expect(suggest('household_size', num(50), 'integer').role).toBe('key');
    expect(suggest('household_income', num(50), 'integer').role).toBe('sensitive');
  });

  it('key variables', () => {
    for (const name of [
      'age',
      'sex',
      'gender',
      'region',
      'area',
      'occupation',
      'ethnicity',
      'ethnic_group',
      'marital_status',
      'hhsize',
      'urbrur',
      'education',
      'postcode_district',
      'religion',
      'tenure',
      'country',
      'race',
      'workclass',
      'relat',
      'native-country',
      'AgeGroup',
    ]) {
      expect({ name, role: suggest(name, num(50), 'categorical').role }).toEqual({ name, role: 'key' });
    }
  });

  it('sensitive variables', () => {
    for (const name of [
      'income',
      'salary',
      'earnings',
      'health',
      'health_condition',
      'disease',
      'expend',
      'expenditure',
      'savings',
      'benefit',
      'benefits_received',
      'salary-class',
      'hhIncome',
    ]) {
      expect({ name, role: suggest(name, num(50), 'decimal').role }).toEqual({ name, role: 'sensitive' });
    }
  });

  it('other: a low-cardinality column without a hint, free text, blanks', () => {
    const codes = Array.from({ length: 100 }, (_, i) => String(i % 5));
    const s = columnRole({ name: 'q17', kind: 'categorical', values: codes, rows: 100, distinct: 5 });
    expect(s.role).toBe('other');
    expect(s.reason).toMatch(/only 5 different values/);
    const text = Array.from({ length: 50 }, (_, i) => `The bins were not collected on time for week ${i}.`);
    expect(suggest('comment', text).reason).toMatch(/free text/);
    expect(suggest('notes', [null, '', 'n/a']).role).toBe('other');
  });

  it('every reason is one plain sentence', () => {
    const cases: RoleSuggestion[] = [
      suggest('nhs', nhsNumbers(20)),
      suggest('x', names(50, 1)),
      suggest('date_of_birth', dates(50, 1950, 2000, 1)),
      suggest('d', dates(50, 1950, 2000, 1)),
      suggest('visit', dates(50, 2024, 2025, 1)),
      suggest(
        'resp_id',
        Array.from({ length: 50 }, (_, i) => `R${i}`),
      ),
      suggest('w', num(10), 'decimal'),
      suggest('age', num(10), 'integer'),
      suggest('income', num(10), 'integer'),
      suggest('hh_id', num(10), 'integer'),
      suggest('anything', num(10), 'decimal'),
      suggest('empty', []),
    ];
    for (const c of cases) expectOneSentence(c.reason);
  });
});

describe('columnRole: performance and determinism', () => {
  it('handles 5,000 values per column quickly and gives the same answer twice', () => {
    const values = [...nhsNumbers(2500), ...names(2500, 3)];
    const t0 = performance.now();
    const a = suggest('mixed', values);
    const b = suggest('mixed', values);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(a).toEqual(b);
    const long = Array.from({ length: 5000 }, (_, i) => `${'word '.repeat(40)}${i}`);
    const t1 = performance.now();
    suggest('comment', long);
    expect(performance.now() - t1).toBeLessThan(1000);
  });
});

// ---------------------------------------------------------------------------
// Public micro-data sets with no direct identifiers
// ---------------------------------------------------------------------------

function inferKind(values: readonly (string | null)[]): ColumnKind {
  const present = values.filter((v): v is string => v !== null && v.trim() !== '');
  if (present.length === 0) return 'text';
  if (present.every((v) => /^-?\d+$/.test(v.trim()))) return 'integer';
  if (present.every((v) => /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(v.trim()))) return 'decimal';
  return new Set(present).size <= 50 ? 'categorical' : 'text';
}

/** Reads a CSV and suggests a role for every column from a spread sample of at most 5,000 values. */
function suggestFile(url: URL, delimiter: string): Map<string, RoleSuggestion> {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(url, 'utf8'), { header: true, delimiter, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const rows = parsed.data.length;
  const step = Math.max(1, Math.floor(rows / 5000));
  const out = new Map<string, RoleSuggestion>();
  for (const name of parsed.meta.fields ?? []) {
    const all = parsed.data.map((r) => r[name] ?? '');
    const distinct = new Set(all.filter((v) => v !== '')).size;
    const values: (string | null)[] = [];
    for (let i = 0; i < rows && values.length < 5000; i += step) values.push(all[i] === '' ? null : (all[i] ?? null));
    out.set(name, columnRole({ name, kind: inferKind(all), values, rows, distinct }));
  }
  return out;
}

describe('columnRole on sdcMicro testdata and ARX adult', () => {
  it('sdcMicro testdata: weight, household, keys and sensitive variables, nothing direct', () => {
    const roles = suggestFile(new URL('../../../../shared/data/sdcmicro/testdata.csv', import.meta.url), ',');
    const role = (n: string): string | undefined => roles.get(n)?.role;
    expect(role('sampling_weight')).toBe('weight');
    expect(role('household_weights')).toBe('weight');
    expect(role('ori_hid')).toBe('household');
    for (const n of ['sex', 'age', 'urbrur']) expect({ n, role: role(n) }).toEqual({ n, role: 'key' });
    for (const n of ['income', 'expend', 'savings']) expect({ n, role: role(n) }).toEqual({ n, role: 'sensitive' });
    for (const [n, s] of roles) expect({ n, role: s.role }).not.toEqual({ n, role: 'direct' });
  });

  it('ARX adult: keys and the salary class, nothing direct', () => {
    const roles = suggestFile(new URL('../../../../shared/data/arx/adult.csv', import.meta.url), ';');
    const role = (n: string): string | undefined => roles.get(n)?.role;
    for (const n of ['sex', 'age', 'race', 'marital-status', 'education', 'native-country', 'workclass', 'occupation']) {
      expect({ n, role: role(n) }).toEqual({ n, role: 'key' });
    }
    expect(role('salary-class')).toBe('sensitive');
    for (const [n, s] of roles) expect({ n, role: s.role }).not.toEqual({ n, role: 'direct' });
  });
});
