import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, launchBrowser, openSession, screenshot, startUiServer, type Session, type UiServer } from './support';

/**
 * 月度通报 (issue 15), end to end: the office picks June 2019, adds a foreword, publishes it, and
 * prints it — in print media the bulletin alone shows (no navigation, no controls), with its title,
 * date, and every row of its table; the printed PDF has page numbers from the page's own @page rule.
 */
let server: UiServer;
let browser: Browser;
let office: Session;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  // GDP's lead (区发改局) files June 2019, approved: the bulletin has a value to show.
  const gdp = (await server.hub.gql('{ indicators(filter: { search: "地区生产总值" }) { items { id } } }')).indicators.items[0].id;
  let e = (await server.hub.gql(`mutation($i: LedgerEntryInput!) { saveLedgerEntry(input: $i) { id version } }`, { i: { indicatorId: gdp, department: '区发改局', period: '2019-06', actualValue: 600, progressText: '上半年生产总值600亿元' } })).saveLedgerEntry;
  e = (await server.hub.gql(`mutation($id: ID!, $v: Int!) { submitLedgerEntry(id: $id, expectedVersion: $v) { id version } }`, { id: e.id, v: e.version })).submitLedgerEntry;
  await server.hub.gql(`mutation($id: ID!, $v: Int!) { approveLedgerEntry(id: $id, expectedVersion: $v) { id } }`, { id: e.id, v: e.version });
  office = await openSession(browser, server.url);
  // The browser's print dialog is not part of the test: the printout is checked in print media.
  await office.context.addInitScript(() => {
    window.print = () => {
      dispatchEvent(new Event('beforeprint'));
      dispatchEvent(new Event('afterprint'));
    };
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the monthly bulletin page', { timeout: 90_000 }, () => {
  it('the office picks a month, adds a foreword, publishes, and prints the whole table without navigation', async () => {
    const { page } = office;
    await page.goto(`${server.url}/bulletins`);
    await page.getByTestId('bulletin-month').fill('2019-06');
    await eventually(() => page.getByTestId('bulletin-title').textContent()).toBe('2019年6月经济责任制指标进度通报');
    await eventually(() => page.getByTestId('bulletin-state').textContent()).toContain('草稿');
    const gdpRow = page.locator('[data-testid="bulletin-items"] tr.item-row').filter({ hasText: '地区生产总值' }).first();
    await eventually(() => gdpRow.textContent()).toContain('600');
    await expect.poll(() => page.getByTestId('bulletin-texts').textContent()).toContain('上半年生产总值600亿元');

    await page.getByTestId('bulletin-foreword').fill('各单位：现将2019年6月指标进度通报如下，请对照整改。');
    await page.getByTestId('bulletin-publish').click();
    await eventually(() => page.getByTestId('bulletin-state').textContent()).toContain('已发布');
    const stored = (await server.hub.gql('{ bulletin(month: "2019-06") { published version foreword publishedBy departments { items { itemKey } } } }')).bulletin;
    expect(stored).toMatchObject({ published: true, version: 1, foreword: '各单位：现将2019年6月指标进度通报如下，请对照整改。', publishedBy: 'admin' });
    await expect.poll(() => page.getByTestId('bulletin-foreword-text').textContent()).toBe(stored.foreword);
    // A second click would be a re-issue: the button now says so.
    expect(await page.getByTestId('bulletin-publish').textContent()).toBe('更正重发');

    await screenshot(page, 'bulletin', true);
    // Print: the bulletin alone, every row of the table.
    const rows = stored.departments.reduce((n: number, d: { items: unknown[] }) => n + d.items.length, 0);
    expect(rows).toBeGreaterThan(50);
    await page.getByTestId('bulletin-print').click();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('nav').first().isVisible()).toBe(false);
    expect(await page.getByTestId('bulletin-month').isVisible()).toBe(false);
    expect(await page.getByTestId('bulletin-publish').isVisible()).toBe(false);
    expect(await page.getByTestId('bulletin-title').isVisible()).toBe(true);
    expect(await page.getByTestId('bulletin-print-date').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.getByTestId('bulletin-print-date').isVisible()).toBe(true);
    const itemRows = page.locator('[data-testid="bulletin-items"] tr.item-row');
    expect(await itemRows.count()).toBe(rows);
    expect(await itemRows.last().isVisible()).toBe(true);
    // The page rules: the title in the header, page numbers in the footer.
    const pageRules = await page.evaluate(() =>
      [...document.styleSheets].flatMap((s) => {
        try {
          return [...s.cssRules].map((r) => r.cssText);
        } catch {
          return [];
        }
      }).filter((t) => t.includes('@page') || t.includes('counter(page)') || t.includes('@top-center')).join('\n'),
    );
    expect(pageRules).toContain('counter(page)');
    expect(pageRules).toContain('2019年6月经济责任制指标进度通报');
    await screenshot(page, 'bulletin-print');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByTestId('bulletin-month').isVisible()).toBe(true);
  });

  it('signed out, the published month shows as issued; an unpublished one says it is not published', async () => {
    const visitor = await openSession(browser, server.url, { anonymous: true });
    await visitor.page.goto(`${server.url}/bulletins?month=2019-06`);
    await eventually(() => visitor.page.getByTestId('bulletin-state').textContent()).toContain('已发布');
    expect(await visitor.page.getByTestId('bulletin-publish').count()).toBe(0);
    await visitor.page.getByTestId('bulletin-month').fill('2019-07');
    await eventually(() => visitor.page.getByTestId('bulletin-problem').textContent()).toContain('尚未发布');
    expect(await visitor.page.getByTestId('bulletin').count()).toBe(0);
    await visitor.context.close();
  });
});
