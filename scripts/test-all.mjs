// npm test: every gate in order (checks, unit and property tests, end-to-end),
// then one closing line "N passed, N failed" counting the tests of Vitest and Playwright.
import { spawnSync } from 'node:child_process';

const results = [];
function step(name, cmd, args, { count } = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', FORCE_COLOR: '0', NO_COLOR: '1' }, maxBuffer: 1 << 28 });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  // eslint-disable-next-line no-control-regex -- strip terminal colours before reading the totals
  const out = `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  let passed;
  let failed = 0;
  if (count === 'vitest') {
    const line = out.split('\n').find((l) => /^\s*Tests\s+/.test(l)) ?? '';
    passed = Number(/(\d+) passed/.exec(line)?.[1] ?? 0);
    failed = Number(/(\d+) failed/.exec(line)?.[1] ?? 0);
  } else if (count === 'playwright') {
    passed = Number(/^\s*(\d+) passed/m.exec(out)?.[1] ?? 0);
    failed = Number(/^\s*(\d+) failed/m.exec(out)?.[1] ?? 0) + Number(/^\s*(\d+) flaky/m.exec(out)?.[1] ?? 0);
  } else {
    passed = r.status === 0 ? 1 : 0;
  }
  if (r.status !== 0 && failed === 0) failed = 1;
  results.push({ name, passed, failed, status: r.status });
  return r.status === 0;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const node = process.execPath;
step('type checks, lint and format', 'npm', ['run', '--silent', 'check']);
step('command line build', 'npm', ['run', '--silent', 'build:cli']);
step('unit, property and golden tests', npx, ['vitest', 'run'], { count: 'vitest' });
const browser = step('browser for end-to-end tests', node, ['scripts/ensure-browser.mjs']);
if (browser) step('end-to-end tests', npx, ['playwright', 'test'], { count: 'playwright' });

const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log('\n=== Summary');
for (const r of results) console.log(`${r.status === 0 ? 'ok  ' : 'FAIL'} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
