// Writes a consistent copy of the SQLite database named by DATABASE_URL, also while the hub runs:
//   npm run backup -- [--out <file>]
// Without --out the copy goes to backups/plan-hub-<UTC time>.db beside the database file.
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDatabaseUrl } from '../config';
import { backupSqlite, BackupError } from '../db/backup';

const USAGE = `usage: npm run backup -- [--out <file>]
Copies the SQLite database of DATABASE_URL (default sqlite:data/plan-hub.db) while the hub may be running.
PostgreSQL: use pg_dump, e.g. pg_dump --format=custom --file=plan-hub.dump "$DATABASE_URL" (see README, Reliability).`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let values: { out?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } } }));
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`);
}
if (values.help) fail(USAGE, 0);
let database;
try {
  database = parseDatabaseUrl(process.env.DATABASE_URL ?? 'sqlite:data/plan-hub.db');
} catch (e) {
  fail((e as Error).message);
}
if (database.engine !== 'sqlite') fail(`DATABASE_URL names a PostgreSQL database: back it up with pg_dump, e.g.\n  pg_dump --format=custom --file=plan-hub.dump "$DATABASE_URL"`);
if (database.path === ':memory:') fail('DATABASE_URL names an in-memory database: there is nothing on disk to back up');

const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
const out = resolve(values.out ?? join(dirname(database.path), 'backups', `plan-hub-${stamp}.db`));
mkdirSync(dirname(out), { recursive: true });
try {
  const { bytes, tables } = await backupSqlite(database.path, out);
  console.log(`backed up ${database.path} to ${out} (${(bytes / 1024 / 1024).toFixed(1)} MB; integrity ok; ${tables.indicator ?? 0} indicators, ${tables.audit_entry ?? 0} audit entries, ${tables.mikro_orm_migrations} migrations)`);
} catch (e) {
  if (e instanceof BackupError) fail(`backup failed: ${e.message}`, 1);
  throw e;
}
