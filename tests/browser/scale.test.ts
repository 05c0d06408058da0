import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { Plan } from '../../schema/plans/plan.entity';
import { IndicatorAttribute, TargetKind } from '../../schema/indicators/indicator.enums';
import { cell, eventually, launchBrowser, openSession, openTable, screenshot, startUiServer, type Session, type UiServer } from './support';

/**
 * 20,000 more indicators: the grid opens and scrolls to the end without loading every row —
 * it asks the list query for pages of 100 as they come into view.
 */
const EXTRA = 20_000;
let server: UiServer;
let browser: Browser;
let s: Session;
const requests: { limit: number; offset: number; filter?: Record<string, unknown>; orderBy?: unknown[] }[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  const em = server.hub.orm.em.fork();
  const plan = await em.findOneOrFail(Plan, { code: 'binjiang-13th' });
  const now = new Date();
  const rows = Array.from({ length: EXTRA }, (_, i) => ({
    plan: plan.id,
    seq: 1000 + i,
    name: `测试指标 ${String(i + 1).padStart(5, '0')}`,
    unit: '个',
    targetText: String(i),
    targetKind: TargetKind.EXACT,
    targetValue: i,
    attribute: i % 3 === 0 ? IndicatorAttribute.BINDING : IndicatorAttribute.EXPECTED,
    cumulative: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
  }));
  for (let i = 0; i < rows.length; i += 1000) await em.insertMany(Indicator, rows.slice(i, i + 1000));

  s = await openSession(browser, server.url);
  s.page.on('request', (r) => {
    if (!r.url().endsWith('/graphql') || r.method() !== 'POST') return;
    const body = r.postDataJSON();
    if (String(body?.query).includes('indicators(') && !String(body.query).startsWith('mutation')) requests.push(body.variables);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('20,000 indicators', { timeout: 90_000 }, () => {
  it('open, scroll to the end and sort on the server, a page at a time', async () => {
    const { page } = s;
    const total = 24 + EXTRA;
    await openTable(page, server.url, '/indicators');
    await eventually(() => page.getByTestId('status-count').textContent()).toContain('20,024');

    // Scroll to the bottom: only the blocks in view are fetched.
    // The viewport takes its full height a frame after the count arrives; on a loaded machine the
    // first scroll can land before that, so scroll to the bottom again until the last row shows.
    const last = cell(page, await lastId(), 'name');
    await expect
      .poll(async () => {
        await page.locator('.ag-grid-viewport').evaluate((el) => el.scrollTo(0, el.scrollHeight));
        return last.isVisible();
      }, { timeout: 45_000, interval: 500 })
      .toBe(true);
    expect(await page.locator('.ag-row[row-id] .ag-cell[col-id="name"]').filter({ hasText: `测试指标 ${EXTRA}` }).count()).toBe(1);
    const fetched = requests.reduce((n, r) => n + r.limit, 0);
    expect(requests.every((r) => r.limit <= 100)).toBe(true);
    expect(fetched).toBeLessThan(total / 20);
    expect(requests.some((r) => r.offset >= total - 100)).toBe(true);

    // Sorting goes to the server as orderBy.
    await page.locator('.ag-grid-viewport').evaluate((el) => el.scrollTo(0, 0));
    await page.locator('.ag-header-cell[col-id="targetValue"] .ag-header-cell-label').click();
    await page.locator('.ag-header-cell[col-id="targetValue"] .ag-header-cell-label').click();
    await eventually(() => requests.at(-1)?.orderBy).toEqual([{ field: 'targetValue', direction: 'DESC' }]);
    const top = (await server.hub.gql('{ indicators(orderBy: [{ field: "targetValue", direction: DESC }], limit: 1) { items { name } } }')).indicators.items[0].name;
    await eventually(() => page.locator('.ag-row[row-index="0"] .ag-cell[col-id="name"]').textContent()).toBe(top);

    // Quick search is the list query's search filter.
    await page.getByLabel('快速搜索').fill('测试指标 1999');
    await eventually(() => page.getByTestId('status-count').textContent()).toContain('筛选后 10 行');
    expect(requests.at(-1)?.filter).toEqual({ search: '测试指标 1999' });
    await screenshot(page, 'indicators-20k');
    expect(s.errors).toEqual([]);
  });
});

async function lastId(): Promise<string> {
  const { indicators } = await server.hub.gql('{ indicators(orderBy: [{ field: "seq", direction: DESC }], limit: 1) { items { id } } }');
  return indicators.items[0].id;
}
