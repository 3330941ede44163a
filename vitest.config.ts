import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    env: { TZ: 'UTC' },
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/property/**/*.test.ts', 'tests/golden/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          env: { TZ: 'UTC' },
        },
      },
      {
        // Svelte components mounted in a simulated DOM (happy-dom), with Svelte's browser build.
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'components',
          include: ['tests/components/**/*.test.ts'],
          environment: 'happy-dom',
          testTimeout: 60_000,
          env: { TZ: 'UTC' },
        },
      },
    ],
  },
});
