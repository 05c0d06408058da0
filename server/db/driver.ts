import { createHash } from 'node:crypto';
import type { Em } from '../orm';
import { engineOf, type Engine } from './engine';
import type { QueryBuilder } from './types';

/**
 * How the read layer (server/read) talks to the database: plain rows from the driver, past the ORM (no entities,
 * no identity map, no hydration). Statements are prepared once per connection and shape (capped, so
 * arbitrary selections cannot grow the caches without bound) and reported to the ORM's query logger,
 * so statement counts (tests, bench) see them like any other.
 */
export type Row = Record<string, unknown>;

/** A list query's SQL with its select list replaced (the filters, order and paging stay the query builder's). */
export function selectAs(em: Em, qb: QueryBuilder<any>, select: string): { sql: string; bindings: unknown[] } {
  const knex = qb.getKnexQuery();
  knex.clearSelect().select(em.getKnex().raw(select));
  const { sql, bindings } = knex.toSQL();
  return { sql, bindings: bindings as unknown[] };
}

interface SqliteStatement {
  all(params: unknown[], cb: (err: Error | null, rows: Row[]) => void): unknown;
}
interface SqliteHandle {
  prepare(sql: string): SqliteStatement;
  all(sql: string, params: unknown[], cb: (err: Error | null, rows: Row[]) => void): unknown;
}
interface PgHandle {
  query(q: { name?: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}
interface Pool {
  acquireConnection(): Promise<unknown>;
  releaseConnection(c: unknown): Promise<unknown>;
}
interface QueryLogger {
  isEnabled(namespace: string): boolean;
  logQuery(context: { query: string; took?: number; results?: number; level?: 'info' }): void;
}

/** Prepared statements kept per SQLite connection, and PostgreSQL statement names per process. */
const MAX_PREPARED = 256;
const sqliteStatements = new WeakMap<SqliteHandle, Map<string, SqliteStatement>>();
const pgNames = new Map<string, string>();

export class Sql {
  readonly engine: Engine;
  private readonly pool: Pool;
  private readonly logger: QueryLogger;

  constructor(em: Em) {
    this.engine = engineOf(em);
    this.pool = (em.getKnex() as unknown as { client: Pool }).client;
    this.logger = em.config.getLogger() as unknown as QueryLogger;
  }

  /**
   * `column in (the values of one parameter)`: one placeholder whatever the number of ids, so a shape
   * has one statement text. SQLite reads a JSON array, PostgreSQL an array.
   */
  inList(column: string): string {
    return this.engine === 'sqlite' ? `${column} in (select value from json_each(?))` : `${column} = any(?)`;
  }

  /** The parameter for inList. */
  list(values: readonly (string | number)[]): unknown {
    return this.engine === 'sqlite' ? JSON.stringify(values) : values;
  }

  /** Rows of a statement; `log: false` keeps it out of the query log (the per-request reads of server/db/prepared.ts). */
  async all(sql: string, params: unknown[] = [], { log = true } = {}): Promise<Row[]> {
    const started = Date.now();
    const rows = this.engine === 'sqlite' ? await this.sqlite(sql, params) : await this.pg(sql, params);
    if (log && this.logger.isEnabled('query')) this.logger.logQuery({ query: `${sql} ${JSON.stringify(params)}`, took: Date.now() - started, results: rows.length, level: 'info' });
    return rows;
  }

  private async sqlite(sql: string, params: unknown[]): Promise<Row[]> {
    const handle = (await this.pool.acquireConnection()) as SqliteHandle;
    try {
      let map = sqliteStatements.get(handle);
      if (!map) sqliteStatements.set(handle, (map = new Map()));
      let st = map.get(sql);
      if (!st && map.size < MAX_PREPARED) map.set(sql, (st = handle.prepare(sql)));
      return await new Promise<Row[]>((resolve, reject) => {
        const done = (err: Error | null, rows: Row[]) => (err ? reject(err) : resolve(rows));
        if (st) st.all(params, done);
        else handle.all(sql, params, done);
      });
    } finally {
      await this.pool.releaseConnection(handle);
    }
  }

  private async pg(sql: string, params: unknown[]): Promise<Row[]> {
    let name = pgNames.get(sql);
    if (name === undefined && pgNames.size < MAX_PREPARED) {
      name = `plan_hub_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
      pgNames.set(sql, name);
    }
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    const handle = (await this.pool.acquireConnection()) as PgHandle;
    try {
      return (await handle.query(name ? { name, text, values: params } : { text, values: params })).rows;
    } finally {
      await this.pool.releaseConnection(handle);
    }
  }
}
