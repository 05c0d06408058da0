import Fastify, { type FastifyInstance } from 'fastify';
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { DatabaseConfig } from './config';
import { initORM, type Orm, type OrmOptions } from './orm';
import { buildGraphQLSchema } from './schema';
import { createContext, type Context } from './context';
import { formatError } from './errors';
import { Plan } from '../schema/plans/plan.entity';
import { importSeeds } from '../seeds/importer';
import { registerUi } from './ui';

export interface AppOptions extends OrmOptions {
  database: DatabaseConfig;
  /** Load seeds/ when the database holds no plan yet (first start). */
  seedOnEmpty?: boolean;
  logger?: boolean;
}

export interface PlanHub {
  app: FastifyInstance;
  apollo: ApolloServer<Context>;
  orm: Orm;
  close(): Promise<void>;
}

/** Builds the whole hub (database, GraphQL, HTTP) without listening, so tests and main share it. */
export async function createApp(options: AppOptions): Promise<PlanHub> {
  const orm = await initORM(options.database, options);
  if (options.seedOnEmpty && (await orm.em.fork().count(Plan)) === 0) await importSeeds(orm);

  const app = Fastify({ logger: options.logger ? { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] } : false });
  const apollo = new ApolloServer<Context>({
    schema: await buildGraphQLSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [fastifyApolloDrainPlugin(app)],
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), { context: async () => createContext(orm) });

  app.get('/health', async () => ({ ok: true }));
  await registerUi(app);

  return {
    app,
    apollo,
    orm,
    async close() {
      await app.close();
      await orm.close();
    },
  };
}
