import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../../schema/accounts/account.enums';
import { createServices } from '../../server/services';
import type { Em } from '../../server/orm';
import { ROOT, eventually, launchBrowser, openSession, screenshot, startUiServer, type Session, type UiServer } from './support';

/**
 * 公众监督 (issue 15): a citizen, signed out, reads the public page (approved values only, its own
 * layout without the staff tabs), draws a trend and posts a comment, which does not show; the office
 * publishes it on its moderation page; then it shows on the public page, without its contact.
 */
let server: UiServer;
let browser: Browser;
let citizen: Session;
let office: Session;
let indicator = '';
let rectification = { id: '', seq: 0 };
const CONTACT = 'citizen-5150@example.test';
const COMMENT = '希望每季度公开整改进展情况';

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  const { hub } = server;
  const rows = await hub.gql('{ indicators(limit: 100) { items { id seq } } rectifications(limit: 3) { items { id seq } } }');
  indicator = rows.indicators.items.find((r: any) => r.seq === 20).id; // housing leads
  rectification = { id: rows.rectifications.items[1].id, seq: rows.rectifications.items[1].seq };
  // Through the ledger service, as the lead department: an approved 2018 value, a submitted 2019 one and a 2020 draft.
  const lead = await hub.user('housing-editor', Role.EDITOR, '住建');
  const ledger = (actor = lead) => createServices(hub.orm.em.fork() as Em, actor).ledger;
  const approved = await ledger().save({ indicatorId: indicator, period: '2018', actualValue: 77.5 });
  const sent = await ledger().submit(approved.id, approved.version);
  await ledger(hub.admin).approve(sent.id, sent.version);
  const submitted = await ledger().save({ indicatorId: indicator, period: '2019', actualValue: 8765.43 });
  await ledger().submit(submitted.id, submitted.version);
  await ledger().save({ indicatorId: indicator, period: '2020', actualValue: 9876.54 });
  [citizen, office] = await Promise.all([openSession(browser, server.url, { anonymous: true }), openSession(browser, server.url)]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the public page', { timeout: 90_000 }, () => {
  it('shows approved values only, in its own layout, signed out; a trend chart draws', async () => {
    const { page } = citizen;
    await page.goto(`${server.url}/public`);
    await page.getByTestId('public-indicators').waitFor();
    // Its own layout: no staff tabs, no grid, no editing.
    expect(await page.locator('nav.tabs').count()).toBe(0);
    expect(await page.locator('.ag-root').count()).toBe(0);
    expect(await page.locator('[contenteditable], .ag-cell-editable').count()).toBe(0);
    const total = (await server.hub.gql('{ indicators { totalCount } }')).indicators.totalCount;
    expect(await page.getByTestId('public-indicator').count()).toBe(total);
    const row = page.locator(`[data-testid="public-indicator"][data-seq="20"]`);
    for (const year of [2018, 2019, 2020]) {
      await page.getByTestId('public-year').selectOption(String(year));
      await eventually(() => row.getByTestId('public-actual').textContent()).toBe(year === 2018 ? '77.5' : '—');
      const text = await page.locator('body').innerText();
      expect(text).not.toContain('8,765.43');
      expect(text).not.toContain('8765.43');
      expect(text).not.toContain('9,876.54');
      expect(text).not.toContain('9876.54');
    }
    await page.getByTestId('public-year').selectOption('2018');
    await row.getByRole('button', { name: '查看趋势' }).click();
    await page.getByTestId('trend-chart').locator('canvas').first().waitFor();
    await screenshot(page, 'public', true);
  });

  it('a citizen’s comment shows only after the office publishes it, and never with its contact', async () => {
    const { page } = citizen;
    const card = page.getByTestId(`public-rect-${rectification.seq}`);
    await card.getByTestId(`comment-toggle-RECTIFICATION-${rectification.id}`).click();
    const box = card.getByTestId(`comments-RECTIFICATION-${rectification.id}`);
    await box.getByText('还没有公开的留言。').waitFor();
    // Too short first: a clear message, nothing sent.
    await box.locator('textarea[name="text"]').fill('太短');
    await box.getByRole('button', { name: '提交留言' }).click();
    await box.getByRole('alert').getByText('留言至少 5 个字。').waitFor();
    expect(citizen.mutations.filter((m) => m.includes('postComment'))).toHaveLength(0);
    await box.locator('textarea[name="text"]').fill(COMMENT);
    await box.locator('input[name="contact"]').fill(CONTACT);
    // The honeypot is there for robots, out of sight for people.
    const trap = box.locator('input[name="website"]');
    expect((await trap.boundingBox())!.x + 100).toBeLessThan(0); // off screen
    expect(await trap.getAttribute('tabindex')).toBe('-1');
    await box.getByRole('button', { name: '提交留言' }).click();
    await box.getByRole('status').getByText('感谢您的留言').waitFor();
    // Not shown yet, after a reload either.
    await page.reload();
    await page.getByTestId(`comment-toggle-RECTIFICATION-${rectification.id}`).click();
    await page.getByTestId(`comments-RECTIFICATION-${rectification.id}`).getByText('还没有公开的留言。').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(COMMENT);

    // The office's moderation page: the comment waits, with its contact.
    const o = office.page;
    await o.goto(`${server.url}/comments`);
    const waiting = o.locator('[data-testid="office-comment"][data-state="PENDING"]', { hasText: COMMENT });
    await waiting.waitFor();
    expect(await waiting.innerText()).toContain(CONTACT);
    await screenshot(o, 'comments', true);
    await waiting.getByTestId('publish').click();
    await eventually(() => o.locator('[data-testid="office-comment"]', { hasText: COMMENT }).count()).toBe(0);
    await o.getByTestId('comments-state').selectOption('PUBLISHED');
    await o.locator('[data-testid="office-comment"][data-state="PUBLISHED"]', { hasText: COMMENT }).waitFor();

    // Published: on the public page, as the item's comment and as its latest feedback, without the contact.
    await page.reload();
    const card2 = page.getByTestId(`public-rect-${rectification.seq}`);
    await eventually(() => card2.getByTestId('latest-feedback').innerText()).toContain(COMMENT);
    await card2.getByTestId(`comment-toggle-RECTIFICATION-${rectification.id}`).click();
    await card2.getByTestId('public-comment').filter({ hasText: COMMENT }).waitFor();
    expect(await page.content()).not.toContain(CONTACT);
    await page.locator('.lang-switch').getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Key indicators' }).waitFor();
    await card2.getByText('Latest feedback').waitFor();
  });

  it('has no WCAG 2 A/AA problem axe-core finds, in both languages: the public page with a comment form open, and the moderation page', async () => {
    const found: string[] = [];
    for (const lang of ['zh', 'en'] as const) {
      const { page } = citizen;
      await page.goto(`${server.url}/public`);
      await page.getByTestId('public-indicators').waitFor();
      await page.locator('.lang-switch').getByRole('button', { name: lang === 'zh' ? '中文' : 'English' }).click();
      await page.getByTestId(`comment-toggle-RECTIFICATION-${rectification.id}`).click();
      await page.getByTestId(`comments-RECTIFICATION-${rectification.id}`).locator('textarea').waitFor();
      found.push(...(await axe(page)).map((v) => `${lang} /public: ${v}`));
      await office.page.goto(`${server.url}/comments`);
      await office.page.locator('.lang-switch').getByRole('button', { name: lang === 'zh' ? '中文' : 'English' }).click();
      await office.page.getByTestId('comments-state').selectOption('ALL');
      await office.page.getByTestId('comments-table').waitFor();
      found.push(...(await axe(office.page)).map((v) => `${lang} /comments: ${v}`));
    }
    expect(found).toEqual([]);
  });
});

const AXE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8');

/** axe-core's WCAG 2 A and AA rules on the page as it is (as tests/browser/a11y.test.ts runs them). */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  type Violation = { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] };
  const violations: Violation[] = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe.run;
    const result = await run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return [...new Set(violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 3).join(' ').trim()}`)))];
}
