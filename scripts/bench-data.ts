/**
 * Portable benchmark data, exactly as defined in /work/shared/BENCHMARK-DATA.md.
 *
 * Every value comes from a counter-based integer hash (lowbias32), not from a
 * library random generator, so any language reproduces the same records bit
 * for bit and figures can be set beside a reference implementation's.
 */

export const BENCH_SEED = 20261125;

export interface BenchColumns {
  n: number;
  id: Int32Array;
  /** k1..k6, categorical codes 1..C with C = 2, 5, 10, 20, 50, 100. */
  k: Int32Array[];
  w: Float64Array;
  num1: Float64Array;
  num2: Float64Array;
  num3: Float64Array;
}

/** Number of categories of k1..k6. */
export const BENCH_CATEGORIES: readonly number[] = [2, 5, 10, 20, 50, 100];

/** lowbias32 integer hash on unsigned 32-bit values. */
export function lowbias32(x: number): number {
  x >>>= 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** u(i, c) = lowbias32((c * 2^20 + i + SEED) mod 2^32) / 2^32. */
export function benchU(i: number, c: number): number {
  return lowbias32((c * 1048576 + i + BENCH_SEED) % 4294967296) / 4294967296;
}

/** Zipf(1) thresholds cdf_j = H_j / H_C for j = 1..C-1. */
function zipfThresholds(C: number): Float64Array {
  const H = new Float64Array(C + 1);
  let h = 0;
  for (let j = 1; j <= C; j++) {
    h += 1 / j;
    H[j] = h;
  }
  const HC = H[C] as number;
  const cdf = new Float64Array(C - 1);
  for (let j = 1; j < C; j++) cdf[j - 1] = (H[j] as number) / HC;
  return cdf;
}

/** code = 1 + number of j in 1..C-1 with cdf_j <= u (cdf is increasing: binary search). */
function zipfCode(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length; // count of thresholds <= u lies in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cdf[mid] as number) <= u) lo = mid + 1;
    else hi = mid;
  }
  return 1 + lo;
}

export function makeBenchData(n: number): BenchColumns {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const id = new Int32Array(n);
  const k: Int32Array[] = [];
  const w = new Float64Array(n);
  const num1 = new Float64Array(n);
  const num2 = new Float64Array(n);
  const num3 = new Float64Array(n);

  for (let i = 1; i <= n; i++) id[i - 1] = i;

  for (let c = 1; c <= 6; c++) {
    const cdf = zipfThresholds(BENCH_CATEGORIES[c - 1] as number);
    const col = new Int32Array(n);
    for (let i = 1; i <= n; i++) col[i - 1] = zipfCode(cdf, benchU(i, c));
    k.push(col);
  }

  for (let i = 1; i <= n; i++) {
    const r = i - 1;
    w[r] = Math.floor(50 + 450 * benchU(i, 7));
    const u8 = benchU(i, 8);
    const a = Math.floor(1000 + 99000 * (u8 * u8 * u8));
    num1[r] = a;
    num2[r] = Math.floor(0.3 * a + 50000 * benchU(i, 9));
    const u10 = benchU(i, 10);
    num3[r] = Math.floor(100000 * (u10 * u10));
  }

  return { n, id, k, w, num1, num2, num3 };
}

/** Append the decimal digits of a non-negative integer to buf at p; returns the new p. */
function putUint(buf: Uint8Array, p: number, v: number): number {
  if (v < 10) {
    buf[p] = 48 + v;
    return p + 1;
  }
  let len = 0;
  for (let t = v; t >= 1; t = Math.floor(t / 10)) len++;
  let q = p + len - 1;
  while (v >= 1) {
    const d = v % 10;
    buf[q--] = 48 + d;
    v = (v - d) / 10;
  }
  return p + len;
}

/** CSV text: header id,k1,...,k6,w,num1,num2,num3 then one line per row, '\n' line ends. */
export function benchDataCsv(cols: BenchColumns): string {
  const { n, id, k, w, num1, num2, num3 } = cols;
  const [k1, k2, k3, k4, k5, k6] = k;
  if (!k1 || !k2 || !k3 || !k4 || !k5 || !k6) throw new Error('benchDataCsv: expected six key columns');
  const fields: ArrayLike<number>[] = [id, k1, k2, k3, k4, k5, k6, w, num1, num2, num3];
  for (const f of fields) {
    for (let r = 0; r < n; r++) {
      const v = f[r] as number;
      if (!(v >= 0 && v <= Number.MAX_SAFE_INTEGER && Number.isInteger(v))) {
        throw new RangeError(`benchDataCsv: value ${v} at row ${r + 1} is not a non-negative integer`);
      }
    }
  }
  const chunks: string[] = ['id,k1,k2,k3,k4,k5,k6,w,num1,num2,num3\n'];
  const CHUNK = 65536;
  // At most 11 fields of 16 digits plus separators per line.
  const buf = new Uint8Array(CHUNK * 11 * 17);
  const decoder = new TextDecoder();
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    let p = 0;
    for (let r = start; r < end; r++) {
      for (let f = 0; f < 11; f++) {
        p = putUint(buf, p, (fields[f] as ArrayLike<number>)[r] as number);
        buf[p++] = f === 10 ? 10 : 44; // '\n' or ','
      }
    }
    chunks.push(decoder.decode(buf.subarray(0, p)));
  }
  return chunks.join('');
}
