import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import fastifyCookie from '@fastify/cookie';
import { DEFAULT_SECURITY, DEFAULT_SEED_FILE, evidenceConfig, liveConfig, type LiveConfig, type DatabaseConfig, type EvidenceConfig, type SecurityConfig } from './config';
import { initORM, type Em, type Orm, type OrmOptions } from './orm';
import { buildGraphQLSchema, operationInputsValid } from './schema';
import { jitPlugin } from './read/jit';
import { registerCompiledReads, type CompiledReadsStats } from './read/endpoint';
import { authenticate, createContext, type Context } from './context';
import type { Actor } from './common/actor';
import type { AppError } from './errors';
import { registerResponseCache } from './cache/response-cache';
import { generationReader, type Generations } from './cache/generation';
import { ErrorCode, formatError, toAppError } from './errors';
import { GraphQLError } from 'graphql';
import { Plan } from '../schema/plans/plan.entity';
import { seedFromFile } from './seed';
import { registerUi } from './ui';
import { queryLimitsPlugin } from './security/limits';
import { registerBatchLimit, registerEdgeErrors, registerOtherMethods } from './security/requests';
import { importLimits } from './transfer/limits';
import { accessPlugin } from './security/access';
import { registerSecurityHeaders } from './security/headers';
import { SESSION_COOKIE } from './accounts/account.resolver';
import { VerifiedCredentials } from './accounts/account.service';
import { createServices } from './services';
import { ANONYMOUS, SYSTEM_ACTOR } from './common/actor';
import { validateInput } from './common/validation';
import { CreateUserInput } from '../schema/accounts/account.inputs';
import { Role } from '../schema/accounts/account.enums';
import { registerEvidence } from './evidence/evidence.routes';
import { registerBulletins } from './bulletins/bulletin.routes';
import { redactUrl, registerDatasets, registerPersistedOnly } from './datasets/dataset.routes';
import { registerLive } from './live/server';
import type { LiveHub } from './live/hub';

export interface AppOptions extends OrmOptions {
  database: DatabaseConfig;
  /** Load seedFile when the database holds no plan yet (first start). */
  seedOnEmpty?: boolean;
  /** A whole-plan JSON document (default seeds/binjiang-13th.json), loaded as an import by the system actor. */
  seedFile?: string;
  logger?: boolean;
  security?: Partial<SecurityConfig>;
  /** Created on the first start of a database without users. */
  firstAdmin?: { username: string; password: string } | null;
  /** Size of the whole-answer cache for reads (server/cache); 0 turns it off. Default 64. */
  responseCacheMb?: number;
  /** Evidence files of the ledger; by default from EVIDENCE_DIR, EVIDENCE_MAX_MB, EVIDENCE_MAX_FILES. */
  evidence?: Partial<EvidenceConfig>;
  /** Compiled reads (server/read/compiled.ts) in front of Apollo; default on. Tests turn it off to compare. */
  compiledReads?: boolean;
  /** Live subscriptions (server/live); by default from the LIVE_* settings. */
  live?: Partial<LiveConfig>;
}

export interface PlanHub {
  app: FastifyInstance;
  apollo: ApolloServer<Context>;
  orm: Orm;
  security: SecurityConfig;
  /** How many requests the compiled reads answered, and how many they left to Apollo. */
  compiledReads: CompiledReadsStats;
  /** Live subscriptions of this process (rowsChanged over WebSocket at /graphql). */
  live: LiveHub;
  close(): Promise<void>;
}

