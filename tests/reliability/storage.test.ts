import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readlinkSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { createApp, type PlanHub } from '../../server/app';
import { createContext } from '../../server/context';
import pg from 'pg';
import { freshDatabase, TEST_ENGINE } from '../helpers';
import type { Actor } from '../../server/common/actor';
import { Role } from '../../schema/accounts/account.enums';

/**
 * A write the storage cannot take (disk full, database read-only) is refused as SERVICE_UNAVAILABLE,
 * changes nothing, and reads go on. SQLite only: the database file sits on a real tmpfs of 16 MB that
 * the test fills up (mounting needs root, which CI and these machines have; without it the test says
 * so and uses PRAGMA max_page_count, which gives the same SQLITE_FULL). PostgreSQL's codes
 * (53100 disk_full, 25006 read_only_sql_transaction) are mapped in server/errors.ts the same way and
 * checked against a read-only PostgreSQL transaction in the second describe block.
 */
const ADMIN: Actor = {
  userId: null,
  username: 'admin',
  role: Role.ADMIN,
  departmentId: null,
  readOnly: false,
  source: 'graphql',
};

async function run(hub: PlanHub, query: string, variables?: Record<string, unknown>) {
  const ctx = await createContext(hub.orm, { actor: ADMIN });
  const res = await hub.apollo.executeOperation({ query, variables }, { contextValue: Object.assign(ctx, { anonymousRead: true }) });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return res.body.singleResult as { data?: any; errors?: any[] };
}

const READ = '{ indicators(limit: 5, orderBy: [{ field: "seq" }]) { items { id name version } } standards(limit: 2) { items { id name version } } }';
const EDIT = 'mutation($id: ID!, $v: Int, $name: String) { updateIndicator(id: $id, patch: { name: $name }, expectedVersion: $v) { name version } }';
const BATCH = 'mutation($input: BatchEditInput!) { batchUpdate(input: $input) { indicators { version } } }';

const auditCount = async (hub: PlanHub) => Number((await hub.orm.em.getConnection().execute('select count(*) as n from audit_entry'))[0].n);

