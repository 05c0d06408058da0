import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClient, ROOT } from './support';

/**
 * The built admin UI is split by page: what a browser must load before the first page can
 * render (the entry chunk and the chunks it imports statically) stays under a budget.
 * Measured 2026-11-30: one 1,639 KB file (473 KB gzip) before the split; the entry with its
 * static imports 450 KB (138 KB gzip) after it. The budget leaves room for the shell to grow a
 * little, not for AG Grid (~260 KB gzip) or GraphiQL's editor to fall back into it.
 */
const BUDGET_GZIP = 170 * 1024;

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
const DIST = `${ROOT}client/dist/`;
let manifest: Record<string, Chunk>;

beforeAll(() => {
  buildClient();
  manifest = JSON.parse(readFileSync(`${DIST}.vite/manifest.json`, 'utf8'));
}, 300_000);

/** The entry and everything it imports statically: loaded before anything renders. */
function initialChunks() {
  const [entry] = Object.entries(manifest).filter(([, c]) => c.isEntry);
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const k of manifest[key].imports ?? []) walk(k);
  };
  walk(entry[0]);
  return [...seen].map((k) => ({ key: k, ...manifest[k], text: readFileSync(DIST + manifest[k].file) }));
}

describe('the client bundle', () => {
  it('loads no more than the shell before the first page: under the budget, without AG Grid or GraphiQL', () => {
    const chunks = initialChunks();
    const gzip = chunks.reduce((n, c) => n + gzipSync(c.text).length, 0);
    expect(gzip, `initial JavaScript: ${chunks.map((c) => c.file).join(', ')}`).toBeLessThan(BUDGET_GZIP);
    const text = chunks.map((c) => c.text.toString('utf8')).join('\n');
    expect(text).not.toContain('ag-root-wrapper'); // AG Grid comes with the first grid
    expect(text).not.toContain('graphiql-container'); // GraphiQL only with /graphiql
  });

  it('gives each page its own chunk, loaded when the page is opened', () => {
    const [entry] = Object.values(manifest).filter((c) => c.isEntry);
    const lazy = (entry.dynamicImports ?? []).map((k) => k.replace(/^.*\//, ''));
    expect(lazy).toEqual(expect.arrayContaining(['DataGrid.tsx', 'DepartmentPage.tsx', 'ImportPage.tsx', 'GraphiQLPage.tsx']));
  });
});
