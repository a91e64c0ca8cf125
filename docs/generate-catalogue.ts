/**
 * Writes docs/catalogue.md from the catalogue code: `npm run docs:catalogue`.
 * The test suite fails when the checked-in file differs from a fresh generation.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCatalogueMarkdown } from '../src/index.js';

const target = fileURLToPath(new URL('./catalogue.md', import.meta.url));
writeFileSync(target, renderCatalogueMarkdown());
console.log(`wrote ${target}`);
