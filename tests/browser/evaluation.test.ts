import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Role } from '../../schema/accounts/account.enums';
import { ADMIN_PASSWORD } from '../helpers';
import { eventually, launchBrowser, openSession, startUiServer, type Session, type UiServer } from './support';

/**
 * 季度评估 (issue 15), end to end: the office has evaluated the housing bureau (区住建局) for 2019 Q2
 * and closed an earlier inspection; an EDITOR of the bureau opens its department page, finds the open
 * evaluation listed first, and responds; the evaluation is RESPONDED in the database with the text.
 */
let server: UiServer;
let browser: Browser;
let bureau: Session;
let open: { id: string; version: number };
let closed: { id: string };

const SAVE = `mutation($i: EvaluationInput!) { saveEvaluation(input: $i) { id version } }`;
const one = async (id: string) => (await server.hub.gql(`query($id: ID!) { evaluation(id: $id) { status response respondedBy version } }`, { id })).evaluation;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  await server.hub.user('zhujian', Role.EDITOR, '住建');
  closed = (await server.hub.gql(SAVE, { i: { department: '住建', kind: 'INSPECTION', title: '老旧小区改造专项督查', date: '2019-03-15', findings: '进度滞后', measures: '加快推进' } })).saveEvaluation;
  await server.hub.gql(`mutation($id: ID!) { closeEvaluation(id: $id, note: "已整改", expectedVersion: 1) { status } }`, { id: closed.id });
  open = (await server.hub.gql(SAVE, { i: { department: '区住建局', kind: 'QUARTERLY', year: 2019, quarter: 2, findings: '保障房开工进度滞后于序时', measures: '制定赶工计划，每月报送进度' } })).saveEvaluation;
  bureau = await openSession(browser, server.url, { anonymous: true });
  const res = await bureau.context.request.post(`${server.url}/graphql`, {
    data: { query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { expiresAt } }', variables: { u: 'zhujian', p: ADMIN_PASSWORD } },
  });
  expect((await res.json()).errors).toBeUndefined();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('an editor responds to an evaluation on the department page', { timeout: 90_000 }, () => {
  it('lists the open one first, responds, and the evaluation is RESPONDED', async () => {
    const { page } = bureau;
    await page.goto(`${server.url}/department?name=${encodeURIComponent('住建')}`);
    const section = page.getByTestId('section-evaluations');
    await eventually(() => section.getByTestId('evaluation-row').count()).toBe(2);
    const rows = section.getByTestId('evaluation-row');
    expect(await rows.nth(0).getAttribute('data-id')).toBe(open.id);
    expect(await rows.nth(0).getAttribute('data-status')).toBe('OPEN');
    expect(await rows.nth(1).getAttribute('data-status')).toBe('CLOSED');
    // Only the open one can be answered; the closed one has no button.
    expect(await rows.nth(1).getByTestId('evaluation-respond').count()).toBe(0);

    await rows.nth(0).getByTestId('evaluation-respond').click();
    const dialog = page.getByRole('dialog');
    // An empty response is refused in the dialog, nothing is sent.
    await dialog.getByTestId('text-confirm').click();
    await eventually(() => dialog.getByTestId('text-error').textContent()).toContain('请填写反馈内容');
    await dialog.getByLabel('单位反馈').fill('已制定赶工计划，6月20日前全部开工');
    await dialog.getByTestId('text-confirm').click();
    await dialog.waitFor({ state: 'detached' });

    await eventually(async () => (await one(open.id)).status).toBe('RESPONDED');
    expect(await one(open.id)).toMatchObject({ response: '已制定赶工计划，6月20日前全部开工', respondedBy: 'zhujian', version: open.version + 1 });
    await eventually(() => section.locator(`[data-id="${open.id}"]`).getAttribute('data-status')).toBe('RESPONDED');
    expect(await section.locator(`[data-id="${open.id}"] [data-testid="evaluation-response"]`).textContent()).toBe('已制定赶工计划，6月20日前全部开工');
    // The closed inspection did not move.
    expect((await one(closed.id)).status).toBe('CLOSED');
  });
});
