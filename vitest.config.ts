import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // `vitest run --coverage` (part of `npm test`): the library's sources, measured with V8.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: [
        // Process entry points: they only hand the process's arguments and streams (or a worker
        // thread's messages) to code that is measured; they run as child processes of the tests.
        'src/cli/bin.ts',
        'src/io/scan-worker.ts',
        // The runners of PostgreSQL and Spark need their servers: `npm run test:engines` runs them
        // against real ones (started by scripts/engines/start.sh, as CI does).
        'src/runners/postgres.ts',
        'src/runners/spark.ts',
      ],
      reporter: ['text-summary', 'html', 'lcov'],
      reportsDirectory: 'coverage',
      // Report the coverage even when a test fails, to see what the other tests reach.
      reportOnFailure: true,
      // A few points under what the suite reaches (statements 92.9 %, branches 87.4 %, functions
      // 95.2 %, lines 95.2 %): a change that leaves much new code untested fails `npm test`.
      thresholds: { statements: 90, branches: 84, functions: 92, lines: 92 },
    },
  },
});
