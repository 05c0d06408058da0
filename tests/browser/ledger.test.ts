import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../../schema/accounts/account.enums';
import { ADMIN_PASSWORD } from '../helpers';
import { dismissNotices, eventually, launchBrowser, openSession, screenshot, startUiServer, type Session, type UiServer } from './support';

/**
 * 电子台账 (issue 14), end to end: the development bureau (an EDITOR of 区发改局, which leads GDP)
 * files June 2019 of GDP with a PDF and submits it; the office returns it with a reason; the
 * bureau sees the reason, corrects the value and submits again; the office approves it and the
 * entry is locked. Each step is checked in the database through GraphQL.
 */
let server: UiServer;
let browser: Browser;
let office: Session;
let bureau: Session;
let gdp: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const FILE = '2019年6月统计月报.pdf';

interface Entry {
  id: string;
  period: string;
  periodKind: string;
  actualValue: number | null;
  progressText: string | null;
  state: string;
  returnReason: string | null;
  version: number;
  evidence: { id: string; fileName: string; size: number; downloadUrl: string }[];
}
const entries = async (): Promise<Entry[]> =>
  (await server.hub.gql(`query($id: ID!) { ledgerEntries(filter: { indicatorIds: [$id] }) { items { id period periodKind actualValue progressText state returnReason version evidence { id fileName size downloadUrl } } } }`, { id: gdp })).ledgerEntries.items;
const june = async () => (await entries()).find((e) => e.period === '2019-06');

async function signInAs(username: string) {
  const s = await openSession(browser, server.url, { anonymous: true });
  const res = await s.context.request.post(`${server.url}/graphql`, {
    data: { query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { expiresAt } }', variables: { u: username, p: ADMIN_PASSWORD } },
  });
  expect((await res.json()).errors).toBeUndefined();
  return s;
}

/** The entry's row (its pinned and scrolling parts: a cell's col-id picks the one that holds it). */
const entryRow = (page: Page, id: string) => page.locator(`.ag-row[row-id="${id}"]`);
/** A button of the row's actions (pinned right: its own row element with the same id). */
const action = (page: Page, id: string, name: string) => page.locator(`.ag-row[row-id="${id}"] [data-testid="entry-${name}"]`);

