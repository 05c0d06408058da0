// `npm run seed` scales linearly (issue 12): the seed at 1×, 5× and 10× its size, loaded through the
// seed path (server/seed.ts, the transfer import), costs the same number of SQL statements per row,
// and the EntityManager's identity map stays the same size (it is cleared per batch), so no flush
// looks at more entities when the file has more rows. Counted, never timed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventArgs, EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import { initORM, type Em } from '../server/orm';
import { seedFromFile } from '../server/seed';
import { freshDatabase } from './helpers';
import { writeScaledSeed } from './bench/seed';

const dir = mkdtempSync(join(tmpdir(), 'plan-hub-seed-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Load {
  rows: number;
  statements: number;
  /** The most entities one EntityManager held at any flush or load during the seed. */
  identityMap: number;
}

/** The seed at k× into a fresh database, counting what it costs. */
async function load(k: number, settings: { bulkAbove?: number }): Promise<Load> {
  const { path, rows } = writeScaledSeed(dir, k);
  const { database, drop } = await freshDatabase();
  let counting = false;
  let statements = 0;
  const orm = await initORM(database, { onQuery: (msg) => void (counting && msg.includes('[query]') && statements++) });
  let identityMap = 0;
  const sample = (em: Em) => void (identityMap = Math.max(identityMap, em.getUnitOfWork().getIdentityMap().values().length));
  const watcher: EventSubscriber = {
    onLoad: (args: EventArgs<unknown>) => sample(args.em as Em),
    afterCreate: (args: EventArgs<unknown>) => sample(args.em as Em),
    afterFlush: (args: FlushEventArgs) => sample(args.em as Em),
  };
  orm.em.getEventManager().registerSubscriber(watcher);
  try {
    counting = true;
    const report = await seedFromFile(orm, path, settings);
    counting = false;
    expect(report).toMatchObject({ applied: true, problemCount: 0, rowCount: rows, created: rows });
    const n = (await orm.em.fork().getConnection().execute('select count(*) as n from indicator'))[0].n;
    expect(Number(n)).toBe(24 * k);
    return { rows, statements, identityMap };
  } finally {
    await orm.close();
    await drop();
  }
}

describe('npm run seed scales linearly', () => {
  // Both of the import's write paths for new rows: set-wise (the seed's: bulkAbove 0) and through the
  // services one by one (an import's for a table of up to 1,000 rows).
  for (const [path, settings] of [
    ['set-wise (as npm run seed loads it)', {}],
    ['through the services, row by row (bulkAbove 1,000, the import default)', { bulkAbove: 1000 }],
  ] as const) {
    it(`${path}: 10× the rows cost at most 10× the statements, and the identity map stops growing`, async () => {
      const one = await load(1, settings);
      const five = await load(5, settings);
      const ten = await load(10, settings);
      const line = (k: string, l: Load) => `${k} ${l.rows} rows, ${l.statements} statements (${(l.statements / l.rows).toFixed(2)}/row), identity map ≤ ${l.identityMap}`;
      console.log(`seed ${path}: ${line('1×', one)}; ${line('5×', five)}; ${line('10×', ten)}`);
      expect(ten.rows).toBeGreaterThan(one.rows * 6);
      // Flat per row: what a row costs does not grow with the rows before it (plus a constant for
      // the plan, the departments and the transaction).
      expect(ten.statements).toBeLessThanOrEqual(10 * one.statements + 50);
      expect(ten.statements).toBeLessThanOrEqual(2 * five.statements + 50);
      expect(ten.statements / ten.rows).toBeLessThanOrEqual((one.statements / one.rows) * 1.1);
      // The identity map is cleared per batch (50 rows through the services): once a table is larger
      // than a batch, its high-water mark no longer follows the rows. Without the clears it would
      // hold every row, its responsibilities and its audit entries: several times the rows.
      expect(ten.identityMap).toBeLessThanOrEqual(five.identityMap + 50);
      expect(ten.identityMap).toBeLessThan(ten.rows);
    }, 240_000);
  }
});
