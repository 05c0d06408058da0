import sqlite3 from 'sqlite3';

/**
 * Rows of a SQLite file, read with the driver alone, as an operator's tool would. Read-only unless
 * `recover`: after a kill -9 the first connection must be able to write, to replay the WAL.
 */
export function sqliteRows(path: string, sql: string, params: unknown[] = [], recover = false): Promise<Record<string, any>[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, recover ? sqlite3.OPEN_READWRITE : sqlite3.OPEN_READONLY, (e) => e && reject(e));
    db.all(sql, params, (e, rows) => db.close(() => (e ? reject(e) : resolve(rows as Record<string, any>[]))));
  });
}
