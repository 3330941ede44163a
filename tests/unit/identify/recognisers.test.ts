import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECOGNISERS } from '../../../src/engine/identify/recognisers/index';
import { isEmail } from '../../../src/engine/identify/recognisers/email';
import { isNhsNumber, nhsCheckDigitOk } from '../../../src/engine/identify/recognisers/nhs-number';
import { isNiNumber } from '../../../src/engine/identify/recognisers/ni-number';
import { looksLikePersonName, personNameShape } from '../../../src/engine/identify/recognisers/person-name';
import { isUkPostcodeDistrict } from '../../../src/engine/identify/recognisers/postcode-district';
import { looksLikeStreetAddress } from '../../../src/engine/identify/recognisers/street-address';
import { isUkPhone, normaliseUkPhone } from '../../../src/engine/identify/recognisers/uk-phone';
import { isUkPostcode } from '../../../src/engine/identify/recognisers/uk-postcode';
import { isMissingMarker } from '../../../src/engine/identify/validators';

function nhsCheck(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const c = 11 - (sum % 11);
  return c === 11 ? 0 : c;
}

describe('isNhsNumber', () => {
  it('accepts valid numbers written compact, spaced 3-3-4 or dashed', () => {
    for (const v of ['9434765919', '943 476 5919', '943-476-5919', '4010232137', '485 777 3457', '999 999 9999', ' 4000000012 ']) {
      expect({ v, ok: isNhsNumber(v) }).toEqual({ v, ok: true });
    }
  });

  it('rejects bad check digits, check digit 10, wrong lengths and mixed separators', () => {
    for (const v of [
      '9434765918', // digit 10 wrong
      '943 476 5910',
      '9990000000', // check would be 10: never valid
      '1234567890',
      '123 456 7891',
      '943476591', // nine digits
      '94347659190', // eleven
      '943 4765919', // mixed grouping
      '943-476 5919',
      '94 34 76 59 19',
      'NHS9434765919',
      '',
    ]) {
      expect({ v, ok: isNhsNumber(v) }).toEqual({ v, ok: false });
    }
  });

  it('passes exactly when the computed check digit is appended (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{9}$/), fc.integer({ min: 0, max: 9 }), (nine, d) => {
        const c = nhsCheck(nine);
        expect(nhsCheckDigitOk(nine + String(d))).toBe(c !== 10 && c === d);
      }),
    );
  });

  it('about one random 10-digit product code in eleven passes by chance', () => {
    let x = 12345;
    let pass = 0;
    const n = 11000;
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const code = String(1_000_000_000 + (x % 9_000_000_000)).padStart(10, '0');
      if (isNhsNumber(code)) pass++;
    }
    expect(pass / n).toBeGreaterThan(0.06);
    expect(pass / n).toBeLessThan(0.12);
  });
});

describe('isNiNumber', () => {
  it('accepts valid NINOs in any spacing and case', () => {
    for (const v of ['AB 12 34 56 C', 'AB123456C', 'AB 123456 C', 'ab123456c', 'YR322150B', 'JX155555D', 'LL 089490 A', 'ZK555086B', 'OA123456A']) {
      expect({ v, ok: isNiNumber(v) }).toEqual({ v, ok: true });
    }
  });

  it('rejects excluded prefix letters, unallocated prefixes and bad suffixes (HMRC NIM39110)', () => {
    for (const v of [
      'QQ 12 34 56 C', // the form's example
      'DA123456A', // first letter D
      'FA123456A',
      'IA123456A',
      'UA123456A',
      'VA123456A',
      'AD123456A', // second letter D
      'AO123456A', // second letter O
      'AQ123456A',
      'OO123456A',
      'BG123456A', // unallocated pairs
      'GB123456A',
      'KN123456A',
      'NK123456A',
      'NT123456A',
      'TN123456A',
      'ZZ123456A',
      'AB123456E', // suffix not A-D
      'AB123456', // no suffix
      'AB12345C', // five digits
      'AB1234567C',
      'AB-12-34-56-C',
    ]) {
      expect({ v, ok: isNiNumber(v) }).toEqual({ v, ok: false });
    }
  });
});

