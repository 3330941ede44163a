/** The CLI's Node entry point: real files, the real environment, a terminal prompt. */
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isHelperThread, runHelperThread, threadPartReader } from './helper-thread.ts';
import { main } from './main.ts';

async function promptSecret(question: string): Promise<string | null> {
  if (!process.stdin.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
  let asked = false;
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (!asked) {
      write.call(rl, s);
      asked = true;
    }
  };
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

async function run(): Promise<void> {
  // The helper thread runs this same script, so the built CLI stays one file.
  const helper = threadPartReader(new URL(import.meta.url));
  const code = await main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readFile: (p) => new Uint8Array(readFileSync(p)),
    writeFile: (p, b) => writeFileSync(p, b),
    env: process.env,
    promptSecret,
    helper,
  });
  process.exitCode = code;
}

if (isHelperThread) runHelperThread();
else await run();
