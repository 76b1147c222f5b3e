import { defineConfig } from '@playwright/test';
import base from '../../e2e/playwright.config';

/** Player benchmarks: the e2e harness (built renderer, real services), one at a time, printing figures. */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '**/*.bench.spec.ts',
  outputDir: '../../../test-results/bench',
  workers: 1,
  timeout: 15 * 60_000,
});
