import 'reflect-metadata';
import { MikroORM, type Options } from '@mikro-orm/core';
import type { SqlEntityManager } from './db/types';
import { Migrator } from '@mikro-orm/migrations';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { entities } from '../schema/entities';
import type { DatabaseConfig } from './config';
import { migrationsFor } from './migrations';
import { sqliteStartup } from './db/pragmas';
import { finalizePrepared } from './db/driver';

export type Orm = MikroORM;
export type Em = SqlEntityManager;

export interface OrmOptions {
  /** Called with each SQL statement the ORM sends: used by tests and the benchmark to count them. */
  onQuery?: (sql: string) => void;
  /** PostgreSQL: the schema to work in (tests give each file its own). */
  pgSchema?: string;
}

export async function ormOptions(db: DatabaseConfig, opts: OrmOptions = {}): Promise<Options> {
  const common: Partial<Options> = {
    entities,
    extensions: [Migrator],
    forceUtcTimezone: true,
    // One EntityManager fork per request: the global one is refused so misuse fails loudly.
    allowGlobalContext: false,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    migrations: { migrationsList: migrationsFor(db.engine), transactional: true, allOrNothing: true, snapshot: false },
    debug: opts.onQuery ? ['query'] : false,
    logger: opts.onQuery ? (msg: string) => opts.onQuery!(msg) : undefined,
    colors: false,
  };
  if (db.engine === 'sqlite') {
    const { SqliteDriver } = await import('@mikro-orm/sqlite');
    if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
    return { ...common, driver: SqliteDriver, dbName: db.path } as Options;
  }
  const { PostgreSqlDriver, PostgreSqlPlatform } = await import('@mikro-orm/postgresql');
  /**
   * PostgreSQL does not index foreign keys by itself, and MikroORM indexes them on SQLite only. Every
   * read here goes by them (an indicator's responsibilities, a department's rows, the special-target
   * links), so PostgreSQL gets the same indexes as SQLite: without them each of those reads scanned the
   * table (the cross-link's SQL floor at 100×: 6.2 ms against 0.34 ms on SQLite).
   */
  class PostgreSqlPlatformIndexingForeignKeys extends PostgreSqlPlatform {
    override indexForeignKeys() {
      return true;
    }
  }
  class Driver extends PostgreSqlDriver {
    constructor(config: ConstructorParameters<typeof PostgreSqlDriver>[0]) {
      super(config);
      (this as unknown as { platform: InstanceType<typeof PostgreSqlPlatform> }).platform = new PostgreSqlPlatformIndexingForeignKeys();
    }
  }
  /**
   * The hub's own prepared statements (server/db/driver.ts: compiled reads, the read layer, credentials)
   * run with a generic plan: under the default `auto`, PostgreSQL kept planning the compiled cross-link
   * for every execution (1.4 ms of planning for 1.3 ms of work; 1,000 executions 0.86 s against 0.51 s
   * generic). The ORM's statements are unnamed, planned once with their values, and unaffected.
   */
  const driverOptions = { connection: { options: '-c plan_cache_mode=force_generic_plan' } };
  return { ...common, driver: Driver, clientUrl: db.url, schema: opts.pgSchema, driverOptions } as Options;
}

/** Connects and brings the schema up to date by running the pending migrations. */
export async function initORM(db: DatabaseConfig, opts: OrmOptions = {}): Promise<Orm> {
  const orm = await MikroORM.init(await ormOptions(db, opts));
  if (db.engine === 'sqlite') {
    // WAL lets readers go on while one writer writes; foreign keys are off by default in SQLite.
    await sqliteStartup(orm.em as Em, db.path === ':memory:');
  }
  await orm.getMigrator().up();
  // Statements prepared past the ORM (server/db/driver.ts) must go before its connections can close.
  const close = orm.close.bind(orm);
  orm.close = async (force?: boolean) => {
    await finalizePrepared(orm.em as Em);
    return close(force);
  };
  return orm;
}
