import sqlite3 from 'sqlite3';

/** Rows of a SQLite file, read with the driver alone (read-only), as an operator's tool would. */
export function sqliteRows(path: string, sql: string, params: unknown[] = []): Promise<Record<string, any>[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (e) => e && reject(e));
    db.all(sql, params, (e, rows) => db.close(() => (e ? reject(e) : resolve(rows as Record<string, any>[]))));
  });
}
