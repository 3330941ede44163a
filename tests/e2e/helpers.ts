/** Helpers shared by the end-to-end specs: the accessibility check, downloads, and the built command line. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './guard.ts';

/** No WCAG 2.2 A or AA violation that axe can find on the page as it is now. */
export async function axe(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Click the (first) button with this name and return the bytes it downloads. */
export async function download(page: Page, name: RegExp): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).first().click()]);
  return readFileSync((await file.path())!);
}

/** Run the built CLI; its error, if it fails, becomes the error's message. */
export function cli(args: string[], env: Record<string, string> = {}): string {
  if (!existsSync('dist/cli/cli.js')) execFileSync('npm', ['run', '--silent', 'build:cli'], { stdio: 'inherit' });
  try {
    return execFileSync(process.execPath, ['bin/safe-extract.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, stdio: 'pipe' });
  } catch (e) {
    const err = e as { status: number; stderr: string };
    throw new Error(`safe-extract ${args[0]} exited ${err.status}: ${err.stderr}`, { cause: e });
  }
}
