import 'reflect-metadata';
import { createApp, type PlanHub } from '../server/app';
import { createContext } from '../server/context';
import type { DatabaseConfig } from '../server/config';

export interface TestHub extends PlanHub {
  /** SQL statements sent since the array was last emptied. */
  statements: string[];
  /** Runs an operation; throws on GraphQL errors. */
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Runs an operation that must fail; returns its errors. */
  gqlErrors(query: string, variables?: Record<string, unknown>): Promise<{ message: string; extensions: Record<string, any> }[]>;
}

/** A hub on a fresh in-memory SQLite database, seeded from seeds/. */
export async function startHub(options: { seed?: boolean; database?: DatabaseConfig } = {}): Promise<TestHub> {
  const statements: string[] = [];
  const hub = await createApp({
    database: options.database ?? { engine: 'sqlite', path: ':memory:' },
    seedOnEmpty: options.seed ?? true,
    onQuery: (msg) => {
      if (msg.includes('[query]')) statements.push(msg);
    },
  });
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const res = await hub.apollo.executeOperation({ query, variables }, { contextValue: createContext(hub.orm) });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult;
  };
  return Object.assign(hub, {
    statements,
    async gql(query: string, variables?: Record<string, unknown>) {
      const r = await run(query, variables);
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
      return r.data as any;
    },
    async gqlErrors(query: string, variables?: Record<string, unknown>) {
      const r = await run(query, variables);
      if (!r.errors?.length) throw new Error(`expected errors, got ${JSON.stringify(r.data)}`);
      return r.errors as any;
    },
  });
}
