import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../../schema/accounts/account.enums';
import { ADMIN_PASSWORD } from '../helpers';
import { dismissNotices, eventually, launchBrowser, openSession, screenshot, startUiServer, type Session, type UiServer } from './support';

/**
 * The rectification loop (评价—整改—反馈, issue 15), end to end in the 热点整改 grid: the transport
 * bureau (an EDITOR of 区交通局, which leads rectification 2) starts it and reports it done with a
 * note; the office sends it back with the reason; the bureau reports it done again; the office
 * verifies it. The grid's status and the loop's history follow each step, checked against GraphQL.
 */
let server: UiServer;
let browser: Browser;
let office: Session;
let bureau: Session;
let id: string;

const stored = async () => (await server.hub.gql(`query($id: ID!) { rectification(id: $id) { status version overdue steps { from to note by } } }`, { id })).rectification;

async function signInAs(username: string) {
  const s = await openSession(browser, server.url, { anonymous: true });
  const res = await s.context.request.post(`${server.url}/graphql`, {
    data: { query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { expiresAt } }', variables: { u: username, p: ADMIN_PASSWORD } },
  });
  expect((await res.json()).errors).toBeUndefined();
  return s;
}

const loopCell = (page: Page) => page.locator(`.ag-row[row-id="${id}"] [col-id="_loop"]`);
/** The overdue badges of rectification 2 on the transport bureau's department page. */
async function overdueOnDepartmentPage(page: Page) {
  await page.goto(`${server.url}/department?name=${encodeURIComponent('交通')}`);
  await page.locator(`tr[data-row-id="${id}"]`).first().waitFor();
  return page.locator(`tr[data-row-id="${id}"] [data-testid="overdue"]`).count();
}
const statusCell = (page: Page) => page.locator(`.ag-row[row-id="${id}"] [col-id="status"]`);

async function openGrid(page: Page) {
  await page.goto(`${server.url}/rectifications`);
  await page.getByTestId('user-name').waitFor();
  await loopCell(page).getByTestId('loop-status').waitFor();
}

/** Takes a step from the row's loop cell: the dialog refuses an empty note, then takes this one. */
async function step(page: Page, to: string, note: string) {
  await loopCell(page).getByTestId(`loop-move-${to}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('advance-confirm').click();
  await eventually(() => dialog.getByTestId('advance-error').textContent()).toContain('请填写说明');
  await dialog.locator('#advance-note').fill(note);
  await dialog.getByTestId('advance-confirm').click();
  await dialog.waitFor({ state: 'detached' });
  await dismissNotices(page);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  await server.hub.user('jiaotong', Role.EDITOR, '区交通局');
  const rows = (await server.hub.gql('{ rectifications { items { id seq } } }')).rectifications.items;
  id = rows.find((r: { seq: number }) => r.seq === 2).id;
  office = await openSession(browser, server.url);
  bureau = await signInAs('jiaotong');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the rectification loop in the grid', { timeout: 120_000 }, () => {
  it('the lead department starts the work and reports it done with a note; the status column is read only', async () => {
    const { page } = bureau;
    expect(await overdueOnDepartmentPage(page)).toBe(1);
    await openGrid(page);
    expect(await loopCell(page).getByTestId('loop-status').textContent()).toBe('未开始');
    // Past 2020 and not done: overdue.
    expect(await loopCell(page).getByTestId('loop-overdue').count()).toBe(1);
    // The office's steps are not offered to the department.
    expect(await loopCell(page).getByTestId('loop-move-VERIFIED').count()).toBe(0);
    await statusCell(page).dblclick();
    expect(await page.locator('.ag-cell-inline-editing, .ag-popup-editor').count()).toBe(0);

    await step(page, 'IN_PROGRESS', '已启动江南大道地下通道工程');
    await eventually(() => loopCell(page).getByTestId('loop-status').textContent()).toBe('整改中');
    await step(page, 'DONE', '地下通道已通车，新增公交线路12条');
    await eventually(() => loopCell(page).getByTestId('loop-status').textContent()).toBe('已完成');
    await eventually(() => statusCell(page).textContent()).toBe('已完成');
    expect(await loopCell(page).getByTestId('loop-overdue').count()).toBe(0);
    expect(await stored()).toMatchObject({ status: 'DONE', overdue: false });
    await screenshot(page, 'rectification-loop-done');
  });

  it('the office sends it back with the reason; the department sees it in the history and reports done again', async () => {
    await openGrid(office.page);
    expect(await loopCell(office.page).getByTestId('loop-status').textContent()).toBe('已完成');
    await step(office.page, 'IN_PROGRESS', '缺少公交分担率数据，请补充后再报');
    await eventually(() => loopCell(office.page).getByTestId('loop-status').textContent()).toBe('整改中');
    expect((await stored()).status).toBe('IN_PROGRESS');

    const { page } = bureau;
    await openGrid(page);
    expect(await loopCell(page).getByTestId('loop-status').textContent()).toBe('整改中');
    await loopCell(page).getByTestId('loop-history').click();
    const history = page.getByTestId('loop-dialog');
    await eventually(() => history.getByTestId('loop-step').count()).toBe(3);
    expect(await history.getByTestId('loop-step').nth(2).textContent()).toContain('缺少公交分担率数据，请补充后再报');
    // The lead department adds feedback under it.
    await history.locator('#loop-feedback-text').fill('公交分担率已达35.2%，数据见附件');
    await history.getByTestId('feedback-add').click();
    await eventually(() => history.getByTestId('loop-feedback').textContent()).toContain('公交分担率已达35.2%');
    await screenshot(page, 'rectification-loop-history');
    await page.getByRole('dialog').getByRole('button', { name: '关闭' }).last().click();

    await step(page, 'DONE', '已补充公交分担率数据');
    await eventually(() => loopCell(page).getByTestId('loop-status').textContent()).toBe('已完成');
  });

  it('the office verifies it: the grid shows 已验收 and the loop has every step with its note', async () => {
    const { page } = office;
    await openGrid(page);
    await step(page, 'VERIFIED', '验收通过');
    await eventually(() => loopCell(page).getByTestId('loop-status').textContent()).toBe('已验收');
    await eventually(() => statusCell(page).textContent()).toBe('已验收');
    // No step leads out of VERIFIED.
    expect(await loopCell(page).locator('[data-testid^="loop-move-"]').count()).toBe(0);
    const row = await stored();
    expect(row.status).toBe('VERIFIED');
    expect(row.steps.map((s: { from: string; to: string; note: string; by: string }) => [s.from, s.to, s.note, s.by])).toEqual([
      ['OPEN', 'IN_PROGRESS', '已启动江南大道地下通道工程', 'jiaotong'],
      ['IN_PROGRESS', 'DONE', '地下通道已通车，新增公交线路12条', 'jiaotong'],
      ['DONE', 'IN_PROGRESS', '缺少公交分担率数据，请补充后再报', 'admin'],
      ['IN_PROGRESS', 'DONE', '已补充公交分担率数据', 'jiaotong'],
      ['DONE', 'VERIFIED', '验收通过', 'admin'],
    ]);
    await screenshot(page, 'rectification-loop', true);
    // Verified: no longer overdue on the department page either.
    expect(await overdueOnDepartmentPage(page)).toBe(0);
  });
});
