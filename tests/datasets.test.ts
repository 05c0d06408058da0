import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from '../server/transfer/exceljs';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANONYMOUS, ADMIN_PASSWORD, TEST_ENGINE, freshDatabase, startHub, type TestHub } from './helpers';
import { initORM } from '../server/orm';
import { Role } from '../schema/accounts/account.enums';

/** Binding indicators with their departments: one row per responsibility. */
const QUERY = `query Binding($attribute: IndicatorAttribute, $limit: Int) {
  indicators(filter: { attribute: $attribute }, limit: $limit) {
    items { seq name targetValue cumulative responsibilities { role department { name } } }
  }
}`;

const SAVE = `mutation($input: DatasetInput!, $v: Int) { saveDataset(input: $input, expectedVersion: $v) { id name version columnLabels variables } }`;

async function xlsxRows(body: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('datasets: saved queries as links', () => {
  let hub: TestHub;
  let apiToken: string;
  beforeAll(async () => {
    hub = await startHub();
    apiToken = (await hub.gql(`mutation { createApiToken(input: { name: "bi" }) { token } }`)).createApiToken.token;
    await hub.gql(SAVE, { input: { name: 'binding', title: '约束性指标', query: QUERY, variables: JSON.stringify({ attribute: 'BINDING', limit: 1000 }) } });
  });
  afterAll(() => hub?.close());

  it('checks the query when saved: syntax, schema, one operation, reads only; ADMIN only; versions', async () => {
    const reason = async (query: string) => (await hub.gqlErrors(SAVE, { input: { name: 'x', title: 'x', query } }))[0];
    expect((await reason('query { indicators { ')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_SYNTAX', field: 'input.query' });
    expect((await reason('query { nothingHere }')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_INVALID' });
    expect((await reason('query A { plan { code } } query B { plan { code } }')).extensions).toMatchObject({ reason: 'QUERY_OPERATIONS' });
    expect((await reason('mutation { logout }')).extensions).toMatchObject({ reason: 'QUERY_NOT_READ' });
    expect((await hub.gqlErrors(SAVE, { input: { name: 'Bad Name', title: 'x', query: QUERY } }))[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await hub.gqlErrors(SAVE, { input: { name: 'x', title: 'x', query: QUERY, variables: '[1]' } }))[0].message).toContain('input.variables');
    const viewer = await hub.user('viewer1', Role.VIEWER);
    expect((await hub.gqlErrors(SAVE, { input: { name: 'x', title: 'x', query: QUERY } }, viewer))[0].extensions.code).toBe('FORBIDDEN');
    // Nothing was saved by the refusals.
    expect((await hub.gql(`{ datasets { name } }`)).datasets.map((d: { name: string }) => d.name)).toEqual(['binding']);
    // Replacing needs the current version.
    expect((await hub.gqlErrors(SAVE, { input: { name: 'binding', title: 'again', query: QUERY } }))[0].extensions.code).toBe('CONFLICT');
    const saved = await hub.gql(SAVE, { input: { name: 'binding', title: '约束性指标（按部门）', query: QUERY, variables: JSON.stringify({ attribute: 'BINDING', limit: 1000 }) }, v: 1 });
    expect(saved.saveDataset.version).toBe(2);
    expect((await hub.gqlErrors(SAVE, { input: { name: 'binding', title: 'x', query: QUERY }, v: 1 }))[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    // Default labels: the descriptors' Chinese field labels.
    const labels = JSON.parse(saved.saveDataset.columnLabels);
    expect(labels['indicators.items.name']).toBe('指标名称');
  });

  it('serves one table as CSV (BOM, CRLF), JSON and XLSX with the same rows, one per leaf list item', async () => {
    const list = await hub.gql(`{ indicators(filter: { attribute: BINDING }, limit: 1000) { items { seq name targetValue responsibilities { role department { name } } } } }`);
    const expected = list.indicators.items.flatMap((i: any) => i.responsibilities.map((r: any) => [i.seq, i.name, r.role, r.department.name]));
    expect(expected.length).toBeGreaterThan(10);
    const get = (ext: string, q = '') => hub.app.inject({ method: 'GET', url: `/datasets/binding.${ext}${q}`, headers: { authorization: `Bearer ${apiToken}` } });
    const labels = JSON.parse((await hub.gql(`{ dataset(name: "binding") { columnLabels } }`)).dataset.columnLabels) as Record<string, string>;
    const L = (path: string) => labels[path] ?? path;
    const COLS = ['indicators.items.seq', 'indicators.items.name', 'indicators.items.responsibilities.role', 'indicators.items.responsibilities.department.name'].map(L);
    const csv = await get('csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain('\r\n');
    const csvRows: string[][] = parseCsv(csv.body.slice(1));
    const header = csvRows[0];
    expect(header).toContain('指标名称');
    const fromCsv = csvRows.slice(1).map((r) => COLS.map((c) => r[header.indexOf(c)])).map(([seq, ...rest]) => [Number(seq), ...rest]);
    expect(fromCsv).toEqual(expected);

    const json = await get('json');
    expect(json.statusCode).toBe(200);
    const objects = json.json() as Record<string, unknown>[];
    expect(objects.map((o) => COLS.map((c) => o[c]))).toEqual(expected);
    expect(typeof objects[0][L('indicators.items.cumulative')]).toBe('boolean');

    const xlsx = await get('xlsx');
    expect(xlsx.statusCode).toBe(200);
    const sheet = await xlsxRows(xlsx.rawPayload);
    const h = sheet[0] as string[];
    expect(h).toEqual(header);
    const fromXlsx = sheet.slice(1).map((r) => COLS.map((c) => r[h.indexOf(c)]));
    expect(fromXlsx).toEqual(expected);
    // Typed cells: the seq is a number in the workbook, text in the CSV.
    expect(typeof fromXlsx[0][0]).toBe('number');

    // Paths instead of labels, on request.
    const paths = await get('json', '?columns=paths');
    expect(Object.keys((paths.json() as Record<string, unknown>[])[0])).toContain('indicators.items.name');

    // 区住建局 leads 4 binding indicators (the hand count on the seed).
    const leads = objects.filter((o) => o[COLS[2]] === 'LEAD' && o[COLS[3]] === '区住建局');
    expect(leads.length).toBe(4);
  });

  it('reads a list page by page with the same rows, order, limit and offset as the query answers in one piece', async () => {
    const query = `query Paged($limit: Int, $offset: Int, $dir: SortDirection) {
      indicators(limit: $limit, offset: $offset, orderBy: [{ field: "seq", direction: $dir }]) { totalCount items { seq responsibilities { role department { code } } } }
    }`;
    await hub.gql(SAVE, { input: { name: 'paged', title: '分页', query } });
    const get = (q: string) => hub.app.inject({ method: 'GET', url: `/datasets/paged.json?columns=paths${q}`, headers: { authorization: `Bearer ${apiToken}` } });
    for (const [vars, q] of [
      [{ limit: 1000, offset: 0, dir: 'ASC' }, '&limit=1000&offset=0&dir=ASC'],
      [{ limit: 7, offset: 3, dir: 'DESC' }, '&limit=7&offset=3&dir=DESC'],
      [{ limit: 50, offset: 20, dir: 'ASC' }, '&limit=50&offset=20&dir=ASC'],
      [{}, ''],
    ] as const) {
      const answer = (await hub.gql(query, vars)).indicators;
      const expected = answer.items.flatMap((i: any) => (i.responsibilities.length ? i.responsibilities : [null]).map((r: any) => [answer.totalCount, i.seq, r?.role ?? null, r?.department.code ?? null]));
      const res = await get(q);
      expect(res.statusCode, q).toBe(200);
      const rows = (res.json() as Record<string, unknown>[]).map((o) => [o['indicators.totalCount'], o['indicators.items.seq'], o['indicators.items.responsibilities.role'], o['indicators.items.responsibilities.department.code']]);
      expect(rows, q).toEqual(expected);
    }
    // Past the end: the parent row with empty list cells, as the one-piece answer gives.
    const past = (await get('&offset=500')).json() as Record<string, unknown>[];
    expect(past).toEqual([{ 'indicators.totalCount': 24, 'indicators.items.seq': null, 'indicators.items.responsibilities.role': null, 'indicators.items.responsibilities.department.code': null }]);
    // The list's own refusals still come before the download starts, coded.
    const bad = await get('&offset=-1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'offset' });
  });

  it('reads variables from the query string as their types; a wrong type or unknown parameter is a 400 naming it', async () => {
    const get = (q: string) => hub.app.inject({ method: 'GET', url: `/datasets/binding.json${q}`, headers: { authorization: `Bearer ${apiToken}` } });
    const expected = await hub.gql(`{ indicators(filter: { attribute: EXPECTED }, limit: 3) { items { seq } } }`);
    const three = await get('?attribute=EXPECTED&limit=3');
    expect(three.statusCode).toBe(200);
    const seqs = [...new Set((three.json() as Record<string, unknown>[]).map((o) => o[Object.keys(o)[0]]))];
    expect(seqs).toEqual(expected.indicators.items.map((i: { seq: number }) => i.seq));
    for (const [q, field, reason] of [
      ['?limit=abc', 'limit', 'PARAMETER_TYPE'],
      ['?limit=1.5', 'limit', 'PARAMETER_TYPE'],
      ['?attribute=BOGUS', 'attribute', 'PARAMETER_TYPE'],
      ['?year=2019', 'year', 'UNKNOWN_PARAMETER'],
      ['?limit=1&limit=2', 'limit', undefined],
    ] as const) {
      const res = await get(q);
      expect(res.statusCode, q).toBe(400);
      const error = res.json().errors[0];
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.field).toBe(field);
      if (reason) expect(error.extensions.reason).toBe(reason);
      expect(error.message).toContain(field);
    }
    // A value the schema refuses after coercion (limit above the page size) is a 400 too, not a 500.
    const big = await get('?limit=100000');
    expect(big.statusCode).toBe(400);
    expect(big.json().errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await hub.app.inject({ method: 'GET', url: '/datasets/nothing.csv' })).statusCode).toBe(404);
  });

  it('neutralises formulas in CSV and XLSX cells', async () => {
    const ind = (await hub.gql(`{ indicators(filter: { attribute: BINDING }, limit: 1) { items { id version } } }`)).indicators.items[0];
    await hub.gql(`mutation($id: ID!, $v: Int) { updateIndicator(id: $id, patch: { name: "=HYPERLINK(1)" }, expectedVersion: $v) { id } }`, { id: ind.id, v: ind.version });
    const csv = await hub.app.inject({ method: 'GET', url: '/datasets/binding.csv', headers: { authorization: `Bearer ${apiToken}` } });
    expect(csv.body).toContain(`'=HYPERLINK(1)`);
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
    const rows = await xlsxRows((await hub.app.inject({ method: 'GET', url: '/datasets/binding.xlsx', headers: { authorization: `Bearer ${apiToken}` } })).rawPayload);
    expect(rows.flat()).toContain(`'=HYPERLINK(1)`);
    const json = await hub.app.inject({ method: 'GET', url: '/datasets/binding.json', headers: { authorization: `Bearer ${apiToken}` } });
    expect((json.json() as Record<string, unknown>[]).some((o) => o['指标名称'] === '=HYPERLINK(1)')).toBe(true);
  });

  it('link tokens read their dataset only, and stop when revoked', async () => {
    await hub.gql(SAVE, { input: { name: 'departments', title: '部门', query: '{ departments { code name } }' } });
    const made = (await hub.gql(`mutation { createDatasetLinkToken(dataset: "binding") { secret linkToken { id revokedAt } } }`)).createDatasetLinkToken;
    expect(made.secret).toMatch(/^phl_/);
    const viewer = await hub.user('viewer2', Role.VIEWER);
    expect((await hub.gqlErrors(`mutation { createDatasetLinkToken(dataset: "binding") { secret } }`, {}, viewer))[0].extensions.code).toBe('FORBIDDEN');
    const ok = await hub.app.inject({ method: 'GET', url: `/datasets/binding.csv?token=${made.secret}` });
    expect(ok.statusCode).toBe(200);
    const other = await hub.app.inject({ method: 'GET', url: `/datasets/departments.csv?token=${made.secret}` });
    expect(other.statusCode).toBe(403);
    expect(other.json().errors[0].extensions.reason).toBe('LINK_TOKEN_OTHER_DATASET');
    const listed = (await hub.gql(`{ dataset(name: "binding") { linkTokens { id lastUsedAt revokedAt } } }`)).dataset.linkTokens;
    expect(listed[0].lastUsedAt).not.toBeNull();
    expect(await hub.gql(`mutation($id: ID!) { revokeDatasetLinkToken(id: $id) }`, { id: made.linkToken.id })).toEqual({ revokeDatasetLinkToken: true });
    const revoked = await hub.app.inject({ method: 'GET', url: `/datasets/binding.csv?token=${made.secret}` });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'LINK_TOKEN_REVOKED' });
    const unknown = await hub.app.inject({ method: 'GET', url: `/datasets/binding.csv?token=phl_nothing` });
    expect(unknown.statusCode).toBe(401);
    // Deleting the dataset removes its links.
    expect(await hub.gql(`mutation { deleteDataset(name: "departments") }`)).toEqual({ deleteDataset: true });
    expect((await hub.app.inject({ method: 'GET', url: '/datasets/departments.csv' })).statusCode).toBe(404);
  });

});

describe('datasets: who may read them', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({ security: { anonymousRead: false } });
    await hub.gql(SAVE, { input: { name: 'plan', title: '规划', query: 'query Plan($code: String! = "binjiang-13th") { plan(code: $code) { code name } }' } });
  });
  afterAll(() => hub?.close());

  it('refuses anonymous readers where anonymous reading is off; API tokens and sessions read', async () => {
    const anon = await hub.app.inject({ method: 'GET', url: '/datasets/plan.json' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const token = (await hub.gql(`mutation { createApiToken(input: { name: "bi" }) { token } }`)).createApiToken.token;
    const withToken = await hub.app.inject({ method: 'GET', url: '/datasets/plan.json', headers: { authorization: `Bearer ${token}` } });
    expect(withToken.statusCode).toBe(200);
    expect((withToken.json() as unknown[]).length).toBe(1);
    const bad = await hub.app.inject({ method: 'GET', url: '/datasets/plan.json', headers: { authorization: 'Bearer phb_wrong' } });
    expect(bad.statusCode).toBe(401);
    const login = await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: { query: `mutation { login(username: "admin", password: "${ADMIN_PASSWORD}") { token } }` } });
    const session = login.json().data.login.token;
    const withSession = await hub.app.inject({ method: 'GET', url: '/datasets/plan.json', cookies: { planhub_session: session } });
    expect(withSession.statusCode).toBe(200);
    // The datasets list is for signed-in users.
    expect((await hub.gqlErrors(`{ datasets { name } }`, {}, ANONYMOUS))[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('GRAPHQL_ALLOW_ONLY_PERSISTED', () => {
  const ANY = '{ indicators(limit: 2) { items { name } } }';
  const SAVED = 'query Saved { plans { code   name } }';
  const post = (hub: TestHub, query: string, authorization?: string) =>
    hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, payload: { query } });

  for (const only of [true, false]) {
    it(`${only ? 'on' : 'off'}: anonymous and token readers ${only ? 'may run only saved datasets' : 'run any query'}; sessions are unaffected`, async () => {
      const hub = await startHub({ security: { allowOnlyPersisted: only } });
      try {
        await hub.gql(SAVE, { input: { name: 'plan', title: '规划', query: SAVED } });
        const token = (await hub.gql(`mutation { createApiToken(input: { name: "bi" }) { token } }`)).createApiToken.token;
        const login = await post(hub, `mutation { login(username: "admin", password: "${ADMIN_PASSWORD}") { token } }`);
        expect(login.statusCode).toBe(200);
        const session = login.json().data.login.token;
        for (const auth of [undefined, `Bearer ${token}`]) {
          const any = await post(hub, ANY, auth);
          if (only) {
            expect(any.statusCode).toBe(403);
            expect(any.json().errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PERSISTED_QUERY_REQUIRED' });
          } else {
            expect(any.statusCode).toBe(200);
            expect(any.json().data.indicators.items).toHaveLength(2);
          }
          // The saved query runs, whatever its spacing.
          const saved = await post(hub, 'query Saved { plans { code name } }', auth);
          expect(saved.statusCode).toBe(200);
          expect(saved.json().data.plans[0].code).toBeTruthy();
          // And its link.
          expect((await hub.app.inject({ method: 'GET', url: '/datasets/plan.csv', headers: auth ? { authorization: auth } : {} })).statusCode).toBe(200);
        }
        const staff = await post(hub, ANY, `Bearer ${session}`);
        expect(staff.statusCode).toBe(200);
        expect(staff.json().data.indicators.items).toHaveLength(2);
      } finally {
        await hub.close();
      }
    });
  }
});

describe('datasets: a 100,000-row download in bounded memory', () => {
  // A hub process whose heap is capped below what the whole answer takes (reading the answer in one
  // piece, this download ran out of memory under a 160 MB cap): it must stream all three formats.
  const HEAP_MB = 128;
  const PASSWORD = 'correct horse battery staple';
  const port = 23000 + (process.pid % 20000);
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let log = '';
  let drop: () => Promise<void>;
  let token = '';
  let expected = 0;

  const gql = async (query: string, variables: object = {}, bearer?: string) =>
    (await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) }, body: JSON.stringify({ query, variables }) })).json()) as any;

  beforeAll(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    const database = db.database.engine === 'postgresql' ? db.database : ({ engine: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'planhub-stream-')), 'hub.db') } as const);
    const url = database.engine === 'postgresql' ? database.url : `sqlite:${database.path}`;
    child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD, RESPONSE_CACHE_MB: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    for (let i = 0; ; i++) {
      if (child.exitCode != null) throw new Error(`the hub exited: ${log}`);
      if (i > 600) throw new Error(`the hub did not start: ${log}`);
      if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const session = (await gql(`mutation($p: String!) { login(username: "admin", password: $p) { token } }`, { p: PASSWORD })).data.login.token;
    token = (await gql(`mutation { createApiToken(input: { name: "bi" }) { token } }`, {}, session)).data.createApiToken.token;
    const saved = await gql(SAVE, { input: { name: 'big', title: '年度目标', query: '{ indicators(limit: 1000) { items { seq name yearTargets { year targetValue } } } }' } }, session);
    expect(saved.data.saveDataset.name).toBe('big');
    // About 100,000 year targets, written past the hub as another program would.
    const orm = await initORM(database);
    const conn = orm.em.fork().getConnection();
    const n = Number((await conn.execute('select count(*) as n from indicator'))[0].n);
    const years = Math.ceil(100_000 / n);
    await conn.execute(
      `with recursive y(n) as (select 3000 union all select n + 1 from y where n < ${3000 + years - 1}) ` +
        `insert into year_target (version, updated_at, created_at, indicator_id, year, target_value, derived) select 1, i.updated_at, i.created_at, i.id, y.n, y.n * 1.5, ${database.engine === 'postgresql' ? 'false' : '0'} from indicator i cross join y`,
    );
    expected = Number((await conn.execute('select count(*) as n from year_target'))[0].n);
    await orm.close();
    expect(expected).toBeGreaterThanOrEqual(100_000);
  }, 200_000);

  afterAll(async () => {
    if (child && child.exitCode == null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await drop?.();
  });

  it(`streams it as CSV, JSON and XLSX from a hub capped at ${HEAP_MB} MB of heap, every row there`, async () => {
    const get = (ext: string) => fetch(`${base}/datasets/big.${ext}`, { headers: { authorization: `Bearer ${token}` } });
    const csv = await get('csv');
    expect(csv.status).toBe(200);
    let lines = 0;
    let bytes = 0;
    for await (const chunk of csv.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
    // A header, then one row per year target (no indicator is without them).
    expect(lines - 1, log.slice(-2000)).toBe(expected);
    expect(bytes).toBeGreaterThan(1_000_000);
    const json = await get('json');
    expect(json.status).toBe(200);
    const rows = (await json.json()) as Record<string, unknown>[];
    expect(rows.length).toBe(expected);
    expect(new Set(rows.map((r) => r['指标序号'] ?? Object.values(r)[0])).size).toBeGreaterThan(10);
    const xlsx = await get('xlsx');
    expect(xlsx.status).toBe(200);
    const sheet = await xlsxRows(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheet.length - 1).toBe(expected);
    expect(child.exitCode, log.slice(-2000)).toBeNull();
  }, 240_000);
});
