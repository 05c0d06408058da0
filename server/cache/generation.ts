import type { Em, Orm } from '../orm';
import { preparedQuery } from '../db/prepared';
import { TRACKED_TABLES, type TrackedTable } from '../../schema/cache/data-generation.entity';

/** Each tracked table's data generation, as read at one moment. */
export type Generations = Readonly<Record<TrackedTable, string>>;

/**
 * Reads every table's data generation (schema/cache/data-generation.entity.ts) on every cacheable
 * request, so it must cost next to nothing: one prepared statement over a dozen rows on a pooled
 * connection (server/db/prepared.ts), shared by the requests that arrive together.
 */
export function generationReader(orm: Orm): () => Promise<Generations> {
  const query = preparedQuery<{ table_name: string; generation: number | string }>(orm.em as unknown as Em, 'select table_name, generation from data_generation');
  return singleFlight(async () => {
    const rows = await query();
    const out = {} as Record<TrackedTable, string>;
    for (const row of rows) out[row.table_name as TrackedTable] = String(row.generation);
    for (const table of TRACKED_TABLES) if (out[table] === undefined) throw new Error(`data_generation has no row for ${table}: run the migrations`);
    return out;
  });
}

/**
 * Requests that arrive together share one read, without ever taking a value read before they arrived:
 * a request that finds a read under way waits for the next one, which starts after that read ends and
 * so after the request came in. Under load this is one read per wave of requests instead of one each.
 */
export function singleFlight<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = (): Promise<T> => {
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
