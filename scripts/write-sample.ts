/**
 * Write the synthetic household survey sample to a file:
 *
 *   npm run samples -- --rows 2000 --out public/samples/household-survey.csv --seed 20261125
 */
import { mkdirSync, openSync, writeSync, closeSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { generateSample, parseArgs } from './make-sample.ts';

const opts = parseArgs(process.argv.slice(2));
const started = performance.now();
mkdirSync(dirname(resolve(opts.out)), { recursive: true });
const tmp = `${opts.out}.tmp`;
const fd = openSync(tmp, 'w');
let bytes = 0;
try {
  generateSample(opts, (chunk) => {
    bytes += writeSync(fd, chunk);
  });
} finally {
  closeSync(fd);
}
renameSync(tmp, opts.out);
const secs = ((performance.now() - started) / 1000).toFixed(2);
console.log(`wrote ${opts.rows} rows (${bytes} bytes) to ${opts.out} in ${secs} s (seed ${opts.seed})`);
