import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { cell, eventually, launchBrowser, openSession, openTable, screenshot, startUiServer, type UiServer } from './support';

/**
 * Issue 14: the indicators grid's 完成状态 column and the department page show each row's status in
 * 2020 (the latest plan year begun); the department page shows the department's scorecard. Once the
 * office approves GDP's 2020 value, GDP leaves 无数据 with its explanation, and the others stay 无数据.
 */
let server: UiServer;
let browser: Browser;
let gdp: string;
let other: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  const found = await server.hub.gql(`{ indicators(orderBy: [{ field: "seq", direction: ASC }], limit: 100) { items { id name } } }`);
  gdp = found.indicators.items.find((r: { name: string }) => r.name === '地区生产总值').id;
  other = found.indicators.items.find((r: { name: string }) => r.name !== '地区生产总值').id;
  const saved = await server.hub.gql(
    `mutation($id: ID!) { saveLedgerEntry(input: { indicatorId: $id, department: "区发改局", period: "2020", actualValue: 1300, progressText: "全年" }) { id version } }`,
    { id: gdp },
  );
  const entry = saved.saveLedgerEntry;
  const submitted = await server.hub.gql(`mutation($id: ID!, $v: Int!) { submitLedgerEntry(id: $id, expectedVersion: $v) { version } }`, { id: entry.id, v: entry.version });
  await server.hub.gql(`mutation($id: ID!, $v: Int!) { approveLedgerEntry(id: $id, expectedVersion: $v) { state } }`, { id: entry.id, v: submitted.submitLedgerEntry.version });
  // GDP in 2019 too, above its year target (≈ 1,320): the year picker shows another status for it.
  const y2019 = (await server.hub.gql(`mutation($id: ID!) { saveLedgerEntry(input: { indicatorId: $id, department: "区发改局", period: "2019", actualValue: 1400 }) { id version } }`, { id: gdp })).saveLedgerEntry;
  const s2019 = await server.hub.gql(`mutation($id: ID!, $v: Int!) { submitLedgerEntry(id: $id, expectedVersion: $v) { version } }`, { id: y2019.id, v: y2019.version });
  await server.hub.gql(`mutation($id: ID!, $v: Int!) { approveLedgerEntry(id: $id, expectedVersion: $v) { state } }`, { id: y2019.id, v: s2019.submitLedgerEntry.version });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const LABEL = {
  zh: { ACHIEVED: '已完成', MISSED: '未完成', ON_TRACK: '进度正常', AT_RISK: '有风险', OFF_TRACK: '滞后', NO_DATA: '无数据' },
  en: { ACHIEVED: 'Achieved', MISSED: 'Missed', ON_TRACK: 'On track', AT_RISK: 'At risk', OFF_TRACK: 'Off track', NO_DATA: 'No data' },
} as const;