describe('isUkPostcode', () => {
  it('accepts full unit postcodes of every outward shape, any case, with or without the space', () => {
    for (const v of [
      'M1 1AE',
      'B55 7XW',
      'LS6 2AB',
      'DL13 6SW',
      'W1G 0ND',
      'EC1A 1BB',
      'SW1A 1AA',
      'dl13 6sw',
      'CR62UR',
      'rg230nh',
      'GIR 0AA',
      'LS6\u00a02AB',
    ]) {
      expect({ v, ok: isUkPostcode(v) }).toEqual({ v, ok: true });
    }
  });

  it('rejects codes that break the letter classes, partial postcodes and look-alikes', () => {
    for (const v of [
      'AB12 3CD', // inward letter C
      'LS6 2AM', // inward letter M
      'LS6 2IA',
      'QA1 1AA', // first letter Q
      'VA1 1AA',
      'XA1 1AA',
      'AI1 1AA', // second letter I
      'AJ1 1AA',
      'ZZ99 3WZ', // second letter Z (no fixed abode pseudo-postcode)
      'SW1C 1AA', // 4th letter of AA9A not allowed
      'W1L 1AA', // 3rd letter of A9A not allowed
      'LS123 4AB', // three-digit district
      'LS6', // district only
      'SP1 5', // sector only
      'LS6  2AB 1',
      'E12000001',
      '',
    ]) {
      expect({ v, ok: isUkPostcode(v) }).toEqual({ v, ok: false });
    }
  });

  it('recognises postcode districts and sectors separately', () => {
    for (const v of ['LS6', 'DL13', 'SW1A', 'w1g', 'SP1 5']) expect(isUkPostcodeDistrict(v)).toBe(true);
    for (const v of ['LS6 2AB', 'E12000001', 'QA1', 'LS123']) expect(isUkPostcodeDistrict(v)).toBe(false);
  });
});

describe('isEmail', () => {
  it('accepts personal addresses, including plus-addressing', () => {
    for (const v of ['will.iqbal@gmail.com', 'laura.wisniewski+nhs@students.leeds.ac.uk', 'Zoe.Zhang@outlook.co.uk', 'a_b%c@x-y.org']) {
      expect({ v, ok: isEmail(v) }).toEqual({ v, ok: true });
    }
  });

  it('rejects handles, URLs and malformed addresses', () => {
    for (const v of [
      '@LeedsCC',
      'www.gov.uk',
      'https://www.gov.uk',
      'foo@bar',
      'foo@@bar.com',
      'foo bar@x.com',
      'a@b.c1',
      'foo@-bar.com',
      'foo@bar..com',
      'n/a',
    ]) {
      expect({ v, ok: isEmail(v) }).toEqual({ v, ok: false });
    }
  });
});

describe('isUkPhone', () => {
  it('accepts UK mobiles and geographic numbers in the usual ways of writing them', () => {
    for (const v of [
      '07700 900123',
      '07700900123',
      '07700-900123',
      '+44 7700 900123',
      '+447700900123',
      '+44 (0)7700 900123',
      '(07700) 900123',
      '020 7946 0123',
      '(0113) 496 0123',
      '0113-496-0123',
      '01904 612345',
      '+44 (0)20 7946 0123',
      '0044 20 7946 0123',
      '+44 1752 800 389',
    ]) {
      expect({ v, ok: isUkPhone(v) }).toEqual({ v, ok: true });
    }
    expect(normaliseUkPhone('+44 (0)20 7946 0123')).toBe('02079460123');
  });

  it('rejects organisation, pager, personal and short numbers and wrong lengths', () => {
    for (const v of [
      '0800 123 4567', // 08 freephone (organisation)
      '0300 123 4567', // 03 (organisation)
      '0845 123 4567',
      '07600 900123', // 076 pagers
      '07000 900123', // 070 personal numbering
      '07700 90012', // 10 digits
      '07700 9001234', // 12 digits
      '999',
      '111',
      '101',
      '+1 212 555 0123',
      '+44 800 123 4567',
      '5158955779', // a product code
      '(07700 900123',
      '07700 900123 ext 4',
    ]) {
      expect({ v, ok: isUkPhone(v) }).toEqual({ v, ok: false });
    }
  });
});

