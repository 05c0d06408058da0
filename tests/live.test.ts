import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startHub, TEST_ENGINE, ADMIN_PASSWORD, type TestHub } from './helpers';
import { subscriptionQueue } from './subscription-queue';
import { Role } from '../schema/accounts/account.enums';
import { createServices } from '../server/services';
import { SYSTEM_ACTOR } from '../server/common/actor';
import type { Em } from '../server/orm';
import { createApp, type PlanHub } from '../server/app';
import { seedFromFile } from '../server/seed';
import { DEFAULT_SEED_FILE } from '../server/config';
import { freshPgDatabase, startHubProcess, ROOT, type HubProcess } from './reliability/hub-process';

const SUBSCRIBE = `subscription($table: LiveTable!, $planCode: String, $since: String) { rowsChanged(table: $table, planCode: $planCode, since: $since) { table generation reload rows { id version kind } } }`;

interface Live {
  messages: any[];
  errors: unknown[];
  /** Resolves with the close code once the server closes the connection. */
  closed: Promise<number>;
  /** The first message (after those already taken) that satisfies `match`, within `ms`. */
  next(match?: (m: any) => boolean, ms?: number): Promise<any>;
  dispose(): Promise<void>;
}

/** A graphql-ws client subscribed to rowsChanged, as a browser tab would be. */
function subscribe(port: number, variables: Record<string, unknown>, params: Record<string, unknown> = {}): Live {
  let closedWith!: (code: number) => void;
  const closed = new Promise<number>((r) => (closedWith = r));
  const client: Client = createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: params,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => {}, // the close code is what the tests read (closed)
    on: { closed: (e) => closedWith((e as { code: number }).code) },
  });
  const queue = subscriptionQueue<any>('message', 2000);
  client.subscribe({ query: SUBSCRIBE, variables }, {
    next: (m) => queue.push(m.errors ? { errors: m.errors } : m.data!.rowsChanged),
    error: (e) => queue.fail(e),
    complete: () => {},
  });
  return {
    messages: queue.items,
    errors: queue.errors,
    closed,
    next: queue.next,
    dispose: () => client.dispose() as Promise<void>,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const portOf = async (hub: PlanHub) => {
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  return (hub.app.server.address() as { port: number }).port;
};

describe('live changes: rowsChanged over graphql-ws', () => {
  let hub: TestHub;
  let port = 0;
  const open: Live[] = [];
  const live = (variables: Record<string, unknown>, params: Record<string, unknown> = {}) => {
    const l = subscribe(port, variables, params);
    open.push(l);
    return l;
  };
  const login = async (username: string) =>
    (await hub.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: username, p: ADMIN_PASSWORD })).login.token as string;
  let indicators: { id: string; version: number; seq: number }[] = [];

  beforeAll(async () => {
    hub = await startHub();
    port = await portOf(hub);
    indicators = (await hub.gql('{ indicators(orderBy: [{ field: "seq" }], limit: 100) { items { id version seq } } }')).indicators.items;
  });
  afterAll(async () => {
    await Promise.all(open.map((l) => l.dispose()));
    await hub?.close();
  });

  it('an edit reaches a subscriber with the row id, its new version and UPDATED, within 2 s', async () => {
    const sub = live({ table: 'INDICATORS', planCode: 'binjiang-13th' });
    await sleep(300); // subscribed
    const row = indicators[3];
    const started = Date.now();
    const { updateIndicator } = await hub.gql(`mutation($id: ID!, $v: Int) { updateIndicator(id: $id, patch: { unit: "个" }, expectedVersion: $v) { version } }`, { id: row.id, v: row.version });
    const m = await sub.next((x) => x.rows?.some((r: any) => r.id === row.id));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(m).toMatchObject({ table: 'INDICATORS', reload: false, rows: [{ id: row.id, version: updateIndicator.version, kind: 'UPDATED' }] });
    expect(m.generation).toMatch(/^\d+$/);
    // Another table's subscriber hears nothing of it.
    const standards = live({ table: 'STANDARDS' });
    await sleep(300);
    await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { unit: "项" }) { version } }`, { id: row.id });
    await sub.next((x) => x.rows?.some((r: any) => r.id === row.id));
    expect(standards.messages).toEqual([]);
  });

  it('a created and a deleted row arrive as CREATED and DELETED; a plan filter keeps other plans out', async () => {
    const sub = live({ table: 'STANDARDS', planCode: 'binjiang-13th' });
    await sleep(300);
    const { createStandard } = await hub.gql(`mutation { createStandard(input: { seq: 50, name: "新标准", releaseYear: 2018 }) { id version } }`);
    const created = await sub.next((x) => x.rows?.some((r: any) => r.id === createStandard.id));
    expect(created.rows).toContainEqual({ id: createStandard.id, version: createStandard.version, kind: 'CREATED' });
    await hub.gql(`mutation($id: ID!) { deleteStandard(id: $id) }`, { id: createStandard.id });
    const deleted = await sub.next((x) => x.rows?.some((r: any) => r.id === createStandard.id));
    expect(deleted.rows).toContainEqual({ id: createStandard.id, version: createStandard.version, kind: 'DELETED' });
    // A standard of another plan, written by plain SQL: the planCode subscriber hears nothing; one without planCode does.
    const all = live({ table: 'STANDARDS' });
    await createServices(hub.orm.em.fork() as Em, SYSTEM_ACTOR).plans.upsert({ code: 'other-plan', name: '另一规划', nameEn: 'Other', startYear: 2021, endYear: 2025 });
    await sleep(300);
    const conn = hub.orm.em.fork().getConnection();
    const now = TEST_ENGINE === 'sqlite' ? String(Date.now()) : 'current_timestamp';
    await conn.execute(`insert into standard (version, updated_at, created_at, plan_id, seq, name, release_year) select 1, ${now}, ${now}, id, 1, '别的规划的标准', 2022 from plan where code = 'other-plan'`);
    const [other] = await conn.execute(`select id from standard where name = '别的规划的标准'`);
    expect((await all.next((x) => x.rows?.some((r: any) => r.id === String(other.id)))).rows).toContainEqual({ id: String(other.id), version: 1, kind: 'CREATED' });
    await sleep(400);
    expect(sub.messages.flatMap((x) => x.rows).map((r: any) => r.id)).not.toContain(String(other.id));
    const unknown = await live({ table: 'STANDARDS', planCode: 'no-such-plan' }).next(() => true, 1500);
    expect(unknown.errors).toMatchObject([{ message: 'Plan no-such-plan does not exist', extensions: { code: 'NOT_FOUND' } }]);
  });

  it('plain SQL writing 5,000 rows in one transaction is ONE message, with reload', async () => {
    const sub = live({ table: 'INDICATORS' });
    await sleep(300);
    const em = hub.orm.em.fork();
    const now = TEST_ENGINE === 'sqlite' ? String(Date.now()) : 'current_timestamp';
    await em.getConnection().execute(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000) ` +
        `insert into indicator (version, updated_at, created_at, plan_id, seq, name, unit, target_text, target_kind, attribute) ` +
        `select 1, ${now}, ${now}, (select id from plan where code = 'binjiang-13th'), 1000 + i, 'bulk ' || i, '个', '1', 'EXACT', 'EXPECTED' from n`,
    );
    const m = await sub.next(() => true, 3000);
    expect(m).toMatchObject({ table: 'INDICATORS', reload: true, rows: [] });
    await sleep(800);
    expect(sub.messages).toHaveLength(1);
    await em.getConnection().execute(`delete from indicator where seq > 1000`);
    expect(await sub.next(() => true, 3000)).toMatchObject({ reload: true });
  });

  it('a client coming back with `since` first gets what changed while it was away; a generation too old or unknown is reload', async () => {
    const first = live({ table: 'INDICATORS' });
    await sleep(300);
    const row = indicators[5];
    await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { unit: "%" }) { version } }`, { id: row.id });
    const seen = await first.next((x) => x.rows?.some((r: any) => r.id === row.id));
    await first.dispose();
    // Away: two edits.
    const a = (await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { unit: "万元" }) { version } }`, { id: row.id })).updateIndicator;
    const b = (await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { unit: "亿元" }) { version } }`, { id: indicators[6].id })).updateIndicator;
    const back = live({ table: 'INDICATORS', since: seen.generation });
    const caught = await back.next();
    expect(caught.reload).toBe(false);
    expect(caught.rows).toEqual(expect.arrayContaining([{ id: row.id, version: a.version, kind: 'UPDATED' }, { id: indicators[6].id, version: b.version, kind: 'UPDATED' }]));
    expect(Number(caught.generation)).toBeGreaterThan(Number(seen.generation));
    // Up to date: nothing to catch up; then live as usual.
    const current = live({ table: 'INDICATORS', since: caught.generation });
    await sleep(500);
    expect(current.messages).toEqual([]);
    // A generation from the future (another database) cannot be caught up from.
    expect(await live({ table: 'INDICATORS', since: String(Number(caught.generation) + 1000) }).next()).toMatchObject({ reload: true, rows: [] });
    // Nor one whose changes were pruned from the log.
    await hub.orm.em.fork().getConnection().execute('delete from row_change');
    if (TEST_ENGINE === 'postgresql') await hub.orm.em.fork().getConnection().execute('delete from row_change_set');
    expect(await live({ table: 'INDICATORS', since: seen.generation }).next()).toMatchObject({ reload: true, rows: [] });
  });

  it('ledger drafts reach only their own department and the office; submitted entries reach every signed-in reader', async () => {
    await hub.user('live-housing', Role.EDITOR, '住建');
    await hub.user('live-social', Role.EDITOR, '社发局');
    const [own, other] = [await login('live-housing'), await login('live-social')];
    const ownSub = live({ table: 'LEDGER' }, { authorization: `Bearer ${own}` });
    const otherSub = live({ table: 'LEDGER' }, { token: other });
    const office = live({ table: 'LEDGER' }, { authorization: `Bearer ${await login('admin')}` });
    const anonymous = live({ table: 'LEDGER' });
    await sleep(400);
    const indicator = (await hub.gql('{ indicators(filter: { search: "环境空气质量优良率" }) { items { id } } }')).indicators.items[0].id;
    const { saveLedgerEntry: draft } = await hub.gql(
      `mutation($input: LedgerEntryInput!) { saveLedgerEntry(input: $input) { id version state } }`,
      { input: { indicatorId: indicator, department: '住建', period: '2018-06', actualValue: 80 } },
    );
    expect((await ownSub.next((x) => x.rows?.some((r: any) => r.id === draft.id))).rows).toContainEqual({ id: draft.id, version: draft.version, kind: 'CREATED' });
    await office.next((x) => x.rows?.some((r: any) => r.id === draft.id));
    await sleep(600);
    expect(otherSub.messages.flatMap((m) => m.rows).map((r: any) => r.id)).not.toContain(draft.id);
    expect(anonymous.messages).toEqual([]);
    const { submitLedgerEntry } = await hub.gql(`mutation($id: ID!, $v: Int!) { submitLedgerEntry(id: $id, expectedVersion: $v) { version state } }`, { id: draft.id, v: draft.version });
    expect((await otherSub.next((x) => x.rows?.some((r: any) => r.id === draft.id))).rows).toContainEqual({ id: draft.id, version: submitLedgerEntry.version, kind: 'UPDATED' });
    // Signed out, only approved entries show.
    await sleep(300);
    expect(anonymous.messages).toEqual([]);
  });

  it('filter.ids reads exactly the rows a change set names (what the grid asks for), on every plan table', async () => {
    const ids = [indicators[7].id, indicators[2].id];
    const page = (await hub.gql(`query($ids: [ID!]) { indicators(filter: { ids: $ids }) { totalCount items { id seq } } }`, { ids })).indicators;
    expect(page.totalCount).toBe(2);
    expect(page.items.map((r: any) => r.id).sort()).toEqual([...ids].sort());
    for (const list of ['specialTargets', 'rectifications', 'innovationTopics', 'standards']) {
      const all = (await hub.gql(`{ ${list}(limit: 3) { items { id } } }`))[list].items.map((r: any) => r.id);
      const some = (await hub.gql(`query($ids: [ID!]) { ${list}(filter: { ids: $ids }) { totalCount items { id } } }`, { ids: all.slice(1) }))[list];
      expect(some.items.map((r: any) => r.id)).toEqual(all.slice(1));
    }
    expect((await hub.gql(`{ indicators(filter: { ids: [] }) { totalCount } }`)).indicators.totalCount).toBe(0);
    const bad = await hub.gqlErrors(`{ indicators(filter: { ids: ["x"] }) { totalCount } }`);
    expect(bad[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.ids[0]' });
  });

  it('a refused credential is refused (4401); only subscriptions run over the socket', async () => {
    const bad = live({ table: 'INDICATORS' }, { authorization: 'Bearer not-a-token' });
    expect(await bad.closed).toBe(4401);
    const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const answer = await new Promise<any>((resolve) => client.subscribe({ query: '{ plans { code } }' }, { next: resolve, error: resolve, complete: () => {} }));
    expect(JSON.stringify(answer)).toMatch(/Only subscriptions/);
    await client.dispose();
    // A page of another site cannot open the socket with this site's cookie.
    const foreign = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws', { headers: { origin: 'http://evil.example' } });
    expect(await new Promise((r) => foreign.once('unexpected-response', (_req, res) => r(res.statusCode)))).toBe(403);
  });
});

describe('live changes: access and caps', () => {
  let hub: TestHub;
  let port = 0;
  beforeAll(async () => {
    process.env.LIVE_KEEPALIVE_MS = '300'; // read by createApp (server/config.ts liveConfig)
    process.env.LIVE_RECHECK_MS = '200';
    try {
      hub = await startHub({ seed: false, security: { anonymousRead: false } });
    } finally {
      delete process.env.LIVE_KEEPALIVE_MS;
      delete process.env.LIVE_RECHECK_MS;
    }
    (hub.live as unknown as { config: { maxConnectionsPerUser: number } }).config.maxConnectionsPerUser = 2;
    port = await portOf(hub);
  });
  afterAll(() => hub?.close());

  it('anonymous subscribers are refused where anonymous reading is off; connections beyond the per-user cap are closed (1013)', async () => {
    const anonymous = subscribe(port, { table: 'INDICATORS' });
    expect(await anonymous.closed).toBe(4401);
    const token = (await hub.gql(`mutation($p: String!) { login(username: "admin", password: $p) { token } }`, { p: ADMIN_PASSWORD })).login.token;
    const params = { authorization: `Bearer ${token}` };
    const kept = [subscribe(port, { table: 'INDICATORS' }, params), subscribe(port, { table: 'STANDARDS' }, params)];
    await sleep(400);
    const third = subscribe(port, { table: 'DEPARTMENTS' }, params);
    expect(await third.closed).toBe(1013);
    // Closing one frees its place.
    await kept[0].dispose();
    await sleep(200);
    const again = subscribe(port, { table: 'DEPARTMENTS' }, params);
    await sleep(400);
    expect(again.errors).toEqual([]);
    await hub.gql(`mutation { createDepartment(input: { code: "live-dept", name: "区实时局", nameEn: "Live Bureau" }) { id } }`).catch(() => null);
    await Promise.all([kept[1].dispose(), again.dispose()]);
  });

  it('open sockets follow their credential: signing out or a revoked token closes them (4401), a changed role asks them to reconnect (4205)', async () => {
    const login = async (username: string, password: string) => (await hub.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: username, p: password })).login.token as string;
    // A session that signs out.
    const session = await login('admin', ADMIN_PASSWORD);
    const signedIn = subscribe(port, { table: 'INDICATORS' }, { authorization: `Bearer ${session}` });
    await sleep(400);
    expect(signedIn.errors).toEqual([]);
    const out = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` }, body: JSON.stringify({ query: 'mutation { logout }' }) });
    expect((await out.json()).data.logout).toBe(true);
    expect(await signedIn.closed).toBe(4401);
    // An API token that is revoked.
    const made = (await hub.gql(`mutation { createApiToken(input: { name: "live" }) { token apiToken { id } } }`)).createApiToken;
    const byToken = subscribe(port, { table: 'STANDARDS' }, { authorization: `Bearer ${made.token}` });
    await sleep(400);
    expect(byToken.errors).toEqual([]);
    await hub.gql(`mutation($id: ID!) { revokeApiToken(id: $id) }`, { id: made.apiToken.id });
    expect(await byToken.closed).toBe(4401);
    // A role changed through the hub ends the user's sessions (account.service): closed.
    await hub.user('live-viewer', Role.VIEWER);
    const users = (await hub.gql(`{ users { id username } }`)).users as { id: string; username: string }[];
    const viewer = users.find((u) => u.username === 'live-viewer')!;
    const asViewer = subscribe(port, { table: 'INDICATORS' }, { authorization: `Bearer ${await login('live-viewer', ADMIN_PASSWORD)}` });
    await sleep(600);
    expect(asViewer.errors).toEqual([]);
    await hub.gql(`mutation($id: ID!) { updateUser(id: $id, input: { role: ADMIN }) { role } }`, { id: viewer.id });
    expect(await asViewer.closed).toBe(4401);
    // A role changed past the hub (plain SQL) leaves the session valid: the socket is asked to reconnect as the account reads now.
    const again = subscribe(port, { table: 'INDICATORS' }, { authorization: `Bearer ${await login('live-viewer', ADMIN_PASSWORD)}` });
    await sleep(600);
    expect(again.errors).toEqual([]);
    await hub.orm.em.fork().getConnection().execute(`update "user" set role = 'VIEWER' where username = 'live-viewer'`);
    expect(await again.closed).toBe(4205);
  });

  it('heartbeats: the server pings; a client that stops answering is dropped, one that answers stays', async () => {
    const token = (await hub.gql(`mutation($p: String!) { login(username: "admin", password: $p) { token } }`, { p: ADMIN_PASSWORD })).login.token;
    const open = (autoPong: boolean) =>
      new Promise<{ ws: WebSocket; pings: () => number; closed: Promise<number> }>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws', { autoPong });
        let pings = 0;
        ws.on('ping', () => pings++);
        const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
        ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
        ws.once('message', () => resolve({ ws, pings: () => pings, closed }));
      });
    const [silent, alive] = await Promise.all([open(false), open(true)]);
    const dropped = await Promise.race([silent.closed, sleep(3000).then(() => 'still open')]);
    expect(dropped).toBe(1006); // terminated without a closing handshake
    expect(silent.pings()).toBeGreaterThan(0);
    await sleep(1000); // several more rounds: the answering client stays
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    expect(alive.pings()).toBeGreaterThan(2);
    alive.ws.close();
  });
});

