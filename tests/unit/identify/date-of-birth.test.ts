import { describe, expect, it } from 'vitest';
import { columnRole } from '../../../src/engine/identify/column-role';
import { birthYear, dateOfBirth, isFullDate } from '../../../src/engine/identify/recognisers/date-of-birth';
import { dayNumber, detectDateOrder, parseDate } from '../../../src/engine/table/dates';

const MARCH_12 = dayNumber(1985, 3, 12);

function suggestDates(name: string, values: readonly string[]) {
  return columnRole({ name, kind: 'text', values, rows: values.length, distinct: new Set(values).size });
}

describe('date-of-birth recogniser: one value, read by parseDate', () => {
  it('reads the usual full-date formats', () => {
    for (const v of [
      '12/03/1985',
      '12-03-1985',
      '12.03.1985',
      '12/03/85',
      '12 March 1985',
      '12th March 1985',
      '12th of March 1985',
      '12 Mar 1985',
      'March 12, 1985',
      'march 12 1985',
      '1985-03-12',
      '1985-03-12T00:00:00Z',
      '1985-03-12 00:00',
      '12-MAR-1985',
      '12\u00a0March 1985',
    ]) {
      expect({ v, ok: isFullDate(v), year: birthYear(v, 'dmy') }).toEqual({ v, ok: true, year: 1985 });
      expect({ v, day: parseDate(v.replace('\u00a0', ' ')) }).toEqual({ v, day: MARCH_12 });
    }
    expect(parseDate('3/4/1985')).toBe(dayNumber(1985, 4, 3));
    expect(parseDate('29/02/1984')).toBe(dayNumber(1984, 2, 29));
    expect(parseDate('01/01/05')).toBe(dayNumber(2005, 1, 1));
    expect(dateOfBirth.test('3/4/1985')).toBe(true);
  });

  it('reads a value that can only be month first month first, as the old per-value fallback did', () => {
    expect(detectDateOrder(['03/25/1985']).order).toBe('mdy');
    expect(parseDate('03/25/1985', { order: 'mdy' })).toBe(dayNumber(1985, 3, 25));
    expect(Number.isNaN(parseDate('03/25/1985', { order: 'dmy' }))).toBe(true);
    expect(isFullDate('03/25/1985')).toBe(true);
  });

  it('rejects impossible dates, years alone and other text', () => {
    for (const v of [
      '31/04/1985',
      '29/02/1985',
      '32/01/1985',
      '13/13/1985',
      '1985',
      'born in 1962',
      'March 1985',
      '12 Smarch 1985',
      '12/03',
      '2024-13-01',
      'n/a',
    ]) {
      expect({ v, ok: isFullDate(v) }).toEqual({ v, ok: false });
      expect({ v, dmy: parseDate(v, { order: 'dmy' }), mdy: parseDate(v, { order: 'mdy' }) }).toEqual({ v, dmy: NaN, mdy: NaN });
    }
  });

  it('rejects a time of day other than midnight, which would be lost', () => {
    for (const v of ['1985-03-12T10:30:00', '1985-03-12 14:05', '1985-03-12T00:00:01Z']) {
      expect({ v, ok: isFullDate(v) }).toEqual({ v, ok: false });
    }
  });

  it('counts only years 1850 to 2100 as possible dates of birth', () => {
    expect(parseDate('12/03/1849')).toBe(dayNumber(1849, 3, 12));
    expect(isFullDate('12/03/1849')).toBe(false);
    expect(isFullDate('12/03/1850')).toBe(true);
    expect(isFullDate('12/03/2100')).toBe(true);
    expect(isFullDate('12/03/2101')).toBe(false);
  });
});

describe('date-of-birth recogniser: a column, read in one day-month order', () => {
  const monthFirst = Array.from({ length: 200 }, (_, i) => {
    const m = 1 + (i % 12);
    const d = 1 + ((i * 7) % 28);
    return `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${1935 + ((i * 13) % 70)}`;
  });

  it('recognises dates of birth written month first', () => {
    expect(detectDateOrder(monthFirst).order).toBe('mdy');
    const s = suggestDates('d1', monthFirst);
    expect(s.identifier).toBe('date-of-birth');
    expect(s.reason).toMatch(/^100% of 200 non-blank values are full dates spread from 19\d\d to 20\d\d/);
  });

  it('does not read one column both ways: with day-first and month-first values, only the day-first ones are dates', () => {
    const dayFirst = ['25/03/1985', '14/07/1962', '30/11/1979', '13/01/2001', '21/06/1950'];
    const mixed = [...dayFirst, '03/25/1985', '07/14/1962', '11/30/1979', '01/13/2001', '06/21/1950'];
    expect(detectDateOrder(mixed)).toMatchObject({ order: 'dmy', conflicting: true });
    expect(suggestDates('dob', dayFirst).identifier).toBe('date-of-birth');
    const s = suggestDates('dob', mixed);
    expect(s.role).toBe('key');
    expect(s.reason).toMatch(/few values are full dates/);
  });
});
