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
const ctxWith = (key?: string) => ({ ...createRunContext(), secrets: key === undefined ? {} : { key } });
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

  it('turns postcodes into districts and sectors, unreadable ones into missing', async () => {
    const ds = await readText('pc\nLS6 2AB\nls62ab\nSW1A 1AA\nnonsense\nNA\n');
    const d = generalise(ds, { column: 'pc', to: 'postcode-district' });
    expect(column(d.dataset, 'pc')).toEqual(['LS6', 'LS6', 'SW1A', null, null]);
    expect(d.log.counts).toEqual({ valuesGeneralised: 3, valuesMadeMissing: 1 });
    expect(column(generalise(ds, { column: 'pc', to: 'postcode-sector' }).dataset, 'pc')).toEqual(['LS6 2', 'LS6 2', 'SW1A 1', null, null]);
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
