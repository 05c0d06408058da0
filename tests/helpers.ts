import 'reflect-metadata';
import { createApp, type PlanHub } from '../server/app';
import { createContext } from '../server/context';
import type { Em } from '../server/orm';
import { createServices } from '../server/services';
import { SYSTEM_ACTOR, ANONYMOUS, type Actor } from '../server/common/actor';
import { Role } from '../schema/accounts/account.enums';
import { parseDatabaseUrl, type DatabaseConfig } from '../server/config';
import { freshPgDatabase } from './reliability/hub-process';

/**
 * The engine under test: in-memory SQLite by default; TEST_DATABASE_URL=postgres://… runs the same
 * tests on PostgreSQL, each hub in a database of its own that is dropped when it closes.
 */
export const TEST_ENGINE = process.env.TEST_DATABASE_URL ? parseDatabaseUrl(process.env.TEST_DATABASE_URL).engine : 'sqlite';

export async function freshDatabase(): Promise<{ database: DatabaseConfig; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url || TEST_ENGINE === 'sqlite') return { database: url ? parseDatabaseUrl(url) : { engine: 'sqlite', path: ':memory:' }, drop: async () => {} };
  const db = await freshPgDatabase(url, 'planhub_test');
  return { database: { engine: 'postgresql', url: db.url }, drop: db.drop };
}

export interface TestHub extends PlanHub {
  /** SQL statements sent since the array was last emptied. */
  statements: string[];
  /** The admin the operations act as unless told otherwise (username admin, password ADMIN_PASSWORD). */
  admin: Actor;
  /** Runs an operation (as the admin, or `as`); throws on GraphQL errors. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, as?: Actor): Promise<T>;
  /** Runs an operation that must fail; returns its errors. */
  gqlErrors(query: string, variables?: Record<string, unknown>, as?: Actor): Promise<{ message: string; extensions: Record<string, any> }[]>;
  /** Creates a user and returns the actor it signs in as. */
  user(username: string, role: Role, department?: string): Promise<Actor>;
}

export const ADMIN_PASSWORD = 'correct horse battery staple';
export { ANONYMOUS };

/** A hub on a fresh database (see TEST_ENGINE), seeded as a first start seeds it (seeds/binjiang-13th.json through the transfer import). */
export async function startHub(options: { seed?: boolean; security?: Partial<PlanHub['security']>; responseCacheMb?: number } = {}): Promise<TestHub> {
  const statements: string[] = [];
  const { database, drop } = await freshDatabase();
  const hub = await createApp({
    database,
    seedOnEmpty: options.seed ?? true,
    security: options.security,
    responseCacheMb: options.responseCacheMb,
    onQuery: (msg) => {
      if (msg.includes('[query]')) statements.push(msg);
    },
  });
  const user = async (username: string, role: Role, department?: string): Promise<Actor> => {
    const u = await createServices(hub.orm.em.fork() as Em, SYSTEM_ACTOR).accounts.createUser({ username, password: ADMIN_PASSWORD, role, department });
    return { userId: u.id, username, role, departmentId: u.department?.id ?? null, readOnly: false, source: 'graphql' };
  };
  const admin = await user('admin', Role.ADMIN);
  const run = async (query: string, variables?: Record<string, unknown>, as: Actor = admin) => {
    const ctx = await createContext(hub.orm, { actor: as });
    const res = await hub.apollo.executeOperation({ query, variables }, { contextValue: Object.assign(ctx, { anonymousRead: hub.security.anonymousRead }) });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult;
  };
  const close = hub.close.bind(hub);
  return Object.assign(hub, {
    statements,
    admin,
    user,
    async close() {
      await close();
      await drop();
    },
    async gql(query: string, variables?: Record<string, unknown>, as?: Actor) {
      const r = await run(query, variables, as);
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
      return r.data as any;
    },
    async gqlErrors(query: string, variables?: Record<string, unknown>, as?: Actor) {
      const r = await run(query, variables, as);
      if (!r.errors?.length) throw new Error(`expected errors, got ${JSON.stringify(r.data)}`);
      return r.errors as any;
    },
  });
}
