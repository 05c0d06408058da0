import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../../schema/accounts/account.enums';
import { ADMIN_PASSWORD } from '../helpers';
import { cell, cellState, eventually, launchBrowser, notices, openSession, openTable, screenshot, type Session, type UiServer, startUiServer } from './support';

/**
 * Editing a row someone else just changed (issue 17): A (admin) has an editor open on a standard's
 * name when B (another user, lihua) changes or deletes that row. A's editor says so within 2 s, with
 * B's value, and A chooses: keep typing (the save goes against the new version) or take the new
 * value. Nothing typed is lost without a word. In Chinese, then in English.
 */
let server: UiServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  await server.hub.user('lihua', Role.ADMIN);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Standard {
  id: string;
  name: string;
  releaseYear: number;
  version: number;
}

const standard = async (id: string): Promise<Standard | null> =>
  (await server.hub.gql('query($id: ID!) { standard(id: $id) { id name releaseYear version } }', { id })).standard;

/** A context signed in as `username` (through the login mutation, as the login page does). */
async function signedInAs(username: string, lang: 'zh' | 'en'): Promise<Session> {
  const s = await openSession(browser, server.url, { anonymous: true, lang });
  const res = await s.context.request.post(`${server.url}/graphql`, {
    data: { query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { expiresAt } }', variables: { u: username, p: ADMIN_PASSWORD } },
  });
  expect((await res.json()).errors).toBeUndefined();
  return s;
}

