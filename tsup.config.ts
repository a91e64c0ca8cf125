import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

/** In the command line, date-holidays is loaded when a calendar first needs it (see src/calendar/holidays.ts). */
const lazyHolidays = {
  name: 'lazy-holidays',
  setup(build: { onResolve(options: { filter: RegExp }, callback: (args: { importer: string }) => { path: string } | undefined): void }) {
    build.onResolve({ filter: /^\.\/holidays\.js$/ }, (args) =>
      args.importer.endsWith('calendar.ts') ? { path: fileURLToPath(new URL('src/calendar/holidays-lazy.ts', import.meta.url)) } : undefined,
    );
  },
};

export default defineConfig([
  {
    // The library, and its file readers for Node.js (servicemaal/io).
    entry: { index: 'src/index.ts', io: 'src/io/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
  },
  {
    // The command line: an ES module with a shebang, and the helper thread it starts for large files.
    entry: { cli: 'src/cli/bin.ts', 'scan-worker': 'src/cli/scan-worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    esbuildPlugins: [lazyHolidays],
  },
]);
