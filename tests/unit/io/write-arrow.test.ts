import {
  Field,
  Int64,
  Int8,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableFromIPC,
  tableToIPC,
  Type,
  Uint32,
  Uint64,
  makeData,
  type Data,
  type Vector,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { createRunContext, readerFor, writeArrow } from '../../../src/engine/index.ts';
import { emptyBits, makeDataset, setBit, type ColumnInput, type Dataset } from '../../../src/engine/table/dataset.ts';
import { boolVector, dateDayVector, dictionaryVector, float64Vector, utf8Vector } from '../../../src/engine/table/vectors.ts';
import { readShared } from '../../helpers/data.ts';

const ROWS = 6;
const BIG = 2 ** 31;

function sample(): Dataset {
  const suppressed = emptyBits(ROWS);
  setBit(suppressed, 2);
  const columns: ColumnInput[] = [
    {
      meta: { name: 'age', kind: 'integer', role: 'key', label: 'Age in years', marks: { suppressed, changed: null } },
      vector: float64Vector(Float64Array.from([34, -7, NaN, 2147483647, -2147483648, NaN])),
    },
    { meta: { name: 'income', kind: 'integer', role: 'sensitive' }, vector: float64Vector(Float64Array.from([BIG, -BIG - 1, NaN, 2 ** 53 - 1, 0, -5])) },
    { meta: { name: 'weight', kind: 'decimal', role: 'weight' }, vector: float64Vector(Float64Array.from([1.5, 2, NaN, 0.25, 100, 3.75])) },
    {
      meta: { name: 'sex', kind: 'categorical', role: 'key', valueLabels: { '1': 'Male', '2': 'Female' } },
      vector: dictionaryVector(['1', '2'], Int32Array.from([0, 1, -1, 1, 0, 0])),
    },
    { meta: { name: 'note', kind: 'text', role: 'other' }, vector: utf8Vector(['a', null, 'ç', 'd e', '', 'f']) },
    { meta: { name: 'when', kind: 'date', role: 'other' }, vector: dateDayVector(Float64Array.from([0, 19723, NaN, -365, 1, 20000])) },
    { meta: { name: 'flag', kind: 'boolean', role: 'other' }, vector: boolVector(Int8Array.from([1, 0, -1, 1, 1, 0])) },
  ];
  return makeDataset(columns);
}

const values = (v: Vector) => Array.from({ length: v.length }, (_, i) => v.get(i) as unknown);
const nulls = (v: Vector) => Array.from({ length: v.length }, (_, i) => !v.isValid(i));
const columnOf = (ds: Dataset, name: string) => ds.table.getChild(name)!;

async function reopen(bytes: Uint8Array): Promise<Dataset> {
  const reader = readerFor('back.arrow', bytes);
  expect(reader.id).toBe('arrow');
  return (await reader.read([{ name: 'back.arrow', bytes }], {}, createRunContext())).dataset;
}

describe('writeArrow: the types written', () => {
  const ds = sample();
  const table = tableFromIPC(writeArrow(ds));
  const type = (name: string) => table.getChild(name)!.type as { typeId: Type; bitWidth?: number; isSigned?: boolean; unit?: number };

  it('writes integers as Int32 when they fit and Int64 when not, with their nulls', () => {
    expect(type('age')).toMatchObject({ typeId: Type.Int, bitWidth: 32, isSigned: true });
    const age = table.getChild('age')!;
    expect(values(age)).toEqual([34, -7, null, 2147483647, -2147483648, null]);
    expect(nulls(age)).toEqual([false, false, true, false, false, true]);
    expect(Array.from(age.data[0]!.values as Int32Array)).toEqual([34, -7, 0, 2147483647, -2147483648, 0]);

    expect(type('income')).toMatchObject({ typeId: Type.Int, bitWidth: 64, isSigned: true });
    const income = table.getChild('income')!;
    expect(values(income)).toEqual([BigInt(BIG), BigInt(-BIG - 1), null, BigInt(2 ** 53 - 1), 0n, -5n]);
    expect((income.data[0]!.values as BigInt64Array)[2]).toBe(0n);
  });

  it('keeps decimals Float64, dates in days, categories as dictionaries of UTF-8, text and booleans', () => {
    expect(type('weight')).toMatchObject({ typeId: Type.Float });
    expect(values(table.getChild('weight')!)).toEqual([1.5, 2, null, 0.25, 100, 3.75]);

    expect(type('when')).toMatchObject({ typeId: Type.Date, unit: 0 });
    expect(nulls(table.getChild('when')!)).toEqual([false, false, true, false, false, false]);
    expect(values(table.getChild('when')!)[1]).toBe(19723 * 86_400_000);

    const sex = table.getChild('sex')!;
    expect(sex.type.typeId).toBe(Type.Dictionary);
    expect((sex.type as { dictionary: { typeId: Type } }).dictionary.typeId).toBe(Type.Utf8);
    expect(values(sex)).toEqual(['1', '2', null, '2', '1', '1']);

    expect(type('note')).toMatchObject({ typeId: Type.Utf8 });
    expect(values(table.getChild('note')!)).toEqual(['a', null, 'ç', 'd e', '', 'f']);
    expect(type('flag')).toMatchObject({ typeId: Type.Bool });
    expect(values(table.getChild('flag')!)).toEqual([true, false, null, true, true, false]);
  });

  it('opens again through the arrow reader as the same dataset', async () => {
    const back = await reopen(writeArrow(ds));
    expect(back.columns).toEqual(ds.columns);
    for (const { name } of ds.columns) {
      expect(values(columnOf(back, name)), name).toEqual(values(columnOf(ds, name)));
      expect(nulls(columnOf(back, name)), name).toEqual(nulls(columnOf(ds, name)));
    }
  });

  it('keeps Float64 for an integer column with a value beyond 2^53 or one that is not whole', async () => {
    const odd = makeDataset([
      { meta: { name: 'huge', kind: 'integer', role: 'other' }, vector: float64Vector(Float64Array.from([1, 2 ** 60, NaN])) },
      { meta: { name: 'half', kind: 'integer', role: 'other' }, vector: float64Vector(Float64Array.from([1, 2.5, NaN])) },
    ]);
    const bytes = writeArrow(odd);
    const t = tableFromIPC(bytes);
    expect(t.getChild('huge')!.type.typeId).toBe(Type.Float);
    expect(t.getChild('half')!.type.typeId).toBe(Type.Float);
    const back = await reopen(bytes);
    expect(back.columns.map((c) => c.kind)).toEqual(['integer', 'integer']);
    expect(values(columnOf(back, 'huge'))).toEqual([1, 2 ** 60, null]);
  });

  it("writes sdcMicro testdata's integer columns as Int32 and opens it again unchanged", async () => {
    const testdata = await readShared('sdcmicro/testdata.csv');
    const integers = testdata.columns.filter((c) => c.kind === 'integer').map((c) => c.name);
    expect(integers).toEqual(expect.arrayContaining(['urbrur', 'roof', 'sex', 'age', 'expend', 'ori_hid']));
    const bytes = writeArrow(testdata);
    const t = tableFromIPC(bytes);
    for (const name of integers) expect(t.getChild(name)!.type, name).toMatchObject({ typeId: Type.Int, bitWidth: 32, isSigned: true });
    const back = await reopen(bytes);
    expect(back.columns).toEqual(testdata.columns);
    for (const name of integers) expect(values(columnOf(back, name)), name).toEqual(values(columnOf(testdata, name)));
  });

  it('narrows a column that is a slice of a longer one', () => {
    const whole = float64Vector(Float64Array.from([9, NaN, 1, NaN, 2, 3, NaN, 4, 5, NaN, 6, 2 ** 40]));
    for (const [start, end, bits] of [
      [3, 11, 32],
      [5, 12, 64],
    ] as const) {
      const part = whole.slice(start, end);
      const sliced = makeDataset([{ meta: { name: 'n', kind: 'integer', role: 'other' }, vector: part }]);
      const n = tableFromIPC(writeArrow(sliced)).getChild('n')!;
      expect(n.type).toMatchObject({ typeId: Type.Int, bitWidth: bits });
      expect(values(n).map((v) => (v === null ? null : Number(v)))).toEqual(values(part));
    }
  });

  it('narrows a 1,000,000-row integer column with its nulls', () => {
    const n = 1_000_000;
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = i % 97 === 0 ? NaN : (i * 7919) % 100_000;
    const big = makeDataset([{ meta: { name: 'n', kind: 'integer', role: 'other' }, vector: float64Vector(v) }]);
    const t = tableFromIPC(writeArrow(big));
    expect(t.getChild('n')!.type).toMatchObject({ typeId: Type.Int, bitWidth: 32 });
    expect(t.getChild('n')!.nullCount).toBe(Math.ceil(n / 97));
    expect(t.getChild('n')!.get(1)).toBe(7919);
  });
});

describe('readArrow: integer columns of other files', () => {
  const file = (data: Data) => {
    const field = new Field('x', data.type, true);
    const struct = makeData({ type: new Struct([field]), length: data.length, nullCount: 0, children: [data] });
    return tableToIPC(new Table([new RecordBatch(new Schema([field]), struct)]), 'file');
  };
  const bitmap = (valid: boolean[]) =>
    Uint8Array.from({ length: (valid.length + 7) >> 3 }, (_, b) => valid.reduce((m, v, i) => (v && i >> 3 === b ? m | (1 << (i & 7)) : m), 0));

  it('reads Int8, Uint32 and 64-bit integers as numbers, nulls kept', async () => {
    const int8 = makeData({ type: new Int8(), length: 3, nullCount: 1, nullBitmap: bitmap([true, false, true]), data: Int8Array.from([-128, 9, 127]) });
    expect(values(columnOf(await reopen(file(int8)), 'x'))).toEqual([-128, null, 127]);
    const uint32 = makeData({ type: new Uint32(), length: 2, nullCount: 0, data: Uint32Array.from([0, 4_000_000_000]) });
    expect(values(columnOf(await reopen(file(uint32)), 'x'))).toEqual([0, 4_000_000_000]);
    const safe = [-(2n ** 53n - 1n), 2n ** 53n - 1n, -1n, 0n, -(2n ** 32n), 2n ** 32n + 5n];
    const int64 = makeData({
      type: new Int64(),
      length: 7,
      nullCount: 1,
      nullBitmap: bitmap([...safe.map(() => true), false]),
      data: BigInt64Array.from([...safe, 7n]),
    });
    const back = await reopen(file(int64));
    expect(back.columns[0]!.kind).toBe('integer');
    expect(values(columnOf(back, 'x'))).toEqual([...safe.map(Number), null]);
    const uint64 = makeData({ type: new Uint64(), length: 2, nullCount: 0, data: BigUint64Array.from([2n ** 53n - 1n, 3n]) });
    expect(values(columnOf(await reopen(file(uint64)), 'x'))).toEqual([2 ** 53 - 1, 3]);
  });

  it('reads 64-bit integers beyond 2^53 as text, so no digit is lost', async () => {
    for (const big of [2n ** 53n, -(2n ** 53n), 2n ** 63n - 1n]) {
      const data = makeData({ type: new Int64(), length: 2, nullCount: 0, data: BigInt64Array.from([1n, big]) });
      const back = await reopen(file(data));
      expect(back.columns[0]!.kind).toBe('text');
      expect(values(columnOf(back, 'x'))).toEqual(['1', String(big)]);
    }
  });
});
