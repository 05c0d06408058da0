import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, launchBrowser, openSession, screenshot, startUiServer, type UiServer } from './support';

/**
 * The top navigation since issue 15 added five pages: the tables, 部门查询 and 导入 / 导出 stay tabs;
 * the pages that run the plan are one menu (考核运行), the public's another (公众监督). The bar keeps
 * one row at 1440 px in Chinese (English may wrap once), and the menus work with the mouse and the keyboard.
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

const RUN = {
  zh: ['年度目标', '电子台账', '动态监控', '月度通报', '季度评估', '3+1考评'],
  en: ['Year targets', 'Ledger', 'Monitoring', 'Bulletins', 'Evaluations', '3+1 score'],
};

describe('the top navigation', { timeout: 90_000 }, () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`fits the bar at 1440 px and opens every page of its menus (${lang})`, async () => {
      const { page, context } = await openSession(browser, server.url, { lang });
      await page.goto(`${server.url}/indicators`);
      await page.locator('.ag-row[row-id]').first().waitFor();
      const tabs = page.locator('nav.tabs');
      // One row: every tab and menu button sits on the same line.
      const tops = await tabs.evaluate((nav) => [...new Set([...nav.querySelectorAll(':scope > .tab, :scope > .nav-menu')].map((e) => Math.round(e.getBoundingClientRect().top)))]);
      // Chinese fits one row; English, with the signed-in badge, may take a second (styles.css: the
      // bar grows rather than hiding a tab), never a third.
      expect(tops.length).toBeLessThanOrEqual(lang === 'zh' ? 1 : 2);
      const run = page.getByTestId('nav-run');
      expect(await run.getAttribute('aria-expanded')).toBe('false');
      await run.click();
      const list = page.locator(`#${(await run.getAttribute('aria-controls'))!.replace(/:/g, '\\:')}`);
      await eventually(() => list.getByRole('link').allTextContents()).toEqual(RUN[lang]);
      await screenshot(page, `nav-menu.${lang}`);
      await list.getByRole('link', { name: RUN[lang][1], exact: true }).click();
      await page.waitForURL('**/ledger');
      await list.waitFor({ state: 'hidden' });
      // The menu says where one is.
      expect(await run.getAttribute('class')).toContain('active');
      expect(await run.textContent()).toContain(RUN[lang][1]);
      // Escape closes it; a click elsewhere too.
      await run.click();
      await list.waitFor();
      await page.keyboard.press('Escape');
      await list.waitFor({ state: 'hidden' });
      // The keyboard: Enter opens, Tab reaches the links, Enter opens the page.
      await run.focus();
      await page.keyboard.press('Enter');
      await list.waitFor();
      for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(RUN[lang][3]);
      await page.keyboard.press('Enter');
      await page.waitForURL('**/bulletins');
      // The public's menu: its page and the office's moderation.
      const pub = page.getByTestId('nav-public');
      await pub.click();
      const pubList = page.locator(`#${(await pub.getAttribute('aria-controls'))!.replace(/:/g, '\\:')}`);
      expect(await pubList.getByRole('link').allTextContents()).toEqual(lang === 'zh' ? ['公众监督页面', '公众留言'] : ['Public page', 'Comments']);
      await page.locator('.brand').click();
      await pubList.waitFor({ state: 'hidden' });
      await context.close();
    });
  }
});
