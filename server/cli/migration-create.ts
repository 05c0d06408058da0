// Writes a migration for the difference between the entities and the database, for one engine:
//   npm run migration:create -- sqlite|postgresql [--initial]
// The database given by DATABASE_URL (default: a scratch SQLite file) must be at the latest migration.
import { MikroORM } from '@mikro-orm/core';
import { resolve } from 'node:path';
import { parseDatabaseUrl } from '../config';
import { ormOptions } from '../orm';

const engine = process.argv[2];
if (engine !== 'sqlite' && engine !== 'postgresql') {
  console.error('usage: npm run migration:create -- sqlite|postgresql [--initial]');
  process.exit(2);
}
const url = process.env.DATABASE_URL ?? (engine === 'sqlite' ? 'sqlite::memory:' : 'postgres://postgres@127.0.0.1:5432/test');
const db = parseDatabaseUrl(url);
if (db.engine !== engine) throw new Error(`DATABASE_URL is ${db.engine}, not ${engine}`);
const options = await ormOptions(db);
const path = resolve('server/migrations', engine);
const orm = await MikroORM.init({ ...options, migrations: { ...options.migrations, path, pathTs: path, emit: 'ts' } });
const migrator = orm.getMigrator();
await migrator.up();
const result = await migrator.createMigration(path, false, process.argv.includes('--initial'));
console.log(result.fileName ? `wrote ${path}/${result.fileName}; add it to ${path}/index.ts` : 'no changes');
await orm.close();
