import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { catalogue } from './src/catalog/index.js';

/**
 * The command line's bundled plans as data: src/cli/bundled-plans.ts, which imports the catalogue
 * (and with it the plan schema, zod) from the sources, is built as the catalogue's plans computed
 * now, at build time. `servicemaal plans` and evaluations of bundled plans then start without
 * loading zod; a plan JSON file still loads it, to validate the plan.
 */
const bundledPlans: Plugin = {
  name: 'bundled-plans',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]cli[\\/]bundled-plans\.ts$/ }, () => ({
      loader: 'js',
      contents:
        '// The bundled plans, computed from src/catalog when the package was built (see tsup.config.ts).\n' +
        `const PLANS = JSON.parse(${JSON.stringify(JSON.stringify(catalogue))});\n` +
        'export async function bundledPlans() {\n  return PLANS;\n}\n',
    }));
  },
};

export default defineConfig([
  {
    // The library, its file readers for Node.js (servicemaal/io), and the runners of its SQL on
    // DuckDB, PostgreSQL and Spark (servicemaal/duckdb, servicemaal/postgres, servicemaal/spark),
    // whose engines' packages are optional peer dependencies: they stay imports of the built files,
    // never bundled.
    entry: { index: 'src/index.ts', io: 'src/io/index.ts', duckdb: 'src/runners/duckdb.ts', postgres: 'src/runners/postgres.ts', spark: 'src/runners/spark.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    // import.meta.url in the CommonJS build too: readInto's helper thread finds dist/scan-worker.js by it.
    shims: true,
    outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
  },
  {
    // The command line: an ES module with a shebang, and the helper thread it starts for large files.
    // Code splitting makes each command (loaded with import() by src/cli/main.ts) a chunk of its own,
    // so a command loads only what it needs: `servicemaal plans` neither the file readers nor the
    // renderers of reports. It loads date-holidays only when a calendar needs another country
    // (src/calendar/holidays-lazy.ts).
    entry: { cli: 'src/cli/bin.ts', 'scan-worker': 'src/io/scan-worker.ts' },
    format: ['esm'],
    splitting: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    esbuildPlugins: [bundledPlans],
  },
]);
