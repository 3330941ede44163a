import { describe, expect, it } from 'vitest';
import { createRunContext, EngineError, readDelimited, type InputFile } from '../../../src/engine/index.ts';
import { cellFormatter } from '../../../src/engine/table/cells.ts';
import type { Dataset } from '../../../src/engine/table/dataset.ts';
import { readShared, readText, sharedBytes } from '../../helpers/data.ts';

const enc = new TextEncoder();
const file = (text: string | Uint8Array, name = 'data.csv'): InputFile => ({ name, bytes: typeof text === 'string' ? enc.encode(text) : text });
const read = (files: InputFile[], options = {}) => readDelimited(files, options, createRunContext());
const column = (ds: Dataset, name: string) => {
  const j = ds.columns.findIndex((c) => c.name === name);
  const f = cellFormatter(ds.table.getChildAt(j)!.data[0]!);
  return Array.from({ length: ds.table.numRows }, (_, i) => f(i));
};
const kinds = (ds: Dataset) => Object.fromEntries(ds.columns.map((c) => [c.name, c.kind]));

async function failure(files: InputFile[], options = {}): Promise<EngineError> {
  try {
    await read(files, options);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('expected the read to fail');
}

describe('readDelimited: types, missing values, delimiters', () => {
  it('infers integer, decimal, categorical, text, date and boolean columns', async () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `${i},${i + 0.5},${['a', 'b', 'c'][i % 3]},note number ${i} here,2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 2 === 0}`,
    );
    const ds = await readText(['n,x,cat,free,when,flag', ...rows].join('\n'));
    expect(kinds(ds)).toEqual({ n: 'integer', x: 'decimal', cat: 'categorical', free: 'text', when: 'date', flag: 'boolean' });
    expect(column(ds, 'when')[0]).toBe('2024-01-01');
  });

  it('reads dd/mm/yyyy dates and keeps leading-zero codes as text', async () => {
    const ds = await readText('dob,code\n15/05/1994,007\n1/2/2001,012\n');
    expect(kinds(ds).dob).toBe('date');
    expect(column(ds, 'dob')).toEqual(['1994-05-15', '2001-02-01']);
    expect(column(ds, 'code')).toEqual(['007', '012']);
  });

  it('turns empty cells and the missing codes into nulls', async () => {
    const ds = await readText('a,b\n1,x\n-9,.\n,NA\n3,y\n', 'm.csv', { missing: ['-9', '.', 'NA'] });
    expect(column(ds, 'a')).toEqual(['1', null, null, '3']);
    expect(column(ds, 'b')).toEqual(['x', null, null, 'y']);
    expect(kinds(ds).a).toBe('integer');
  });

  it('detects semicolons (ARX adult) and tabs', async () => {
    const adult = await readShared('arx/adult.csv');
    expect(adult.table.numRows).toBe(30162);
    expect(adult.columns.map((c) => c.name)).toEqual([
      'sex',
      'age',
      'race',
      'marital-status',
      'education',
      'native-country',
      'workclass',
      'occupation',
      'salary-class',
    ]);
    const tsv = await read([file('a\tb\n1\tx y\n2\tz\n', 'data.tsv')]);
    expect(tsv.files[0]!.delimiter).toBe('\t');
    expect(column(tsv.dataset, 'b')).toEqual(['x y', 'z']);
  });

  it('keeps quoted fields with delimiters, quotes and newlines', async () => {
    const ds = await readText('id,comment\n1,"Hello, world"\n2,"She said ""hi""\nthen left"\n');
    expect(column(ds, 'comment')).toEqual(['Hello, world', 'She said "hi"\nthen left']);
  });

  it('reads UTF-8 with a BOM, UTF-16 with a BOM, and falls back to Windows-1252', async () => {
    const bom = await read([file(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('name,town\nZoë,Cañada\n')]))]);
    expect(bom.dataset.columns[0]!.name).toBe('name');
    expect(column(bom.dataset, 'town')).toEqual(['Cañada']);
    expect(bom.files[0]!.encoding).toBe('utf-8');
    const cp1252 = await read([file(new Uint8Array([...enc.encode('name,price\nZo'), 0xeb, ...enc.encode(',5\nCaf'), 0xe9, ...enc.encode(',6\n')]))]);
    expect(cp1252.files[0]!.encoding).toBe('windows-1252');
    expect(column(cp1252.dataset, 'name')).toEqual(['Zoë', 'Café']);
    const text = 'a,b\n1,ü\n';
    const u16 = new Uint8Array(2 + text.length * 2);
    u16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) u16[2 + 2 * i] = text.charCodeAt(i);
    const utf16 = await read([file(u16)]);
    expect(utf16.files[0]!.encoding).toBe('utf-16le');
    expect(column(utf16.dataset, 'b')).toEqual(['ü']);
  });

  it('detects a missing header and numbers the columns', async () => {
    const r = await read([file('1,2,3\n4,5,6\n')]);
    expect(r.files[0]!.header).toBe(false);
    expect(r.dataset.columns.map((c) => c.name)).toEqual(['column_1', 'column_2', 'column_3']);
    expect(r.dataset.table.numRows).toBe(2);
  });

  it('keeps a header of numbers when the columns below it are data (sdcMicro casc1)', async () => {
    const ds = await readShared('sdcmicro/casc1.csv');
    expect(ds.columns.map((c) => c.name)).toEqual(['rowname', '1', '2', '3', '4', '5', '6', '7']);
    expect(ds.table.numRows).toBe(13);
  });

  it('reads CRLF line ends', async () => {
    const ds = await readText('a,b\r\n1,x\r\n2,y\r\n');
    expect(column(ds, 'b')).toEqual(['x', 'y']);
  });

  it('streams a large file in chunks with progress', async () => {
    const lines = ['id,group,value'];
    for (let i = 0; i < 300_000; i++) lines.push(`${i},g${i % 7},${(i * 0.37).toFixed(2)}`);
    const seen: number[] = [];
    const r = await readDelimited([file(lines.join('\n'))], {}, createRunContext({ onProgress: (p) => seen.push(p.done) }));
    expect(r.dataset.table.numRows).toBe(300_000);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(seen.reduce((a, b) => Math.max(a, b), 0));
  });

  it('stops at a checkpoint when cancelled, with an error that says so', async () => {
    const lines = ['id,v'];
    for (let i = 0; i < 400_000; i++) lines.push(`${i},${i}`);
    const signal = { aborted: false };
    const ctx = createRunContext({ signal, onProgress: () => (signal.aborted = true) });
    await expect(readDelimited([file(lines.join('\n'))], {}, ctx)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('readDelimited: several files', () => {
  it('appends files whose columns match by name, in any order, with a source column', async () => {
    const r = await read([file('a,b\n1,x\n2,y\n', 'one.csv'), file('b,a\nz,3\n', 'two.csv')]);
    expect(r.dataset.columns.map((c) => c.name)).toEqual(['a', 'b', 'source_file']);
    expect(column(r.dataset, 'a')).toEqual(['1', '2', '3']);
    expect(column(r.dataset, 'b')).toEqual(['x', 'y', 'z']);
    expect(column(r.dataset, 'source_file')).toEqual(['one.csv', 'one.csv', 'two.csv']);
  });

  it('names the columns that differ', async () => {
    const e = await failure([file('a,b,c\n1,2,3\n', 'one.csv'), file('a,b,d\n1,2,3\n', 'two.csv')]);
    expect(e.code).toBe('COLUMNS_DIFFER');
    expect(e.message).toContain('"c"');
    expect(e.message).toContain('"d"');
    expect(e.details).toMatchObject({ missing: ['c'], extra: ['d'] });
  });
});

describe('readDelimited: bad input gets a clear error', () => {
  it('an empty file', async () => {
    expect((await failure([file('')])).code).toBe('EMPTY_FILE');
    expect((await failure([file('\n\n  \n')])).code).toBe('EMPTY_FILE');
  });

  it('a header with no rows', async () => {
    const e = await failure([file('a,b,c\n', 'head.csv')]);
    expect(e.code).toBe('NO_ROWS');
    expect(e.message).toContain('head.csv');
  });

  it('ragged rows, naming the row', async () => {
    const e = await failure([file('a,b,c\n1,2,3\n4,5\n6,7,8\n', 'ragged.csv')]);
    expect(e.code).toBe('RAGGED_ROWS');
    expect(e.details.row).toBe(3);
    expect(e.message).toMatch(/Row 3 of "ragged.csv" has 2 fields, but the header has 3/);
  });

  it('an unterminated quote, naming the row', async () => {
    const e = await failure([file('a,b\n1,x\n2,"never closed\n3,y\n', 'quote.csv')]);
    expect(e.code).toBe('UNTERMINATED_QUOTE');
    expect(e.details.row).toBe(3);
  });

  it('a binary file', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0x21, 0x00, 0xff, 0x10]);
    expect((await failure([file(zip, 'data.xlsx')])).code).toBe('BINARY_FILE');
    const xls = sharedBytes('arx/test.xls');
    expect((await failure([file(xls, 'test.xls')])).code).toBe('BINARY_FILE');
  });

  it('duplicate and empty column names', async () => {
    const dup = await failure([file('a,b,a\n1,2,3\n')]);
    expect(dup.code).toBe('DUPLICATE_COLUMNS');
    expect(dup.message).toContain('"a"');
    const empty = await failure([file('a,,c\n1,2,3\n')]);
    expect(empty.code).toBe('EMPTY_COLUMN_NAME');
    expect(empty.details.column).toBe(2);
  });

  it('a file too large for memory', async () => {
    const e = await failure([file('a\n1\n', 'huge.csv')], { maxBytes: 3 });
    expect(e.code).toBe('FILE_TOO_LARGE');
    expect(e.message).toContain('huge.csv');
  });
});
