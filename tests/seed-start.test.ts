// The first start seeds the database from SEED_FILE (by path, as data), and only when it has no plan.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app';
import { DEFAULT_SEED_FILE, readConfig } from '../server/config';
import { createContext } from '../server/context';
import { ANONYMOUS } from '../server/common/actor';
import type { DatabaseConfig } from '../server/config';
import { freshDatabase, TEST_ENGINE } from './helpers';
import { writeScaledSeed } from './bench/seed';

const dir = mkdtempSync(join(tmpdir(), 'plan-hub-seed-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COUNTS = '{ plans { code } indicators { totalCount } standards { totalCount } }';

async function counts(hub: Awaited<ReturnType<typeof createApp>>) {
  const ctx = Object.assign(await createContext(hub.orm, { actor: ANONYMOUS }), { anonymousRead: true });
  const res = await hub.apollo.executeOperation({ query: COUNTS }, { contextValue: ctx });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return res.body.singleResult.data as any;
}

describe('seeding on the first start', () => {
  it('SEED_FILE names the seed (relative to the working directory); by default seeds/binjiang-13th.json of the checkout', () => {
    expect(readConfig({}).seedFile).toBe(DEFAULT_SEED_FILE);
    expect(DEFAULT_SEED_FILE).toBe(resolve(import.meta.dirname, '../seeds/binjiang-13th.json'));
    expect(readConfig({ SEED_FILE: 'elsewhere/plan.json' }).seedFile).toBe(resolve('elsewhere/plan.json'));
  });

  it('loads the file it is given when the database has no plan, and leaves a database with a plan alone', async () => {
    const { path } = writeScaledSeed(dir, 2);
    // Two starts on one database: a file for SQLite.
    const fresh = TEST_ENGINE === 'sqlite' ? { database: { engine: 'sqlite', path: join(dir, 'hub.db') } as DatabaseConfig, drop: async () => {} } : await freshDatabase();
    try {
      const first = await createApp({ database: fresh.database, seedOnEmpty: true, seedFile: path, responseCacheMb: 0 });
      try {
        expect(await counts(first)).toEqual({ plans: [{ code: 'binjiang-13th' }], indicators: { totalCount: 48 }, standards: { totalCount: 18 } });
      } finally {
        await first.close();
      }
      // The default seed (24 indicators) is not loaded over it: the database has a plan.
      const second = await createApp({ database: fresh.database, seedOnEmpty: true, responseCacheMb: 0 });
      try {
        expect(await counts(second)).toEqual({ plans: [{ code: 'binjiang-13th' }], indicators: { totalCount: 48 }, standards: { totalCount: 18 } });
      } finally {
        await second.close();
      }
    } finally {
      await fresh.drop();
    }
  });

  it('a missing seed file stops the start with a coded error naming SEED_FILE', async () => {
    const { database, drop } = await freshDatabase();
    try {
      const error = await createApp({ database, seedOnEmpty: true, seedFile: join(dir, 'missing.json') }).catch((e) => e);
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.message).toMatch(/^SEED_FILE: no seed file at .*missing\.json$/);
    } finally {
      await drop();
    }
  });
});
