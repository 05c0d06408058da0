import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import * as helpers from '../helpers';
import { chromiumBinary } from './chromium';
import { startHub, type TestHub } from '../helpers';

/**
 * The admin UI in real headless Chromium (Debian's package, driven by playwright-core): one
 * server and one browser per test file, a fresh seeded in-memory database per server.
 */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ARTIFACTS = `${ROOT}tests/artifacts`;

/** Builds client/dist when it is missing or older than the client sources (a few seconds). */
export function buildClient() {
  execFileSync(process.execPath, ['client/build-if-stale.mjs', '--quiet', '--strict'], { cwd: ROOT, stdio: 'inherit' });
}

/** The Chromium of this worker: launched by the first browser test file it runs, kept for the next ones. */
let shared: Promise<Browser> | undefined;

/**
 * Debian's Chromium where there is one, otherwise the one from npm (see ./chromium.ts). One browser
 * process per test worker (the workers keep their modules from one file to the next): a file's
 * `close()` closes the contexts it opened, as closing the browser did, and leaves the process to the
 * next file of the worker; a browser that is gone is launched again. Playwright ends the process
 * when the worker exits.
 */
export async function launchBrowser(): Promise<Browser> {
  let real = await shared?.catch(() => undefined);
  if (!real?.isConnected()) {
    const binary = chromiumBinary();
    shared = chromium.launch({ executablePath: binary.executablePath, args: binary.args, env: { ...process.env, ...binary.env } as Record<string, string> });
    real = await shared;
  }
  const browser = real;
  return new Proxy(browser, {
    get(target, prop) {
      if (prop === 'close') return async () => void (await Promise.all(target.contexts().map((c) => c.close())));
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export interface UiServer {
  hub: TestHub;
  url: string;
  close(): Promise<void>;
}

/** The real app (createApp) on a fresh seeded database, listening on a free port. */
export async function startUiServer(): Promise<UiServer> {
  buildClient();
  const hub = await startHub();
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = hub.app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    hub,
    url,
    // A later server of this worker may get the same port: its sign-in is its own.
    close: () => (signedIn.delete(url), hub.close()),
  };
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /**
   * Console errors, uncaught exceptions and AG Grid's warnings (a missing module, a bad option)
   * of the page: every test fails on them (see expectNoConsoleProblems and the afterEach below).
   */
  errors: string[];
  /** Every console warning of the page (AG Grid's are in `errors` too). */
  warnings: string[];
  /** GraphQL mutations the page sent (operation text), to count requests. */
  mutations: string[];
}

const CONTEXT = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true } as const;
/** One sign-in per browser and server (the password hash is slow on purpose); contexts share its cookie. */
const signedIn = new Map<string, Promise<Awaited<ReturnType<BrowserContext['storageState']>>>>();

/**
 * A browser context of its own (own storage and tab), signed in when the hub has accounts
 * (`anonymous: true` starts signed out, e.g. to sign in through the login page).
 */
export async function openSession(browser: Browser, url: string, options: { lang?: 'zh' | 'en'; anonymous?: boolean } = {}): Promise<Session> {
  let state = options.anonymous ? Promise.resolve(undefined) : signedIn.get(url);
  if (!state) {
    state = (async () => {
      const first = await browser.newContext(CONTEXT);
      await signIn(first, url);
      const s = await first.storageState();
      await first.close();
      return s;
    })();
    signedIn.set(url, state);
  }
  const context = await browser.newContext({ ...CONTEXT, storageState: await state });
  if (options.lang) await context.addInitScript((lang) => localStorage.setItem('planhub.lang', lang), options.lang);
  const page = await context.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  const mutations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
    if (m.type() === 'warning') {
      warnings.push(`${page.url()}: ${m.text()}`);
      if (AG_GRID_MESSAGE.test(m.text())) errors.push(`${page.url()}: ${m.text()}`);
    }
  });
  // The stack (minified: rebuild the same bundle to read it) says where an uncaught error came from.
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}\n${e.stack ?? ''}`));
  page.on('request', (r) => {
    if (r.url().endsWith('/graphql') && r.method() === 'POST') {
      const query = String(r.postDataJSON()?.query ?? '');
      if (/^\s*mutation/.test(query)) mutations.push(query);
    }
  });
  const session = { context, page, errors, mutations, warnings };
  open.add(session);
  context.on('close', () => {
    open.delete(session);
    closed.push(...errors.splice(0));
  });
  return session;
}

/** AG Grid prefixes its console messages with "AG Grid:" (warnings such as error #200, invalid options). */
const AG_GRID_MESSAGE = /AG Grid/i;

/** Sessions whose pages are still open, and problems of pages closed during the test: checked after each test (./console-check.ts). */
const { open, closed } = ((globalThis as unknown as Record<symbol, { open: Set<Session>; closed: string[] } | undefined>)[Symbol.for('planhub.browser.consoleProblems')] ??= { open: new Set(), closed: [] });

/**
 * Takes the console errors a test causes on purpose (matching `pattern`) out of the check, and
 * fails unless at least one came: the rest are still checked after the test.
 */
export function expectConsoleErrors(session: Session, pattern: RegExp) {
  const expected = session.errors.filter((e) => pattern.test(e));
  expect(expected.length, `a console error matching ${pattern}`).toBeGreaterThan(0);
  const rest = session.errors.filter((e) => !pattern.test(e));
  session.errors.splice(0, session.errors.length, ...rest);
}

/** Fails with the page's console errors, uncaught exceptions and AG Grid warnings, if any. */
export function expectNoConsoleProblems(session: Session) {
  expect(session.errors, 'console errors, uncaught exceptions or AG Grid warnings').toEqual([]);
}

// Each test fails on a console error, an uncaught exception or an AG Grid warning in any page still
// open, and the next test starts clean: the check after each test is ./console-check.ts (vitest's
// setupFiles, registered in every file; this module is imported once per worker).

/**
 * Writes need a signed-in user once accounts exist: sign in as the hub's admin through the
 * login mutation, which sets the session cookie in this context. A hub without accounts needs none.
 */
async function signIn(context: BrowserContext, url: string) {
  const password = (helpers as Record<string, unknown>).ADMIN_PASSWORD;
  if (typeof password !== 'string') return;
  const res = await context.request.post(`${url}/graphql`, {
    data: { query: 'mutation SignIn($u: String!, $p: String!) { login(username: $u, password: $p) { expiresAt } }', variables: { u: 'admin', p: password } },
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(`sign-in failed: ${JSON.stringify(body.errors)}`);
}

export async function screenshot(page: Page, name: string, docs = false) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
  // UPDATE_DOCS=1 refreshes the README's screenshots in client/docs, in both languages:
  // name.png in Chinese (the page as the test left it), name.en.png after the header's English switch.
  if (docs && process.env.UPDATE_DOCS === '1') {
    await settle(page);
    await page.screenshot({ path: `${ROOT}client/docs/${name}.png` });
    const grid = await page.locator('.ag-row[row-id]').count();
    await page.locator('.lang-switch').getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    if (grid) await page.locator('.ag-row[row-id]').first().waitFor();
    await settle(page);
    await page.screenshot({ path: `${ROOT}client/docs/${name}.en.png` });
    await page.locator('.lang-switch').getByRole('button', { name: '中文' }).click();
    await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' });
    if (grid) await page.locator('.ag-row[row-id]').first().waitFor();
  }
}

/** Until the page has no request in flight and its messages have faded (docs screenshots only). */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.querySelectorAll<HTMLButtonElement>('.notices .notice-close').forEach((b) => b.click()));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

// ---- the grid ------------------------------------------------------------------------------------

export const row = (page: Page, id: string | number) => page.locator(`.ag-center-cols-container .ag-row[row-id="${id}"]`);

/** A cell of a row (pinned or not), by the row's id and the column (the GraphQL field). */
export const cell = (page: Page, rowId: string | number, colId: string) => page.locator(`.ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`);

export async function openTable(page: Page, url: string, path: string) {
  await page.goto(`${url}${path}`);
  await page.locator('.ag-row[row-id]').first().waitFor();
}

/** Types into a text or number cell the way a user does: double-click, replace, Enter. */
export async function typeInto(target: Locator, text: string) {
  await target.dblclick();
  const input = target.locator('input');
  await input.waitFor();
  await input.fill('');
  if (text) await input.fill(text);
  await input.press('Enter');
}

export const cellState = (page: Page, rowId: string | number, colId: string, state: 'saving' | 'saved' | 'failed') =>
  page.locator(`.ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"].ph-cell-${state}`);

/** The visible messages (errors and conflicts are role=alert, the rest role=status). */
export const notices = (page: Page) => page.locator('.notices .notice');

/** Pastes tab-separated text into the focused cell, as Ctrl+V with Excel cells on the clipboard does. */
export async function paste(page: Page, text: string) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Closes every message (in one go: success messages also fade out by themselves). */
export async function dismissNotices(page: Page) {
  await page.evaluate(() => document.querySelectorAll<HTMLButtonElement>('.notices .notice-close').forEach((b) => b.click()));
}

/** expect.poll with room for a busy machine (its default gives up after one second). */
export const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
