import sqlite3 from 'sqlite3';
import { existsSync, statSync } from 'node:fs';

/**
 * Backups of a SQLite hub database, taken while the hub runs (in WAL mode, in another process).
 * VACUUM INTO reads the database inside one read transaction, so the copy is the database as of one
 * commit: every transaction before it whole, none after it, nothing half-written — a file copy of a
 * live database could be torn between pages and would miss what is still in the WAL.
 */

export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

function open(path: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, mode, (e) => (e ? reject(e) : resolve(db)));
  });
}
const all = (db: sqlite3.Database, sql: string, params: unknown[] = []) =>
  new Promise<Record<string, any>[]>((resolve, reject) => db.all(sql, params, (e, rows) => (e ? reject(e) : resolve(rows as Record<string, any>[]))));
const close = (db: sqlite3.Database) => new Promise<void>((resolve, reject) => db.close((e) => (e ? reject(e) : resolve())));

export class BackupError extends Error {}

/** Writes a consistent copy of the database at `source` to `out` (which must not exist yet). */
export async function backupSqlite(source: string, out: string): Promise<{ bytes: number; tables: Record<string, number> }> {
  if (!existsSync(source)) throw new BackupError(`there is no database at ${source}`);
  if (existsSync(out)) throw new BackupError(`${out} already exists: give another --out or remove it`);
  // Read-only: the backup never writes to the live database. The busy timeout rides over a writer's checkpoint.
  const db = await open(source, sqlite3.OPEN_READONLY);
  try {
    db.configure('busyTimeout', 30_000);
    await all(db, 'vacuum into ?', [out]);
  } finally {
    await close(db);
  }
  const { tables } = await checkBackup(out);
  return { bytes: statSync(out).size, tables };
}

/**
 * Checks that `file` is a whole Plan Hub database: SQLite's integrity check passes and it holds the
 * migrations table (the hub brings an older one up to date when it starts). Returns its row counts.
 */
export async function checkBackup(file: string): Promise<{ tables: Record<string, number>; migrations: number }> {
  if (!existsSync(file)) throw new BackupError(`there is no file ${file}`);
  let db: sqlite3.Database;
  try {
    db = await open(file, sqlite3.OPEN_READONLY);
  } catch (e) {
    throw new BackupError(`${file} cannot be opened as a SQLite database: ${(e as Error).message}`);
  }
  try {
    let check: Record<string, any>[];
    try {
      check = await all(db, 'pragma integrity_check');
    } catch (e) {
      throw new BackupError(`${file} is not a SQLite database: ${(e as Error).message}`);
    }
    if (check.length !== 1 || check[0].integrity_check !== 'ok') {
      throw new BackupError(`${file} fails SQLite's integrity check: ${check.slice(0, 5).map((r) => r.integrity_check).join('; ')}`);
    }
    const names = (await all(db, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")).map((r) => String(r.name));
    if (!names.includes(MIGRATIONS_TABLE) || !names.includes('plan')) {
      throw new BackupError(`${file} is a SQLite database but not a Plan Hub one (no ${MIGRATIONS_TABLE} or plan table)`);
    }
    const tables: Record<string, number> = {};
    for (const name of names) tables[name] = Number((await all(db, `select count(*) as n from "${name.replace(/"/g, '""')}"`))[0].n);
    return { tables, migrations: tables[MIGRATIONS_TABLE] };
  } finally {
    await close(db);
  }
}

/**
 * Loads the backup `file` into the database at `target` with SQLite's online backup API. The target
 * must be empty (no tables) unless `force`, which replaces what it holds; stop the hub first.
 */
export async function restoreSqlite(file: string, target: string, force = false): Promise<{ tables: Record<string, number> }> {
  const { tables } = await checkBackup(file);
  const db = await open(target, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE);
  try {
    db.configure('busyTimeout', 30_000);
    const existing = await all(db, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'");
    if (existing.length && !force) {
      throw new BackupError(`${target} is not empty (${existing.length} tables): restore into a new file, or give --force to replace it (stop the hub first)`);
    }
    // filenameIsDest = false: the file is the source and this connection the destination.
    const backup = (db as any).backup(file, 'main', 'main', false) as { step(pages: number, cb: (e: Error | null) => void): void; finish(cb?: () => void): void; completed: boolean; failed: boolean };
    await new Promise<void>((resolve, reject) => backup.step(-1, (e) => (e ? reject(e) : resolve())));
    const done = backup.completed && !backup.failed;
    await new Promise<void>((resolve) => backup.finish(() => resolve()));
    if (!done) throw new BackupError(`copying ${file} into ${target} did not complete`);
    const check = await all(db, 'pragma integrity_check');
    if (check[0]?.integrity_check !== 'ok') throw new BackupError(`${target} fails the integrity check after the restore`);
  } finally {
    await close(db);
  }
  return { tables };
}
