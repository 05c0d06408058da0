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
});
