import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type PlanHub } from '../server/app';
import { TRACKED_TABLES, UNTRACKED_TABLES } from '../schema/cache/data-generation.entity';
import { singleFlight } from '../server/cache/generation';
import { ADMIN_PASSWORD, TEST_ENGINE, freshDatabase, startHub, type TestHub } from './helpers';

/** The whole-answer cache for reads (server/cache): served only while the data generation it was computed at holds. */
const INDICATOR_ONE = '{ indicators(limit: 1) { items { id seq name version } } }';
const CROSS_LINK = `query CrossLink($name: String!) { department(name: $name) { indicators(attribute: BINDING, role: LEAD) { id seq name responsibilities { role department { name } } specialTargets { seq } } } }`;

async function post(hub: PlanHub, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: { query, variables } });
  return { status: res.statusCode, cache: (res.headers['x-plan-hub-cache'] as string | undefined) ?? null, body: res.body, json: res.json() };
}

async function login(hub: PlanHub, username: string) {
  const r = await post(hub, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: ADMIN_PASSWORD });
  return { authorization: `Bearer ${r.json.data.login.token}` };
}

describe('the answer cache', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => hub?.close());

  it('serves a repeated read from the cache, byte for byte, per set of variables', async () => {
    const first = await post(hub, CROSS_LINK, { name: '区住建局' });
    const second = await post(hub, CROSS_LINK, { name: '区住建局' });
    expect([first.cache, second.cache]).toEqual(['miss', 'hit']);
    expect(second.body).toBe(first.body);
    expect(first.json.data.department.indicators.length).toBeGreaterThan(0);
    // Other variables are another answer.
    const other = await post(hub, CROSS_LINK, { name: '住建' });
    expect(other.cache).toBe('miss');
  });

  it('a change through the API is in the very next read', async () => {
    await post(hub, INDICATOR_ONE);
    const before = await post(hub, INDICATOR_ONE);
    expect(before.cache).toBe('hit');
    const row = before.json.data.indicators.items[0];
    await hub.gql('mutation($id: ID!, $v: Int!) { updateIndicator(id: $id, patch: { name: "改过的名称" }, expectedVersion: $v) { version } }', { id: row.id, v: row.version });
    const after = await post(hub, INDICATOR_ONE);
    expect(after.cache).toBe('miss');
    expect(after.json.data.indicators.items[0]).toMatchObject({ name: '改过的名称', version: row.version + 1 });
    expect((await post(hub, INDICATOR_ONE)).cache).toBe('hit');
  });

  it('a bulk import is in the very next read', async () => {
    const before = (await post(hub, '{ standards(limit: 1, offset: 1) { items { seq name } } }')).json.data.standards.items[0];
    expect((await post(hub, '{ standards(limit: 1, offset: 1) { items { seq name } } }')).cache).toBe('hit');
    const csv = (await hub.gql('{ exportTable(table: STANDARDS, format: CSV) { contentBase64 } }')).exportTable.contentBase64;
    const text = Buffer.from(csv, 'base64').toString('utf8').replace(before.name, `${before.name}（修订）`);
    const result = (await hub.gql('mutation($i: ImportInput!) { importTable(input: $i) { applied updated } }', { i: { table: 'STANDARDS', content: text, format: 'CSV', dryRun: false } })).importTable;
    expect(result).toEqual({ applied: true, updated: 1 });
    const after = await post(hub, '{ standards(limit: 1, offset: 1) { items { seq name } } }');
    expect(after.cache).toBe('miss');
    expect(after.json.data.standards.items[0].name).toBe(`${before.name}（修订）`);
  });

  it('keeps no answer with errors, and never caches account fields or mutations', async () => {
    const bad = '{ indicators(limit: 5000) { totalCount } }';
    const e1 = await post(hub, bad);
    const e2 = await post(hub, bad);
    expect(e1.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect([e1.cache, e2.cache]).toEqual(['miss', 'miss']);
    expect((await post(hub, '{ me { username } }')).cache).toBeNull();
    expect((await post(hub, '{ plans { code } me { username } }')).cache).toBeNull();
    expect((await post(hub, '{ exportTable(table: STANDARDS, format: CSV) { rowCount } }')).cache).toBeNull();
  });

  it('keeps answers apart by reader, and checks the credential before serving any', async () => {
    const admin = await login(hub, 'admin');
    const q = '{ auditLog(limit: 1) { id } }';
    const a1 = await post(hub, q, undefined, admin);
    const a2 = await post(hub, q, undefined, admin);
    expect([a1.status, a1.cache, a2.cache]).toEqual([200, 'miss', 'hit']);
    // Anonymous readers get their own entry, computed for them.
    const anon = await post(hub, q);
    expect(anon.cache).toBe('miss');
    // A revoked or unknown token is refused, whatever the cache holds.
    const bogus = await post(hub, q, undefined, { authorization: 'Bearer not-a-token' });
    expect(bogus.status).toBe(401);
    expect(bogus.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(bogus.cache).toBeNull();
  });
});

