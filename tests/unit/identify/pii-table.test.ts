import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { columnRole, type ColumnRoleInput } from '../../../src/engine/identify/column-role';
import { isFullDate } from '../../../src/engine/identify/recognisers/date-of-birth';
import { isEmail } from '../../../src/engine/identify/recognisers/email';
import { isNhsNumber } from '../../../src/engine/identify/recognisers/nhs-number';
import { isNiNumber } from '../../../src/engine/identify/recognisers/ni-number';
import { looksLikePersonName } from '../../../src/engine/identify/recognisers/person-name';
import { isUkPostcodeDistrict } from '../../../src/engine/identify/recognisers/postcode-district';
import { looksLikeStreetAddress } from '../../../src/engine/identify/recognisers/street-address';
import { isUkPhone } from '../../../src/engine/identify/recognisers/uk-phone';
import { isUkPostcode } from '../../../src/engine/identify/recognisers/uk-postcode';
import type { ColumnKind, RoleSuggestion } from '../../../src/engine/table/roles';

// The labelled PII table of the shared data (see /work/shared/data/pii/README.md):
// every column marked `direct_identifier: true` must be suggested as `direct`, and
// no other column may be.

const CSV_URL = new URL('../../../../shared/data/pii/table_dev.csv', import.meta.url);
const COLUMNS_URL = new URL('../../../../shared/data/pii/table_dev.columns.json', import.meta.url);
const TEXT_URL = new URL('../../../../shared/data/pii/text_dev.jsonl', import.meta.url);

interface GoldColumn {
  name: string;
  direct_identifier: boolean;
  kind: string | string[] | null;
  role: string;
  note?: string;
}

/** A rough storage-kind guess, as the profiler would make it. */
function inferKind(values: readonly (string | null)[]): ColumnKind {
  const present = values.filter((v): v is string => v !== null && v.trim() !== '');
  if (present.length === 0) return 'text';
  if (present.every((v) => /^-?\d+$/.test(v.trim()))) return 'integer';
  if (present.every((v) => /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(v.trim()))) return 'decimal';
  if (present.every((v) => /^\d{4}-\d{2}-\d{2}$|^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v.trim()))) return 'date';
  const distinct = new Set(present).size;
  return distinct <= 50 ? 'categorical' : 'text';
}

function columnInput(name: string, raw: readonly string[]): ColumnRoleInput {
  const values = raw.map((v) => (v.trim() === '' ? null : v));
  const distinct = new Set(values.filter((v): v is string => v !== null)).size;
  return { name, kind: inferKind(values), values, rows: values.length, distinct };
}

describe('columnRole on the labelled PII table (table_dev.csv)', () => {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(CSV_URL, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  const gold = (JSON.parse(readFileSync(COLUMNS_URL, 'utf8')) as { columns: GoldColumn[] }).columns;
  const fields = parsed.meta.fields ?? [];

  const results = gold.map((g) => {
    const raw = parsed.data.map((row) => row[g.name] ?? '');
    const suggestion: RoleSuggestion = columnRole(columnInput(g.name, raw));
    return { gold: g, suggestion };
  });

  it('reads every labelled column', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.length).toBe(2000);
    expect(fields).toEqual(gold.map((g) => g.name));
  });

  it('calls exactly the labelled direct identifiers direct', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    const lines: string[] = [];
    for (const { gold: g, suggestion: s } of results) {
      const predicted = s.role === 'direct';
      if (predicted && g.direct_identifier) tp++;
      else if (predicted) fp++;
      else if (g.direct_identifier) fn++;
      else tn++;
      const mark = predicted === g.direct_identifier ? 'ok  ' : 'MISS';
      lines.push(`${mark} ${g.name.padEnd(18)} gold=${g.direct_identifier ? 'direct' : 'not   '} got=${s.role.padEnd(9)} ${s.identifier ?? ''} | ${s.reason}`);
    }
    console.log(
      [
        'table_dev.csv direct-identifier confusion:',
        `  true positives ${tp}, false positives ${fp}, false negatives ${fn}, true negatives ${tn}`,
        ...lines,
      ].join('\n'),
    );
    for (const { gold: g, suggestion: s } of results) {
      expect({ column: g.name, direct: s.role === 'direct' }).toEqual({ column: g.name, direct: g.direct_identifier });
    }
    expect(fp).toBe(0);
    expect(fn).toBe(0);
  });

  it('names the right kind of identifier', () => {
    const expected: Record<string, string> = {
      PERSON: 'person-name',
      EMAIL: 'email',
      PHONE_UK: 'phone',
      NHS_NUMBER: 'nhs-number',
      DATE_OF_BIRTH: 'date-of-birth',
      STREET_ADDRESS: 'street-address',
      UK_POSTCODE: 'uk-postcode',
      UK_NINO: 'ni-number',
    };
    for (const { gold: g, suggestion: s } of results) {
      if (!g.direct_identifier || typeof g.kind !== 'string') continue;
      expect({ column: g.name, identifier: s.identifier }).toEqual({ column: g.name, identifier: expected[g.kind] });
    }
  });

  it('gives sensible roles to the non-identifiers', () => {
    const role = (name: string): string | undefined => results.find((r) => r.gold.name === name)?.suggestion.role;
    expect(role('age')).toBe('key');
    expect(role('sex')).toBe('key');
    expect(role('postcode_district')).toBe('key');
    expect(role('region_code')).toBe('key');
    expect(role('household_income')).toBe('sensitive');
    for (const name of ['resp_id', 'product_code', 'case_ref', 'visit_date', 'satisfaction', 'comment']) {
      expect({ name, role: role(name) }).toEqual({ name, role: 'other' });
    }
    const resp = results.find((r) => r.gold.name === 'resp_id')?.suggestion;
    expect(resp?.reason).toMatch(/different/);
    expect(resp?.identifier).toBeUndefined();
  });

  it('judges the product codes by the share of passing values, not by one', () => {
    const product = results.find((r) => r.gold.name === 'product_code');
    expect(product?.suggestion.role).not.toBe('direct');
    // Yet some product codes do pass the check digit by chance (about 1 in 11).
    const raw = parsed.data.map((row) => row.product_code ?? '');
    const share = raw.filter((v) => isNhsNumber(v)).length / raw.length;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.15);
  });

  it('still recognises the identifier columns from a sample and under neutral headers', () => {
    for (const { gold: g } of results) {
      if (!g.direct_identifier) continue;
      const raw = parsed.data.map((row) => row[g.name] ?? '');
      const sample = raw.filter((_, i) => i % 4 === 0);
      const input = columnInput(`col_${g.name.length}`, sample);
      const s = columnRole({ ...input, rows: raw.length, distinct: input.distinct * 4 });
      expect({ column: g.name, role: s.role }).toEqual({ column: g.name, role: 'direct' });
    }
  });
});

