import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Role } from '../../schema/accounts/account.enums';
import { ADMIN_PASSWORD } from '../helpers';
import { cell, cellState, dismissNotices, eventually, launchBrowser, notices, openSession, screenshot, startUiServer, typeInto, type Session, type UiServer } from './support';

/**
 * Accounts in the UI: signing in through the login page, an EDITOR of 住建 refused on another
 * department's row (the cell goes back, the database is unchanged) and saving on its own, and a
 * row's history with a restore. One hub, one browser, one tab signed out at the start.
 */
let server: UiServer;
let browser: Browser;
let tab: Session;
/** An indicator 住建 leads or supports, and one it has nothing to do with. */
let own: string;
let other: string;

const INDICATOR = 'id seq name unit version responsibilities { department { name } }';
const indicator = async (id: string) => (await server.hub.gql(`query($id: ID!) { indicator(id: $id) { ${INDICATOR} } }`, { id })).indicator;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  await server.hub.user('zhujian', Role.EDITOR, '住建');
  const mine = await server.hub.gql(`{ indicators(filter: { department: "住建" }, orderBy: [{ field: "seq", direction: ASC }], limit: 5) { items { id } } }`);
  own = mine.indicators.items[0].id;
  const all = await server.hub.gql(`{ indicators(orderBy: [{ field: "seq", direction: ASC }], limit: 60) { items { ${INDICATOR} } } }`);
  other = all.indicators.items.find((r: { responsibilities: { department: { name: string } }[] }) => r.responsibilities.length && !r.responsibilities.some((x) => x.department.name === '区住建局')).id;
  tab = await openSession(browser, server.url, { anonymous: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('accounts in the admin UI', { timeout: 60_000 }, () => {
  it('lets anonymous users browse read-only, with one hint to sign in (no editor opens, nothing is sent)', async () => {
    const { page } = tab;
    await page.goto(`${server.url}/indicators?row=${own}`);
    await cell(page, own, 'unit').waitFor();
    await page.getByTestId('sign-in').waitFor();
    const before = await indicator(own);

    await cell(page, own, 'unit').dblclick();
    await page.keyboard.type('匿名单位');
    expect(await cell(page, own, 'unit').locator('input').count()).toBe(0);
    await expect(page.getByTestId('edit-hint').textContent()).resolves.toContain('登录后可编辑');
    expect(await page.getByTestId('add-row').count()).toBe(0);
    expect(await indicator(own)).toEqual(before);

    // The hint offers to sign in, in a dialog over the page.
    await page.getByTestId('hint-sign-in').click();
    const dialog = page.getByRole('dialog', { name: '登录' });
    await dialog.getByTestId('login-form').waitFor();
    await page.keyboard.press('Escape');
    await expect(dialog.count()).resolves.toBe(0);
  });

  it('signs in through the login page; a wrong password says so', async () => {
    const { page } = tab;
    await dismissNotices(page);
    await page.getByTestId('sign-in').click();
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('用户名').fill('zhujian');
    await page.getByLabel('密码').fill('not the password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码不正确');
    await screenshot(page, 'login-refused');

    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/indicators\?row=/);
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('zhujian');
    await expect(page.getByTestId('user-role').textContent()).resolves.toBe('编辑 · 区住建局');
  });

  it('as an EDITOR of 住建: another department’s row is refused with the reason and put back; an own row saves', async () => {
    const { page } = tab;
    await dismissNotices(page);
    await page.goto(`${server.url}/indicators?row=${other}`);
    await cell(page, other, 'unit').waitFor();
    // The rows 住建 cannot change look read-only; its own do not.
    await expect(cell(page, other, 'unit').getAttribute('class')).resolves.toContain('ph-cell-locked');
    const before = await indicator(other);

    // Not editable at all: no editor opens, nothing is sent.
    await cell(page, other, 'unit').dblclick();
    expect(await cell(page, other, 'unit').locator('input').count()).toBe(0);
    expect(await indicator(other)).toEqual(before);
    await screenshot(page, 'editor-refused');

    await dismissNotices(page);
    await page.goto(`${server.url}/indicators?row=${own}`);
    await cell(page, own, 'unit').waitFor();
    expect(await cell(page, own, 'unit').getAttribute('class')).not.toContain('ph-cell-locked');
    // On its own row, the office's fields (base value, base year, target method) stay read-only.
    const baseCell = cell(page, own, 'baseValue');
    await baseCell.scrollIntoViewIfNeeded();
    expect(await baseCell.getAttribute('class')).toContain('ph-cell-locked');
    await baseCell.dblclick();
    expect(await baseCell.locator('input').count()).toBe(0);
    await cell(page, own, 'unit').scrollIntoViewIfNeeded();
    const mine = await indicator(own);
    await typeInto(cell(page, own, 'unit'), '万元（修订）');
    await cellState(page, own, 'unit', 'saved').waitFor();
    const after = await indicator(own);
    expect(after.unit).toBe('万元（修订）');
    expect(after.version).toBe(mine.version + 1);
  });

  it('shows the row’s history and restores the earlier value, which is itself in the history', async () => {
    const { page } = tab;
    await dismissNotices(page);
    const before = await indicator(own);
    const panel = page.getByTestId('row-panel');
    await panel.getByTestId('tab-history').click();
    const entries = panel.getByTestId('history-entry');
    const first = entries.first();
    await expect(first.getAttribute('data-field')).resolves.toBe('unit');
    await expect(first.getByTestId('history-user').textContent()).resolves.toBe('zhujian');
    await expect(first.getByTestId('history-after').textContent()).resolves.toBe('万元（修订）');
    const earlier = await first.getByTestId('history-before').textContent();
    expect(earlier).not.toBe('万元（修订）');
    await screenshot(page, 'row-history');

    await first.getByTestId('restore').click();
    await notices(page).filter({ hasText: '已恢复' }).waitFor();
    await eventually(() => cell(page, own, 'unit').textContent()).toBe(earlier);
    const restored = await indicator(own);
    expect(restored.unit).toBe(earlier);
    expect(restored.version).toBe(before.version + 1);
    await eventually(() => cell(page, own, 'version').textContent()).toBe(String(restored.version));
    // The restore is the newest entry now: 万元（修订） → the earlier value, by zhujian.
    await eventually(() => entries.count()).toBeGreaterThanOrEqual(2);
    await eventually(() => entries.first().getByTestId('history-before').textContent()).toBe('万元（修订）');
    await expect(entries.first().getByTestId('history-after').textContent()).resolves.toBe(earlier);
  });

  it('signs out back to read-only browsing, without console errors', async () => {
    const { page } = tab;
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor();
    await expect(page.getByTestId('user-badge').count()).resolves.toBe(0);
    expect(tab.errors).toEqual([]);
  });
});
