import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT, launchBrowser, openSession, startUiServer, type UiServer } from './support';

/**
 * Accessibility (GB/T 37668-2019, i.e. WCAG 2.0 AA): axe-core's WCAG 2 A/AA rules find nothing
 * on any page, in Chinese and English, signed out and signed in; and the header and a grid's
 * toolbar work from the keyboard alone.
 */
let server: UiServer;
let browser: Browser;

const GRIDS = ['/indicators', '/special-targets', '/rectifications', '/innovation-topics', '/standards', '/departments', '/year-targets'];
const PAGES = [...GRIDS, '/ledger', '/ledger?view=queue', '/board', '/department', '/department?name=区住建局', '/import', '/graphiql'];

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
  else if (path.startsWith('/ledger')) await page.locator('.ledger-page .ag-root').waitFor();
  else if (path.startsWith('/board')) await page.getByTestId('board-items').waitFor();
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
 * line-number gutter axe flags and we cannot change; so is GraphiQL's tab strip (each tab holds
 * its close button: nested-interactive). GraphiQL's other controls and its docs are checked.
 * A grid's rows after the sixth are left out too: every row is drawn from the same column
 * definitions, and checking each of the ~25 rendered rows made a page take seconds.
 */
async function axe(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script>: the hub's Content-Security-Policy (script-src 'self') refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations: Violation[] = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe.run;
    const result = await run({ exclude: [['.monaco-editor'], ['.graphiql-tabs'], ['.ag-row:nth-child(n+7)']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  // One line per rule and kind of element (a grid repeats the same cell in every row).
  const lines = violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ').replace(/\[row-index="\d+"\]|\.ag-row-first|:nth-child\(\d+\)/g, '')}: ${n.failureSummary.split('\n').slice(1, 3).join(' ').trim()}`));
  return [...new Set(lines)];
}

/** Signed out, the pages that look different without a session (the rest are checked signed in). */
const SIGNED_OUT = ['/login', '/indicators', '/year-targets', '/ledger', '/board', '/department?name=区住建局', '/import'];

describe('accessibility', { timeout: 150_000 }, () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`axe finds no WCAG 2 A/AA violation on any page (${lang}), signed in and signed out`, async () => {
      const found: string[] = [];
      for (const signedIn of [true, false]) {
        const s = await openSession(browser, server.url, { lang, anonymous: !signedIn });
        const { page } = s;
        const pages = signedIn ? PAGES : SIGNED_OUT;
        await page.goto(`${server.url}${pages[0]}`);
        await ready(page, pages[0]);
        for (const path of pages) {
          if (path !== pages[0]) await go(page, path);
          for (const v of await axe(page)) found.push(`${signedIn ? 'signed in' : 'signed out'}, ${path}: ${v}`);
        }
        await s.context.close();
      }
      expect(found).toEqual([]);
    });
  }
});

/** Tab until the focused element matches, at most `limit` presses; returns its text. */
async function tabTo(page: Page, test: (el: { tag: string; text: string; testid: string | null }) => boolean, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { tag: a?.tagName ?? '', text: (a?.innerText || a?.getAttribute('aria-label') || '').trim(), testid: a?.getAttribute('data-testid') ?? null };
    });
    if (test(el)) return el;
  }
  throw new Error('not reached by Tab');
}

describe('keyboard', { timeout: 60_000 }, () => {
  it('reaches and operates the header navigation, a grid toolbar and the language switch with Tab, Enter and Space', async () => {
    const s = await openSession(browser, server.url);
    const { page } = s;
    await page.goto(`${server.url}/indicators`);
    await ready(page, '/indicators');
    await page.locator('body').focus();
    await tabTo(page, (e) => e.tag === 'A' && e.text === '专项目标');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/special-targets');
    await ready(page, '/special-targets');
    // On into the toolbar: the search box, then 添加行, opened with Space.
    await tabTo(page, (e) => e.tag === 'INPUT' && e.text === '快速搜索');
    await tabTo(page, (e) => e.testid === 'add-row');
    await page.keyboard.press('Space');
    await page.locator('.dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.dialog').waitFor({ state: 'detached' });
    // The grid's rows are reachable too (AG Grid's own keyboard navigation starts at a cell).
    await tabTo(page, (e) => e.testid === 'print');
    // The language switch, with Space.
    await page.locator('.brand').focus();
    await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'English');
    await page.keyboard.press('Space');
    await page.locator('.tabs').getByRole('link', { name: 'Special targets' }).waitFor();
    await s.context.close();
  });
});

describe('rough edges at 1440 × 900', { timeout: 60_000 }, () => {
  it('no grid header label or the user badge is cut, 责任单位 chips show whole, the login card is its content’s height, pages use the width', async () => {
    const s = await openSession(browser, server.url, { lang: 'en' });
    const { page } = s;
    await page.goto(`${server.url}/indicators`);
    await ready(page, '/indicators');
    await page.getByTestId('user-role').waitFor();
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.ag-header-cell-text, .user-name, .user-role')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
        .map((e) => e.textContent),
    );
    expect(cut).toEqual([]);
    // Each chip is shown whole or not at all (a chip that does not fit goes to the hidden second line).
    const halfChips = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.ag-cell[col-id="responsibilities"]')].flatMap((cell) => {
        // What the cell shows: its chip list, within the cell.
        const c = cell.getBoundingClientRect();
        const l = cell.querySelector('.chips')!.getBoundingClientRect();
        const box = { top: Math.max(c.top, l.top), bottom: Math.min(c.bottom, l.bottom), right: Math.min(c.right, l.right) };
        return [...cell.querySelectorAll<HTMLElement>('.chip')]
          .map((c) => c.getBoundingClientRect())
          .filter((r) => r.top < box.bottom && r.bottom > box.top && (r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5))
          .map(() => cell.textContent);
      }),
    );
    expect(halfChips).toEqual([]);
    // A header's tooltip does not cover its filter once the filter is open.
    const header = page.locator('.ag-header-cell[col-id="attribute"]');
    await header.hover();
    await page.locator('.ag-tooltip').waitFor();
    await header.locator('.ag-header-cell-filter-button, .ag-header-icon').first().click();
    await page.locator('.ph-filter, .ag-filter').first().waitFor();
    expect(await page.locator('.ag-tooltip').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length)).toBe(0);
    await page.keyboard.press('Escape');
    for (const path of ['/department?name=区住建局', '/import']) {
      await go(page, path);
      const width = await page.locator(path === '/import' ? '.transfer-section' : '.dept-section').first().evaluate((e) => e.getBoundingClientRect().width);
      expect(width).toBeGreaterThan(1440 * 0.9);
    }
    await s.context.close();
    const anon = await openSession(browser, server.url, { lang: 'en', anonymous: true });
    await anon.page.goto(`${server.url}/login`);
    await ready(anon.page, '/login');
    const { card, content } = await anon.page.locator('.login-card').evaluate((c) => {
      const last = c.lastElementChild!.getBoundingClientRect();
      const box = c.getBoundingClientRect();
      return { card: box.height, content: last.bottom - box.top };
    });
    expect(card - content).toBeLessThan(40);
    await anon.context.close();
  });
});
