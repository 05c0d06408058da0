import type { Em, Orm } from '../orm';
import { preparedQuery } from '../db/prepared';

/**
 * Reads the data generation (schema/cache/data-generation.entity.ts) on every cacheable request, so it
 * must cost next to nothing: a prepared statement on a pooled connection (server/db/prepared.ts).
 */
export function generationReader(orm: Orm): () => Promise<string> {
  const query = preparedQuery<{ generation: number | string }>(orm.em as unknown as Em, 'select generation from data_generation where id = 1');
  return singleFlight(async () => {
    const [row] = await query();
    if (!row) throw new Error('data_generation has no row: run the migrations');
    return String(row.generation);
  });
}

/**
 * Requests that arrive together share one read, without ever taking a value read before they arrived:
 * a request that finds a read under way waits for the next one, which starts after that read ends and
 * so after the request came in. Under load this is one read per wave of requests instead of one each.
 */
export function singleFlight(read: () => Promise<string>): () => Promise<string> {
  let running: Promise<string> | null = null;
  let next: Promise<string> | null = null;
  const start = (): Promise<string> => {
    running = read().finally(() => {
      running = null;
    });
    return running;
  };
  return () => {
    if (!running) return start();
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = null;
      return running ?? start();
    });
    return next;
  };
}

