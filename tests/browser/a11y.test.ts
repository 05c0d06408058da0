import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT, launchBrowser, openSession, screenshot, startUiServer, type UiServer } from './support';

/**
 * Accessibility (GB/T 37668-2019, i.e. WCAG 2.0 AA): axe-core's WCAG 2 A/AA rules find nothing
 * on any page, in Chinese and English, signed out and signed in; and the header and a grid's
 * toolbar work from the keyboard alone.
 */
let server: UiServer;
let browser: Browser;

const GRIDS = ['/indicators', '/special-targets', '/rectifications', '/innovation-topics', '/standards', '/departments'];
const PAGES = [...GRIDS, '/department', '/department?name=区住建局', '/import', '/graphiql'];

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Moves within the app as its own links do (no page load: the bundle is parsed once). */
async function go(page: Page, path: string) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await ready(page, path);
}

async function ready(page: Page, path: string) {
  if (GRIDS.includes(path)) await page.locator('.ag-row[row-id]').first().waitFor();
  else if (path === '/department') await page.locator('.dept-grid').waitFor();
  else if (path.startsWith('/department?')) await page.getByTestId('dept-name').waitFor();
  else if (path === '/import') await page.locator('.transfer-page').waitFor();
  else if (path === '/graphiql') await page.locator('.graphiql-doc-explorer').waitFor();
  else if (path.startsWith('/login')) await page.locator('.login-card').waitFor();
  await page.locator('.page-loading').waitFor({ state: 'detached' });
}

const AXE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8');

interface Violation {
  id: string;
  impact: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/**
 * axe-core's WCAG 2 A and AA rules on the page as it is. Monaco's editor internals (GraphiQL's
 * query and response editors) are left out: third-party code whose hidden textarea and
 * line-number gutter axe flags and we cannot change; GraphiQL's own controls are checked.
 */
async function axe(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script>: the hub's Content-Security-Policy (script-src 'self') refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations: Violation[] = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe.run;
    const result = await run({ exclude: [['.monaco-editor']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  // One line per rule and kind of element (a grid repeats the same cell in every row).
  const lines = violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ').replace(/\[row-index="\d+"\]|\.ag-row-first|:nth-child\(\d+\)/g, '')}: ${n.failureSummary.split('\n').slice(1, 3).join(' ').trim()}`));
  return [...new Set(lines)];
}

describe('accessibility', { timeout: 120_000 }, () => {
  for (const lang of ['zh', 'en'] as const) {
    for (const signedIn of [false, true]) {
      it(`axe finds no WCAG 2 A/AA violation on any page (${lang}, ${signedIn ? 'signed in' : 'signed out'})`, async () => {
        const s = await openSession(browser, server.url, { lang, anonymous: !signedIn });
        const { page } = s;
        const found: string[] = [];
        const first = signedIn ? PAGES[0] : '/login';
        await page.goto(`${server.url}${first}`);
        await ready(page, first);
        for (const path of signedIn ? PAGES : ['/login', ...PAGES]) {
          if (path !== first) await go(page, path);
          const t0 = Date.now();
          for (const v of await axe(page)) found.push(`${path}: ${v}`);
          console.log(path, Date.now() - t0);
          await screenshot(page, `a11y-${lang}-${signedIn ? 'in' : 'out'}-${path.replace(/[/?=]+/g, '_').replace(/^_/, '')}`);
        }
        await s.context.close();
        expect(found).toEqual([]);
      });
    }
  }
});
