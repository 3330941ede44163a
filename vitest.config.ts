import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/property/**/*.test.ts', 'tests/golden/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    env: { TZ: 'UTC' },
  },
});