async function openLedger(page: Page, path = '/ledger') {
  await page.goto(`${server.url}${path}`);
  await page.locator('.ledger-page').waitFor();
  await page.getByTestId('user-name').waitFor();
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  await server.hub.user('fagai', Role.EDITOR, '区发改局');
  const found = await server.hub.gql(`{ indicators(filter: { search: "地区生产总值" }, limit: 5) { items { id name } } }`);
  gdp = found.indicators.items.find((r: { name: string }) => r.name === '地区生产总值').id;
  office = await openSession(browser, server.url);
  bureau = await signInAs('fagai');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the ledger: file, return, resubmit, approve', { timeout: 90_000 }, () => {
  it('an editor files June 2019 of GDP with a PDF and submits it', async () => {
    const { page } = bureau;
    await openLedger(page);
    await page.getByTestId('new-entry').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator(`option[value="indicator:${gdp}"]`).waitFor({ state: 'attached' });
    await dialog.getByLabel('事项').selectOption(`indicator:${gdp}`);
    await dialog.getByLabel('周期').selectOption('MONTH');
    await dialog.getByTestId('entry-year').selectOption('2019');
    await dialog.getByTestId('entry-part').selectOption('6');
    expect(await dialog.getByTestId('entry-period').textContent()).toBe('2019-06');
    await dialog.getByLabel(/实际值/).fill('560.5');
    await dialog.getByLabel('工作进展').fill('1-6月地区生产总值累计560.5亿元，同比增长11.2%。');
    await dialog.getByTestId('entry-files').setInputFiles({ name: FILE, mimeType: 'application/pdf', buffer: PDF });
    await screenshot(page, 'ledger-new-entry', true);
    await dialog.getByTestId('entry-submit').click();
    await dialog.waitFor({ state: 'detached' });

    const entry = (await june())!;
    expect(entry).toMatchObject({ periodKind: 'MONTH', actualValue: 560.5, state: 'SUBMITTED', returnReason: null });
    expect(entry.evidence.map((f) => f.fileName)).toEqual([FILE]);
    await eventually(() => entryRow(page, entry.id).locator('[col-id="state"]').textContent()).toBe('已提交');
    await entryRow(page, entry.id).getByTestId('evidence-link').filter({ hasText: FILE }).first().waitFor();
    // Submitted: no more changes from the department.
    expect(await action(page, entry.id, 'edit').count()).toBe(0);
    // The file comes back as it went, to those who may see the entry.
    const download = await bureau.context.request.get(`${server.url}${entry.evidence[0].downloadUrl}`);
    expect(download.status()).toBe(200);
    expect((await download.body()).equals(PDF)).toBe(true);
    await screenshot(page, 'ledger', true);
  });

  it('the office finds it in the approval queue and returns it with a reason (required)', async () => {
    const { page } = office;
    await openLedger(page, '/ledger?view=queue');
    const entry = (await june())!;
    await eventually(() => page.getByTestId('queue-count').textContent()).toContain('1');
    await action(page, entry.id, 'return').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('reason-confirm').click();
    await eventually(() => dialog.getByTestId('reason-error').textContent()).toContain('请填写原因');
    expect((await june())!.state).toBe('SUBMITTED');
    await dialog.getByLabel(/原因/).fill('请附上区统计局的月报原件。');
    await screenshot(page, 'ledger-return');
    await dialog.getByTestId('reason-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(async () => (await june())!.state).toBe('RETURNED');
    expect((await june())!.returnReason).toBe('请附上区统计局的月报原件。');
    // Out of the queue.
    await eventually(() => entryRow(page, entry.id).count()).toBe(0);
  });

  it('the editor sees the reason, corrects the value in place in the grid (refused input, undo and redo) and submits again', async () => {
    const { page } = bureau;
    await dismissNotices(page);
    await openLedger(page);
    const entry = (await june())!;
    await eventually(() => entryRow(page, entry.id).locator('[col-id="state"]').textContent()).toBe('已退回');
    expect(await entryRow(page, entry.id).locator('[col-id="returnReason"]').textContent()).toContain('请附上区统计局的月报原件');
    const value = entryRow(page, entry.id).locator('[col-id="actualValue"]');
    const type = async (cellLocator: typeof value, text: string) => {
      await cellLocator.dblclick();
      const input = page.locator('.ag-cell-editor input, .ag-popup-editor textarea').first();
      await input.waitFor();
      await input.fill(text);
      await input.press('Enter');
    };
    // Full-width digits are read as the number; the state stays RETURNED until it is submitted.
    await type(value, '５６１.２');
    await eventually(async () => (await june())!.actualValue).toBe(561.2);
    expect((await june())!.state).toBe('RETURNED');
    await eventually(() => value.textContent()).toContain('561.2');
    // Not a number: refused with a message, nothing sent, the cell keeps its value.
    await type(value, '五百六十');
    await eventually(() => page.locator('.notice').filter({ hasText: '请输入数字' }).count()).toBeGreaterThan(0);
    expect((await june())!.actualValue).toBe(561.2);
    await dismissNotices(page);
    // The progress text in its popup editor.
    await type(entryRow(page, entry.id).locator('[col-id="progressText"]'), '已补充区统计局月报原件。');
    await eventually(async () => (await june())!.progressText).toBe('已补充区统计局月报原件。');
    // Ctrl+Z puts the text back on the server, Ctrl+Y does it again.
    await page.locator('.ledger-title').click();
    await page.keyboard.press('Control+z');
    await eventually(async () => (await june())!.progressText).toBe('1-6月地区生产总值累计560.5亿元，同比增长11.2%。');
    await page.keyboard.press('Control+y');
    await eventually(async () => (await june())!.progressText).toBe('已补充区统计局月报原件。');
    await eventually(() => page.getByTestId('save-state').textContent()).toBe('所有修改已保存');
    await screenshot(page, 'ledger-in-place', true);
    await action(page, entry.id, 'submit').click();
    await eventually(async () => (await june())!.state).toBe('SUBMITTED');
    await eventually(() => entryRow(page, entry.id).locator('[col-id="state"]').textContent()).toBe('已提交');
    // Submitted: its cells are no longer typed into.
    await value.dblclick();
    expect(await page.locator('.ag-cell-editor input').count()).toBe(0);
  });

  it('the office approves it: locked, out of the queue, only the office may reopen it', async () => {
    const { page } = office;
    await dismissNotices(page);
    await openLedger(page, '/ledger?view=queue');
    const entry = (await june())!;
    await action(page, entry.id, 'approve').click();
    await eventually(async () => (await june())!.state).toBe('APPROVED');
    await eventually(() => entryRow(page, entry.id).count()).toBe(0);
    await page.getByRole('button', { name: '台账', exact: true }).click();
    await eventually(() => entryRow(page, entry.id).locator('[col-id="state"]').textContent()).toBe('已通过');
    expect(await action(page, entry.id, 'reopen').count()).toBe(1);
    expect(await action(page, entry.id, 'approve').count()).toBe(0);

    const { page: mine } = bureau;
    await openLedger(mine);
    await eventually(() => entryRow(mine, entry.id).locator('[col-id="state"]').textContent()).toBe('已通过');
    expect(await action(mine, entry.id, 'edit').count()).toBe(0);
    expect(await action(mine, entry.id, 'submit').count()).toBe(0);
  });
});