/** SQLite: the CLI is another process writing the same file; the hub sees its import by polling the log. */
describe.runIf(TEST_ENGINE === 'sqlite')('live changes: a CLI import reaches the running hub (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-hub-live-'));
  const path = join(dir, 'hub.db');
  let hub: PlanHub;
  let port = 0;
  beforeAll(async () => {
    hub = await createApp({ database: { engine: 'sqlite', path } });
    await seedFromFile(hub.orm, DEFAULT_SEED_FILE);
    port = await portOf(hub);
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = (args: string[]) =>
    new Promise<{ status: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `sqlite:${path}` }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('close', (status) => resolve({ status, output }));
    });

  it('a small import arrives as its rows; a 5,000-row import as ONE reload message', async () => {
    const sub = subscribe(port, { table: 'INDICATORS', planCode: 'binjiang-13th' });
    try {
      await sleep(300);
      const before = (await (await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ indicators(filter: { search: "bulk" }) { totalCount } }' }) })).json()) as any;
      expect(before.data.indicators.totalCount).toBe(0);
      const lines = ['序号,指标名称,单位,目标值,指标属性,责任单位'];
      for (let i = 1; i <= 5000; i++) lines.push(`${100 + i},bulk ${i},个,达到${i}以上,预期性,区发改局:牵头`);
      writeFileSync(join(dir, 'bulk.csv'), lines.join('\n'));
      const run = await cli([join(dir, 'bulk.csv'), '--table', 'indicators', '--plan', 'binjiang-13th']);
      expect(run.status, run.output).toBe(0);
      const m = await sub.next(() => true, 3000);
      expect(m).toMatchObject({ table: 'INDICATORS', reload: true, rows: [] });
      await sleep(600);
      expect(sub.messages).toHaveLength(1);

      // Three rows of the bulk renamed: their ids, kinds and versions.
      const three = lines.slice(0, 1).concat(lines.slice(1, 4).map((l) => l.replace(/bulk (\d+)/, 'bulk $1 renamed')), lines.slice(4));
      writeFileSync(join(dir, 'three.csv'), three.join('\n'));
      const again = await cli([join(dir, 'three.csv'), '--table', 'indicators', '--plan', 'binjiang-13th']);
      expect(again.status, again.output).toBe(0);
      const renamed = await sub.next(() => true, 3000);
      expect(renamed.reload).toBe(false);
      expect(renamed.rows).toHaveLength(3);
      expect(renamed.rows.every((r: any) => r.kind === 'UPDATED' && r.version === 2)).toBe(true);
    } finally {
      await sub.dispose();
    }
  }, 60_000);
});

