import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { cell, eventually, launchBrowser, openSession, openTable, typeInto, type Session, type UiServer, startUiServer } from './support';

/**
 * Live changes in the grid (issue 17): two browser contexts (two people) on the same table; what
 * one changes shows in the other within 2 s, without reloading the page.
 */
let server: UiServer;
let browser: Browser;
let a: Session;
let b: Session;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  [a, b] = await Promise.all([openSession(browser, server.url), openSession(browser, server.url)]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('live grid', { timeout: 60_000 }, () => {
  it('an edit in one context shows in the other within 2 s; a row deleted in one disappears from the other', async () => {
    const standards = (await server.hub.gql('{ standards(orderBy: [{ field: "seq" }]) { items { id name version } } }')).standards.items;
    await Promise.all([openTable(a.page, server.url, '/standards'), openTable(b.page, server.url, '/standards')]);
    await b.page.waitForTimeout(500); // B's subscription is open
    const target = standards[2];
    await typeInto(cell(a.page, target.id, 'name'), '实时同步的标准');
    await eventually(() => cell(a.page, target.id, 'name').textContent()).toContain('实时同步的标准');
    const started = Date.now();
    await expect.poll(() => cell(b.page, target.id, 'name').textContent(), { timeout: 2000, interval: 50 }).toContain('实时同步的标准');
    expect(Date.now() - started).toBeLessThan(2000);

    // Deleted through A's session (its cookie, as the grid's delete sends it).
    const gone = standards[4];
    const deleted = await a.page.evaluate(async ({ id, version }) => {
      const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation($id: ID!, $v: Int) { deleteStandard(id: $id, expectedVersion: $v) }', variables: { id, v: version } }) });
      return res.json();
    }, gone);
    expect(deleted.errors).toBeUndefined();
    const anyRow = (id: string) => b.page.locator(`.ag-row[row-id="${id}"]`);
    expect(await anyRow(gone.id).count()).toBeGreaterThan(0);
    await expect.poll(() => anyRow(gone.id).count(), { timeout: 2000, interval: 50 }).toBe(0);
    expect(await anyRow(standards[3].id).count()).toBeGreaterThan(0);
  });

  it('the paged indicators grid takes an edit made elsewhere (another writer) in place', async () => {
    const [first] = (await server.hub.gql('{ indicators(orderBy: [{ field: "seq" }], limit: 3) { items { id unit } } }')).indicators.items;
    await openTable(b.page, server.url, '/indicators');
    await b.page.waitForTimeout(500);
    await server.hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { name: "地区生产总值（实时）" }) { version } }`, { id: first.id });
    await expect.poll(() => cell(b.page, first.id, 'name').textContent(), { timeout: 2000, interval: 50 }).toContain('地区生产总值（实时）');
  });

  it('the board, the public page and the department page show an approval without reloading', async () => {
    // Indicator 1 (GDP; an earlier test may have renamed it): its 2019 year target is about 1,320.
    const gdp = (await server.hub.gql(`{ indicators(orderBy: [{ field: "seq" }], limit: 1) { items { id seq } } }`)).indicators.items[0].id;
    const anon = await openSession(browser, server.url, { anonymous: true });
    await a.page.goto(`${server.url}/board?year=2019`);
    await a.page.getByTestId('board-items').waitFor();
    await b.page.goto(`${server.url}/department?name=${encodeURIComponent('区发改局')}`);
    await b.page.getByTestId('scorecard').waitFor();
    await b.page.getByTestId('scorecard').getByTestId('status-year').selectOption('2019');
    const achieved = b.page.getByTestId('scorecard').locator('tr[data-role="lead"] td[data-status="ACHIEVED"]');
    await eventually(() => b.page.getByTestId('scorecard').getByRole('heading').textContent()).toContain('2019');
    const before = Number(await achieved.textContent());
    await anon.page.goto(`${server.url}/public`);
    await anon.page.getByTestId('public-year').selectOption('2019');
    const item = a.page.locator(`[data-indicator="${gdp}"]`);
    const pub = anon.page.locator('[data-testid="public-indicator"][data-seq="1"] [data-testid="public-actual"]');
    await eventually(() => item.getAttribute('data-status')).toBe('NO_DATA');
    await eventually(() => pub.textContent()).toBe('—');
    await a.page.waitForTimeout(500); // the subscriptions are open
    // The development bureau's 2019 value, filed and approved elsewhere (here: through the API).
    const saved = (await server.hub.gql(`mutation($id: ID!) { saveLedgerEntry(input: { indicatorId: $id, department: "区发改局", period: "2019", actualValue: 1400 }) { id version } }`, { id: gdp })).saveLedgerEntry;
    const sent = (await server.hub.gql(`mutation($id: ID!, $v: Int!) { submitLedgerEntry(id: $id, expectedVersion: $v) { version } }`, { id: saved.id, v: saved.version })).submitLedgerEntry;
    await server.hub.gql(`mutation($id: ID!, $v: Int!) { approveLedgerEntry(id: $id, expectedVersion: $v) { state } }`, { id: saved.id, v: sent.version });
    await eventually(() => item.getAttribute('data-status')).toBe('ACHIEVED');
    await eventually(() => pub.textContent()).toBe('1,400');
    await eventually(async () => Number(await achieved.textContent())).toBe(before + 1);
    await anon.context.close();
  });
});
