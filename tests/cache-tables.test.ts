import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { getNamedType, isNonNullType, isObjectType, parse, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type PlanHub } from '../server/app';
import { buildGraphQLSchema } from '../server/schema';
import { CLOCK_FIELDS, tablesRead } from '../server/cache/tables';
import { cacheableTables } from '../server/cache/response-cache';
import { TRACKED_TABLES, UNTRACKED_TABLES } from '../schema/cache/data-generation.entity';
import type { DatabaseConfig } from '../server/config';
import { ADMIN_PASSWORD as TEST_ADMIN_PASSWORD, TEST_ENGINE, freshDatabase, startHub, type TestHub } from './helpers';
import { startHubProcess, type HubProcess } from './reliability/hub-process';

/**
 * The data generation kept per table (issue 13): an answer is dropped exactly when a table it read
 * changed, whoever changed it; and what "read" means (server/cache/tables.ts) covers the SQL every
 * cacheable field sends.
 */

/** The README's cross-link, with the names of the departments that answer for each indicator. */
const CROSS_LINK = `query CrossLink($name: String!) { department(name: $name) { indicators(attribute: BINDING, role: LEAD) { id seq name responsibilities { role department { name } } specialTargets { seq } } } }`;
/** The same rows without department names. */
const CROSS_LINK_NO_NAMES = `query CrossLinkNoNames($name: String!) { department(name: $name) { indicators(attribute: BINDING, role: LEAD) { id seq name specialTargets { seq } } } }`;
const STANDARDS = '{ standards { items { id seq name version } } }';
const AUDIT = '{ auditLog(limit: 3) { id entity field } }';

type Reply = { status: number; cache: string | null; json: any };
type Post = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<Reply>;

function injector(hub: PlanHub): Post {
  return async (query, variables, headers = {}) => {
    const res = await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: { query, variables } });
    return { status: res.statusCode, cache: (res.headers['x-plan-hub-cache'] as string | undefined) ?? null, json: res.json() };
  };
}

function httpPost(port: number): Post {
  return async (query, variables, headers = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, cache: res.headers.get('x-plan-hub-cache'), json: await res.json() };
  };
}

/** Runs each read twice so it is cached, then gives what the next read of each says: 'hit' or 'miss'. */
async function cached(post: Post, reads: [string, Record<string, unknown>?][]) {
  for (const [q, v] of reads) {
    await post(q, v);
    expect((await post(q, v)).cache, q).toBe('hit');
  }
  return async () => Promise.all(reads.map(async ([q, v]) => (await post(q, v)).cache));
}

