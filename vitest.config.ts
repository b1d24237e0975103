import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './test/summary-reporter.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Safety nets against a hang, not budgets: with both cores busy a CLI run or a browser test takes
    // many times its idle duration, and tests assert behaviour, never speed (speed is in bench/).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Two cores on these machines: keep workers to what they can carry.
    maxWorkers: 2,
    reporters: ['default', new SummaryReporter()],
  },
});
