import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCatalogueMarkdown } from '../src/index.js';

describe('docs/catalogue.md', () => {
  it('is the generated catalogue reference', () => {
    const checkedIn = readFileSync(new URL('../docs/catalogue.md', import.meta.url), 'utf8');
    expect(checkedIn, 'docs/catalogue.md is out of date: run `npm run docs:catalogue`').toBe(renderCatalogueMarkdown());
  });

  it('has a section per seed plan', () => {
    const markdown = renderCatalogueMarkdown();
    expect(markdown.startsWith('# Catalogue\n')).toBe(true);
    for (const id of ['us-2019', 'siri-2020', 'siri-2023', 'siri-2024']) expect(markdown).toContain(`\n## ${id}: `);
  });
});
