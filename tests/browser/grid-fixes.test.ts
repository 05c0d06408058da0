import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../../schema/accounts/account.enums';
import { ADMIN_PASSWORD } from '../helpers';
import { cell, cellState, dismissNotices, eventually, expectConsoleErrors, launchBrowser, openSession, openTable, screenshot, startUiServer, typeInto, type Session, type UiServer } from './support';

/**
 * The grid fixes of issue 10: quick search on every table, the page error boundary, number cells,
 * department search, read-only grids for who cannot edit, messages in words, filter chips and
 * one history entry per action. One hub, one browser; tabs per account.
 */
let server: UiServer;
let browser: Browser;
let admin: Session;
let anon: Session;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  await Promise.all([server.hub.user('zhujian', Role.EDITOR, '住建'), server.hub.user('reader', Role.VIEWER)]);
  [admin, anon] = await Promise.all([openSession(browser, server.url), openSession(browser, server.url, { anonymous: true })]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function quickSearch(page: Page, text: string) {
  const box = page.getByRole('searchbox');
  await box.fill(text);
}

describe('quick search and the page error boundary (item 1)', { timeout: 60_000 }, () => {
  it('searches 专项目标, 创新指南 and 部门 for 滨江, 住 and 住建 without blanking the app, signed in or not', async () => {
    for (const [s, path] of [[admin, '/special-targets'], [anon, '/innovation-topics'], [anon, '/departments']] as const) {
      const { page, errors } = s;
      {
        await openTable(page, server.url, path);
        for (const text of ['滨江', '住', '住建']) {
          await quickSearch(page, text);
          // The status bar reads the filtered count once the search applies; the grid is still there.
          await eventually(() => page.getByTestId('status-count').textContent()).toMatch(/筛选后|共/);
        }
        // Each table has rows that 住建 (区住建局) answers for.
        await eventually(() => page.getByTestId('status-count').textContent()).toMatch(/筛选后 [1-9]/);
        expect(await page.locator('.ag-row[row-id]').count()).toBeGreaterThan(0);
        expect(await page.locator('.ag-root').count()).toBe(1);
      }
      expect(errors).toEqual([]);
    }
  });

  it('a page that fails to render shows a message and a reload button; the navigation still works', async () => {
    const s = await openSession(browser, server.url, { lang: 'en' });
    const { page } = s;
    // A malformed row (responsibilities not a list), served in place of the real standards list.
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON();
      if (!/ListStandard/.test(String(body?.query))) return route.continue();
      const res = await route.fetch();
      const json = await res.json();
      json.data.standards.items[0].responsibilities = 5;
      await route.fulfill({ response: res, json });
    });
    await page.goto(`${server.url}/standards`);
    const box = page.getByTestId('page-error');
    await eventually(() => box.textContent()).toContain('This page ran into a problem');
    await expect(page.getByTestId('page-reload').textContent()).resolves.toBe('Reload the page');
    await screenshot(page, 'page-error-en');
    // The header still works: another table opens.
    await page.getByRole('navigation').getByRole('link', { name: 'Indicators' }).click();
    await page.locator('.ag-row[row-id]').first().waitFor();
    expect(await box.count()).toBe(0);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('navigation').getByRole('link', { name: '标准' }).click();
    await eventually(() => box.textContent()).toContain('这个页面出错了');
    await screenshot(page, 'page-error-zh');
    // The malformed row's render error, caught by the boundary, is the only console error.
    expectConsoleErrors(s, /TypeError: \w+\.map is not a function/);
    await s.context.close();
  });
});

describe('search by department (item 3)', { timeout: 60_000 }, () => {
  it('finds indicators by a department’s alias or name, and the box says what it searches', async () => {
    const { page } = anon;
    await openTable(page, server.url, '/indicators');
    const box = page.getByRole('searchbox');
    expect(await box.getAttribute('placeholder')).toBe('搜索指标名称、计量单位、目标或责任单位…');
    await box.fill('住建');
    await eventually(() => page.getByTestId('status-count').textContent()).toMatch(/筛选后 6 行/);
    await box.fill('区发改局');
    await eventually(() => page.getByTestId('status-count').textContent()).toMatch(/筛选后 [1-9]\d* 行/);
    expect(await page.locator('.ag-overlay-no-rows-center, .ag-overlay-no-rows-wrapper').count()).toBe(0);
    await box.fill('');
  });
});

