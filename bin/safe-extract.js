#!/usr/bin/env node
// The command line. dist/cli.js is built by `npm ci` (the "prepare" script) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('safe-extract: the command line is not built yet. Run "npm ci" or "npm run build:cli" in the project folder first.\n');
  process.exit(1);
}
await import(cli.href);
