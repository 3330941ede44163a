import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ageInYears, createRunContext, generalise, pseudonymise, splitPostcode, dropColumns } from '../../../src/engine/index.ts';
import { cellFormatter } from '../../../src/engine/table/cells.ts';
import type { Dataset } from '../../../src/engine/table/dataset.ts';
import { readShared, readText } from '../../helpers/data.ts';

const column = (ds: Dataset, name: string) => {
  const j = ds.columns.findIndex((c) => c.name === name);
  const f = cellFormatter(ds.table.getChildAt(j)!.data[0]!);
  return Array.from({ length: ds.table.numRows }, (_, i) => f(i));
};
const ctxWith = (key?: string) => ({ ...createRunContext(), secrets: (key === undefined ? {} : { key }) as Record<string, string> });
const reference = (key: string, value: string) => createHmac('sha256', Buffer.from(key, 'utf8')).update(value, 'utf8').digest('hex');

describe('pseudonymise', () => {
  it('gives the HMAC-SHA-256 that OpenSSL (node:crypto) gives, on the PII table', async () => {
    const ds = await readShared('pii/table_dev.csv');
    const key = 'correct horse battery staple £€';
    const before = column(ds, 'email');
    const { dataset, log } = await pseudonymise(ds, { columns: ['email'] }, ctxWith(key));
    const after = column(dataset, 'email');
    for (let i = 0; i < before.length; i++) expect(after[i]).toBe(before[i] === null ? null : reference(key, before[i]!));
    expect(log.counts.valuesPseudonymised).toBe(before.filter((v) => v !== null).length);
  });

  it('keeps missing as missing, and other columns untouched (shared, not copied)', async () => {
    const ds = await readText('name,age\nAnn,30\n,40\nAnn,50\n');
    const { dataset } = await pseudonymise(ds, { columns: ['name'] }, ctxWith('k'));
    const names = column(dataset, 'name');
    expect(names[1]).toBeNull();
    expect(names[0]).toBe(names[2]);
    expect(dataset.table.getChild('age')!.data[0]).toBe(ds.table.getChild('age')!.data[0]);
    expect(column(ds, 'name')).toEqual(['Ann', null, 'Ann']);
  });

  it('normalises and shortens when asked', async () => {
    const ds = await readText('e\n A@B.com\na@b.com \n');
    const { dataset } = await pseudonymise(ds, { columns: ['e'], normalise: 'trim-lowercase', length: 12 }, ctxWith('k'));
    const out = column(dataset, 'e');
    expect(out[0]).toBe(reference('k', 'a@b.com').slice(0, 12));
    expect(out[1]).toBe(out[0]);
  });

  it('refuses to run without a key', async () => {
    const ds = await readText('e\nx\n');
    await expect(pseudonymise(ds, { columns: ['e'] }, ctxWith())).rejects.toMatchObject({ code: 'KEY_REQUIRED' });
  });
});

