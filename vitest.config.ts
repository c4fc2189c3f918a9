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
    // Two cores here: files run in two parallel forks, each with its own database and Redis prefix.
    // Vitest's default (one fork fewer than the cores) would run them one at a time, and most of a
    // file's time is spent waiting on Postgres, Redis, the browser or a timer, not on the CPU.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
