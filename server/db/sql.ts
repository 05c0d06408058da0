import type { Em } from '../orm';
import { engineOf } from './engine';

/**
 * Plain SQL on the EntityManager's connection, past the ORM: inside its transaction when there is
 * one. MikroORM's execute() would inline (large) parameters into the SQL text for its logger and
 * hydrate nothing we need; knex's raw() sends them bound.
 */
interface RawRunner {
  raw(sql: string, params?: unknown[]): Promise<unknown>;
}

function runner(em: Em): RawRunner {
  return (em.getTransactionContext() ?? em.getKnex()) as unknown as RawRunner;
}

/**
 * Rows of a SELECT through MikroORM's connection (in the EntityManager's transaction, and seen by
 * its query logger, which the statement counts of tests and the benchmark read).
 */
export function queryRows<R = Record<string, unknown>>(em: Em, sql: string, params: unknown[] = []): Promise<R[]> {
  return em.execute(sql, params, 'all');
}

/**
 * Rows of a SELECT straight through knex, as plain objects keyed by column, on either engine: for
 * the transfer code's large reads, where MikroORM's logging of each statement's text costs more
 * than the read.
 */
export async function selectRows<R = Record<string, unknown>>(em: Em, sql: string, params: unknown[] = []): Promise<R[]> {
  const res = (await runner(em).raw(sql, params)) as R[] | { rows: R[] };
  return Array.isArray(res) ? res : res.rows;
}

/** A write that must run inside the EntityManager's transaction: one that came late fails instead of autocommitting. */
export async function runInTransaction(em: Em, sql: string, params: unknown[]): Promise<unknown> {
  const trx = em.getTransactionContext() as RawRunner | undefined;
  if (!trx) throw new Error('set-wise writes run inside a transaction, which has ended');
  return trx.raw(sql, params);
}

/** An identifier quoted for the engine. */
export function quoter(em: Em): (id: string) => string {
  return engineOf(em) === 'postgresql' ? (id) => `"${id}"` : (id) => `\`${id}\``;
}

/** `?, ?, ?` for n parameters. */
export const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