describe('completion status in the grid and on the department page', { timeout: 90_000 }, () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`the indicators grid shows GDP's status with its explanation, the others 无数据 (${lang})`, async () => {
      const { progress } = (await server.hub.gql(`query($id: ID!) { indicator(id: $id) { progress(year: 2020) { status explanation explanationEn } } }`, { id: gdp })).indicator;
      expect(progress.status).not.toBe('NO_DATA');
      const s = await openSession(browser, server.url, { lang });
      const { page } = s;
      const lists: string[] = [];
      page.on('request', (r) => {
        const body = r.postData();
        if (r.url().includes('/graphql') && body?.includes('progress(year: 2020)')) lists.push(body);
      });
      await openTable(page, server.url, '/indicators');
      await page.locator(`.ag-header-cell[col-id="_status"]`).filter({ hasText: lang === 'zh' ? '完成状态（2020）' : 'Status (2020)' }).waitFor();
      const chip = cell(page, gdp, '_status').locator('.status-chip');
      await eventually(() => chip.getAttribute('data-status')).toBe(progress.status);
      expect(await chip.textContent()).toBe(LABEL[lang][progress.status as keyof (typeof LABEL)['zh']]);
      expect(await chip.getAttribute('title')).toBe(lang === 'en' ? progress.explanationEn : progress.explanation);
      expect(progress.explanationEn).toMatch(/^2020: actual 1,300 亿元, year target 1,500 亿元, 86\.7% complete$/);
      const otherChip = cell(page, other, '_status').locator('.status-chip');
      expect(await otherChip.getAttribute('data-status')).toBe('NO_DATA');
      expect(await otherChip.textContent()).toBe(LABEL[lang].NO_DATA);
      // Every loaded row has its chip, from the page's one list request.
      const rows = await page.locator('.ag-center-cols-container .ag-row[row-id]').count();
      expect(await page.locator('.ag-center-cols-container .ag-cell[col-id="_status"] .status-chip').count()).toBe(rows);
      // The first block and the status bar's total count (limit 1): no request per row.
      expect(lists.length).toBeGreaterThan(0);
      expect(lists.length).toBeLessThanOrEqual(2);
      if (lang === 'zh') await screenshot(page, 'indicators-status');
      await s.context.close();
    });

    it(`the department page of 区发改局 shows the chip and the scorecard (${lang})`, async () => {
      const [score] = (
        await server.hub.gql(`{ scorecard(year: 2020, department: "区发改局") { total completionRate noData achieved onTrack atRisk offTrack missed asLead { total noData } asSupporter { total noData } } }`)
      ).scorecard;
      expect(score.total).toBeGreaterThan(score.noData);
      const s = await openSession(browser, server.url, { lang });
      const { page } = s;
      await page.goto(`${server.url}/department?name=${encodeURIComponent('区发改局')}`);
      await page.getByTestId('scorecard').waitFor();
      const chip = page.getByTestId('section-indicators').locator(`tr[data-row-id="${gdp}"] .status-chip`);
      await eventually(() => chip.getAttribute('data-status')).not.toBe('NO_DATA');
      expect(await chip.textContent()).not.toBe(LABEL[lang].NO_DATA);
      expect(await chip.getAttribute('title')).toBeTruthy();
      const card = page.getByTestId('scorecard');
      const n = (role: string, status: string) => card.locator(`tr[data-role="${role}"] td[data-status="${status}"]`).textContent();
      expect(await n('total', 'TOTAL')).toBe(String(score.total));
      expect(await n('total', 'NO_DATA')).toBe(String(score.noData));
      expect(await n('lead', 'TOTAL')).toBe(String(score.asLead.total));
      expect(await n('lead', 'NO_DATA')).toBe(String(score.asLead.noData));
      expect(await n('support', 'TOTAL')).toBe(String(score.asSupporter.total));
      const judged = ['ACHIEVED', 'ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'MISSED'];
      const counted = await Promise.all(judged.map((st) => n('total', st)));
      expect(counted.map(Number).reduce((a, b) => a + b, 0)).toBe(score.total - score.noData);
      expect(await card.getByRole('heading').textContent()).toContain(lang === 'zh' ? '2020 年完成情况' : 'Completion in 2020');
      expect(await page.getByTestId('completion-rate').textContent()).toContain(`${Math.round(score.completionRate * 1000) / 10}%`);
      if (lang === 'zh') await screenshot(page, 'department-scorecard');
      await s.context.close();
    });
  }

  it('a year picked above the grid re-reads the status column for that year, and the department page follows it', async () => {
    const years = (await server.hub.gql(`query($id: ID!) { indicator(id: $id) { a: progress(year: 2019) { status explanation } b: progress(year: 2020) { status } } }`, { id: gdp })).indicator;
    expect(years.a.status).not.toBe(years.b.status);
    const s = await openSession(browser, server.url, { lang: 'zh' });
    const { page } = s;
    const asked: string[] = [];
    page.on('request', (r) => {
      const body = r.postData();
      if (r.url().includes('/graphql') && body?.includes('progress(year: 2019)')) asked.push(body);
    });
    await openTable(page, server.url, '/indicators');
    const chip = cell(page, gdp, '_status').locator('.status-chip');
    await eventually(() => chip.getAttribute('data-status')).toBe(years.b.status);
    await page.getByTestId('status-year').selectOption('2019');
    await page.locator(`.ag-header-cell[col-id="_status"]`).filter({ hasText: '完成状态（2019）' }).waitFor();
    await eventually(() => cell(page, gdp, '_status').locator('.status-chip').getAttribute('data-status')).toBe(years.a.status);
    expect(await cell(page, gdp, '_status').locator('.status-chip').getAttribute('title')).toBe(years.a.explanation);
    expect(asked.length).toBeGreaterThan(0);
    await screenshot(page, 'indicators-status-2019');
    // The choice is kept in this browser: the department page judges 2019 too, and picks back 2020.
    await page.goto(`${server.url}/department?name=${encodeURIComponent('区发改局')}`);
    const card = page.getByTestId('scorecard');
    await eventually(() => card.getByRole('heading').textContent()).toContain('2019 年完成情况');
    await card.getByTestId('status-year').selectOption('2020');
    await eventually(() => card.getByRole('heading').textContent()).toContain('2020 年完成情况');
    await s.context.close();
  });
});
