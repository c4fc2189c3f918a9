import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/src/**/*.test.ts',
      'server/src/**/*.test.ts',
      'sandbox/src/**/*.test.ts',
      'kiosk/src/**/*.test.{ts,tsx}',
      'e2e/src/**/*.test.ts',
      'docs/*.test.ts',
    ],
    globalSetup: ['server/src/test/global-setup.ts'],
    // Two cores here: files run in parallel forks, each with its own database and Redis prefix.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
