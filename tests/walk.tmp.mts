import { chromium } from 'playwright-core';
const URL = 'http://localhost:4100';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [] });
const errors: string[] = [];
async function session(user: string | null, pass: string | null, lang: 'zh' | 'en') {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  if (user) {
    const r = await ctx.request.post(`${URL}/graphql`, { data: { query: 'mutation($u:String!,$p:String!){ login(username:$u,password:$p){ expiresAt } }', variables: { u: user, p: pass } } });
    console.log('login', user, r.status(), (await r.text()).slice(0, 80));
  }
  const page = await ctx.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(`${user}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`${user}: ${e.message}`));
  await page.goto(URL + '/indicators');
  if (lang === 'en') {
    const btn = page.getByRole('button', { name: /English|EN/ }).first();
    if (await btn.count()) await btn.click();
  }
  return { ctx, page };
}
// 1. signed out, zh
{ const { page, ctx } = await session(null, null, 'zh');
  await page.waitForSelector('.ag-row'); await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/walk/1-anon-zh-indicators.png' });
  console.log('anon status:', (await page.locator('[data-testid=status-bar], .status-bar').first().innerText().catch(() => '?')).slice(0, 200));
  await page.goto(URL + '/import'); await page.waitForTimeout(1000);
  await page.screenshot({ path: '/tmp/walk/2-anon-zh-import.png' });
  await ctx.close(); }
// 2. editor zj, en: wrong value
{ const { page, ctx } = await session('zj', 'editor passphrase 42', 'en');
  await page.waitForSelector('.ag-row'); await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/walk/3-editor-en-indicators.png' });
  const cell = page.locator('.ag-row[row-id="20"] [col-id="targetValue"]');
  console.log('cell 20 targetValue', await cell.count(), await cell.first().innerText().catch(() => '?'));
  if (await cell.count()) {
    await cell.first().dblclick(); await page.keyboard.press('Control+A'); await page.keyboard.type('abc'); await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
    await page.screenshot({ path: '/tmp/walk/4-editor-en-wrong.png' });
    console.log('after abc:', await cell.first().innerText());
  }
  // scroll to the new columns
  const base = page.locator('.ag-header-cell[col-id="baseValue"]');
  await base.scrollIntoViewIfNeeded().catch(() => {});
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/walk/5-editor-en-newcols.png' });
  await ctx.close(); }
// 3. office admin zh: import page, export CSV then dry-run it
{ const { page, ctx } = await session('office', 'a long passphrase 42', 'zh');
  await page.goto(URL + '/import'); await page.waitForTimeout(1200);
  await page.screenshot({ path: '/tmp/walk/6-office-zh-import.png' });
  await page.goto(URL + '/year-targets').catch(() => {}); await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/walk/7-office-zh-unknown-route.png' });
  await ctx.close(); }
// 4. viewer, en
{ const { page, ctx } = await session('vw', 'viewer passphrase 42', 'en');
  await page.waitForSelector('.ag-row'); await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/walk/8-viewer-en.png' });
  await ctx.close(); }
console.log('errors:', errors);
await browser.close();