describe('looksLikePersonName', () => {
  it('accepts names, titles, initials and LAST, First', () => {
    for (const v of [
      'Will Iqbal',
      'Hannah Llewellyn',
      'Chloë Roberts',
      'Łukasz Brown',
      'SINGH, Vikram',
      'ZHANG, Zoë',
      'Dr. Evans',
      'Mr V. Okafor',
      'J. Smith',
      "Zoë O'Brien",
      'Ana da Silva',
      'Rhys ap Gwyn',
      'Ó Súilleabháin',
      'Sister Ward',
      'Mary-Jane Smith-Jones',
    ]) {
      expect({ v, ok: looksLikePersonName(v) }).toEqual({ v, ok: true });
    }
    expect(personNameShape('SINGH, Vikram')).toEqual({ words: 2, titled: false, inverted: true });
    expect(personNameShape('Dr. Evans')).toEqual({ words: 1, titled: true, inverted: false });
  });

  it('rejects codes, streets, organisations, category answers and sentences', () => {
    for (const v of [
      'R100324',
      'Acacia Avenue',
      'St Thomas Hospital',
      'Leeds City Council',
      'Yes',
      'Male',
      'Retired',
      'Mr',
      'thanks for asking',
      'One Two Three Four Five',
      '14 Mill Lane',
      'A B C D E',
      'n/a',
    ]) {
      expect({ v, ok: looksLikePersonName(v) }).toEqual({ v, ok: false });
    }
  });

  it('accepts lower-case names only when asked to', () => {
    expect(looksLikePersonName('will iqbal')).toBe(false);
    expect(looksLikePersonName('will iqbal', { allowLowerCase: true })).toBe(true);
  });
});

describe('looksLikeStreetAddress', () => {
  it('accepts a house number or name with a street', () => {
    for (const v of [
      '14 Acacia Avenue',
      '14a Church Street',
      '34-36 Albert Terrace',
      'Flat 3, 22 Mill Lane',
      'Flat 21, 77 Elm Grove',
      'Flat 2B Victoria House, Station Road',
      'Flat 8C Mill Court, Ivy Lane',
      'Apartment 4, 12 Canal Side',
      'Rose Cottage, Green Lane',
      'Tŷ Gwyn, Hawthorn Rise',
      'the old rectory, ffordd las',
      '50 The Crescent',
      '12 Heol y Felin',
      '3 Mount Pleasant',
      '12 Brookside',
      "9a St John's Road",
      '14 Acacia Avenue, Leeds LS6 2AB',
      '14\u00a0Acacia Avenue',
    ]) {
      expect({ v, ok: looksLikeStreetAddress(v) }).toEqual({ v, ok: true });
    }
  });

  it('rejects bare street names, quantities, road numbers and sentences', () => {
    for (const v of [
      'Mill Lane',
      'Acacia Avenue',
      '12 months',
      '3 times a week',
      'M62',
      'A1(M)',
      'To be frank, the service has got worse.',
      'Write to Ewa Smith, 52 Canal Side, Norwich NR12 7XW. They took the payment without asking.',
      'Will Iqbal',
      '',
    ]) {
      expect({ v, ok: looksLikeStreetAddress(v) }).toEqual({ v, ok: false });
    }
  });
});

describe('isMissingMarker', () => {
  it('treats blanks and no-answer markers as missing', () => {
    for (const v of [null, '', '  ', '-', 'n/a', 'N/A', 'refused', 'Refused', 'unknown']) expect(isMissingMarker(v)).toBe(true);
    for (const v of ['0', 'no', 'Will Iqbal', 'LS6 2AB']) expect(isMissingMarker(v)).toBe(false);
  });
});

describe('performance', () => {
  it('stays fast on long and adversarial inputs', () => {
    const nasty = ['a'.repeat(50_000) + '!', `${'1 '.repeat(20_000)}x`, `${'a@'.repeat(10_000)}`, `${'Aa '.repeat(10_000)}`, `${'1-'.repeat(10_000)}`];
    const t0 = performance.now();
    for (const v of nasty) {
      isEmail(v);
      isUkPhone(v);
      isUkPostcode(v);
      isNiNumber(v);
      isNhsNumber(v);
      looksLikePersonName(v);
      looksLikeStreetAddress(v);
      for (const r of RECOGNISERS) r.test(v);
    }
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