describe('answers depend on the tables they read', () => {
  let hub: TestHub;
  let post: Post;
  let admin: Record<string, string>;
  beforeAll(async () => {
    hub = await startHub();
    post = injector(hub);
    const r = await post('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: 'admin', p: TEST_ADMIN_PASSWORD });
    admin = { authorization: `Bearer ${r.json.data.login.token}` };
  });
  afterAll(async () => hub?.close());

  it('an edit of a standard drops the standards list and the audit log, and keeps the cross-links', async () => {
    const next = await cached(post, [[CROSS_LINK, { name: '住建' }], [CROSS_LINK_NO_NAMES, { name: '住建' }], [STANDARDS]]);
    await post(AUDIT, undefined, admin);
    expect((await post(AUDIT, undefined, admin)).cache).toBe('hit');
    const before = (await post(STANDARDS)).json.data.standards.items[0];
    await hub.gql('mutation($id: ID!, $v: Int!) { updateStandard(id: $id, patch: { name: "改过的标准" }, expectedVersion: $v) { version } }', { id: before.id, v: before.version });
    expect(await next()).toEqual(['hit', 'hit', 'miss']);
    expect((await post(STANDARDS)).json.data.standards.items[0]).toMatchObject({ name: '改过的标准', version: before.version + 1 });
    const audit = await post(AUDIT, undefined, admin);
    expect(audit.cache).toBe('miss');
    expect(audit.json.data.auditLog[0]).toMatchObject({ entity: 'Standard', field: 'name' });
  });

  it('an edit of a department name drops the cross-link that shows department names, and only that one', async () => {
    const next = await cached(post, [[CROSS_LINK, { name: '住建' }], [CROSS_LINK_NO_NAMES, { name: '住建' }], [STANDARDS]]);
    const shown = (await post(CROSS_LINK, { name: '住建' })).json.data.department.indicators[0].responsibilities[0].department.name;
    const dept = (await hub.gql('query($n: String!) { department(name: $n) { id version } }', { n: shown })).department;
    await hub.gql('mutation($id: ID!, $v: Int!) { updateDepartment(id: $id, patch: { name: "区住建局改名" }, expectedVersion: $v) { version } }', { id: dept.id, v: dept.version });
    // department(name:) itself reads the department table, so both cross-links are dropped here;
    // the standards list read no department and stays.
    expect(await next()).toEqual(['miss', 'miss', 'hit']);
    const after = await post(CROSS_LINK, { name: '住建' });
    expect(after.json.data.department.indicators[0].responsibilities[0].department.name).toBe('区住建局改名');
  });

  it('an edit of an indicator drops the cross-links and keeps the standards list', async () => {
    const next = await cached(post, [[CROSS_LINK, { name: '住建' }], [CROSS_LINK_NO_NAMES, { name: '住建' }], [STANDARDS]]);
    const row = (await post(CROSS_LINK_NO_NAMES, { name: '住建' })).json.data.department.indicators[0];
    const { indicator } = await hub.gql('query($id: ID!) { indicator(id: $id) { version } }', { id: row.id });
    await hub.gql('mutation($id: ID!, $v: Int!) { updateIndicator(id: $id, patch: { name: "改过的指标" }, expectedVersion: $v) { version } }', { id: row.id, v: indicator.version });
    expect(await next()).toEqual(['miss', 'miss', 'hit']);
  });

  it('a filter that names a department reads departments; the same list without it does not', async () => {
    const byDept = '{ standards(filter: { department: "住建" }) { totalCount } }';
    const next = await cached(post, [[byDept], ['{ standards { totalCount } }']]);
    const d = (await hub.gql('{ department(name: "住建") { id version } }')).department;
    await hub.gql('mutation($id: ID!, $v: Int!) { updateDepartment(id: $id, patch: { nameEn: "Housing Bureau" }, expectedVersion: $v) { version } }', { id: d.id, v: d.version });
    expect(await next()).toEqual(['miss', 'hit']);
  });
});

/** Tables named after FROM or JOIN in the SQL statements a read sent. */
function tablesInSql(statements: string[]): string[] {
  const known = new Set<string>([...TRACKED_TABLES, ...UNTRACKED_TABLES]);
  const out = new Set<string>();
  for (const s of statements) for (const m of s.matchAll(/\b(?:from|join)\s+[`"]?(\w+)[`"]?/gi)) if (known.has(m[1])) out.add(m[1]);
  return [...out].sort();
}

/** The smallest selection of an object type. */
function leaf(type: GraphQLObjectType): string {
  return type.getFields().id ? 'id' : type.name.endsWith('Page') ? 'totalCount' : Object.keys(type.getFields())[0];
}

describe('what a read is said to read covers the SQL it sends', () => {
  let hub: TestHub;
  let schema: GraphQLSchema;
  let plan = '';
  beforeAll(async () => {
    hub = await startHub();
    schema = await buildGraphQLSchema();
    plan = (await hub.gql('{ plans { code } }')).plans[0].code;
    // An audit entry with a user behind it.
    const s = (await hub.gql('{ standards(limit: 1) { items { id version } } }')).standards.items[0];
    await hub.gql('mutation($id: ID!, $v: Int!) { updateStandard(id: $id, patch: { name: "审计用" }, expectedVersion: $v) { version } }', { id: s.id, v: s.version });
  });
  afterAll(async () => hub?.close());

  /** Runs `query` and checks each table its SQL names is among those the cache files it under. */
  async function check(query: string) {
    const said = tablesRead(schema, parse(query), undefined);
    expect(said, query).not.toBeNull();
    hub.statements.length = 0;
    await hub.gql(query);
    const sent = tablesInSql(hub.statements);
    expect(sent.filter((t) => !said!.includes(t as never)), `${query}\nsays ${said}\nsent ${sent}`).toEqual([]);
    return sent;
  }

  const SAMPLE_ARGUMENTS: Record<string, string> = { year: '2019' };

  it('every field of every type, one at a time, and every argument that reads a table', async () => {
    // A way to reach rows of each type; each field is then asked for alone below it.
    const items = ['indicator', 'specialTarget', 'rectification', 'innovationTopic', 'standard'];
    const paths: Record<string, (x: string) => string> = {
      Plan: (x) => `{ plans { ${x} } }`,
      Department: (x) => `{ departments { ${x} } }`,
      Responsibility: (x) => `{ standards(limit: 5) { items { responsibilities { ${x} } } } }`,
      AuditEntry: (x) => `{ auditLog(limit: 5) { ${x} } }`,
      User: (x) => `{ auditLog(limit: 5) { user { ${x} } } }`,
    };
    for (const one of items) {
      const type = one[0].toUpperCase() + one.slice(1);
      paths[type] = (x) => `{ ${one}s(limit: 5) { items { ${x} } } }`;
      paths[`${type}Page`] = (x) => `{ ${one}s(limit: 5) { ${x} } }`;
    }
    let fields = 0;
    for (const [typeName, path] of Object.entries(paths)) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      for (const f of Object.values(type.getFields())) {
        const named = getNamedType(f.type);
        const sub = isObjectType(named) ? ` { ${leaf(named)} }` : '';
        // A required argument gets a sample value (progress(year: 2019)).
        const required = f.args.filter((a) => isNonNullType(a.type));
        const args = required.length ? `(${required.map((a) => `${a.name}: ${SAMPLE_ARGUMENTS[a.name]}`).join(', ')})` : '';
        // A field the clock moves (Rectification.overdue) is never cached, whatever it reads.
        if (CLOCK_FIELDS.has(`${typeName}.${f.name}`)) {
          expect(tablesRead(schema, parse(path(`${f.name}${args}${sub}`)), undefined)).toBeNull();
          continue;
        }
        await check(path(`${f.name}${args}${sub}`));
        if (f.args.some((a) => a.name === 'planCode')) await check(path(`${f.name}(planCode: "${plan}", role: LEAD)${sub}`));
        fields++;
      }
    }
    expect(fields).toBeGreaterThan(100);
    const roots = [
      `{ plan(code: "${plan}") { id } }`,
      '{ departments(search: "住建") { id } }',
      '{ department(name: "住建") { id } }',
      '{ department(code: "nope") { id } }',
      '{ auditLog(username: "admin", entity: "Standard", limit: 5) { id } }',
      ...items.map((one) => `{ ${one}(id: "1") { id } }`),
      ...items.map((one) => `{ ${one}s(filter: { planCode: "${plan}", department: "住建", role: LEAD }) { totalCount items { id } } }`),
      ...items.map((one) => `{ ${one}s(filter: { search: "区" }) { totalCount items { id } } }`),
      ...items.map((one) => `{ ${one}s(filter: { role: SUPPORT }, orderBy: [{ field: "seq", direction: DESC }]) { totalCount items { id } } }`),
    ];
    for (const q of roots) expect((await check(q)).length, q).toBeGreaterThan(0);
  });

  it('a type or an argument-taking field it does not know is not cached', () => {
    expect(cacheableTables(schema, '{ me { username } }', undefined)).toBeNull(); // an account root
    expect(cacheableTables(schema, '{ plans { code } me { username } }', undefined)).toBeNull();
    expect(cacheableTables(schema, '{ plans { code } }', undefined)).toEqual(['plan']);
    expect(tablesRead(schema, parse('{ departmentSuggestions(name: "住建") { id } }'), undefined)).toBeNull();
    expect(tablesRead(schema, parse('{ standards { items { id name } } }'), undefined)).toEqual(['standard']);
    expect(tablesRead(schema, parse('{ __schema { types { name } } }'), undefined)).toEqual([]);
  });
});

/** A database two processes or connections can share: a SQLite file, or a fresh PostgreSQL database. */
async function sharedDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'plan-hub-cache-tables-'));
  const fresh = TEST_ENGINE === 'sqlite' ? null : await freshDatabase();
  const database: DatabaseConfig = fresh ? fresh.database : { engine: 'sqlite', path: join(dir, 'hub.db') };
  const url = database.engine === 'sqlite' ? `sqlite:${database.path}` : database.url;
  return {
    database,
    url,
    async sql(statement: string) {
      if (database.engine === 'sqlite') {
        const other = new sqlite3.Database(database.path);
        await new Promise<void>((resolve, reject) => other.run(statement, (e) => (e ? reject(e) : resolve())));
        await new Promise<void>((resolve) => other.close(() => resolve()));
      } else {
        const other = new pg.Client({ connectionString: database.url });
        await other.connect();
        await other.query(statement);
        await other.end();
      }
    },
    async drop() {
      await fresh?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('writes from outside the hub', () => {
  it('a plain SQL UPDATE of standards drops the standards list and keeps the cross-link', async () => {
    const db = await sharedDatabase();
    const hub = await createApp({ database: db.database, seedOnEmpty: true });
    try {
      const post = injector(hub);
      const next = await cached(post, [[CROSS_LINK, { name: '住建' }], [STANDARDS]]);
      await db.sql("update standard set name = '外部写入的标准' where seq = 1");
      expect(await next()).toEqual(['hit', 'miss']);
      expect((await post(STANDARDS)).json.data.standards.items.map((s: any) => s.name)).toContain('外部写入的标准');
      await db.sql("update responsibility set note = '外部写入' where id = (select min(id) from responsibility)");
      expect(await next()).toEqual(['miss', 'hit']);
    } finally {
      await hub.close();
      await db.drop();
    }
  });

  it('two hub processes on one database see each other’s writes, each only where the answer read the table', async () => {
    const db = await sharedDatabase();
    const hubs: HubProcess[] = [];
    try {
      hubs.push(await startHubProcess(db.url)); // the first start migrates and seeds
      hubs.push(await startHubProcess(db.url));
      const [a, b] = hubs.map((h) => httpPost(h.port));
      const token = await hubs[0].login();
      const auth = { authorization: `Bearer ${token}` };
      const nextA = await cached(a, [[CROSS_LINK, { name: '住建' }], [STANDARDS]]);
      const nextB = await cached(b, [[CROSS_LINK, { name: '住建' }], [STANDARDS]]);
      // A standard edited through B: both processes drop the standards list, and only it.
      const s = (await b(STANDARDS)).json.data.standards.items[2];
      const edited = await b('mutation($id: ID!, $v: Int!) { updateStandard(id: $id, patch: { name: "乙进程改的" }, expectedVersion: $v) { version } }', { id: s.id, v: s.version }, auth);
      expect(edited.json.errors).toBeUndefined();
      expect(await nextA()).toEqual(['hit', 'miss']);
      expect(await nextB()).toEqual(['hit', 'miss']);
      expect((await a(STANDARDS)).json.data.standards.items[2].name).toBe('乙进程改的');
      // An indicator edited through A: both drop the cross-link and keep the standards list.
      const row = (await a(CROSS_LINK, { name: '住建' })).json.data.department.indicators[0];
      const v = (await a('query($id: ID!) { indicator(id: $id) { version } }', { id: row.id })).json.data.indicator.version;
      await a('mutation($id: ID!, $v: Int!) { updateIndicator(id: $id, patch: { name: "甲进程改的" }, expectedVersion: $v) { version } }', { id: row.id, v }, auth);
      expect(await nextA()).toEqual(['miss', 'hit']);
      expect(await nextB()).toEqual(['miss', 'hit']);
      expect((await b(CROSS_LINK, { name: '住建' })).json.data.department.indicators[0].name).toBe('甲进程改的');
    } finally {
      for (const h of hubs) {
        h.proc.kill('SIGTERM');
        await h.exited;
      }
      await db.drop();
    }
  }, 400_000);
});

/** A connection of its own, past the hub, that can hold a transaction open. */
async function connection(database: DatabaseConfig) {
  if (database.engine === 'sqlite') {
    const db = new sqlite3.Database(database.path);
    db.configure('busyTimeout', 10_000);
    const run = (sql: string) => new Promise<void>((resolve, reject) => db.run(sql, (e) => (e ? reject(e) : resolve())));
    return { run, close: () => new Promise<void>((resolve) => db.close(() => resolve())) };
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return { run: async (sql: string) => void (await client.query(sql)), close: () => client.end() };
}

describe('the counters', () => {
  it('move at commit, each table its own, and a rolled-back savepoint moves nothing', async () => {
    const db = await sharedDatabase();
    const hub = await createApp({ database: db.database, seedOnEmpty: true });
    const other = await connection(db.database);
    try {
      const read = async () => Object.fromEntries((await hub.orm.em.fork().getConnection().execute('select table_name, generation from data_generation')).map((r: any) => [r.table_name, Number(r.generation)]));
      const before = await read();
      expect(Object.keys(before).sort()).toEqual([...TRACKED_TABLES].sort());
      await other.run('begin');
      await other.run("update standard set name = name || '·' where seq = 1");
      await other.run('savepoint s');
      await other.run("update indicator set name = name || '·' where seq = 1");
      await other.run('rollback to savepoint s');
      expect(await read()).toEqual(before); // not yet committed: nothing moved
      await other.run('commit');
      const after = await read();
      expect(after.standard).toBeGreaterThan(before.standard);
      expect({ ...after, standard: 0 }).toEqual({ ...before, standard: 0 });
    } finally {
      await other.close();
      await hub.close();
      await db.drop();
    }
  });

  it.runIf(TEST_ENGINE === 'postgresql')('two writers taking two tables in opposite orders both commit (the counters are locked only at commit, in one order)', async () => {
    const db = await sharedDatabase();
    const hub = await createApp({ database: db.database, seedOnEmpty: true });
    const [a, b] = [await connection(db.database), await connection(db.database)];
    try {
      const read = async () => Object.fromEntries((await hub.orm.em.fork().getConnection().execute('select table_name, generation from data_generation')).map((r: any) => [r.table_name, Number(r.generation)]));
      const before = await read();
      await a.run('begin');
      await b.run('begin');
      await a.run("update standard set name = name || 'a' where seq = 1");
      await b.run("update indicator set name = name || 'b' where seq = 1");
      await a.run("update indicator set name = name || 'a' where seq = 2");
      await b.run("update standard set name = name || 'b' where seq = 2");
      await Promise.all([a.run('commit'), b.run('commit')]);
      const after = await read();
      expect([after.standard - before.standard, after.indicator - before.indicator]).toEqual([2, 2]);
    } finally {
      await a.close();
      await b.close();
      await hub.close();
      await db.drop();
    }
  });
});
