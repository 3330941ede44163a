/**
 * The e2e network guard: every request from the page or a worker is recorded, anything
 * not addressed to this machine is aborted and listed, and every CSP violation is kept.
 */
import { test as base, expect, type Page } from '@playwright/test';

const LOCAL = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

export interface Guard {
  requests: string[];
  blocked: string[];
  violations: string[];
  errors: string[];
}

/** Every test runs under the guard (auto), whether or not it asks for it. */
export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ context, page }, use) => {
      const guard: Guard = { requests: [], blocked: [], violations: [], errors: [] };
      context.on('request', (r) => guard.requests.push(r.url()));
      await context.route(
        (url) => !LOCAL.test(url.href) && !url.href.startsWith('blob:') && !url.href.startsWith('data:'),
        (route) => {
          guard.blocked.push(route.request().url());
          return route.abort();
        },
      );
      await page.exposeFunction('__reportViolation', (v: string) => guard.violations.push(v));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { __reportViolation: (v: string) => void }).__reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      page.on('pageerror', (e) => guard.errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') guard.errors.push(m.text());
      });
      await use(guard);
      expect(guard.blocked, 'requests that tried to leave the machine').toEqual([]);
      expect(guard.violations, 'Content-Security-Policy violations').toEqual([]);
      expect(guard.requests.every((u) => LOCAL.test(u) || u.startsWith('blob:') || u.startsWith('data:'))).toBe(true);
    },
    { auto: true },
  ],
});

export { expect };

export async function openSample(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open the sample extract' }).click();
  await expect(page.getByTestId('notice')).toContainText('2,000 rows');
}

export async function goTo(page: Page, task: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Tasks' })
    .getByRole('button', { name: new RegExp(`^${task}\\b`) })
    .click();
  await expect(page.locator('#panel-title')).toHaveText(task);
}
