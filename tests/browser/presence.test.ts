import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cell, eventually, launchBrowser, openSession, openTable, screenshot, type Session, type UiServer, startUiServer } from './support';
import { ADMIN_PASSWORD } from '../helpers';
import { Role } from '../../schema/accounts/account.enums';

/**
 * Presence in the grid (issue 17): two people (two browser contexts, two accounts) on the same
 * table each see the other above the grid; a row one of them is editing is marked, with their name,
 * in the other's grid, and the mark goes when they leave the cell.
 */
let server: UiServer;
let browser: Browser;
let admin: Session;
let zhang: Session;

/** The name tag on a row's title cell (a ::after the presence style sheet fills), '' when none. */
const tagOf = (page: Page, rowId: string) =>
  page.evaluate((id) => {
    const first = document.querySelector(`.ag-row[row-id="${id}"] .ag-cell[col-id="name"]`); // the standards' title column
    const content = first ? getComputedStyle(first, '::after').content : 'none';
    return content === 'none' || content === 'normal' ? '' : content;
  }, rowId);

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  await server.hub.user('zhang', Role.EDITOR, '区住建局');
  admin = await openSession(browser, server.url);
  zhang = await openSession(browser, server.url, { anonymous: true });
  const res = await zhang.context.request.post(`${server.url}/graphql`, {
    data: { query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { expiresAt } }', variables: { u: 'zhang', p: ADMIN_PASSWORD } },
  });
  expect((await res.json()).errors).toBeUndefined();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('presence in the grid', { timeout: 60_000 }, () => {
  it('each sees the other above the grid; a row being edited is marked with the editor’s name in the other grid until they leave the cell', async () => {
    const standards = (await server.hub.gql('{ standards(orderBy: [{ field: "seq" }]) { items { id name } } }')).standards.items;
    await Promise.all([openTable(admin.page, server.url, '/standards'), openTable(zhang.page, server.url, '/standards')]);
    const chips = (page: Page) => page.getByTestId('presence').locator('.presence-chip');
    await eventually(() => chips(zhang.page).allInnerTexts()).toEqual(['admin']);
    await eventually(() => chips(admin.page).allInnerTexts()).toEqual(['zhang（区住建局）']);
    // Nobody lists themselves.
    expect(await admin.page.getByTestId('presence').getByText('admin').count()).toBe(0);

    // admin opens an editor on a row: zhang sees the row marked with admin's name.
    const target = standards[1];
    expect(await tagOf(zhang.page, target.id)).toBe('');
    await cell(admin.page, target.id, 'name').dblclick();
    await admin.page.locator(`.ag-row[row-id="${target.id}"] .ag-cell[col-id="name"] input`).waitFor();
    await eventually(() => tagOf(zhang.page, target.id)).toBe('"✎ admin"');
    const marked = zhang.page.locator(`.ag-row[row-id="${target.id}"]`).first();
    expect(await marked.evaluate((el) => getComputedStyle(el).boxShadow)).toContain('inset');
    expect(await chips(zhang.page).first().getAttribute('title')).toBe(`正在编辑：${target.name}`);
    expect(await chips(zhang.page).first().textContent()).toBe('admin ✎（正在编辑）');
    expect(await tagOf(zhang.page, standards[2].id)).toBe(''); // the other rows are not marked
    await screenshot(zhang.page, 'presence-marked');

    // admin leaves the cell (Escape): the mark goes; admin is still listed.
    await admin.page.keyboard.press('Escape');
    await eventually(() => tagOf(zhang.page, target.id)).toBe('');
    expect(await marked.evaluate((el) => getComputedStyle(el).boxShadow)).not.toContain('inset');
    expect(await chips(zhang.page).allInnerTexts()).toEqual(['admin']);

    // admin leaves the page: zhang's list empties.
    await admin.page.goto(`${server.url}/`);
    await eventually(() => zhang.page.getByTestId('presence').count()).toBe(0);
  });
});

describe('presence in the ledger', { timeout: 60_000 }, () => {
  it('the office sees who else has the ledger open, and the entry a department is typing into', async () => {
    const led = (await server.hub.gql('{ indicators(filter: { department: "区住建局", role: LEAD }) { items { id } } }')).indicators.items[0];
    const filed = await zhang.context.request.post(`${server.url}/graphql`, {
      data: { query: 'mutation($id: ID!) { saveLedgerEntry(input: { indicatorId: $id, department: "区住建局", period: "2019-06", actualValue: 1 }) { id state } }', variables: { id: led.id } },
    });
    const entry = (await filed.json()).data.saveLedgerEntry as { id: string; state: string };
    expect(entry.state).toBe('DRAFT');
    const openLedger = async (page: Page) => {
      await page.goto(`${server.url}/ledger`);
      await page.locator(`.ag-row[row-id="${entry.id}"]`).first().waitFor();
    };
    await Promise.all([openLedger(admin.page), openLedger(zhang.page)]);
    const chips = (page: Page) => page.getByTestId('presence').locator('.presence-chip');
    await eventually(() => chips(admin.page).allInnerTexts()).toEqual(['zhang（区住建局）']);
    await eventually(() => chips(zhang.page).allInnerTexts()).toEqual(['admin']);
    const ledgerTag = () =>
      admin.page.evaluate((id) => {
        const first = document.querySelector(`.ag-row[row-id="${id}"] .ag-cell[col-id="item"]`);
        const content = first ? getComputedStyle(first, '::after').content : 'none';
        return content === 'none' || content === 'normal' ? '' : content;
      }, entry.id);
    expect(await ledgerTag()).toBe('');
    await zhang.page.locator(`.ag-row[row-id="${entry.id}"] [col-id="actualValue"]`).dblclick();
    await zhang.page.locator(`.ag-row[row-id="${entry.id}"] [col-id="actualValue"] input`).waitFor();
    await eventually(() => ledgerTag()).toBe('"✎ zhang"');
    expect(await chips(admin.page).first().getAttribute('title')).toContain('正在编辑：');
    await screenshot(admin.page, 'presence-ledger');
    await zhang.page.keyboard.press('Escape');
    await eventually(() => ledgerTag()).toBe('');
  });
});