describe('number cells and the add-row form (item 2)', { timeout: 60_000 }, () => {
  const IND = 'id seq targetText targetKind targetValue annualGrowthPct version';
  const bySeq = async (seq: number) => (await server.hub.gql(`{ indicators(filter: { search: "" }, limit: 1000) { items { ${IND} } } }`)).indicators.items.find((r: { seq: number }) => r.seq === seq);

  it('refuses a word or an out-of-range number in a number cell, says so, keeps the old value; full-width digits save', async () => {
    const { page } = admin;
    await openTable(page, server.url, '/indicators');
    await dismissNotices(page);
    const before = await bySeq(19);
    expect(before.targetValue).toBe(3.5);

    await typeInto(cell(page, before.id, 'targetValue'), 'abc');
    await cellState(page, before.id, 'targetValue', 'failed').waitFor();
    const alert = page.getByRole('alert').filter({ hasText: '「目标数值」' });
    await eventually(() => alert.textContent()).toContain('“abc”不是数字');
    expect(await alert.textContent()).toContain('单元格保留原值');
    expect(await cell(page, before.id, 'targetValue').textContent()).toBe('3.5');

    await dismissNotices(page);
    await typeInto(cell(page, before.id, 'annualGrowthPct'), '-5000');
    await eventually(() => page.getByRole('alert').filter({ hasText: '「年均增长（%）」' }).textContent()).toContain('应为 -100 到 1000 之间的数字');
    await screenshot(page, 'number-refused');
    expect(await bySeq(19)).toEqual(before);

    await typeInto(cell(page, before.id, 'annualGrowthPct'), '１２．５');
    await cellState(page, before.id, 'annualGrowthPct', 'saved').waitFor();
    expect(await bySeq(19)).toMatchObject({ targetValue: 3.5, annualGrowthPct: 12.5, version: before.version + 1 });
  });

  it('the add-row form reads full-width digits and says 不能为空 like the grid', async () => {
    const { page } = admin;
    await openTable(page, server.url, '/standards');
    await page.getByTestId('add-row').click();
    const form = page.locator('.dialog');
    await eventually(() => form.locator('#add-seq').inputValue()).not.toBe('');
    await form.locator('#add-releaseYear').fill('２０１９');
    await page.getByTestId('add-row-submit').click();
    // Only the empty name is refused, in the grid's words; the year is read.
    await eventually(() => form.locator('.field-error').allTextContents()).toEqual(['不能为空']);
    await screenshot(page, 'add-row-form');
    await form.locator('#add-name').fill('全角数字测试标准');
    await page.getByTestId('add-row-submit').click();
    await form.waitFor({ state: 'detached' });
    const { standards } = await server.hub.gql('{ standards(filter: { search: "全角数字测试" }) { items { releaseYear } } }');
    expect(standards.items).toEqual([{ releaseYear: 2019 }]);
  });
});

/** A tab signed in as one of the test accounts (all share the admin's password). */
async function signedInAs(username: string, lang: 'zh' | 'en' = 'zh') {
  const s = await openSession(browser, server.url, { anonymous: true, lang });
  const res = await s.context.request.post(`${server.url}/graphql`, {
    data: { query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { expiresAt } }', variables: { u: username, p: ADMIN_PASSWORD } },
  });
  expect((await res.json()).errors).toBeUndefined();
  return s;
}

const opensEditor = async (page: Page, rowId: string | number, col: string) => {
  await cell(page, rowId, col).dblclick();
  const open = (await cell(page, rowId, col).locator('input').count()) > 0;
  if (open) await page.keyboard.press('Escape');
  return open;
};

describe('read-only grids for who cannot edit (item 5)', { timeout: 60_000 }, () => {
  it('signed out and as a VIEWER: no add, delete or paste, cells do not open, one hint says why', async () => {
    const viewer = await signedInAs('reader');
    const en = await openSession(browser, server.url, { anonymous: true, lang: 'en' });
    for (const [s, hint] of [
      [anon, '登录后可编辑'],
      [viewer, '您的账号只能查看，不能编辑'],
      [en, 'Sign in to edit'],
    ] as const) {
      const { page } = s;
      await openTable(page, server.url, '/standards');
      await eventually(() => page.getByTestId('edit-hint').textContent()).toContain(hint);
      expect(await page.getByTestId('add-row').count()).toBe(0);
      expect(await page.getByTestId('delete-rows').count()).toBe(0);
      expect(await page.getByTestId('paste').isDisabled()).toBe(true);
      expect(await page.getByTestId('status-bar').textContent()).not.toMatch(/双击或直接输入即可编辑|Double-click or type to edit/);
      expect(await opensEditor(page, 1, 'name')).toBe(false);
      if (s === anon) await screenshot(page, 'read-only-zh');
      if (s === en) await screenshot(page, 'read-only-en');
    }
    await Promise.all([viewer.context.close(), en.context.close()]);
  });

  it('as an EDITOR of 住建: own rows open for editing, other rows do not, and there is no add or delete', async () => {
    const editor = await signedInAs('zhujian');
    const { page } = editor;
    const { indicators } = await server.hub.gql('{ indicators(limit: 100) { items { id responsibilities { department { code } } } } }');
    const own = indicators.items.find((r: { responsibilities: { department: { code: string } }[] }) => r.responsibilities.some((x) => x.department.code === 'housing')).id;
    const other = indicators.items.find((r: { responsibilities: { department: { code: string } }[] }) => r.responsibilities.length && !r.responsibilities.some((x) => x.department.code === 'housing')).id;
    await page.goto(`${server.url}/indicators?row=${own}`);
    await cell(page, own, 'unit').waitFor();
    await eventually(() => page.getByTestId('edit-hint').textContent()).toContain('可编辑本部门负责的行');
    expect(await page.getByTestId('add-row').count()).toBe(0);
    expect(await opensEditor(page, own, 'unit')).toBe(true);
    await page.goto(`${server.url}/indicators?row=${other}`);
    await cell(page, other, 'unit').waitFor();
    expect(await opensEditor(page, other, 'unit')).toBe(false);
    await editor.context.close();
  });
});

