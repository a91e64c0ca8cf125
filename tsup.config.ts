import { defineConfig } from 'tsup';

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
    // It loads date-holidays only when a calendar needs another country (src/calendar/holidays-lazy.ts).
    entry: { cli: 'src/cli/bin.ts', 'scan-worker': 'src/cli/scan-worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
