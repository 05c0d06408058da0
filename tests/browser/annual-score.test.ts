import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Role } from '../../schema/accounts/account.enums';
import { ADMIN_PASSWORD } from '../helpers';
import { dismissNotices, eventually, launchBrowser, openSession, screenshot, startUiServer, type Session, type UiServer } from './support';

/**
 * The "3+1" ranking page (issue 15): the development bureau (区发改局) has GDP's 2019 value approved and
 * entered scores; a viewer opens the ranking, finds the bureau first, and opens its 目标考核 number to
 * the inputs — the items with their statuses, points and weights, as annualScores gives them — and
 * its total to every part.
 */
let server: UiServer;
let browser: Browser;
let viewer: Session;
let bureauId: string;
let expected: { total: number; parts: { part: string; score: number; inputs: { kind: string; itemKey: string | null; status: string | null }[] }[] };

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  const hub = server.hub;
  await hub.user('reader', Role.VIEWER);
  const gdp = (await hub.gql(`{ indicators(filter: { search: "地区生产总值" }, limit: 5) { items { id name } } }`)).indicators.items.find((r: { name: string }) => r.name === '地区生产总值').id;
  const e = (await hub.gql(`mutation($i: LedgerEntryInput!) { saveLedgerEntry(input: $i) { id version } }`, { i: { indicatorId: gdp, department: '区发改局', period: '2019', actualValue: 2000 } })).saveLedgerEntry;
  await hub.gql(`mutation($id: ID!) { submitLedgerEntry(id: $id, expectedVersion: 1) { version } }`, { id: e.id });
  await hub.gql(`mutation($id: ID!) { approveLedgerEntry(id: $id, expectedVersion: 2) { state } }`, { id: e.id });
  await hub.gql(`mutation { saveDepartmentRatings(year: 2019, ratings: [{ department: "区发改局", socialScore: 95, leadershipScore: 96 }]) { id } }`);
  const scores = (await hub.gql(`{ annualScores(year: 2019) { total rank department { id name } parts { part score inputs { kind itemKey status } } } }`)).annualScores;
  const bureau = scores.find((s: { department: { name: string } }) => s.department.name === '区发改局');
  bureauId = bureau.department.id;
  expected = bureau;
  expect(bureau.rank).toBe(1);
  viewer = await openSession(browser, server.url, { anonymous: true });
  const res = await viewer.context.request.post(`${server.url}/graphql`, {
    data: { query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { expiresAt } }', variables: { u: 'reader', p: ADMIN_PASSWORD } },
  });
  expect((await res.json()).errors).toBeUndefined();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the ranking page', { timeout: 90_000 }, () => {
  it('opens a department’s numbers to their inputs', async () => {
    const { page } = viewer;
    await page.goto(`${server.url}/scores`);
    const row = page.locator(`.ag-row[row-id="${bureauId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('row-index')).toBe('0');
    const target = expected.parts.find((p) => p.part === 'TARGET')!;
    expect(Number(await row.getByTestId('score-TARGET').textContent())).toBe(target.score);
    expect(Number(await row.getByTestId('score-total').textContent())).toBe(expected.total);

    await screenshot(page, 'scores', true);
    await row.getByTestId('score-TARGET').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('inputs-TARGET').waitFor();
    await screenshot(page, 'scores-inputs');
    expect(await dialog.getByRole('heading', { name: /区发改局 · 目标考核/ }).count()).toBe(1);
    expect(Number(await dialog.getByTestId('part-score').textContent())).toBe(target.score);
    const items = target.inputs.filter((i) => i.kind === 'ITEM');
    expect(await dialog.locator('tr[data-kind="ITEM"]').count()).toBe(items.length);
    const gdpRow = dialog.locator(`tr[data-kind="ITEM"]`).filter({ hasText: '地区生产总值' });
    expect(await gdpRow.locator('[data-status]').getAttribute('data-status')).toBe('ACHIEVED');
    expect(await dialog.locator('tr[data-kind="ROLE"]').count()).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'detached' });

    await row.getByTestId('score-total').click();
    await eventually(() => page.getByRole('dialog').locator('section').count()).toBe(4);
    expect(await page.getByRole('dialog').getByTestId('inputs-total').textContent()).toContain(String(expected.total));
    expect(await page.getByRole('dialog').locator('[data-testid="inputs-SOCIAL"] tr[data-kind="RATING"]').textContent()).toContain('95');
  });

  it('the office enters a score in the grid and imports a CSV; the ranking follows', async () => {
    const office = await openSession(browser, server.url);
    const { page } = office;
    await page.goto(`${server.url}/scores`);
    await page.getByTestId('score-office').waitFor();
    const kejiId = (await server.hub.gql('{ department(name: "区科技局") { id } }')).department.id;
    const cell = page.locator(`[data-testid="score-office"] .ag-row[row-id="${kejiId}"] .ag-cell[col-id="socialScore"]`);
    await cell.dblclick();
    await cell.locator('input').fill('88');
    await cell.locator('input').press('Enter');
    const ratings = async () => (await server.hub.gql('{ departmentRatings(year: 2019) { socialScore leadershipScore department { name } } }')).departmentRatings;
    await eventually(async () => (await ratings()).find((r: { department: { name: string } }) => r.department.name === '区科技局')?.socialScore).toBe(88);
    await dismissNotices(page);
    await page.getByTestId('ratings-file').setInputFiles({ name: '评分.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF部门,社会评价,领导考评\n住建,70,75\n区科技局,,80\n') });
    await eventually(async () => (await ratings()).find((r: { department: { name: string } }) => r.department.name === '区住建局')?.leadershipScore).toBe(75);
    expect((await ratings()).find((r: { department: { name: string } }) => r.department.name === '区科技局')).toMatchObject({ socialScore: 88, leadershipScore: 80 });
    // The ranking shows the new numbers: 区科技局's social score cell.
    await eventually(() => page.locator(`.scores-grid .ag-row[row-id="${kejiId}"] [data-testid="score-SOCIAL"]`).textContent()).toBe('88');
    // A bad file is refused with its line, nothing saved.
    await page.getByTestId('ratings-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('部门,社会评价\n住建,120\n') });
    await eventually(() => page.locator('.notices .notice').last().textContent()).toContain('row 2');
    expect((await ratings()).find((r: { department: { name: string } }) => r.department.name === '区住建局')?.socialScore).toBe(70);
    await office.context.close();
  });
});
