import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { cell, eventually, cellState, dismissNotices, launchBrowser, openSession, openTable, paste, screenshot, startUiServer, typeInto, type Session, type UiServer } from './support';

/** Editing in the grid, end to end: browser → GraphQL → database, and back after a reload. */
let server: UiServer;
let browser: Browser;
const sessions: Session[] = [];
/** Most tests share one tab (a page load parses the whole bundle); each works on rows of its own. */
let main: Session;

const INDICATOR = 'id seq name unit targetText targetKind targetValue version';
const indicator = async (id: number) => (await server.hub.gql(`query($id: ID!) { indicator(id: $id) { ${INDICATOR} } }`, { id: String(id) })).indicator;

async function session() {
  const s = await openSession(browser, server.url);
  sessions.push(s);
  return s;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  main = await session();
});

/** The shared tab on the indicators grid, without the previous test's messages. */
async function indicatorsTab() {
  const { page } = main;
  if (new URL(page.url(), server.url).pathname !== '/indicators') await openTable(page, server.url, '/indicators');
  await dismissNotices(page);
  return main;
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the indicators grid', { timeout: 60_000 }, () => {
  it('saves a cell edit at once; after a reload the value is still there and in the database', async () => {
    const { page } = await indicatorsTab();
    await screenshot(page, 'indicators', true);
    const before = await indicator(3);

    await typeInto(cell(page, 3, 'name'), '信息经济增加值占GDP比重（修订）');
    await cellState(page, 3, 'name', 'saved').waitFor();
    expect(await page.getByTestId('save-state').textContent()).toContain('所有修改已保存');

    await page.reload();
    await eventually(() => cell(page, 3, 'name').textContent()).toBe('信息经济增加值占GDP比重（修订）');
    const after = await indicator(3);
    expect(after.name).toBe('信息经济增加值占GDP比重（修订）');
    expect(after.version).toBe(before.version + 1);
    expect(await cell(page, 3, 'version').textContent()).toBe(String(after.version));
  });

  it('refuses an invalid value with a plain message, puts the old value back and changes nothing', async () => {
    const { page } = await indicatorsTab();
    const before = await indicator(4);

    await typeInto(cell(page, 4, 'unit'), '');
    await cellState(page, 4, 'unit', 'failed').waitFor();
    const alert = page.getByRole('alert').filter({ hasText: '序号 4「单位」' });
    await eventually(() => alert.textContent()).toContain('不能为空');
    expect(await alert.textContent()).toContain('单元格已恢复为原值');
    expect(await cell(page, 4, 'unit').textContent()).toBe(before.unit);

    // A target the server cannot read is refused the same way, with how to write it.
    await typeInto(cell(page, 4, 'targetText'), '大概两百');
    await cellState(page, 4, 'targetText', 'failed').waitFor();
    await eventually(() => page.getByRole('alert').filter({ hasText: '「2020年目标」' }).textContent()).toContain('无法识别目标“大概两百”');
    expect(await cell(page, 4, 'targetText').textContent()).toBe(before.targetText);

    expect(await indicator(4)).toEqual(before);
    await screenshot(page, 'invalid-value');
  });

  it('two browsers edit the same cell: the second is told of the conflict and the first value survives', async () => {
    const b = await session();
    const [a] = await Promise.all([indicatorsTab(), openTable(b.page, server.url, '/indicators')]);
    const original = (await indicator(5)).name;

    // B is typing when A's save arrives (live changes, issue 17): B's row is marked, not overwritten.
    const editing = cell(b.page, 5, 'name');
    await editing.dblclick();
    const input = editing.locator('input');
    await input.waitFor();
    await input.fill('社会消费品零售总额（B 改）');
    await typeInto(cell(a.page, 5, 'name'), '社会消费品零售总额（A 改）');
    await cellState(a.page, 5, 'name', 'saved').waitFor();
    await b.page.locator('.ag-row[row-id="5"].row-changed-elsewhere').first().waitFor();
    await input.press('Enter');
    const conflict = b.page.getByRole('alert').filter({ hasText: '保存冲突' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('其他人已先保存了这一行');
    expect(await conflict.textContent()).toContain('“社会消费品零售总额（B 改）”没有保存');
    await eventually(() => cell(b.page, 5, 'name').textContent()).toBe(original);
    await screenshot(b.page, 'conflict');
    expect((await indicator(5)).name).toBe('社会消费品零售总额（A 改）');

    // The conflict offers the newer row.
    await conflict.getByRole('button', { name: '加载最新数据' }).click();
    await eventually(() => cell(b.page, 5, 'name').textContent()).toBe('社会消费品零售总额（A 改）');
    expect((await indicator(5)).version).toBe(2);
    await b.context.close();
  });

  it('saves a pasted 3×2 block as one batchUpdate', async () => {
    const s = await indicatorsTab();
    const { page } = s;
    await cell(page, 6, 'name').click();
    const sent = s.mutations.length;

    await paste(page, '出口总额（粘贴）\t亿美元A\n研发经费占比（粘贴）\t%A\n新引进人才数（粘贴）\t万人A\n');
    for (const id of [6, 7, 8]) for (const col of ['name', 'unit']) await cellState(page, id, col, 'saved').waitFor();

    const batch = s.mutations.slice(sent);
    expect(batch).toHaveLength(1);
    expect(batch[0]).toContain('batchUpdate');
    expect((await indicator(6)).name).toBe('出口总额（粘贴）');
    expect(await indicator(7)).toMatchObject({ name: '研发经费占比（粘贴）', unit: '%A', version: 2 });
    expect(await indicator(8)).toMatchObject({ name: '新引进人才数（粘贴）', unit: '万人A', version: 2 });
  });

  it('refuses a whole paste with one bad cell, points at that cell and changes nothing', async () => {
    const s = await indicatorsTab();
    const { page } = s;
    const before = await Promise.all([9, 10, 11].map(indicator));

    // The server cannot read 达到 as a target: the batch is refused in one transaction.
    await cell(page, 9, 'unit').click();
    await paste(page, '件（新）\t4600\n个（新）\t达到\n家（新）\t25');
    const alert = page.getByRole('alert').filter({ hasText: '粘贴未保存' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('序号 10「2020年目标」');
    expect(await alert.textContent()).toContain('都没有保存');
    await cellState(page, 10, 'targetText', 'failed').waitFor();
    for (const [i, id] of [9, 10, 11].entries()) {
      expect(await cell(page, id, 'unit').textContent()).toBe(before[i].unit);
      expect(await cell(page, id, 'targetText').textContent()).toBe(before[i].targetText);
    }
    await screenshot(page, 'paste-refused');
    await dismissNotices(page);

    // A word in a number column is refused before anything is sent.
    const sent = s.mutations.length;
    await cell(page, 9, 'targetValue').click();
    await paste(page, '4600\n两万');
    await page.getByRole('alert').filter({ hasText: '序号 10「目标数值」' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: '序号 10「目标数值」' }).textContent()).toContain('“两万”不是数字');
    expect(s.mutations.length).toBe(sent);

    expect(await Promise.all([9, 10, 11].map(indicator))).toEqual(before);
  });

  it('undoes an edit on the server, and redoes it', async () => {
    const { page } = await indicatorsTab();
    const original = await indicator(12);

    await typeInto(cell(page, 12, 'unit'), '家（改）');
    await cellState(page, 12, 'unit', 'saved').waitFor();
    expect((await indicator(12)).unit).toBe('家（改）');

    await cell(page, 13, 'name').click();
    await page.keyboard.press('Control+z');
    await page.getByRole('status').filter({ hasText: '已撤销' }).waitFor();
    await eventually(() => cell(page, 12, 'unit').textContent()).toBe(original.unit);
    expect(await indicator(12)).toMatchObject({ unit: original.unit, version: original.version + 2 });

    await page.getByTestId('redo').click();
    await page.getByRole('status').filter({ hasText: '已重做' }).waitFor();
    await eventually(() => cell(page, 12, 'unit').textContent()).toBe('家（改）');
    expect(await indicator(12)).toMatchObject({ unit: '家（改）', version: original.version + 3 });
  });
});

describe('rows', { timeout: 60_000 }, () => {
  it('adds a row through the form and deletes it after a confirmation', async () => {
    const { page } = await indicatorsTab();
    await page.locator('.tabs').getByRole('link', { name: '标准', exact: true }).click();
    await page.locator('.ag-row[row-id]').first().waitFor();
    await page.getByTestId('add-row').click();
    const form = page.locator('.dialog');
    await eventually(() => form.locator('#add-seq').inputValue()).toBe('10');
    await form.locator('#add-name').fill('滨江区智慧停车服务规范');
    await form.locator('#add-releaseYear').fill('2019');
    await form.getByLabel('搜索部门').fill('住建');
    await form.getByLabel('搜索部门').press('Enter');
    await form.getByText('区住建局', { exact: true }).waitFor();
    await page.getByTestId('add-row-submit').click();
    await form.waitFor({ state: 'detached' });

    const { standards } = await server.hub.gql('{ standards(filter: { search: "智慧停车" }) { items { id seq releaseYear responsibilities { role department { name } } } } }');
    expect(standards.items).toHaveLength(1);
    const added = standards.items[0];
    expect(added).toMatchObject({ seq: 10, releaseYear: 2019, responsibilities: [{ role: 'LEAD', department: { name: '区住建局' } }] });
    await cell(page, added.id, 'name').waitFor();

    await cell(page, added.id, 'name').click();
    await page.getByTestId('delete-rows').click();
    await page.locator('.dialog').getByText('滨江区智慧停车服务规范').waitFor();
    await page.getByTestId('confirm-delete').click();
    await cell(page, added.id, 'name').waitFor({ state: 'detached' });
    expect((await server.hub.gql(`{ standard(id: "${added.id}") { id } }`)).standard).toBeNull();
    await page.locator('.tabs').getByRole('link', { name: '指标', exact: true }).click();
    await page.locator('.ag-row[row-id]').first().waitFor();
  });
});

describe('views', { timeout: 60_000 }, () => {
  it('remembers hidden columns across a reload, exports what is shown as CSV and copies cells as Excel reads them', async () => {
    const { page } = await indicatorsTab();
    const header = page.locator('.ag-header-cell[col-id="unit"]');
    await page.getByTestId('columns-menu').click();
    await page.locator('.menu-popup label').filter({ hasText: '单位' }).first().locator('input').uncheck();
    await header.waitFor({ state: 'detached' });
    await page.reload();
    await page.locator('.ag-row[row-id]').first().waitFor();
    expect(await header.count()).toBe(0);

    // CSV: the visible columns with their headers, every row the grid shows, labels not codes.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(csv[0].split(',').slice(0, 4)).toEqual(['序号', '指标名称', '2020年目标', '目标类型']);
    expect(csv).toHaveLength(25);
    expect(csv[1]).toContain('预期性');

    await page.getByTestId('columns-menu').click();
    await page.getByRole('button', { name: '恢复默认列布局' }).click();
    await header.waitFor();

    // Ctrl+C on a cell gives its text; on selected rows, tab-separated rows.
    await cell(page, 1, 'attribute').click();
    const copied = await page.evaluate(() => {
      const data = new DataTransfer();
      document.activeElement!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData('text/plain');
    });
    expect(copied).toBe('预期性');
  });
});

describe('every page', { timeout: 60_000 }, () => {
  it('opens without console errors, in Chinese and in English', async () => {
    const { page } = main;
    await indicatorsTab();
    // Through the app's own navigation, as a user moves between tables.
    for (const [tab, path] of [['专项目标', '/special-targets'], ['热点整改', '/rectifications'], ['创新指南', '/innovation-topics'], ['标准', '/standards'], ['部门', '/departments'], ['指标', '/indicators']]) {
      await page.locator('.tabs').getByRole('link', { name: tab, exact: true }).click();
      await page.waitForURL(`**${path}`);
      await page.locator('.ag-row[row-id]').first().waitFor();
    }
    await page.locator('.tabs').getByRole('link', { name: '部门查询' }).click();
    await page.getByRole('heading', { name: '全部部门' }).waitFor();
    await page.getByRole('link', { name: '区住建局' }).click();
    await page.getByTestId('dept-name').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: /Indicators/ }).first().waitFor();
    await page.locator('.tabs').getByRole('link', { name: 'Indicators' }).click();
    await page.locator('.ag-header-cell[col-id="name"]').filter({ hasText: 'Indicator' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('.ag-header-cell[col-id="name"]').filter({ hasText: '指标名称' }).waitFor();
    await page.reload();
    await page.locator('.ag-row[row-id]').first().waitFor();
    expect(sessions.flatMap((x) => x.errors)).toEqual([]);
  });
});
