import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchBrowser, notices, openSession, screenshot, startUiServer, type Session, type UiServer } from './support';

/**
 * The datasets page's editor (issue 16), typed into as a person does in real Chromium: the query in
 * a GraphQL editor that completes from the hub's schema and underlines what does not fit it, the
 * default variables as a typed form, the column labels as a table whose labels become the CSV
 * header. Once in Chinese, once in English.
 */
let server: UiServer;
let browser: Browser;
let zh: Session;
let en: Session;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  [zh, en] = await Promise.all([openSession(browser, server.url), openSession(browser, server.url, { lang: 'en' })]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const editor = (page: Page) => page.locator('[data-testid="dataset-query"] .monaco-editor');

/** Opens the page and waits for the editor with the schema loaded (its hint names the completion key). */
async function openEditor(page: Page) {
  await page.goto(`${server.url}/datasets`);
  await editor(page).waitFor();
  await eventually(() => page.locator('.query-editor-bar').innerText()).toMatch(/Ctrl\+(空格|Space)/);
}

/**
 * Replaces the editor's text: select all, then the text as one insertion, then the keys typed one by
 * one. (A line break in the insertion is an Enter to Monaco, which closes an open brace by itself.)
 */
async function setQuery(page: Page, text: string, typed = '') {
  await editor(page).locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  if (typed) await page.keyboard.type(typed, { delay: 30 });
}

/** The suggestions Monaco shows, by label. */
const suggestions = (page: Page) => page.locator('.suggest-widget .monaco-list-row .label-name').allInnerTexts();

async function dataset(name: string) {
  return (await server.hub.gql('query D($name: String!) { dataset(name: $name) { query variables columnLabels } }', { name })).dataset as { query: string; variables: string; columnLabels: string } | null;
}

async function csv(session: Session, name: string) {
  const res = await session.context.request.get(`${server.url}/datasets/${name}.csv`);
  expect(res.status()).toBe(200);
  return (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
}

describe('the dataset editor', { timeout: 120_000 }, () => {
  it('zh: completes a field, underlines a wrong one with its message, refuses a wrong variable, saves the labels typed in the table', async () => {
    const { page } = zh;
    await openEditor(page);

    // Completion from the schema: "indic" at the top level offers the indicators list.
    await setQuery(page, 'query Q {\n  ', 'indic');
    await eventually(() => suggestions(page)).toContain('indicators');
    await page.keyboard.press('Escape');

    // A field the schema does not have: underlined as typed, the message under the editor.
    await setQuery(page, 'query Wrong { indicatorz { totalCount } }');
    await eventually(() => editor(page).locator('.squiggly-error').count()).toBeGreaterThan(0);
    await eventually(() => page.getByTestId('dataset-query-problems').innerText()).toMatch(/第 1 行第 15 列.*Cannot query field "indicatorz" on type "Query"/);
    // Hovering the underlined word shows the same message.
    await editor(page).locator('.view-line span', { hasText: 'indicatorz' }).first().hover();
    await page.locator('.monaco-hover', { hasText: 'Cannot query field "indicatorz" on type "Query"' }).waitFor();

    // The server still has the last word: saving it is refused with the code and reason, in words.
    await page.getByTestId('dataset-name').fill('editor-zh');
    await page.getByTestId('dataset-title').fill('编辑器测试');
    await page.getByTestId('dataset-save').click();
    await eventually(() => page.getByTestId('dataset-refusal').innerText()).toMatch(/查询与接口结构不符[\s\S]*BAD_USER_INPUT · QUERY_INVALID/);
    expect(await dataset('editor-zh')).toBeNull();

    // A good query with two variables: an enum (a select of its values) and an Int (typed).
    await setQuery(page, 'query Binding($attribute: IndicatorAttribute, $limit: Int) { indicators(filter: { attribute: $attribute }, limit: $limit, orderBy: [{ field: "seq" }]) { items { seq name } } }');
    await eventually(() => page.getByTestId('dataset-query-problems').count()).toBe(0);
    // Prettify: the one-line query over several lines.
    await page.getByTestId('dataset-prettify').click();
    await eventually(() => editor(page).locator('.view-line').count()).toBeGreaterThanOrEqual(5);
    await expect.poll(() => page.locator('[data-testid="dataset-var-attribute"] option').allInnerTexts().then((o) => [o[0], ...o.slice(1).sort()])).toEqual(['（不限）', 'BINDING', 'EXPECTED']);
    await page.getByTestId('dataset-var-attribute').selectOption('BINDING');
    await page.getByTestId('dataset-var-limit').fill('五');
    await expect.poll(() => page.getByTestId('dataset-var-limit-error').innerText()).toBe('「五」不是整数（limit 的类型为 Int）');
    await page.getByTestId('dataset-save').click();
    await eventually(() => notices(page).last().innerText()).toContain('默认变量有误，未保存');
    expect(await dataset('editor-zh')).toBeNull();
    await page.getByTestId('dataset-var-limit').fill('3');
    await expect(page.getByTestId('dataset-var-limit-error').count()).resolves.toBe(0);

    // The columns with the labels the server proposes; one typed over in place.
    await expect.poll(() => page.getByTestId('dataset-label-indicators.items.seq').inputValue()).toBe('序号');
    await expect.poll(() => page.getByTestId('dataset-label-indicators.items.name').inputValue()).toBe('指标名称');
    await page.getByTestId('dataset-label-indicators.items.name').fill('约束性指标');
    await page.getByTestId('dataset-save').click();
    await eventually(() => page.getByTestId('dataset-list').textContent()).toContain('editor-zh');
    // The save that got through closes the refusals' messages (the refusal beside the editor too).
    await eventually(() => notices(page).allInnerTexts().then((all) => all.join(' | '))).not.toMatch(/未保存|查询与接口结构不符/);
    expect(await page.getByTestId('dataset-refusal').count()).toBe(0);
    await eventually(() => dataset('editor-zh').then((d) => d && JSON.parse(d.columnLabels))).toEqual({ 'indicators.items.seq': '序号', 'indicators.items.name': '约束性指标' });
    expect(JSON.parse((await dataset('editor-zh'))!.variables)).toEqual({ attribute: 'BINDING', limit: 3 });
    // The link: the typed label heads the column; the default variables give three binding indicators.
    const expected = (await server.hub.gql('{ indicators(filter: { attribute: BINDING }, limit: 3, orderBy: [{ field: "seq" }]) { items { seq name } } }')).indicators.items as { seq: number; name: string }[];
    const lines = await csv(zh, 'editor-zh');
    expect(lines[0]).toBe('序号,约束性指标');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expected.map((i) => String(i.seq)));
    // The preview grid is headed the same way, and the reopened dataset shows what was saved.
    await eventually(() => page.locator('[data-testid="dataset-preview"] .ag-header-cell-text').allTextContents()).toEqual(['序号', '约束性指标']);
    await expect.poll(() => page.getByTestId('dataset-var-limit').inputValue()).toBe('3');
    await expect.poll(() => page.getByTestId('dataset-label-indicators.items.name').inputValue()).toBe('约束性指标');
    await screenshot(page, 'datasets', true);
  });

  it('en: completes an enum value, marks a wrong field, refuses a wrong number, saves a relabelled column', async () => {
    const { page } = en;
    // Reached without reloading from GraphiQL, which started the same GraphQL mode with its own schema first.
    await page.goto(`${server.url}/graphiql`);
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    await page.getByRole('link', { name: 'Import / export' }).click();
    await page.getByRole('link', { name: /^Datasets/ }).click();
    await editor(page).waitFor();
    await eventually(() => page.locator('.query-editor-bar').innerText()).toContain('Ctrl+Space');
    // An enum argument's values come from the schema.
    await setQuery(page, 'query Q {\n  indicators(filter: { attribute: ', 'BIN');
    await eventually(() => suggestions(page)).toContain('BINDING');
    await page.keyboard.press('Escape');

    await setQuery(page, 'query Q($year: Int) { indicators { items { seq nmae } } }');
    await eventually(() => editor(page).locator('.squiggly-error').count()).toBeGreaterThan(0);
    await eventually(() => page.getByTestId('dataset-query-problems').innerText()).toMatch(/Line 1, column 48.*Cannot query field "nmae" on type "Indicator"/);

    await setQuery(page, 'query Q($year: Int!) { indicators(limit: 2, orderBy: [{ field: "seq" }]) { items { seq name progress(year: $year) { status } } } }');
    await eventually(() => page.getByTestId('dataset-query-problems').count()).toBe(0);
    await page.getByTestId('dataset-var-year').fill('2019.5');
    await expect.poll(() => page.getByTestId('dataset-var-year-error').innerText()).toBe('"2019.5" is not a whole number (year is Int!)');
    await page.getByTestId('dataset-name').fill('editor-en');
    await page.getByTestId('dataset-title').fill('Editor test');
    await page.getByTestId('dataset-save').click();
    await eventually(() => notices(page).last().innerText()).toContain('A default variable is wrong; nothing was saved');
    expect(await dataset('editor-en')).toBeNull();
    await page.getByTestId('dataset-var-year').fill('2019');

    // A mutation fits the schema (no mark in the editor) but a dataset only reads: the server says so.
    const query = await editor(page).locator('.view-lines').innerText();
    await setQuery(page, 'mutation SignOut { logout }');
    await page.getByTestId('dataset-save').click();
    await eventually(() => page.getByTestId('dataset-refusal').innerText()).toMatch(/A dataset only reads[\s\S]*BAD_USER_INPUT · QUERY_NOT_READ/);
    expect(await page.getByTestId('dataset-query-problems').count()).toBe(0);
    expect(await dataset('editor-en')).toBeNull();
    await setQuery(page, query.replace(/\u00a0/g, ' '));
    await eventually(() => page.getByTestId('dataset-var-year').inputValue()).toBe('2019');

    await expect.poll(() => page.locator('[data-testid="dataset-labels"] tbody code').allInnerTexts()).toEqual(['indicators.items.seq', 'indicators.items.name', 'indicators.items.progress.status']);
    await page.getByTestId('dataset-label-indicators.items.progress.status').fill('Status 2019');
    await page.getByTestId('dataset-label-indicators.items.seq').fill('');
    await page.getByTestId('dataset-save').click();
    await eventually(() => page.getByTestId('dataset-list').textContent()).toContain('editor-en');
    const saved = (await dataset('editor-en'))!;
    // An emptied label is left out: that column is headed by its path.
    expect(JSON.parse(saved.columnLabels)).toEqual({ 'indicators.items.name': '指标名称', 'indicators.items.progress.status': 'Status 2019' });
    expect(JSON.parse(saved.variables)).toEqual({ year: 2019 });
    const lines = await csv(en, 'editor-en');
    expect(lines[0]).toBe('indicators.items.seq,指标名称,Status 2019');
    expect(lines).toHaveLength(3);
  });
});

describe('signed out', () => {
  it('the page asks to sign in instead of showing a refusal or an editor', async () => {
    const anon = await openSession(browser, server.url, { anonymous: true });
    try {
      await anon.page.goto(`${server.url}/datasets`);
      const panel = anon.page.getByTestId('datasets-signed-out');
      await panel.waitFor();
      expect(await panel.textContent()).toContain('登录后可查看数据集及其链接。');
      expect(await anon.page.locator('.monaco-editor').count()).toBe(0);
      await anon.page.waitForTimeout(500);
      expect(await notices(anon.page).count()).toBe(0);
      await panel.getByRole('button', { name: '登录' }).click();
      await eventually(() => anon.page.getByRole('dialog').count()).toBeGreaterThan(0);
    } finally {
      await anon.context.close();
    }
  });
});
