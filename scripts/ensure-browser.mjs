// Make sure there is a Chromium for the end-to-end tests, without Playwright's
// browser download (which cannot reach its servers on locked-down machines):
// 1. a system Chromium ($CHROMIUM_PATH or on PATH) is used as it is;
// 2. else, as root on Debian/Ubuntu, Debian's `chromium` package is installed with apt-get;
// 3. else Playwright's own installer is tried;
// 4. else we stop with what to do.
import { execSync } from 'node:child_process';
import { chromiumPath } from './chromium-path.mjs';

function run(cmd) {
  console.log(`$ ${cmd}`);
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (chromiumPath()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
function hasCommand(name) {
  try {
    execSync(`command -v ${name}`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const hasApt = hasCommand('apt-get');
if (isRoot && hasApt) {
  try {
    run('apt-get update -qq');
    run('apt-get install -y -qq chromium');
  } catch {
    console.error('apt-get could not install chromium.');
  }
  if (chromiumPath()) process.exit(0);
}
try {
  run('npx playwright install chromium');
  process.exit(0);
} catch {
  console.error(`
No Chromium for the end-to-end tests, and none could be installed.
Do one of these, then run "npm test" again:
  - install Chromium with your package manager (Debian/Ubuntu: sudo apt-get install chromium), or
  - point CHROMIUM_PATH at a Chromium or Chrome executable, or
  - allow Playwright to download its browser: npx playwright install chromium
`);
  process.exit(1);
}
