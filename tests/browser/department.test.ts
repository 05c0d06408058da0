import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { cell, eventually, launchBrowser, openSession, openTable, screenshot, startUiServer, type Session, type UiServer } from './support';

/** Cross-links: the department page, and indicator ↔ special target. */
let server: UiServer;
let browser: Browser;
let s: Session;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  s = await openSession(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the department page', { timeout: 60_000 }, () => {
  it('finds a department by an alias and shows what it leads or supports, narrowed by attribute and role', async () => {
    const { page } = s;
    const { department } = await server.hub.gql(`{ department(name: "住建") {
      id name indicators { id } bindingLead: indicators(attribute: BINDING, role: LEAD) { id seq } specialTargets { id } rectifications { id } innovationTopics { id } standards { id } } }`);
    expect(department.name).toBe('区住建局');

    await page.goto(`${server.url}/department`);
    await page.getByLabel('部门', { exact: true }).fill('住建');
    await page.getByLabel('部门', { exact: true }).press('Enter');
    await eventually(() => page.getByTestId('dept-name').textContent()).toBe('区住建局');
    expect(new URL(page.url()).searchParams.get('name')).toBe('住建');
    for (const table of ['indicators', 'specialTargets', 'rectifications', 'innovationTopics', 'standards'] as const) {
      expect(await page.getByTestId(`count-${table}`).locator('strong').textContent()).toBe(String(department[table].length));
    }

    // "Binding indicators the housing bureau leads."
    await page.getByRole('radio', { name: '约束性' }).click();
    await page.getByRole('radio', { name: '牵头', exact: true }).click();
    const rows = page.getByTestId('section-indicators').locator('tbody tr');
    await eventually(() => rows.count()).toBe(department.bindingLead.length);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-id')))).toEqual(department.bindingLead.map((i: { id: string }) => i.id));
    expect(department.bindingLead.length).toBeGreaterThan(0);
    await page.getByRole('radio', { name: '牵头和配合' }).click();
    await page.getByRole('radio', { name: '全部' }).click();
    await eventually(() => rows.count()).toBe(department.indicators.length);
    await screenshot(page, 'department', true);

    // Each row links to its table, where the row is shown with its details.
    const first = department.bindingLead[0];
    await page.getByTestId('section-indicators').locator(`tr[data-row-id="${first.id}"] a`).first().click();
    await page.waitForURL(/\/indicators\?row=/);
    await page.getByTestId('row-panel').waitFor();
    await eventually(() => page.locator('.ag-cell-focus').count()).toBeGreaterThan(0);
    expect(s.errors).toEqual([]);
  });

  it('says when no department has that name, and suggests some', async () => {
    const { page } = s;
    await page.goto(`${server.url}/department?name=${encodeURIComponent('住建委')}`);
    const alert = page.getByRole('alert').filter({ hasText: '没有找到' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('区住建局');
  });
});

describe('indicator ↔ special target', { timeout: 60_000 }, () => {
  it('shows an indicator’s special targets and a special target’s indicators, each a link to the other', async () => {
    const { page } = s;
    const { indicator } = await server.hub.gql('{ indicator(id: "18") { name specialTargets { id seq title indicators { id name } } } }');
    const target = indicator.specialTargets[0];

    await openTable(page, server.url, '/indicators');
    const links = cell(page, 18, 'specialTargets').locator('a');
    expect(await links.allTextContents()).toEqual(indicator.specialTargets.map((t: { seq: number; title: string }) => `${t.seq}${t.title}`));
    await links.first().click();
    await page.waitForURL(/\/special-targets\?row=/);
    await page.getByTestId('row-panel').getByRole('heading', { name: target.title }).waitFor();
    await page.locator(`.ag-row[row-id="${target.id}"] .ag-cell-focus`).waitFor();
    const back = page.getByTestId('row-panel').locator('.row-field-links a');
    expect(await back.count()).toBe(target.indicators.length);
    await eventually(() => cell(page, target.id, 'indicators').locator('a').count()).toBe(target.indicators.length);

    await page.getByTestId('row-panel').getByRole('link', { name: indicator.name }).click();
    await page.waitForURL(/\/indicators\?row=18/);
    await page.getByTestId('row-panel').getByRole('heading', { name: indicator.name }).waitFor();
    expect(s.errors).toEqual([]);
  });
});
