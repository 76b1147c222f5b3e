import { defineConfig } from 'vitest/config';

/** Benchmarks that run in Node (vitest gives them Vite's module handling). Not part of npm test. */
export default defineConfig({
  test: {
    include: ['tests/bench/node/**/*.bench.test.ts'],
    environment: 'node',
    testTimeout: 4 * 60 * 60 * 1000,
    pool: 'forks',
    reporters: ['verbose'],
  },
});
