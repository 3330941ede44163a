import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { makeSampleCsv, REGION_POSTCODE_AREAS, SAMPLE_HEADER } from '../../scripts/make-sample.ts';

const HEADER =
  'person_id,hh_id,full_name,date_of_birth,address,postcode,ni_number,email,phone,age,sex,region,occupation,' +
  'ethnicity,marital_status,household_size,income,health_condition,weight';

/** UK postcode (full, with the space), the usual validation pattern. */
const POSTCODE = /^[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2}$/;
/** NI number: first letter not D F I Q U V; second not D F I O Q U V; six digits; suffix A-D. */
const NI = /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$/;
const NI_EXCLUDED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

const REGIONS = [
  'North East',
  'North West',
  'Yorkshire and The Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
  'Wales',
  'Scotland',
  'Northern Ireland',
];
const OCCUPATIONS = [
  'Managers, directors and senior officials',
  'Professional occupations',
  'Associate professional occupations',
  'Administrative and secretarial occupations',
  'Skilled trades occupations',
  'Caring, leisure and other service occupations',
  'Sales and customer service occupations',
  'Process, plant and machine operatives',
  'Elementary occupations',
  'Not in employment',
];
const ETHNICITIES = ['White', 'Asian', 'Black', 'Mixed', 'Other'];
const MARITAL = ['Single', 'Married or civil partnership', 'Divorced', 'Widowed', 'Separated'];

type Row = Record<string, string>;

