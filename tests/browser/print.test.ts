import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openSession, openTable, screenshot, startUiServer, type Session, type UiServer } from './support';

/** Printing: a title, the date and the filter in words over every filtered row; no app chrome. */
let server: UiServer;
let browser: Browser;
let s: Session;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  s = await openSession(browser, server.url);
  // The browser's print dialog is not part of the test: the printout is checked in print media.
  await s.context.addInitScript(() => {
    window.print = () => {
      dispatchEvent(new Event('beforeprint'));
      dispatchEvent(new Event('afterprint'));
    };
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});


describe('printing', { timeout: 60_000 }, () => {
  it('prints a grid’s whole filtered table (fetched from the server) with its title, date and filter, without toolbar or navigation', async () => {
    const { page } = s;
    await page.emulateMedia({ media: 'screen' });
    await openTable(page, server.url, '/indicators?attribute=BINDING&department=区住建局');
    const expected = (await server.hub.gql('{ indicators(filter: { attribute: BINDING, department: "区住建局" }, limit: 100) { totalCount items { name } } }')).indicators;
    expect(expected.totalCount).toBeGreaterThan(1);
    await page.getByTestId('print').click();
    await page.getByTestId('print-view').waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    const view = page.getByTestId('print-view');
    await expect.poll(() => view.isVisible()).toBe(true);
    expect(await view.locator('h1').innerText()).toBe('指标');
    expect(await view.getByTestId('print-date').innerText()).toContain(String(new Date().getFullYear()));
    const filter = await view.getByTestId('print-filter').innerText();
    expect(filter).toContain('属性：约束性');
    expect(filter).toContain('责任单位：区住建局');
    const names = await view.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.children[1]?.textContent));
    expect(names.sort()).toEqual(expected.items.map((i: { name: string }) => i.name).sort());
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    await screenshot(page, 'print-indicators');
    await page.emulateMedia({ media: 'screen' });
    expect(await view.isVisible()).toBe(false);
  });

  it('prints every row of a small table, not only the rendered ones, in English too', async () => {
    const { page } = s;
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1440, height: 400 });
    await openTable(page, server.url, '/departments');
    const total = (await server.hub.gql('{ departments { id } }')).departments.length;
    const rendered = await page.locator('.ag-center-cols-container .ag-row').count();
    expect(rendered).toBeLessThan(total); // the grid draws only what is in view
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('.ag-row[row-id]').first().waitFor();
    await page.getByTestId('print').click();
    await page.emulateMedia({ media: 'print' });
    const view = page.getByTestId('print-view');
    await expect.poll(() => view.locator('tbody tr').count()).toBe(total);
    expect(await view.getByTestId('print-filter').innerText()).toBe('Filter: No filter (all rows)');
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: '中文' }).click();
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('prints the department page with its title, date and role/attribute in words, without the controls', async () => {
    const { page } = s;
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${server.url}/department?name=住建&role=LEAD&attribute=BINDING`);
    await page.getByTestId('dept-name').waitFor();
    await page.getByTestId('print').click();
    await page.emulateMedia({ media: 'print' });
    const heading = page.getByTestId('print-heading');
    await expect.poll(() => heading.isVisible()).toBe(true);
    expect(await heading.locator('h1').innerText()).toBe('区住建局：牵头和配合的事项');
    expect(await heading.getByTestId('print-filter').innerText()).toBe('筛选条件：角色：牵头；指标属性：约束性');
    expect(await page.getByTestId('section-indicators').isVisible()).toBe(true);
    for (const sel of ['.topbar', '.dept-search', '.dept-filters', '.dept-actions']) expect(await page.locator(sel).first().isVisible(), sel).toBe(false);
    await screenshot(page, 'print-department');
    await page.emulateMedia({ media: 'screen' });
    expect(await heading.isVisible()).toBe(false);
  });
});
