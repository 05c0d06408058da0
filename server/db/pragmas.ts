import type { Em } from '../orm';
import { engineOf } from './engine';
import { selectRows } from './sql';

/** SQLite connection settings at start: WAL (not for :memory:) and foreign keys (off by default). */
export async function sqliteStartup(em: Em, inMemory: boolean): Promise<void> {
  const conn = em.getConnection();
  if (!inMemory) await conn.execute('pragma journal_mode = wal');
  await conn.execute('pragma foreign_keys = on');
}

/** SQLite: folds the WAL back into the database file (on shutdown). Nothing on PostgreSQL. */
export async function checkpoint(em: Em): Promise<void> {
  if (engineOf(em) === 'sqlite') await em.getConnection().execute('pragma wal_checkpoint(TRUNCATE)');
}

/**
 * SQLite's page cache for the connection, as `pragma cache_size` takes it (negative: KiB; positive: pages);
 * returns the setting it replaced. null on PostgreSQL, which has no such per-connection knob.
 */
export async function setSqliteCacheSize(em: Em, size: number): Promise<number | null> {
  if (engineOf(em) !== 'sqlite') return null;
  const [row] = await selectRows<{ cache_size?: number }>(em, 'pragma cache_size');
  await selectRows(em, `pragma cache_size = ${Math.trunc(size)}`);
  return Number(row?.cache_size ?? -2000);
}