/** Builds the whole hub (database, GraphQL, HTTP) without listening, so tests and main share it. */
export async function createApp(options: AppOptions): Promise<PlanHub> {
  const security = { ...DEFAULT_SECURITY, ...options.security };
  const auth = { sessionTtlHours: security.sessionTtlHours, maxFailedLogins: 10, loginWindowMinutes: 15 };
  const orm = await initORM(options.database, options);
  if (options.seedOnEmpty && (await orm.em.fork().count(Plan)) === 0) {
    const seedFile = options.seedFile ?? DEFAULT_SEED_FILE;
    const seeded = await seedFromFile(orm, seedFile).catch(async (error) => {
      await orm.close();
      throw error;
    });
    if (options.logger) console.log(`seeded ${seeded.planCode} from ${seedFile}: ${seeded.created} rows created`);
  }
  if (options.firstAdmin) {
    const input = await validateInput(CreateUserInput, { ...options.firstAdmin, role: Role.ADMIN });
    const admin = await createServices(orm.em.fork() as Em, SYSTEM_ACTOR, auth).accounts.createFirstAdmin(input.username, input.password);
    if (admin && options.logger) console.log(`created the first admin, ${admin.username}`);
  }

  // Imports arrive base64-encoded in a GraphQL body: by default allow the configured file size, not Fastify's 1 MiB.
  const bodyLimit = security.maxBodyBytes ?? Math.ceil((importLimits().graphqlBytes * 4) / 3) + (1 << 20);
  const app = Fastify({
    // Request lines are logged at info: one per request costs about a fifth of a small query's CPU,
    // so they are opt-in (LOG_REQUESTS=true); warnings and errors are always logged.
    logger: options.logger
      ? { level: process.env.LOG_REQUESTS === 'true' ? 'info' : 'warn', redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], serializers: { req: (r: FastifyRequest) => ({ method: r.method, url: redactUrl(r.url), remoteAddress: r.ip }) } }
      : false,
    trustProxy: process.env.TRUST_PROXY === 'true',
    bodyLimit,
  });
  registerEdgeErrors(app, bodyLimit);
  registerBatchLimit(app, security.maxBatchOperations);
  await app.register(fastifyCookie);
  registerSecurityHeaders(app);

  // Each request's credential is checked once, here at the edge; the cache and Apollo's context share it.
  // A read the answer cache may serve brings the data generations it read first: a credential verified
  // for an earlier request then stands while the credential and user tables have not changed since.
  const verified = new VerifiedCredentials();
  const edgeAuth = new WeakMap<object, Promise<{ actor: Actor; authError: AppError | null; credential: string | null }>>();
  const authOf = (request: FastifyRequest, generations?: Generations) => {
    let found = edgeAuth.get(request);
    if (!found) {
      const credential = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? request.cookies[SESSION_COOKIE] ?? null;
      const known = generations && { memo: verified, generations: `${generations.credential}:${generations.user}` };
      found = credential
        ? authenticate(orm.em as Em, credential, known).then((r) => ({ ...r, credential }))
        : Promise.resolve({ actor: ANONYMOUS, authError: null, credential: null });
      edgeAuth.set(request, found);
    }
    return found;
  };
  const schema = await buildGraphQLSchema();
  if (security.allowOnlyPersisted) registerPersistedOnly(app, { orm, authOf }); // before the answer cache
  registerResponseCache(app, {
    maxMb: options.responseCacheMb ?? 64,
    schema,
    generations: generationReader(orm),
    actor: async (request, generations) => {
      const { actor, authError } = await authOf(request, generations);
      return authError ? null : actor;
    },
  });

  const access = accessPlugin();
  const limits = queryLimitsPlugin(schema, { maxDepth: security.maxQueryDepth, maxCost: security.maxQueryCost, maxAliases: security.maxAliases });
  // Reads it can compile into one statement per root field skip Apollo (server/read/endpoint.ts).
  const compiledReads = options.compiledReads === false
    ? { served: 0, passed: 0 }
    : registerCompiledReads(app, {
        schema,
        orm,
        auth: (request) => authOf(request),
        anonymousRead: security.anonymousRead,
        perRequest: [access],
        perOperation: [limits],
        departmentsQuery: (em, search) => createServices(em, ANONYMOUS, auth).departments.listQuery(search),
        itemsQuery: (em, list, args) => {
          const service = createServices(em, ANONYMOUS, auth)[list as 'indicators'];
          return service.listQuery((args.filter ?? {}) as never, (args.orderBy ?? []) as never, args.limit, args.offset);
        },
        batch: async (em, field, ids, args) => {
          if (field !== 'Indicator.progress') throw new Error(`no batch for ${field}`);
          return createServices(em, ANONYMOUS, auth).progress.forIndicatorIds(ids, args.year as number);
        },
        inputsValid: (operation, document, variables) => operationInputsValid(schema, document, operation, variables),
      });

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: security.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: security.maxBatchOperations > 1,
    // No HTTP cache hints are used (answers are cached server-side, server/cache): without this the
    // cache-control plugin wraps every field of every row (an eighth of a 1,000-row page's CPU).
    // No Apollo landing page (it loads Apollo's Sandbox from the internet): a browser opening
    // /graphql is sent to the bundled explorer, /graphiql (client/src/pages/GraphiQLPage.tsx).
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled(), fastifyApolloDrainPlugin(app), access, limits],
  });
  apollo.addPlugin(jitPlugin(schema)); // reads executed by graphql-jit (server/read/jit.ts)
  await apollo.start();
  app.addHook('onRequest', async (request, reply) => {
    const [path, search = ''] = request.url.split('?');
    if (request.method === 'GET' && path === '/graphql' && !new URLSearchParams(search).has('query') && String(request.headers.accept ?? '').includes('text/html')) {
      return reply.redirect('/graphiql', 302);
    }
  });
  await app.register(fastifyApollo(apollo), {
    context: async (request, reply) => {
      const { actor, authError, credential } = await authOf(request).catch(unavailable);
      const ctx = await createContext(orm, {
        actor,
        authError,
        credential,
        auth,
        http: {
          address: request.ip,
          setCookie: (name, value, expires) =>
            void reply.setCookie(name, value, { httpOnly: true, sameSite: 'strict', secure: security.cookieSecure, path: '/', expires }),
        },
      });
      return Object.assign(ctx, { anonymousRead: security.anonymousRead });
    },
  });

  registerOtherMethods(app);
  // Evidence files over HTTP (upload, download), authenticated as GraphQL requests are.
  await registerEvidence(app, { orm, authOf, anonymousRead: security.anonymousRead, config: { ...evidenceConfig(), ...options.evidence } });
  registerBulletins(app, { orm, authOf, anonymousRead: security.anonymousRead }); // GET /bulletins/2019-06.xlsx|pdf|html
  registerDatasets(app, { orm, apollo, authOf, anonymousRead: security.anonymousRead, auth }); // GET /datasets/<name>.csv|json|xlsx
  app.get('/health', async () => ({ ok: true }));
  const database = options.database.engine === 'postgresql' ? { engine: 'postgresql' as const, url: options.database.url, schema: options.pgSchema } : { engine: 'sqlite' as const };
  const live = registerLive(app, { schema, orm, config: { ...liveConfig(), ...options.live }, anonymousRead: security.anonymousRead, database }); // GraphQL subscriptions over WebSocket at /graphql
  await registerUi(app);

  return {
    app,
    apollo,
    orm,
    security,
    compiledReads,
    live,
    async close() {
      await app.close();
      await orm.close();
    },
  };
}

/**
 * A database that cannot answer while the request's context is built (the credential check waiting
 * for a pooled connection) is a 503 with SERVICE_UNAVAILABLE, as inside GraphQL; Apollo would make
 * any other error thrown here a 500.
 */
function unavailable(error: unknown): never {
  const known = toAppError(error);
  if (known?.code === ErrorCode.SERVICE_UNAVAILABLE) {
    throw new GraphQLError(known.message, { extensions: { code: known.code, ...known.details, http: { status: 503, headers: new Map([['retry-after', '5']]) } } });
  }
  throw error;
}

