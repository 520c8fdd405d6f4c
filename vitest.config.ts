import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // tmp.ts first: it points TMPDIR at the run's own folder before anything else makes one.
    globalSetup: ['tests/setup/tmp.ts', 'tests/setup/examples.ts'],
    // End-to-end tests build real sites and print real PDFs; on 2 cores that takes a while.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default'],
  },
});
