import { describe, expect, it } from 'vitest';
import { header, RECOGNISERS } from '../../../src/engine/identify/recognisers/index';
import { IDENTIFIER_KINDS } from '../../../src/engine/table/roles';

const EXAMPLES: Record<string, { value: string; header: string }> = {
  'nhs-number': { value: '943 476 5919', header: 'nhs_no' },
  'ni-number': { value: 'AB 12 34 56 C', header: 'NINO' },
  email: { value: 'will.iqbal@gmail.com', header: 'Email address' },
  'uk-postcode': { value: 'LS6 2AB', header: 'postcode' },
  phone: { value: '07700 900123', header: 'mobile' },
  'street-address': { value: '14 Acacia Avenue', header: 'address_line_1' },
  'person-name': { value: 'Will Iqbal', header: 'full_name' },
  'date-of-birth': { value: '12/03/1985', header: 'date_of_birth' },
  'postcode-district': { value: 'LS6', header: 'postcode_district' },
};

describe('the registry of recognisers', () => {
  it('holds one recogniser per kind, in the order column detection tries them', () => {
    expect(RECOGNISERS.map((r) => r.id)).toEqual([
      'nhs-number',
      'ni-number',
      'email',
      'uk-postcode',
      'phone',
      'street-address',
      'person-name',
      'date-of-birth',
      'postcode-district',
    ]);
    const directFirst = RECOGNISERS.map((r) => r.role);
    expect(directFirst.indexOf('key')).toBe(directFirst.length - 1);
  });

  it('uses the identifier kinds of table/roles.ts for direct identifiers', () => {
    for (const r of RECOGNISERS) {
      if (r.role === 'direct') expect(IDENTIFIER_KINDS).toContain(r.id);
    }
  });

  it('gives every recogniser its words and its sources', () => {
    for (const r of RECOGNISERS) {
      expect({ id: r.id, title: r.title.length > 0, plural: r.plural.length > r.title.length - 3 }).toEqual({ id: r.id, title: true, plural: true });
      expect(r.described).toMatch(/^(are|look like) /);
      expect(r.sources.length).toBeGreaterThan(0);
      expect(r.maxLength).toBeGreaterThanOrEqual(12);
    }
    expect(RECOGNISERS.find((r) => r.id === 'nhs-number')?.sources.join(' ')).toMatch(/NHS Data Dictionary/);
    expect(RECOGNISERS.find((r) => r.id === 'ni-number')?.sources.join(' ')).toMatch(/NIM39110/);
  });

  it('each recogniser passes its example value and header, and no other recogniser claims the header', () => {
    for (const r of RECOGNISERS) {
      const ex = EXAMPLES[r.id];
      expect(ex).toBeDefined();
      if (ex === undefined) continue;
      expect({ id: r.id, value: r.test(ex.value), header: r.headerHint(header(ex.header)) }).toEqual({ id: r.id, value: true, header: true });
      expect({ id: r.id, long: r.test(`${ex.value}${' x'.repeat(r.maxLength)}`) }).toEqual({ id: r.id, long: false });
    }
    for (const r of RECOGNISERS) {
      for (const [id, ex] of Object.entries(EXAMPLES)) {
        if (id === r.id || (r.id === 'uk-postcode' && id === 'postcode-district')) continue;
        expect({ recogniser: r.id, header: ex.header, hint: r.headerHint(header(ex.header)) }).toEqual({ recogniser: r.id, header: ex.header, hint: false });
      }
    }
  });

  it('rejects blanks and markers of a missing answer', () => {
    for (const r of RECOGNISERS) for (const v of ['', ' ', 'n/a', '-']) expect({ id: r.id, v, ok: r.test(v) }).toEqual({ id: r.id, v, ok: false });
  });
});
