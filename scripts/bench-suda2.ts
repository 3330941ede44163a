/**
 * Timing of suda2 on the portable benchmark data (keys k1..k6).
 * Run: node node_modules/vite-node/dist/cli.mjs scripts/bench-suda2.ts [rows ...]
 */
import { createRunContext } from '../src/engine/context.ts';
import { suda2, type Suda2Key } from '../src/engine/risk/suda2.ts';
import type { ColumnCodes } from '../src/engine/table/column-codes.ts';
import { BENCH_CATEGORIES, makeBenchData } from './bench-data.ts';

/** Codes 1..C as ColumnCodes 0..C-1, labelled with the value. */
function benchCodes(values: Int32Array, categories: number): ColumnCodes {
  const codes = new Int32Array(values.length);
  const used = new Uint8Array(categories);
  for (let i = 0; i < values.length; i++) used[(codes[i] = values[i]! - 1)] = 1;
  const labels = Array.from({ length: categories }, (_, c) => String(c + 1));
  return { codes, cardinality: categories, hasMissing: false, labels, distinct: used.reduce((s, u) => s + u, 0) };
}

async function time(n: number, repeats: number): Promise<void> {
  const data = makeBenchData(n);
  const keys: Suda2Key[] = data.k.map((col, j) => ({ name: `k${j + 1}`, codes: benchCodes(col, BENCH_CATEGORIES[j]!) }));
  const ctx = createRunContext();
  let best = Infinity;
  let result = await suda2(keys, {}, ctx);
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    result = await suda2(keys, {}, ctx);
    best = Math.min(best, performance.now() - t0);
  }
  console.log(
    `${n.toLocaleString('en')} rows, keys k1..k6: best of ${repeats} ${(best / 1000).toFixed(3)} s;` +
      ` records with an MSU ${result.recordsWithMsu.toLocaleString('en')}, MSUs by size ${result.msuCounts.join(' ')}`,
  );
}

const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length ? sizes : [100_000, 1_000_000]) await time(n, n > 300_000 ? 2 : 5);
