import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, launchBrowser, openSession, openTable, screenshot, startUiServer, type Session, type UiServer } from './support';

/**
 * Issue 10, item 7: one word for one thing. Each grid's own 导出 CSV (the client-side button: its
 * headers, its labels such as 确定值 and 以上（不低于）, its 牵头：…；配合：… cells, its 版本 and
 * 更新时间 columns) loads back on the import page with zero problems and zero changes, for every table.
 * Issue 12: so does the XLSX the grid's toolbar downloads (整表导出 → XLSX, the server's export): the
 * grid, the files and the import take their headers and words from the same table descriptor.
 */
let server: UiServer;
let browser: Browser;
let admin: Session;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  admin = await openSession(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const TABLES = [
  { path: '/indicators', table: 'INDICATORS', rows: 24 },
  { path: '/special-targets', table: 'SPECIAL_TARGETS', rows: 10 },
  { path: '/rectifications', table: 'RECTIFICATIONS', rows: 5 },
  { path: '/innovation-topics', table: 'INNOVATION_TOPICS', rows: 5 },
  { path: '/standards', table: 'STANDARDS', rows: 9 },
  { path: '/departments', table: 'DEPARTMENTS', rows: 26 },
];

/** Chooses the file on the import page as a dry run: zero problems, every row unchanged. */
async function loadsBack(t: (typeof TABLES)[number], name: string, mimeType: string, bytes: Buffer) {
  const { page } = admin;
  await page.goto(`${server.url}/import`);
  await page.getByTestId('import-table').selectOption(t.table);
  await page.getByTestId('import-file').setInputFiles({ name, mimeType, buffer: bytes });
  await page.getByTestId('import-summary').waitFor();
  const counts = async () => ({
    table: t.table,
    file: name,
    errors: Number(await page.getByTestId('count-errors').getAttribute('data-count')),
    unchanged: Number(await page.getByTestId('count-unchanged').getAttribute('data-count')),
    create: Number(await page.getByTestId('count-create').getAttribute('data-count')),
    update: Number(await page.getByTestId('count-update').getAttribute('data-count')),
  });
  await eventually(counts).toEqual({ table: t.table, file: name, errors: 0, unchanged: t.rows, create: 0, update: 0 });
}

describe('the grid’s CSV loads back on the import page', { timeout: 60_000 }, () => {
  it('for every table: no problems, every row unchanged', async () => {
    const { page } = admin;
    const audit = (await server.hub.gql('{ auditLog(limit: 1000) { id } }')).auditLog.length;
    for (const t of TABLES) {
      await openTable(page, server.url, t.path);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      const bytes = await readFile((await download.path())!);
      const text = bytes.toString('utf8');
      if (t.table === 'INDICATORS') {
        // The grid's own words: the words a file uses are these.
        expect(text.split('\r\n')[0]).toContain('2020年目标');
        expect(text).toMatch(/以上（不低于）|确定值/);
        expect(text).toContain('牵头：');
      }

      await loadsBack(t, download.suggestedFilename(), 'text/csv', bytes);
      if (t.table === 'SPECIAL_TARGETS') await screenshot(page, 'grid-csv-loads-back');
    }
    // A dry run writes nothing.
    expect((await server.hub.gql('{ auditLog(limit: 1000) { id } }')).auditLog.length).toBe(audit);
    expect(admin.errors).toEqual([]);
  });

  it('and so does the XLSX the grid’s toolbar downloads, for every table', async () => {
    const { page } = admin;
    const audit = (await server.hub.gql('{ auditLog(limit: 1000) { id } }')).auditLog.length;
    for (const t of TABLES) {
      await openTable(page, server.url, t.path);
      await page.getByTestId('server-export').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('server-export-XLSX').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const bytes = await readFile((await download.path())!);
      await loadsBack(t, download.suggestedFilename(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes);
    }
    expect((await server.hub.gql('{ auditLog(limit: 1000) { id } }')).auditLog.length).toBe(audit);
    expect(admin.errors).toEqual([]);
  });
});
