import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, launchBrowser, openSession, screenshot, startUiServer, type Session, type UiServer } from './support';

/**
 * 动态监控 (issue 14): the board counts every indicator by status, overall and by attribute, lists the
 * ones needing attention first and draws the chosen indicator's trend with AG Charts; once the office
 * approves GDP's 2019 value, GDP leaves 无数据 and its chart is drawn again.
 */
let server: UiServer;
let browser: Browser;
let tab: Session;
let gdp: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  const found = await server.hub.gql(`{ indicators(filter: { search: "地区生产总值" }, limit: 5) { items { id name } } }`);
  gdp = found.indicators.items.find((r: { name: string }) => r.name === '地区生产总值').id;
  tab = await openSession(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every indicator and milestone, as the server counts them. */
const items = async () => {
  const q = await server.hub.gql(`{ indicators { totalCount } milestones { id } }`);
  return q.indicators.totalCount + q.milestones.length;
};
const count = (status: string) => tab.page.locator(`[data-testid="board-overall"] [data-status="${status}"] .board-count-n`).textContent();

describe('the monitoring board', { timeout: 90_000 }, () => {
  it('counts the indicators of 2019 by status and draws a trend chart; the chart library is loaded with the chart', async () => {
    const { page } = tab;
    await page.goto(`${server.url}/board?year=2019`);
    await page.getByTestId('board-items').waitFor();
    // Overall: every indicator and milestone of the plan (24 + 46).
    const total = await items();
    expect(total).toBe(24 + 46);
    await eventually(() => page.getByTestId('board-overall').locator('[data-status="NO_DATA"] .board-count-n').textContent()).toBe(String(total));
    const counts = await Promise.all(['ACHIEVED', 'MISSED', 'ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'NO_DATA'].map(async (s) => Number(await count(s))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
    // Nothing approved yet: every item says what is missing.
    expect(Number(await count('NO_DATA'))).toBe(total);
    await page.locator(`[data-indicator="${gdp}"] button`).click();
    await page.getByTestId('trend-chart').locator('canvas').first().waitFor();
    await screenshot(page, 'board', true);
  });

  it('after the office approves GDP’s 2019 value, GDP leaves 无数据 and its chart is drawn with it', async () => {
    const { page } = tab;
    const saved = await server.hub.gql(
      `mutation($id: ID!) { saveLedgerEntry(input: { indicatorId: $id, department: "区发改局", period: "2019", actualValue: 1180, progressText: "全年" }) { id version } }`,
      { id: gdp },
    );
    const entry = saved.saveLedgerEntry;
    const submitted = await server.hub.gql(`mutation($id: ID!, $v: Int!) { submitLedgerEntry(id: $id, expectedVersion: $v) { version } }`, { id: entry.id, v: entry.version });
    await server.hub.gql(`mutation($id: ID!, $v: Int!) { approveLedgerEntry(id: $id, expectedVersion: $v) { state } }`, { id: entry.id, v: submitted.submitLedgerEntry.version });

    await page.reload();
    await page.getByTestId('board-items').waitFor();
    const status = page.locator(`[data-indicator="${gdp}"]`);
    await eventually(() => status.getAttribute('data-status')).not.toBe('NO_DATA');
    expect(await status.textContent()).toContain('1,180');
    const total = await items();
    await eventually(async () => Number(await count('NO_DATA'))).toBe(total - 1);
    await status.locator('button').click();
    await page.getByTestId('trend-chart').locator('canvas').first().waitFor();
    await screenshot(page, 'board-approved');
  });
});