describe('generalise', () => {
  it('splits UK postcodes whatever the case and spacing', () => {
    expect(splitPostcode('dl13 6sw')).toEqual({ outward: 'DL13', inward: '6SW' });
    expect(splitPostcode('EC1A1BB')).toEqual({ outward: 'EC1A', inward: '1BB' });
    expect(splitPostcode('not a postcode')).toBeNull();
  });

  it('turns postcodes into districts and sectors; an unreadable one stops the step, unless asked to make it missing', async () => {
    const ds = await readText('pc\nLS6 2AB\nls62ab\nSW1A 1AA\nnonsense\nNA\n');
    expect(() => generalise(ds, { column: 'pc', to: 'postcode-district' })).toThrow(
      /^1 value of "pc" cannot be read as UK postcodes \(for example "nonsense"\), so nothing was changed/,
    );
    const d = generalise(ds, { column: 'pc', to: 'postcode-district', unreadable: 'missing' });
    expect(column(d.dataset, 'pc')).toEqual(['LS6', 'LS6', 'SW1A', null, null]);
    expect(d.log.counts).toEqual({ valuesGeneralised: 3, valuesMadeMissing: 1 });
    expect(d.dataset.columns[0]!.marks!.suppressed).toEqual(new Uint8Array([0b1000]));
    expect(column(generalise(ds, { column: 'pc', to: 'postcode-sector', unreadable: 'missing' }).dataset, 'pc')).toEqual([
      'LS6 2',
      'LS6 2',
      'SW1A 1',
      null,
      null,
    ]);
  });

  it('turns dates of birth written in every accepted form into years: nothing becomes missing without a word', async () => {
    const forms = [
      '12 March 1985',
      '12 Mar 1985',
      'March 12, 1985',
      '12th of March 1985',
      '12-MAR-1985',
      '1985-03-12',
      '12/03/1985',
      '12.03.1985',
      '12-03-1985',
      '12/03/85',
    ];
    for (const form of forms) {
      // Each form alone in a column, read by the reader (which takes it for a date) and generalised.
      const ds = await readText(`dob,x\n"${form}",1\n"${form.replace('12', '14')}",2\n`);
      expect(ds.columns[0]!.kind, form).toBe('date');
      const { dataset, log } = generalise(ds, { column: 'dob', to: 'year' });
      expect(column(dataset, 'dob'), form).toEqual(['1985', '1985']);
      expect(log.counts.valuesMadeMissing).toBe(0);
    }
    // The same forms held as text (mixed with a value that is not a date) are read by the same parser.
    const mixed = await readText(`dob\n${forms.map((f) => `"${f}"`).join('\n')}\nunknown\n`);
    expect(mixed.columns[0]!.kind).not.toBe('date');
    expect(() => generalise(mixed, { column: 'dob', to: 'year' })).toThrow(/1 value of "dob" cannot be read as dates \(for example "unknown"\)/);
    const years = generalise(mixed, { column: 'dob', to: 'year', unreadable: 'missing' });
    expect(column(years.dataset, 'dob')).toEqual([...forms.map(() => '1985'), null]);
  });

  it('reads numeric dates of birth month first when the column says so, or when told', async () => {
    const ds = await readText('dob\n03/25/1985\n04/01/1990\n');
    expect(column(generalise(ds, { column: 'dob', to: 'age', asOf: '2026-01-01' }).dataset, 'dob')).toEqual(['40', '35']);
    // 03/04/1985 is 3 April read day first (the default), 4 March read month first.
    const dayFirst = await readText('dob\n03/04/1985\n');
    expect(column(generalise(dayFirst, { column: 'dob', to: 'age', asOf: '1986-03-10' }).dataset, 'dob')).toEqual(['0']);
    const monthFirst = await readText('dob\n03/04/1985\n', 'a.csv', { dateOrder: { dob: 'mdy' } });
    expect(column(generalise(monthFirst, { column: 'dob', to: 'age', asOf: '1986-03-10' }).dataset, 'dob')).toEqual(['1']);
  });

  it('turns dates of birth into years and ages at a given date', async () => {
    const ds = await readText('dob\n15/05/1994\n29/02/2000\n01/03/2000\n');
    expect(column(generalise(ds, { column: 'dob', to: 'year' }).dataset, 'dob')).toEqual(['1994', '2000', '2000']);
    const aged = generalise(ds, { column: 'dob', to: 'age', asOf: '2026-02-28' });
    expect(column(aged.dataset, 'dob')).toEqual(['31', '25', '25']);
    expect(aged.dataset.columns[0]!.kind).toBe('integer');
    expect(ageInYears(0, 365)).toBe(1);
    expect(() => generalise(ds, { column: 'dob', to: 'age' })).toThrow(/asOf/);
  });
});

describe('dropColumns', () => {
  it('removes the columns and shares the rest', async () => {
    const ds = await readText('a,b,c\n1,2,3\n');
    const { dataset } = dropColumns(ds, ['b']);
    expect(dataset.columns.map((c) => c.name)).toEqual(['a', 'c']);
    expect(dataset.table.getChild('c')!.data[0]).toBe(ds.table.getChild('c')!.data[0]);
    expect(() => dropColumns(ds, ['zz'])).toThrow(/no column named "zz"/);
  });
});