/** A GraphQL operation sent from the page, with its session cookie (B's change "elsewhere"). */
async function send(page: Page, query: string, variables: Record<string, unknown>) {
  const body = await page.evaluate(
    async ({ query, variables }) => (await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json(),
    { query, variables },
  );
  expect(body.errors).toBeUndefined();
  return body.data;
}

const UPDATE = 'mutation($id: ID!, $v: Int, $patch: StandardPatch!) { updateStandard(id: $id, expectedVersion: $v, patch: $patch) { version } }';

for (const lang of ['zh', 'en'] as const) {
  const zh = lang === 'zh';
  describe(`an editor open on a row that changes elsewhere (${lang})`, { timeout: 90_000 }, () => {
    // The choices themselves do not depend on the language: in English only the cases whose words differ run.
    const inChinese = zh ? it : ((() => undefined) as unknown as typeof it);
    let a: Session;
    let b: Session;
    let rows: Standard[];
    const banner = () => a.page.getByTestId('edit-clash');

    beforeAll(async () => {
      [a, b] = await Promise.all([openSession(browser, server.url, { lang }), signedInAs('lihua', lang)]);
      await a.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      rows = (await server.hub.gql('{ standards(orderBy: [{ field: "seq" }]) { items { id name releaseYear version } } }')).standards.items;
      await Promise.all([openTable(a.page, server.url, '/standards'), openTable(b.page, server.url, '/standards')]);
      await a.page.waitForTimeout(500); // A's subscription is open
    });

    afterAll(async () => {
      await Promise.all([a?.context.close(), b?.context.close()]);
    });

    /** A opens the editor on a row's name and types, without pressing Enter. */
    async function startTyping(row: Standard, text: string) {
      const target = cell(a.page, row.id, 'name');
      await target.dblclick();
      const input = target.locator('input');
      await input.waitFor();
      await input.fill(text);
      return input;
    }

    /** The banner shows within 2 s of B's change, and the keyboard is still in A's editor. */
    async function bannerShows(rowId: string) {
      await expect.poll(() => banner().count(), { timeout: 2000, interval: 50 }).toBe(1);
      expect(await banner().getAttribute('data-row')).toBe(rowId);
      const focus = await a.page.evaluate(() => ({ tag: document.activeElement?.tagName, col: document.activeElement?.closest('.ag-cell')?.getAttribute('col-id') }));
      expect(focus).toEqual({ tag: 'INPUT', col: 'name' });
    }

    const conflicts = () => notices(a.page).filter({ hasText: zh ? '保存冲突' : 'Edit conflict' });

    it('keep typing: the save goes against the new version, without a conflict', async () => {
      const row = rows[1];
      const mine = zh ? '甲方的名称' : 'Name typed by A';
      const theirs = zh ? '乙方先改的名称' : 'Name changed by B first';
      const input = await startTyping(row, mine);
      const sent = a.mutations.length;
      await send(b.page, UPDATE, { id: row.id, v: row.version, patch: { name: theirs } });
      await bannerShows(row.id);
      expect(await banner().getAttribute('data-kind')).toBe('changed');
      const text = await banner().textContent();
      expect(text).toContain(zh ? `此行刚被他人修改：本格现为“${theirs}”` : `This row was just changed elsewhere: this cell is now "${theirs}"`);
      await eventually(() => banner().textContent()).toContain(zh ? '修改人：lihua' : 'by lihua');
      await screenshot(a.page, `edit-clash-changed-${lang}`);

      await banner().getByRole('button', { name: zh ? '继续输入' : 'Keep typing' }).click();
      await eventually(() => banner().count()).toBe(0);
      expect(await input.inputValue()).toBe(mine);
      await input.press('End');
      await input.pressSequentially('!');
      await input.press('Enter');
      await cellState(a.page, row.id, 'name', 'saved').waitFor();
      expect(await conflicts().count()).toBe(0);
      expect(a.mutations.length - sent).toBe(1);
      expect(await standard(row.id)).toMatchObject({ name: `${mine}!`, version: row.version + 2 });
      expect(await cell(a.page, row.id, 'name').textContent()).toBe(`${mine}!`);
      await eventually(() => cell(b.page, row.id, 'name').textContent()).toBe(`${mine}!`);
    });

    inChinese('take the new value: the editor closes, the cell shows B’s value, nothing of A’s is saved', async () => {
      const row = rows[2];
      const theirs = zh ? '乙方的新名称' : 'B’s new name';
      await startTyping(row, zh ? '甲方没保存的名称' : 'Never saved by A');
      const sent = a.mutations.length;
      await send(b.page, UPDATE, { id: row.id, v: row.version, patch: { name: theirs } });
      await bannerShows(row.id);
      await banner().getByRole('button', { name: zh ? '采用新值' : 'Take the new value' }).click();
      await eventually(() => banner().count()).toBe(0);
      await eventually(() => cell(a.page, row.id, 'name').locator('input').count()).toBe(0);
      await eventually(() => cell(a.page, row.id, 'name').textContent()).toBe(theirs);
      expect(await a.page.locator(`.ag-row[row-id="${row.id}"].row-changed-elsewhere`).count()).toBe(0);
      await a.page.waitForTimeout(300); // a save, had one been sent, would be on its way
      expect(a.mutations.length).toBe(sent);
      expect(await standard(row.id)).toMatchObject({ name: theirs, version: row.version + 1 });
    });

    it('a change to another field: the banner names it, and keep typing keeps B’s change', async () => {
      const row = rows[3];
      const mine = zh ? '甲方改名称，乙方改年份' : 'A renames, B moves the year';
      const year = zh ? 2031 : 2032;
      await startTyping(row, mine);
      await send(b.page, UPDATE, { id: row.id, v: row.version, patch: { releaseYear: year } });
      await bannerShows(row.id);
      expect(await banner().textContent()).toContain(zh ? `此行刚被他人修改：「出台年份」现为“${year}”（本格未变）` : `This row was just changed elsewhere: Release year is now "${year}" (this cell is unchanged)`);
      await screenshot(a.page, `edit-clash-other-field-${lang}`);
      await banner().getByRole('button', { name: zh ? '继续输入' : 'Keep typing' }).click();
      await eventually(() => cell(a.page, row.id, 'releaseYear').textContent()).toBe(String(year));
      const input = cell(a.page, row.id, 'name').locator('input');
      expect(await input.inputValue()).toBe(mine);
      await input.press('Enter');
      await cellState(a.page, row.id, 'name', 'saved').waitFor();
      expect(await conflicts().count()).toBe(0);
      expect(await standard(row.id)).toMatchObject({ name: mine, releaseYear: year, version: row.version + 2 });
    });

    inChinese('keep typing, then another change: the editor asks again, and the save goes against the newest version', async () => {
      const row = rows[6];
      const mine = zh ? '甲方坚持输入' : 'A keeps typing';
      const input = await startTyping(row, mine);
      await send(b.page, UPDATE, { id: row.id, v: row.version, patch: { name: zh ? '乙方第一次' : 'B, first' } });
      await bannerShows(row.id);
      await banner().getByRole('button', { name: zh ? '继续输入' : 'Keep typing' }).click();
      await eventually(() => banner().count()).toBe(0);
      await send(b.page, UPDATE, { id: row.id, v: row.version + 1, patch: { name: zh ? '乙方第二次' : 'B, second' } });
      await bannerShows(row.id);
      expect(await banner().textContent()).toContain(zh ? '本格现为“乙方第二次”' : 'this cell is now "B, second"');
      // The choice from the keyboard, without leaving the editor.
      await input.press('Alt+K');
      await eventually(() => banner().count()).toBe(0);
      expect(await input.inputValue()).toBe(mine);
      await input.press('Enter');
      await cellState(a.page, row.id, 'name', 'saved').waitFor();
      expect(await conflicts().count()).toBe(0);
      expect(await standard(row.id)).toMatchObject({ name: mine, version: row.version + 3 });
    });

    inChinese('Enter without a choice meets the version check as before: the conflict message keeps what was typed', async () => {
      const row = rows[5];
      const mine = zh ? '没选就按了回车' : 'Enter without choosing';
      const theirs = zh ? '乙方抢先保存' : 'B saved first';
      const input = await startTyping(row, mine);
      await send(b.page, UPDATE, { id: row.id, v: row.version, patch: { name: theirs } });
      await bannerShows(row.id);
      await input.press('Enter');
      await eventually(() => banner().count()).toBe(0);
      await eventually(() => conflicts().count()).toBe(1);
      expect(await conflicts().textContent()).toContain(mine);
      expect(await standard(row.id)).toMatchObject({ name: theirs, version: row.version + 1 });
      await conflicts().locator('.notice-close').click();
    });

    it('the row deleted elsewhere: the editor says so, offers to copy, and Esc leaves a message with the text', async () => {
      const row = rows[4];
      const mine = zh ? '甲方在已删除的行里输入' : 'Typed into a deleted row';
      const input = await startTyping(row, mine);
      await send(b.page, 'mutation($id: ID!, $v: Int) { deleteStandard(id: $id, expectedVersion: $v) }', { id: row.id, v: row.version });
      await bannerShows(row.id);
      expect(await banner().getAttribute('data-kind')).toBe('deleted');
      expect(await banner().textContent()).toContain(zh ? '此行刚被他人删除' : 'This row was just deleted elsewhere');
      await screenshot(a.page, `edit-clash-deleted-${lang}`);
      // The row stays while the editor is open.
      expect(await a.page.locator(`.ag-row[row-id="${row.id}"]`).count()).toBeGreaterThan(0);
      await banner().getByRole('button', { name: zh ? '复制我输入的内容' : 'Copy what I typed' }).click();
      await eventually(() => banner().getByRole('button').first().textContent()).toBe(zh ? '已复制' : 'Copied');
      expect(await a.page.evaluate(() => navigator.clipboard.readText())).toBe(mine);
      expect(await input.inputValue()).toBe(mine);

      await input.press('Escape');
      const kept = notices(a.page).filter({ hasText: mine });
      await eventually(() => kept.count()).toBe(1);
      expect(await kept.textContent()).toContain(zh ? '此行已被他人删除' : 'This row was deleted elsewhere');
      await eventually(() => a.page.locator(`.ag-row[row-id="${row.id}"]`).count()).toBe(0);
      await screenshot(a.page, `edit-clash-deleted-kept-${lang}`);
      expect(await standard(row.id)).toBeNull();
      await kept.locator('.notice-close').click();
    });
  });
}

describe('the paged indicators grid (infinite row model)', { timeout: 90_000 }, () => {
  let a: Session;
  let b: Session;
  const banner = () => a.page.getByTestId('edit-clash');

  beforeAll(async () => {
    [a, b] = await Promise.all([openSession(browser, server.url), signedInAs('lihua', 'zh')]);
    await Promise.all([openTable(a.page, server.url, '/indicators'), openTable(b.page, server.url, '/indicators')]);
    await a.page.waitForTimeout(500);
  });

  afterAll(async () => {
    await Promise.all([a?.context.close(), b?.context.close()]);
  });

  const indicator = async (id: string) => (await server.hub.gql('query($id: ID!) { indicator(id: $id) { name unit version } }', { id })).indicator;

  it('keep typing after another field changed, and a row deleted under the editor stays until the editor closes', async () => {
    const [first, second] = (await server.hub.gql('{ indicators(orderBy: [{ field: "seq" }], limit: 2) { items { id name unit version } } }')).indicators.items;
    const target = cell(a.page, first.id, 'name');
    await target.dblclick();
    const input = target.locator('input');
    await input.fill('地区生产总值（甲方）');
    await send(b.page, 'mutation($id: ID!, $v: Int) { updateIndicator(id: $id, expectedVersion: $v, patch: { unit: "万亿元" }) { version } }', { id: first.id, v: first.version });
    await expect.poll(() => banner().count(), { timeout: 2000, interval: 50 }).toBe(1);
    expect(await banner().textContent()).toContain('「单位」现为“万亿元”（本格未变）');
    await banner().getByRole('button', { name: '继续输入' }).click();
    await eventually(() => cell(a.page, first.id, 'unit').textContent()).toBe('万亿元');
    expect(await input.inputValue()).toBe('地区生产总值（甲方）');
    await input.press('Enter');
    await cellState(a.page, first.id, 'name', 'saved').waitFor();
    expect(await indicator(first.id)).toMatchObject({ name: '地区生产总值（甲方）', unit: '万亿元', version: first.version + 2 });

    const other = cell(a.page, second.id, 'name');
    await other.dblclick();
    const typing = other.locator('input');
    await typing.fill('删掉之前输入的');
    await send(b.page, 'mutation($id: ID!, $v: Int) { deleteIndicator(id: $id, expectedVersion: $v) }', { id: second.id, v: second.version });
    await expect.poll(() => banner().getAttribute('data-kind'), { timeout: 2000, interval: 50 }).toBe('deleted');
    await a.page.waitForTimeout(500); // the cache is not read again under the editor
    expect(await typing.inputValue()).toBe('删掉之前输入的');
    // Enter: the save is refused (the row is gone) with a message that keeps the text; then the row goes.
    await typing.press('Enter');
    const kept = notices(a.page).filter({ hasText: '删掉之前输入的' });
    await eventually(() => kept.count()).toBe(1);
    expect(await kept.textContent()).toContain('没有保存');
    await eventually(() => a.page.locator(`.ag-row[row-id="${second.id}"]`).count()).toBe(0);
    await screenshot(a.page, 'edit-clash-paged-deleted');
    expect(await indicator(second.id)).toBeNull();
  });
});

describe('a table read again whole (departments) under an open editor', { timeout: 90_000 }, () => {
  it('waits until the editor closes: the typed value meets the conflict, the other change is not overwritten', async () => {
    const [a, b] = await Promise.all([openSession(browser, server.url, { lang: 'zh' }), signedInAs('lihua', 'zh')]);
    try {
      const dept = (await server.hub.gql('{ departments { id code name nameEn version } }')).departments.find((d: { code: string }) => d.code !== 'unknown') as { id: string; name: string; nameEn: string; version: number };
      await Promise.all([openTable(a.page, server.url, '/departments'), openTable(b.page, server.url, '/departments')]);
      await a.page.waitForTimeout(500); // A's subscription is open
      const target = cell(a.page, dept.id, 'nameEn');
      await target.dblclick();
      const input = target.locator('input');
      await input.waitFor();
      await input.fill('Typed by A');
      await send(b.page, 'mutation($id: ID!, $v: Int) { updateDepartment(id: $id, expectedVersion: $v, patch: { nameEn: "Changed by B" }) { version } }', { id: dept.id, v: dept.version });
      await a.page.waitForTimeout(1500); // the change set has arrived; the table is not read again under the editor
      expect(await input.inputValue()).toBe('Typed by A');
      await input.press('Enter');
      // The save went against the version A started from: a conflict, B's change kept.
      await eventually(() => notices(a.page).filter({ hasText: '保存冲突' }).count()).toBe(1);
      const now = (await server.hub.gql('{ departments { id nameEn version } }')).departments.find((d: { id: string }) => d.id === dept.id);
      expect(now).toMatchObject({ nameEn: 'Changed by B', version: dept.version + 1 });
      // Once idle, the table is read again and shows B's value.
      await a.page.keyboard.press('Escape');
      await eventually(() => cell(a.page, dept.id, 'nameEn').textContent()).toBe('Changed by B');
    } finally {
      await Promise.all([a.context.close(), b.context.close()]);
    }
  });
});