describe('validators agree with the labelled spans and hard negatives of text_dev.jsonl', () => {
  const records = readFileSync(TEXT_URL, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { spans: { label: string; value: string }[]; hard_negatives: { kind: string; value: string }[] });
  const byLabel = new Map<string, string[]>();
  for (const r of records) {
    for (const x of r.spans) byLabel.set(x.label, [...(byLabel.get(x.label) ?? []), x.value]);
    for (const x of r.hard_negatives) byLabel.set(x.kind, [...(byLabel.get(x.kind) ?? []), x.value]);
  }
  const cases: [string, (v: string) => boolean][] = [
    ['NHS_NUMBER', isNhsNumber],
    ['UK_NINO', isNiNumber],
    ['UK_POSTCODE', isUkPostcode],
    ['EMAIL', isEmail],
    ['PHONE_UK', isUkPhone],
    ['STREET_ADDRESS', looksLikeStreetAddress],
    ['DATE_OF_BIRTH', isFullDate],
    ['NHS_BAD_CHECKSUM', (v) => !isNhsNumber(v)],
    ['NINO_BAD_PREFIX', (v) => !isNiNumber(v)],
    ['NINO_BAD_SUFFIX', (v) => !isNiNumber(v)],
    ['NINO_EXAMPLE', (v) => !isNiNumber(v)],
    ['POSTCODE_INVALID', (v) => !isUkPostcode(v)],
    ['POSTCODE_DISTRICT_ONLY', (v) => !isUkPostcode(v) && isUkPostcodeDistrict(v)],
    ['POSTCODE_SECTOR_ONLY', (v) => !isUkPostcode(v) && isUkPostcodeDistrict(v)],
    ['NON_GEOGRAPHIC_ORG_PHONE', (v) => !isUkPhone(v)],
    ['SHORT_SERVICE_NUMBER', (v) => !isUkPhone(v)],
    ['BARE_STREET_NAME', (v) => !looksLikeStreetAddress(v)],
    ['ORG_SOCIAL_HANDLE', (v) => !isEmail(v)],
    ['URL', (v) => !isEmail(v)],
    ['YEAR_OF_BIRTH_ONLY', (v) => !isFullDate(v)],
  ];
  for (const [label, ok] of cases) {
    it(`${label}: every value is judged as the gold says`, () => {
      const values = byLabel.get(label) ?? [];
      expect(values.length).toBeGreaterThan(0);
      expect(values.filter((v) => !ok(v))).toEqual([]);
    });
  }

  it('PERSON: nearly all gold names have the shape of a name (lower-case ones when allowed)', () => {
    const values = byLabel.get('PERSON') ?? [];
    const share = values.filter((v) => looksLikePersonName(v, { allowLowerCase: true })).length / values.length;
    expect(share).toBeGreaterThan(0.95);
  });
});
