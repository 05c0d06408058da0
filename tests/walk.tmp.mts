import { chromium } from 'playwright-core';
const base = 'http://localhost:4100';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
async function session(user: string | null, lang: 'zh' | 'en') {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 800 } });
  await ctx.addInitScript((l) => localStorage.setItem('planhub.lang', l), lang);
  if (user) {
    const r = await ctx.request.post(`${base}/graphql`, { data: { query: 'mutation($u:String!,$p:String!){login(username:$u,password:$p){expiresAt}}', variables: { u: user, p: 'pw12345678' } } });
    console.log(user, JSON.stringify(await r.json()).slice(0, 80));
  }
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', user, e.message));
  page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', user, m.text().slice(0, 200)); });
  return { ctx, page };
}
const office = await session('office', 'zh');
const zhang = await session('zhang', 'en');
const anon = await session(null, 'zh');
const gql = async (page: any, query: string, variables = {}) => page.evaluate(async ({ query, variables }: any) => (await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json(), { query, variables });
await Promise.all([office.page.goto(`${base}/indicators`), zhang.page.goto(`${base}/indicators`), anon.page.goto(`${base}/indicators`)]);
await office.page.waitForSelector('.ag-row'); await zhang.page.waitForSelector('.ag-row'); await anon.page.waitForSelector('.ag-row');
await office.page.waitForTimeout(2500);
await office.page.screenshot({ path: '/tmp/exp/w1-office-presence.png' });
await zhang.page.screenshot({ path: '/tmp/exp/w1-zhang-presence.png' });
await anon.page.screenshot({ path: '/tmp/exp/w1-anon-presence.png' });
const list = await gql(zhang.page, '{ indicators(filter: { department: "住建", role: LEAD }) { items { id name version } } }');
const row = list.data.indicators.items[0];
console.log('row', row);
// zhang opens an editor on the row's name
const c = zhang.page.locator(`.ag-row[row-id="${row.id}"] [col-id="name"]`).first();
await c.dblclick();
await zhang.page.waitForTimeout(1500);
await office.page.screenshot({ path: '/tmp/exp/w2-office-sees-mark.png' });
await c.locator('input').first().fill('Typed by zhang');
// office changes the same row
const r = await gql(office.page, 'mutation($id: ID!, $v: Int) { updateIndicator(id: $id, expectedVersion: $v, patch: { unit: "亿元（改）" }) { version } }', { id: row.id, v: row.version });
console.log('office update', JSON.stringify(r).slice(0, 100));
await zhang.page.waitForTimeout(2000);
await zhang.page.screenshot({ path: '/tmp/exp/w3-zhang-banner.png' });
await zhang.page.keyboard.press('Escape');
// datasets as office, viewer
await office.page.goto(`${base}/datasets`);
await office.page.waitForTimeout(4000);
await office.page.screenshot({ path: '/tmp/exp/w4-datasets-office.png' });
await anon.page.goto(`${base}/datasets`);
await anon.page.waitForTimeout(3000);
await anon.page.screenshot({ path: '/tmp/exp/w5-datasets-anon.png' });
// zhang signs out via UI fetch and the page keeps working
await gql(zhang.page, 'mutation { logout }');
await zhang.page.reload(); await zhang.page.waitForTimeout(3000);
await zhang.page.screenshot({ path: '/tmp/exp/w6-zhang-signedout.png' });
await browser.close();
