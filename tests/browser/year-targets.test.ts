import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Role } from '../../schema/accounts/account.enums';
import { ADMIN_PASSWORD } from '../helpers';
import { cell, cellState, dismissNotices, eventually, launchBrowser, notices, openSession, screenshot, startUiServer, typeInto, type Session, type UiServer } from './support';

/**
 * 年度目标 (issue 14): the office types a year of GDP, the row marks it as entered by hand, Ctrl+Z
 * puts it back to the derived value on the server; the history lists both; a viewer cannot edit.
 */
let server: UiServer;
let browser: Browser;
let office: Session;
let gdp: string;

interface YT {
  id: string;
  year: number;
  targetValue: number | null;
  derived: boolean;
  version: number;
}
const years = async (id: string): Promise<YT[]> => (await server.hub.gql(`query($id: ID!) { indicator(id: $id) { yearTargets { id year targetValue derived version } } }`, { id })).indicator.yearTargets;
const year = async (id: string, y: number) => (await years(id)).find((t) => t.year === y)!;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  await server.hub.user('viewer', Role.VIEWER);
  const found = await server.hub.gql(`{ indicators(filter: { search: "地区生产总值" }, limit: 5) { items { id seq name } } }`);
  gdp = found.indicators.items.find((r: { name: string }) => r.name === '地区生产总值').id;
  office = await openSession(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the year-target grid', { timeout: 60_000 }, () => {
  it('the office edits 2017 of GDP: saved by hand and marked; Ctrl+Z puts it back to the derived value', async () => {
    const { page } = office;
    await page.goto(`${server.url}/year-targets`);
    await cell(page, gdp, 'y2016').waitFor();
    // GDP 790.4 → 1500 at a constant rate: 2016 ≈ 898.45, derived.
    await eventually(() => cell(page, gdp, 'y2016').textContent()).toContain('898.45');
    const before = await year(gdp, 2017);
    expect(before.derived).toBe(true);
    expect(await cell(page, gdp, 'y2017').locator('[data-testid="hand-edited"]').count()).toBe(0);

    await typeInto(cell(page, gdp, 'y2017'), '1,020');
    await cellState(page, gdp, 'y2017', 'saved').waitFor();
    await cell(page, gdp, 'y2017').locator('[data-testid="hand-edited"]').waitFor();
    expect(await cell(page, gdp, 'y2017').textContent()).toContain('1,020');
    const edited = await year(gdp, 2017);
    expect(edited).toMatchObject({ targetValue: 1020, derived: false, version: before.version + 1 });
    await screenshot(page, 'year-targets', true);

    // Ctrl+Z from the grid (not in an editor): back to derived, on the server too.
    await cell(page, gdp, 'name').click();
    await page.keyboard.press('Control+z');
    await eventually(async () => (await year(gdp, 2017)).derived).toBe(true);
    expect((await year(gdp, 2017)).targetValue).toBeCloseTo(before.targetValue!, 6);
    await eventually(() => cell(page, gdp, 'y2017').locator('[data-testid="hand-edited"]').count()).toBe(0);
    await eventually(() => notices(page).filter({ hasText: '已撤销' }).count()).toBe(1);

    // Ctrl+Y does it again; ↺ puts it back, as a user would.
    await page.keyboard.press('Control+y');
    await cell(page, gdp, 'y2017').locator('[data-testid="hand-edited"]').waitFor();
    expect((await year(gdp, 2017)).targetValue).toBe(1020);
    await cell(page, gdp, 'y2017').getByTestId('reset-year').click();
    await eventually(async () => (await year(gdp, 2017)).derived).toBe(true);

    // The history beside the grid lists the changes, newest first.
    await dismissNotices(page);
    await page.locator(`[data-history="${gdp}"]`).click();
    const history = page.getByTestId('year-target-history');
    await eventually(() => history.getByTestId('history-entry').count()).toBeGreaterThanOrEqual(3);
    expect(await history.textContent()).toContain('2017年');
    await screenshot(page, 'year-targets-history');
  });

  it('refuses a word in a year cell without sending it, and reports a conflict with the newer value on offer', async () => {
    const { page } = office;
    await dismissNotices(page);
    const sent = office.mutations.length;
    await typeInto(cell(page, gdp, 'y2018'), '很多');
    await cellState(page, gdp, 'y2018', 'failed').waitFor();
    expect(office.mutations.length).toBe(sent);
    await eventually(() => page.getByRole('alert').filter({ hasText: '2018年' }).textContent()).toContain('请输入数字');

    // Someone else saves 2019 first: this tab's edit is refused as a conflict.
    const y2019 = await year(gdp, 2019);
    await server.hub.gql(`mutation($id: ID!, $v: Int) { updateYearTarget(id: $id, patch: { targetValue: 1300 }, expectedVersion: $v) { version } }`, { id: y2019.id, v: y2019.version });
    await dismissNotices(page);
    await typeInto(cell(page, gdp, 'y2019'), '1250');
    const conflict = page.getByRole('alert').filter({ hasText: '保存冲突' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('其他人已先保存了这一行');
    await conflict.getByRole('button', { name: '加载最新数据' }).click();
    await eventually(() => cell(page, gdp, 'y2019').textContent()).toContain('1,300');
    expect((await year(gdp, 2019)).targetValue).toBe(1300);
  });

  it('a viewer reads the year targets but cannot edit them, with the one hint', async () => {
    const viewer = await openSession(browser, server.url, { anonymous: true });
    const res = await viewer.context.request.post(`${server.url}/graphql`, {
      data: { query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { expiresAt } }', variables: { u: 'viewer', p: ADMIN_PASSWORD } },
    });
    expect((await res.json()).errors).toBeUndefined();
    const { page } = viewer;
    await page.goto(`${server.url}/year-targets`);
    await cell(page, gdp, 'y2017').waitFor();
    await page.getByTestId('user-name').waitFor();
    await cell(page, gdp, 'y2017').dblclick();
    await page.keyboard.type('999');
    expect(await cell(page, gdp, 'y2017').locator('input').count()).toBe(0);
    await expect(page.getByTestId('edit-hint').textContent()).resolves.toContain('您的账号只能查看');
    expect(await page.getByTestId('reset-year').count()).toBe(0);
    expect(await page.getByTestId('undo').count()).toBe(0);
    expect(viewer.mutations).toEqual([]);
    await viewer.context.close();
  });
});