function parse(csv: string): Row[] {
  const result = Papa.parse<Row>(csv, { header: true, skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

/** Completed years on 30 June 2026 for a dd/mm/yyyy date. */
function ageAtSurvey(dob: string): number {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(dob);
  if (!m) throw new Error(`bad date ${dob}`);
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  expect(date.getUTCDate()).toBe(d); // a real calendar date
  expect(date.getUTCMonth()).toBe(mo - 1);
  return 2026 - y - (mo > 6 || (mo === 6 && d > 30) ? 1 : 0);
}

describe('make-sample', () => {
  const csv = makeSampleCsv({ rows: 500, seed: 20261125 });
  const rows = parse(csv);

  it('is reproducible from its seed', () => {
    expect(makeSampleCsv({ rows: 500, seed: 20261125 })).toBe(csv);
    const other = makeSampleCsv({ rows: 500, seed: 7 });
    expect(other).not.toBe(csv);
    expect(other.split('\n')[1]).not.toBe(csv.split('\n')[1]);
  });

  it('has the exact header, "\\n" line ends and the asked number of rows', () => {
    expect(SAMPLE_HEADER.join(',')).toBe(HEADER);
    expect(csv.slice(0, csv.indexOf('\n'))).toBe(HEADER);
    expect(csv.endsWith('\n')).toBe(true);
    expect(csv).not.toContain('\r');
    expect(rows.length).toBe(500);
    expect(parse(makeSampleCsv({ rows: 1, seed: 1 })).length).toBe(1);
    expect(makeSampleCsv({ rows: 0, seed: 1 })).toBe(HEADER + '\n');
  });

  it('quotes only fields that need it', () => {
    for (const line of csv.split('\n').slice(1, -1)) {
      const quoted = line.match(/"[^"]*"/g) ?? [];
      for (const q of quoted) expect(q).toContain(',');
    }
    expect(csv).toContain('"Managers, directors and senior officials"');
  });

  it('keeps households together and household_size right', () => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.hh_id as string, (counts.get(r.hh_id as string) ?? 0) + 1);
    for (const r of rows) expect(Number(r.household_size)).toBe(counts.get(r.hh_id as string));
    for (const n of counts.values()) {
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(6);
    }
    // Members on consecutive rows, sharing address, postcode and region.
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as Row;
      const prev = rows[i - 1];
      if (prev && prev.hh_id === r.hh_id) {
        expect(r.address).toBe(prev.address);
        expect(r.postcode).toBe(prev.postcode);
        expect(r.region).toBe(prev.region);
      } else {
        expect(seen.has(r.hh_id as string)).toBe(false);
        seen.add(r.hh_id as string);
      }
    }
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(rows.length);
    expect(rows.every((r) => /^P\d{7}$/.test(r.person_id as string) && /^H\d{6}$/.test(r.hh_id as string))).toBe(true);
  });

  it('gives NI numbers to people aged 16+ only, all valid and distinct', () => {
    const nis: string[] = [];
    for (const r of rows) {
      const age = Number(r.age);
      if (age < 16) expect(r.ni_number).toBe('');
      else {
        const ni = r.ni_number as string;
        expect(ni).toMatch(NI);
        expect(NI_EXCLUDED_PREFIXES.has(ni.slice(0, 2))).toBe(false);
        nis.push(ni);
      }
    }
    expect(nis.length).toBeGreaterThan(250);
    expect(new Set(nis).size).toBe(nis.length);
  });

  it('has valid postcodes whose area belongs to the region', () => {
    for (const r of rows) {
      expect(r.postcode).toMatch(POSTCODE);
      const area = /^[A-Z]+/.exec(r.postcode as string)?.[0];
      expect(REGION_POSTCODE_AREAS[r.region as string]).toContain(area);
    }
  });

  it('has ages that agree with the dates of birth at 30/06/2026', () => {
    for (const r of rows) {
      const age = Number(r.age);
      expect(Number.isInteger(age)).toBe(true);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(95);
      expect(ageAtSurvey(r.date_of_birth as string)).toBe(age);
    }
  });

  it('uses only the documented categories and value ranges', () => {
    for (const r of rows) {
      const age = Number(r.age);
      expect(['Male', 'Female']).toContain(r.sex);
      expect(REGIONS).toContain(r.region);
      expect(OCCUPATIONS).toContain(r.occupation);
      expect(ETHNICITIES).toContain(r.ethnicity);
      expect(MARITAL).toContain(r.marital_status);
      expect(['None', 'Diabetes', 'Asthma', 'Depression', 'Heart disease', 'Cancer', 'Arthritis']).toContain(r.health_condition);
      expect(r.full_name).toMatch(/^[A-Z][a-z]+ [A-Z][A-Za-z']+$/);
      expect(r.address).toMatch(/^\d+ [A-Z][a-z]+ [A-Z][a-z]+$/);
      if (r.email) expect(r.email).toMatch(/^[a-z0-9._]+@[a-z.]+\.(com|net|org)$/);
      if (r.phone) expect(r.phone).toMatch(/^(\+44 ?|0)\d[\d ]{8,12}\d$/);
      expect(r.weight).toMatch(/^\d+\.\d{2}$/);
      const w = Number(r.weight);
      expect(w).toBeGreaterThanOrEqual(100);
      expect(w).toBeLessThanOrEqual(2000);
      if (age < 16) {
        expect(r.income).toBe('');
        expect(r.marital_status).toBe('Single');
        expect(r.occupation).toBe('Not in employment');
      } else {
        expect(r.income).toMatch(/^(-9|\d+)$/);
      }
      if (age < 11) expect(r.phone).toBe('');
    }
    // Some blanks and some missing codes are there to exercise the tool.
    expect(rows.some((r) => r.email === '')).toBe(true);
    expect(rows.some((r) => r.phone === '' && Number(r.age) >= 16)).toBe(true);
    expect(parse(makeSampleCsv({ rows: 5000, seed: 20261125 })).some((r) => r.income === '-9')).toBe(true);
  });

  it('keeps couples and children consistent', () => {
    const byHh = new Map<string, Row[]>();
    for (const r of rows) {
      const list = byHh.get(r.hh_id as string) ?? [];
      list.push(r);
      byHh.set(r.hh_id as string, list);
    }
    let couples = 0;
    for (const members of byHh.values()) {
      const married = members.filter((m) => m.marital_status === 'Married or civil partnership');
      expect(married.length).toBeLessThanOrEqual(2);
      if (married.length === 2) {
        couples++;
        // The married pair are the first two members (the household's couple).
        expect(members.indexOf(married[0] as Row)).toBe(0);
        expect(members.indexOf(married[1] as Row)).toBe(1);
      }
      // A household is one or two adults, then children at least 16 years younger than the first adult.
      const first = Number((members[0] as Row).age);
      expect(first).toBeGreaterThanOrEqual(18);
      for (const m of members.slice(2)) expect(Number(m.age)).toBeLessThanOrEqual(first - 16);
    }
    expect(couples).toBeGreaterThan(20);
  });
});
