import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, launchBrowser, openSession, type Session, type UiServer, startUiServer } from './support';

/**
 * 数据集 (issue 16), end to end: the office opens /datasets from the import/export page, saves a
 * query, sees its first rows in the preview grid and its links, creates a link token whose CSV link
 * works, and revokes it.
 */
let server: UiServer;
let browser: Browser;
let office: Session;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  office = await openSession(browser, server.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the datasets page', { timeout: 90_000 }, () => {
  it('the office saves a query, previews it, copies links and creates and revokes a link token', async () => {
    const { page } = office;
    await page.goto(`${server.url}/import`);
    await page.getByRole('link', { name: /数据集/ }).click();
    await eventually(() => page.url()).toContain('/datasets');
    await page.getByTestId('dataset-name').fill('binding');
    await page.getByTestId('dataset-title').fill('约束性指标');
    await page.getByTestId('dataset-save').click();
    await eventually(() => page.getByTestId('dataset-list').textContent()).toContain('binding');
    // The preview grid holds the binding indicators' rows, headed by their Chinese labels.
    const expected = (await server.hub.gql('{ indicators(filter: { attribute: BINDING }, limit: 1000) { items { name } } }')).indicators.items.map((i: { name: string }) => i.name);
    await eventually(() => page.locator('[data-testid="dataset-preview"] .ag-header-cell-text').allTextContents()).toContain('指标名称');
    await eventually(() => page.locator('[data-testid="dataset-preview"] .ag-cell').allTextContents().then((cells) => cells.includes(expected[0]))).toBe(true);
    await expect.poll(() => page.getByTestId('dataset-links').textContent()).toContain('/datasets/binding.xlsx');

    await page.getByTestId('dataset-new-token').click();
    await eventually(() => page.locator('[data-testid="dataset-token-links"] code').first().textContent()).toContain('?token=phl_');
    const url = (await page.locator('[data-testid="dataset-token-links"] code').first().textContent())!;
    const csv = await fetch(url);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain(expected[0]);
    await page.locator('[data-testid="dataset-tokens"] button').first().click();
    await eventually(() => page.getByTestId('dataset-tokens').textContent()).toContain('已撤销');
    expect((await fetch(url)).status).toBe(401);
  });
});
