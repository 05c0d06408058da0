// Loads a backup made by npm run backup into the SQLite database named by DATABASE_URL:
//   npm run restore -- <file> [--force]
// The target must be empty (a new file) unless --force; stop the hub first. The hub brings the
// restored database up to date (runs pending migrations) when it next starts.
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDatabaseUrl } from '../config';
import { restoreSqlite, BackupError } from '../db/backup';

const USAGE = `usage: npm run restore -- <backup file> [--force]
Loads the backup into the SQLite database of DATABASE_URL (default sqlite:data/plan-hub.db), which must be
empty unless --force (stop the hub first). PostgreSQL: use pg_restore (see README, Reliability).`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let parsed: { values: { force?: boolean; help?: boolean }; positionals: string[] };
try {
  parsed = parseArgs({ options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (values.help) fail(USAGE, 0);
if (positionals.length !== 1) fail(`give one backup file\n${USAGE}`);
let database;
try {
  database = parseDatabaseUrl(process.env.DATABASE_URL ?? 'sqlite:data/plan-hub.db');
} catch (e) {
  fail((e as Error).message);
}
if (database.engine !== 'sqlite') fail('DATABASE_URL names a PostgreSQL database: restore a pg_dump file with pg_restore, e.g.\n  pg_restore --no-owner --dbname="$DATABASE_URL" plan-hub.dump');
if (database.path === ':memory:') fail('DATABASE_URL names an in-memory database: restore into a file');

const file = resolve(positionals[0]);
mkdirSync(dirname(database.path), { recursive: true });
try {
  const { tables } = await restoreSqlite(file, database.path, values.force ?? false);
  console.log(`restored ${file} into ${database.path} (${tables.indicator ?? 0} indicators, ${tables.audit_entry ?? 0} audit entries); start the hub to bring it up to date`);
} catch (e) {
  if (e instanceof BackupError) fail(`restore refused, nothing changed: ${e.message}`, 1);
  throw e;
}