describe('the answer cache where anonymous reading is off', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({ security: { anonymousRead: false } });
  });
  afterAll(async () => hub?.close());

  it('never hands a signed-in reader’s answer to an anonymous one', async () => {
    const admin = await login(hub, 'admin');
    expect((await post(hub, INDICATOR_ONE, undefined, admin)).cache).toBe('miss');
    expect((await post(hub, INDICATOR_ONE, undefined, admin)).cache).toBe('hit');
    const anon = await post(hub, INDICATOR_ONE);
    expect(anon.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(anon.json.data ?? null).toBeNull();
  });
});

describe('RESPONSE_CACHE_MB=0', () => {
  it('runs every read', async () => {
    const hub = await startHub({ responseCacheMb: 0, seed: false });
    try {
      const r = [await post(hub, '{ plans { code } }'), await post(hub, '{ plans { code } }')];
      expect(r.map((x) => [x.status, x.cache])).toEqual([[200, null], [200, null]]);
    } finally {
      await hub.close();
    }
  });
});

describe('the data generation', () => {
  it('follows every table but the accounts’ bookkeeping, with triggers made by the migrations', async () => {
    const hub = await startHub({ seed: false });
    try {
      const conn = hub.orm.em.getConnection();
      const sqlite = TEST_ENGINE === 'sqlite';
      const tables: string[] = (
        await conn.execute(sqlite ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'" : "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'")
      ).map((r: { name: string }) => r.name);
      expect([...tables].sort()).toEqual([...TRACKED_TABLES, ...UNTRACKED_TABLES].sort());
      const triggered: string[] = (
        await conn.execute(sqlite ? "select distinct tbl_name as name from sqlite_master where type = 'trigger'" : 'select distinct event_object_table as name from information_schema.triggers where trigger_schema = current_schema()')
      ).map((r: { name: string }) => r.name);
      // PostgreSQL bumps the counters at commit, from a deferred trigger on data_generation itself.
      expect([...triggered].sort()).toEqual([...TRACKED_TABLES, ...(sqlite ? [] : ['data_generation'])].sort());
    } finally {
      await hub.close();
    }
  });

  it('moves with a write from another connection (plain SQL, as another process or an administrator would)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-hub-cache-'));
    const fresh = TEST_ENGINE === 'sqlite' ? null : await freshDatabase();
    const database = fresh ? fresh.database : ({ engine: 'sqlite', path: join(dir, 'hub.db') } as const);
    const hub = await createApp({ database, seedOnEmpty: true });
    try {
      const first = await post(hub, INDICATOR_ONE);
      expect(first.json.data.indicators.items[0].seq).toBe(1);
      expect((await post(hub, INDICATOR_ONE)).cache).toBe('hit');
      const sql = "update indicator set name = '另一进程写的' where seq = 1";
      if (database.engine === 'sqlite') {
        const other = new sqlite3.Database(database.path);
        await new Promise<void>((resolve, reject) => other.run(sql, (e) => (e ? reject(e) : resolve())));
        await new Promise<void>((resolve) => other.close(() => resolve()));
      } else {
        const other = new pg.Client({ connectionString: database.url });
        await other.connect();
        await other.query(sql);
        await other.end();
      }
      const after = await post(hub, INDICATOR_ONE);
      expect(after.cache).toBe('miss');
      expect(after.json.data.indicators.items[0].name).toBe('另一进程写的');
      expect(first.json.data.indicators.items[0].name).not.toBe('另一进程写的');
    } finally {
      await hub.close();
      await fresh?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reading the generation under load', () => {
  it('lets requests that arrive together share a read, but never one that began before they came', async () => {
    let reads = 0;
    const gates: (() => void)[] = [];
    const read = singleFlight(() => new Promise<string>((resolve) => gates.push(() => resolve(String(++reads)))));
    const first = read(); // read 1 starts
    const during = [read(), read(), read()]; // arrive while read 1 runs: they wait for read 2
    gates.shift()!();
    expect(await first).toBe('1');
    await new Promise((r) => setTimeout(r, 0));
    expect(gates).toHaveLength(1); // one read for the three, not three
    gates.shift()!();
    expect(await Promise.all(during)).toEqual(['2', '2', '2']);
    const later = read();
    await new Promise((r) => setTimeout(r, 0));
    gates.shift()!();
    expect(await later).toBe('3');
  });
});