describe.runIf(TEST_ENGINE === 'sqlite')('storage failures on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-hub-full-'));
  let mounted = false;
  let hub: PlanHub;
  const filler = join(dir, 'filler');

  beforeAll(async () => {
    mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir]).status === 0;
    if (!mounted) console.warn('storage test: cannot mount a tmpfs here (not root?); using PRAGMA max_page_count for SQLITE_FULL');
    // No answer cache: the reads below must come from the database itself.
    hub = await createApp({
      database: { engine: 'sqlite', path: join(dir, 'hub.db') },
      seedOnEmpty: true,
      responseCacheMb: 0,
    });
  }, 60_000);

  afterAll(async () => {
    await hub?.close();
    if (mounted) spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Takes every free byte of the file system (or, without a tmpfs, every free page of the database). */
  async function fillDisk() {
    // Truncate the WAL first: otherwise a write could reuse its already allocated space.
    await hub.orm.em.getConnection().execute('pragma wal_checkpoint(TRUNCATE)');
    if (!mounted) {
      const [{ page_count }] = await hub.orm.em.getConnection().execute('pragma page_count');
      await hub.orm.em.getConnection().execute(`pragma max_page_count = ${page_count}`);
      return;
    }
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      // The last few bytes too.
      for (let size = 32 * 1024; size >= 1; size = Math.floor(size / 2)) {
        try {
          for (;;) writeSync(fd, chunk.subarray(0, size));
        } catch {
          /* next smaller size */
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  async function freeDisk() {
    if (mounted) rmSync(filler);
    else await hub.orm.em.getConnection().execute('pragma max_page_count = 1073741823');
  }

  it('disk full: edits and a batch paste are refused as SERVICE_UNAVAILABLE, nothing changes, reads go on; once there is room the same edit saves', async () => {
    const before = (await run(hub, READ)).data;
    const auditBefore = await auditCount(hub);
    const [row, ...rest] = before.indicators.items;
    await fillDisk();
    try {
      const edit = await run(hub, EDIT, {
        id: row.id,
        v: row.version,
        name: '满了',
      });
      const batch = await run(hub, BATCH, {
        input: {
          indicators: rest.map((r: any, i: number) => ({
            id: r.id,
            expectedVersion: r.version,
            patch: { name: `批量${i}` },
          })),
        },
      });
      for (const res of [edit, batch]) {
        expect(res.data).toBeNull();
        expect(res.errors).toHaveLength(1);
        expect(res.errors![0].extensions).toEqual({
          code: 'SERVICE_UNAVAILABLE',
          reason: 'SQLITE_FULL',
        });
        expect(res.errors![0].message).toMatch(/no room left .*not saved/);
      }
      // Reads are served, and show nothing of the refused writes.
      expect((await run(hub, READ)).data).toEqual(before);
      expect(await auditCount(hub)).toBe(auditBefore);
      expect((await run(hub, '{ department(name: "区发改局") { indicators { id } } }')).data.department.indicators.length).toBeGreaterThan(0);
    } finally {
      await freeDisk();
    }
    const again = await run(hub, EDIT, {
      id: row.id,
      v: row.version,
      name: '有空间了',
    });
    expect(again.errors).toBeUndefined();
    expect(again.data.updateIndicator).toEqual({
      name: '有空间了',
      version: row.version + 1,
    });
    expect(await auditCount(hub)).toBe(auditBefore + 1);
    expect(await hub.orm.em.getConnection().execute('pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('read-only database: writes are refused as SERVICE_UNAVAILABLE, nothing changes, reads go on', async () => {
    const before = (await run(hub, READ)).data;
    const auditBefore = await auditCount(hub);
    const [row, ...rest] = before.indicators.items;
    // Root ignores file permission bits, and a tmpfs with an open database cannot be remounted
    // read-only; query_only makes SQLite refuse every write with SQLITE_READONLY, as a read-only file does.
    await hub.orm.em.getConnection().execute('pragma query_only = on');
    try {
      const edit = await run(hub, EDIT, {
        id: row.id,
        v: row.version,
        name: '只读',
      });
      const batch = await run(hub, BATCH, {
        input: {
          indicators: rest.map((r: any) => ({
            id: r.id,
            expectedVersion: r.version,
            patch: { name: '只读批量' },
          })),
        },
      });
      for (const res of [edit, batch]) {
        expect(res.data).toBeNull();
        expect(res.errors![0].extensions).toEqual({
          code: 'SERVICE_UNAVAILABLE',
          reason: 'SQLITE_READONLY',
        });
        expect(res.errors![0].message).toMatch(/read-only .*not saved/);
      }
      expect((await run(hub, READ)).data).toEqual(before);
      expect(await auditCount(hub)).toBe(auditBefore);
    } finally {
      await hub.orm.em.getConnection().execute('pragma query_only = off');
    }
    expect((await run(hub, EDIT, { id: row.id, v: row.version, name: '可写了' })).data.updateIndicator.version).toBe(row.version + 1);
  });
});

/**
 * PostgreSQL: the database turned read-only (as a standby, or `default_transaction_read_only`) refuses
 * writes with 25006; the hub refuses them as SERVICE_UNAVAILABLE and goes on reading. (Disk full,
 * 53100, is mapped the same way in server/errors.ts; filling the server's disk is not done here.)
 */
describe.runIf(TEST_ENGINE === 'postgresql')('storage failures on PostgreSQL', () => {
  let hub: PlanHub;
  let drop: () => Promise<void>;
  let name = '';
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  };
  beforeAll(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    name = new URL((db.database as { url: string }).url).pathname.slice(1);
    hub = await createApp({ database: db.database, seedOnEmpty: true, responseCacheMb: 0 });
  }, 120_000);
  afterAll(async () => {
    await admin(`alter database ${name} reset default_transaction_read_only`).catch(() => {});
    await hub?.close();
    await drop?.();
  });

  it('read-only database: writes are refused as SERVICE_UNAVAILABLE (25006), nothing changes, reads go on', async () => {
    const before = (await run(hub, READ)).data;
    const auditBefore = await auditCount(hub);
    const [row, ...rest] = before.indicators.items;
    await admin(`alter database ${name} set default_transaction_read_only = on`);
    // The hub's pooled connections were opened before: end them, so that the pool opens read-only ones.
    await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
    // The pool notices its connections were ended on first use: read until a fresh connection answers.
    for (let i = 0; i < 20 && (await run(hub, READ).catch(() => ({ errors: [1] }))).errors; i++);
    try {
      const edit = await run(hub, EDIT, { id: row.id, v: row.version, name: '只读' });
      const batch = await run(hub, BATCH, {
        input: { indicators: rest.map((r: any) => ({ id: r.id, expectedVersion: r.version, patch: { name: '只读批量' } })) },
      });
      for (const res of [edit, batch]) {
        expect(res.data).toBeNull();
        expect(res.errors![0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: '25006' });
        expect(res.errors![0].message).toMatch(/read-only .*not saved/);
      }
      expect((await run(hub, READ)).data).toEqual(before);
      expect(await auditCount(hub)).toBe(auditBefore);
    } finally {
      await admin(`alter database ${name} reset default_transaction_read_only`);
      await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
    }
    for (let i = 0; i < 20 && (await run(hub, READ).catch(() => ({ errors: [1] }))).errors; i++);
    expect((await run(hub, EDIT, { id: row.id, v: row.version, name: '可写了' })).data.updateIndicator.version).toBe(row.version + 1);
  });
});

describe.runIf(TEST_ENGINE === 'sqlite' && process.platform === 'linux')('closing the hub on SQLite', () => {
  it('closes the database file, after reads that prepared statements past the ORM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-hub-close-'));
    const hub = await createApp({ database: { engine: 'sqlite', path: join(dir, 'hub.db') }, seedOnEmpty: true, responseCacheMb: 0 });
    const answer = await run(hub, '{ indicators(limit: 3) { items { seq responsibilities { department { name } } } } }');
    expect(answer.data?.indicators.items.map((i: { seq: number }) => i.seq)).toEqual([1, 2, 3]);
    const openFiles = () =>
      readdirSync('/proc/self/fd')
        .map((fd) => {
          try {
            return readlinkSync(`/proc/self/fd/${fd}`);
          } catch {
            return '';
          }
        })
        .filter((path) => path.startsWith(dir));
    expect(openFiles().length).toBeGreaterThan(0);
    await hub.close();
    expect(openFiles()).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});
