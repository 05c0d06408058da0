import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT, launchBrowser, openSession, screenshot, startUiServer, type UiServer } from './support';
import { createServices } from '../../server/services';
import { cliActor } from '../../server/common/actor';
import type { Em } from '../../server/orm';

/**
 * The demo data set says what it is on every page (issue 14): a banner under the header while it is
 * loaded (npm run seed -- --demo), in the reader's language, as a status region that passes axe;
 * none before it is loaded or after --remove.
 */
let server: UiServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const demo = () => createServices(server.hub.orm.em.fork() as Em, cliActor('demo-browser', 'seed')).demo;
const AXE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8');

async function open(page: Page, path: string) {
  await page.goto(`${server.url}${path}`);
  if (path === '/indicators') await page.locator('.ag-row[row-id]').first().waitFor();
  else await page.locator('.page-loading').waitFor({ state: 'detached' });
}

describe('the demo banner', { timeout: 120_000 }, () => {
  it('is absent on a hub without demo data', async () => {
    const { page, context } = await openSession(browser, server.url);
    await open(page, '/indicators');
    // The hub info has been asked and answered by now: the grid's rows came after it.
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.demo-banner').count()).toBe(0);
    await context.close();
  });

  it('shows on every page while the demo data is loaded, in Chinese and English, and passes axe', async () => {
    await demo().load();
    for (const lang of ['zh', 'en'] as const) {
      const { page, context } = await openSession(browser, server.url, { lang });
      for (const path of ['/indicators', '/department?name=区住建局', '/import']) {
        await open(page, path);
        const banner = page.getByRole('status').filter({ hasText: lang === 'zh' ? '演示数据' : 'Demo data' });
        await banner.waitFor();
        expect(await banner.innerText()).toBe(lang === 'zh' ? '演示数据 — 仅供试用，非真实数据' : 'Demo data — for trying the hub, not real figures');
      }
      await screenshot(page, `demo-banner.${lang}`);
      if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string }[] }> } }).axe;
        return (await axe.run({ include: [['.demo-banner']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] })).violations.map((v) => v.id);
      });
      expect(violations).toEqual([]);
      await context.close();
    }
    // On paper too: the department page's printout carries it under its heading.
    {
      const { page, context } = await openSession(browser, server.url);
      await open(page, '/department?name=区住建局');
      await page.emulateMedia({ media: 'print' });
      const note = page.getByTestId('print-demo');
      await note.waitFor();
      expect(await note.innerText()).toBe('演示数据 — 仅供试用，非真实数据');
      expect(await page.locator('.demo-banner').isVisible()).toBe(false);
      await context.close();
    }
    // Signed out too: anyone reading the hub is told.
    const anon = await openSession(browser, server.url, { anonymous: true });
    await open(anon.page, '/indicators');
    await anon.page.locator('.demo-banner').waitFor();
    await anon.context.close();
  });

  it('goes when the demo data is removed', async () => {
    await demo().remove();
    const { page, context } = await openSession(browser, server.url);
    await open(page, '/indicators');
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.demo-banner').count()).toBe(0);
    await context.close();
  });
});