describe('messages in words (item 6)', { timeout: 60_000 }, () => {
  it('a refused edit names the column by its label and says what to do, with no codes or field paths, in Chinese and English', async () => {
    const s = await signedInAs('admin');
    const { page } = s;
    await openTable(page, server.url, '/standards');
    await typeInto(cell(page, 2, 'name'), '');
    const alert = page.getByRole('alert').filter({ hasText: '「标准名称」' });
    await eventually(() => alert.textContent()).toContain('不能为空：请填写后再保存。');
    expect(await page.locator('.notices').textContent()).not.toMatch(/BAD_USER_INPUT|patch\.|cannot be null/);

    // The session ends elsewhere (signed out in another tab): the next edit is refused as UNAUTHENTICATED.
    await s.context.request.post(`${server.url}/graphql`, { data: { query: 'mutation { logout }' } });
    await dismissNotices(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('.ag-row[row-id]').first().waitFor();
    await typeInto(cell(page, 2, 'name'), 'A new name');
    const refusal = page.getByRole('alert').filter({ hasText: 'Standard' });
    await eventually(() => refusal.textContent()).toContain('sign in, then make the change again');
    expect(await page.locator('.notices').textContent()).not.toMatch(/UNAUTHENTICATED|Sign in to change/);
    await screenshot(page, 'refusal-in-words-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('.ag-row[row-id]').first().waitFor();
    await dismissNotices(page);
    await typeInto(cell(page, 2, 'name'), '新名称');
    await eventually(() => page.getByRole('alert').filter({ hasText: '「标准名称」' }).textContent()).toContain('请点“登录”，登录后重新输入');
    expect(await page.locator('.notices').textContent()).not.toMatch(/UNAUTHENTICATED|Sign in to change|[A-Z]{2,}_[A-Z]+/);
    await screenshot(page, 'refusal-in-words-zh');
    await s.context.close();
  });
});

describe('filter chips (item 14) and one history entry per action (item 15)', { timeout: 60_000 }, () => {
  it('a link from the department page shows its filters as chips, each removable, and 清除筛选 clears them', async () => {
    const { page } = anon;
    await page.goto(`${server.url}/indicators?department=住建&role=LEAD&attribute=BINDING`);
    const chips = page.getByTestId('filter-chip');
    await eventually(() => chips.allTextContents()).toEqual(['责任单位：区住建局（牵头）×', '属性：约束性×']);
    await eventually(() => page.getByTestId('status-count').textContent()).toMatch(/筛选后 4 行/);
    await screenshot(page, 'filter-chips-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await eventually(() => chips.allTextContents()).toEqual(['Responsible units: District Housing and Urban-Rural Development Bureau (Lead)×', 'Attribute: Binding×']);
    expect(await page.getByTestId('clear-filters').textContent()).toBe('Clear filters');
    await screenshot(page, 'filter-chips-en');
    await page.getByRole('button', { name: '中文' }).click();
    await eventually(() => chips.count()).toBe(2);
    await page.getByRole('button', { name: '去掉这个筛选 属性：约束性' }).click();
    await eventually(() => chips.allTextContents()).toEqual(['责任单位：区住建局（牵头）×']);
    await page.getByTestId('clear-filters').click();
    await eventually(() => chips.count()).toBe(0);
    await eventually(() => page.getByTestId('status-count').textContent()).not.toMatch(/筛选后/);
  });

  it('a target edit is one history entry (kind and value under it) with one restore that puts all three back', async () => {
    const { page } = admin;
    const { indicators } = await server.hub.gql('{ indicators(filter: { search: "地区生产总值" }, limit: 1) { items { id version targetText targetKind targetValue } } }');
    const before = indicators.items[0];
    await page.goto(`${server.url}/indicators?row=${before.id}`);
    await cell(page, before.id, 'targetText').waitFor();
    await dismissNotices(page);
    await typeInto(cell(page, before.id, 'targetText'), '1600左右');
    await cellState(page, before.id, 'targetText', 'saved').waitFor();

    const panel = page.getByTestId('row-panel');
    await panel.getByTestId('tab-history').click();
    const first = panel.getByTestId('history-entry').first();
    await eventually(() => first.getAttribute('data-field')).toBe('targetText');
    expect(await first.getByTestId('history-derived').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))).toEqual(['targetKind', 'targetValue']);
    expect(await first.getByTestId('restore').count()).toBe(1);
    await screenshot(page, 'history-grouped');
    await first.getByTestId('restore').click();
    await page.locator('.notices .notice-title').getByText('已恢复', { exact: true }).waitFor();
    const q = `{ indicator(id: "${before.id}") { version targetText targetKind targetValue } }`;
    await eventually(async () => (await server.hub.gql(q)).indicator).toEqual({ version: before.version + 2, targetText: before.targetText, targetKind: before.targetKind, targetValue: before.targetValue });
  });
});
