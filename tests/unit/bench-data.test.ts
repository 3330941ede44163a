import { describe, expect, it } from 'vitest';
import { benchDataCsv, benchU, lowbias32, makeBenchData } from '../../scripts/bench-data.ts';

// Checks from /work/shared/BENCHMARK-DATA.md.

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] as number;
  return s;
}

describe('bench-data', () => {
  it('lowbias32 stays on unsigned 32-bit integers', () => {
    for (const x of [0, 1, 0xffffffff, 12345678, 20261125]) {
      const h = lowbias32(x);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
    const u = benchU(1, 1);
    expect(u).toBeGreaterThanOrEqual(0);
    expect(u).toBeLessThan(1);
  });

  it('gives the documented first three rows', () => {
    const csv = benchDataCsv(makeBenchData(3));
    expect(csv).toBe(
      'id,k1,k2,k3,k4,k5,k6,w,num1,num2,num3\n' +
        '1,2,2,3,5,2,2,55,14814,22680,19259\n' +
        '2,2,1,3,3,6,1,202,5382,49474,27349\n' +
        '3,2,1,7,8,17,11,261,16345,43078,83978\n',
    );
  });

  it('a prefix of a longer run equals a shorter run', () => {
    const a = benchDataCsv(makeBenchData(50));
    const b = benchDataCsv(makeBenchData(1000));
    expect(b.startsWith(a)).toBe(true);
    expect(benchDataCsv(makeBenchData(0))).toBe('id,k1,k2,k3,k4,k5,k6,w,num1,num2,num3\n');
  });

  it('CSV lines match a plain join of the columns', () => {
    const d = makeBenchData(2000);
    const lines = benchDataCsv(d).split('\n');
    expect(lines.length).toBe(2002);
    expect(lines[2001]).toBe('');
    for (let r = 0; r < d.n; r++) {
      const expected = [d.id[r], ...d.k.map((col) => col[r]), d.w[r], d.num1[r], d.num2[r], d.num3[r]].join(',');
      expect(lines[r + 1]).toBe(expected);
    }
  });

  it('matches every documented check for n = 1,000,000', { timeout: 60_000 }, () => {
    const n = 1_000_000;
    const d = makeBenchData(n);
    expect(d.n).toBe(n);
    expect(d.k.length).toBe(6);
    expect(sum(d.id)).toBe(500000500000);
    expect(d.k.map(sum)).toEqual([1332844, 2188852, 3413054, 5571518, 11112652, 19247569]);
    expect(sum(d.w)).toBe(274576007);
    expect(sum(d.num1)).toBe(25787811927);
    expect(sum(d.num2)).toBe(32775601620);
    expect(sum(d.num3)).toBe(33255199337);

    // Ranges.
    const C = [2, 5, 10, 20, 50, 100];
    d.k.forEach((col, j) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (let r = 0; r < n; r++) {
        const v = col[r] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      expect(lo).toBe(1);
      expect(hi).toBe(C[j]);
    });

    // Distinct k1..k6 combinations and records unique on them, counted with a plain Map.
    const [k1, k2, k3, k4, k5, k6] = d.k as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
    const counts = new Map<number, number>();
    for (let r = 0; r < n; r++) {
      // Mixed-radix number: every code is at most 100, so base 101 keeps keys distinct (and below 2^53).
      const key =
        (((((k1[r] as number) * 101 + (k2[r] as number)) * 101 + (k3[r] as number)) * 101 + (k4[r] as number)) * 101 + (k5[r] as number)) * 101 +
        (k6[r] as number);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let unique = 0;
    for (const c of counts.values()) if (c === 1) unique++;
    expect(counts.size).toBe(509233);
    expect(unique).toBe(373827);
  });
});
