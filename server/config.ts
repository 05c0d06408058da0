import { resolve } from 'node:path';

export type DatabaseConfig =
  | { engine: 'sqlite'; path: string }
  | { engine: 'postgresql'; url: string };

/**
 * DATABASE_URL forms: `sqlite:<path>` (relative to the working directory), `sqlite::memory:`,
 * or `postgres://user@host:port/db` / `postgresql://…`.
 */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  const u = url.trim();
  if (u.startsWith('sqlite:')) {
    const path = u.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new Error(`DATABASE_URL "${url}" names no file: use sqlite:<path>, e.g. sqlite:data/plan-hub.db`);
    return { engine: 'sqlite', path: path === ':memory:' ? ':memory:' : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(u)) return { engine: 'postgresql', url: u };
  throw new Error(`DATABASE_URL "${url}" is not understood: use sqlite:<path> or postgres://user@host:port/database`);
}

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Seed the plan from seeds/ when the database has no plan yet. */
  seedOnEmpty: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT "${env.PORT}" is not a port number`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    database: parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:data/plan-hub.db'),
    seedOnEmpty: env.SEED_ON_EMPTY !== 'false',
  };
}
