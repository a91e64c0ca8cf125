import { defineConfig } from 'vitest/config';

/**
 * `npm run test:engines`: the library's SQL on the engines themselves (test-engines/), DuckDB in
 * this process and the servers that scripts/engines/start.sh starts. Queries over large tables
 * take a while, so the timeouts are long; the sources' coverage is measured by `npm test` alone.
 */
export default defineConfig({
  test: {
    include: ['test-engines/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // The server engines share one database: test files run one after another.
    fileParallelism: false,
  },
});