/** Two hub processes on one PostgreSQL database: an edit through one reaches a subscriber of the other (NOTIFY). */
describe.runIf(TEST_ENGINE === 'postgresql')('live changes across hub processes (PostgreSQL)', () => {
  let db: { url: string; drop: () => Promise<void> };
  const hubs: HubProcess[] = [];
  beforeAll(async () => {
    db = await freshPgDatabase(process.env.TEST_DATABASE_URL!, 'planhub_live');
    hubs.push(await startHubProcess(db.url));
    hubs.push(await startHubProcess(db.url));
  }, 200_000);
  afterAll(async () => {
    for (const h of hubs) h.proc.kill('SIGTERM');
    await Promise.all(hubs.map((h) => h.exited));
    await db?.drop();
  });

  it('an edit through one process reaches a subscriber of the other within 2 s, and a later one too after the listener reconnects', async () => {
    const token = await hubs[0].login();
    const sub = subscribe(hubs[1].port, { table: 'INDICATORS' }, { authorization: `Bearer ${token}` });
    try {
      await sleep(500);
      const row = (await hubs[0].gql('{ indicators(limit: 1) { items { id version } } }')).body!.data.indicators.items[0];
      const started = Date.now();
      const edit = await hubs[0].gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { unit: "个" }) { version } }`, { id: row.id }, token);
      const m = await sub.next((x) => x.rows?.some((r: any) => r.id === row.id));
      expect(Date.now() - started).toBeLessThan(2000);
      expect(m.rows).toContainEqual({ id: row.id, version: edit.body!.data.updateIndicator.version, kind: 'UPDATED' });

      // The listening connection is cut (a database restart, a proxy): the hub reconnects and catches up.
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%'`);
      const sql = await admin.query(`update indicator set unit = '项', version = version + 1 where id = $1 returning version`, [row.id]);
      await admin.end();
      const after = await sub.next((x) => x.rows?.some((r: any) => r.id === row.id && r.version === sql.rows[0].version), 4000);
      expect(after.reload).toBe(false);
    } finally {
      await sub.dispose();
    }
  }, 30_000);
});
