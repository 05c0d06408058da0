import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { parse, getOperationAST, GraphQLError, type GraphQLSchema, OperationTypeNode } from 'graphql';
import type { Em, Orm } from '../orm';
import type { LiveConfig } from '../config';
import { authenticate } from '../context';
import { formatError } from '../errors';
import { SESSION_COOKIE } from '../accounts/account.resolver';
import type { Actor } from '../common/actor';
import { LiveHub } from './hub';
import { PresenceHub, isPresenceMutation } from './presence';
import type { PresenceContext } from './presence.resolver';

export interface LiveOptions {
  schema: GraphQLSchema;
  orm: Orm;
  config: LiveConfig;
  anonymousRead: boolean;
  database: { engine: 'sqlite' } | { engine: 'postgresql'; url: string; schema?: string };
}

/** What a connection keeps beside graphql-ws's socket and upgrade request: who it stands for. */
type ConnectionExtra = { actor?: Actor };

/** An open connection, as the credential check sees it. */
interface Connection {
  socket: WebSocket;
  credential: string | null;
  actor: Actor;
}

/** graphql-ws close codes the client does not retry (4401) and retries later (1013: try again later). */
const UNAUTHORIZED = 4401;
const TRY_AGAIN_LATER = 1013;
/** The account behind the connection changed (role, department, read-only): reconnect to subscribe as it is now (retried). */
const CREDENTIALS_CHANGED = 4205;

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) on the HTTP server's port, path
 * /graphql, with the executable schema of queries. A connection carries the same credentials as a
 * query — the session cookie of the upgrade request, or `Authorization: Bearer …` (or `token`) in
 * connectionParams — and is refused (4401) when the credential is refused or when it is anonymous
 * and ANONYMOUS_READ is off. Connections are capped per user (per address when signed out) and in
 * all (1013, try again later); the server pings every keepAliveMs and drops a connection that did not
 * answer. Only subscriptions run here: queries and mutations go over HTTP, through the access and
 * limit plugins.
 */
export function registerLive(app: FastifyInstance, options: LiveOptions): LiveHub {
  const { config } = options;
  const hub = new LiveHub(options.orm, config, options.database);
  const presence = new PresenceHub(options.orm, config, options.database);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  let open = 0;
  const perUser = new Map<string, number>();
  const connections = new Set<Connection>();

  // Checked again while open: a sign-out, an expired or revoked session or token closes the socket
  // (4401, not retried by the protocol's own rules), a changed role or department asks the client to
  // reconnect (4205) so its subscriptions are filtered as the account reads now. One check per
  // credential, however many tabs share it.
  const recheck = setInterval(() => {
    const byCredential = new Map<string | null, Connection[]>();
    for (const c of connections) if (c.credential !== null) byCredential.set(c.credential, [...(byCredential.get(c.credential) ?? []), c]);
    for (const [credential, group] of byCredential) {
      void authenticate(options.orm.em.fork() as unknown as Em, credential).then(
        ({ actor, authError }) => {
          for (const c of group) {
            if (authError || (actor.role === null && !options.anonymousRead)) refuse(c.socket, UNAUTHORIZED, authError?.message ?? 'Your session has ended: sign in again.');
            else if (!sameAccount(actor, c.actor)) refuse(c.socket, CREDENTIALS_CHANGED, 'Your account changed: reconnect to follow the tables as it reads now.');
          }
        },
        () => {}, // the database is away: kept until the next check
      );
    }
  }, config.recheckMs);
  recheck.unref();

  app.server.on('upgrade', (request: IncomingMessage, socket, head) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/graphql') return void socket.destroy();
    // A page of another site must not subscribe with this site's cookie (cross-site WebSocket hijacking).
    const origin = request.headers.origin;
    if (origin && new URL(origin).host !== request.headers.host) {
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    if (open >= config.maxConnections) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nretry-after: 5\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  const server = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const { socket, request } = ctx.extra;
        const params = ctx.connectionParams ?? {};
        const header = String(params.authorization ?? params.Authorization ?? '');
        const credential = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? (typeof params.token === 'string' ? params.token : null) ?? cookieOf(request, SESSION_COOKIE);
        const { actor, authError } = await authenticate(options.orm.em as unknown as Em, credential);
        if (authError) return refuse(socket, UNAUTHORIZED, authError.message);
        if (actor.role === null && !options.anonymousRead) return refuse(socket, UNAUTHORIZED, 'Sign in to use the hub: anonymous reading is turned off here.');
        const who = actor.userId !== null ? `user:${actor.userId}` : `address:${request.socket.remoteAddress}`;
        const mine = perUser.get(who) ?? 0;
        if (open >= config.maxConnections) return refuse(socket, TRY_AGAIN_LATER, 'Too many live connections: try again later.');
        if (mine >= config.maxConnectionsPerUser) return refuse(socket, TRY_AGAIN_LATER, `Too many live connections for one user (at most ${config.maxConnectionsPerUser}).`);
        open++;
        perUser.set(who, mine + 1);
        const connection: Connection = { socket, credential, actor };
        connections.add(connection);
        socket.once('close', () => {
          connections.delete(connection);
          open--;
          const left = (perUser.get(who) ?? 1) - 1;
          if (left > 0) perUser.set(who, left);
          else perUser.delete(who);
        });
        ctx.extra.actor = actor;
        return true;
      },
      onSubscribe: (_ctx, _id, payload) => {
        let kind: OperationTypeNode | undefined;
        let presenceMutation = false;
        try {
          const document = parse(payload.query);
          kind = getOperationAST(document, payload.operationName)?.operation;
          presenceMutation = isPresenceMutation(document, payload.operationName);
        } catch {
          return undefined; // graphql-ws answers the syntax error itself
        }
        // setEditing belongs to the connection that holds the presence subscription (server/live/presence.ts).
        if (kind !== OperationTypeNode.SUBSCRIPTION && !presenceMutation) {
          return [new GraphQLError('Only subscriptions are served over WebSocket: send queries and mutations over HTTP.', { extensions: { code: 'BAD_USER_INPUT' } })];
        }
        return undefined;
      },
      // Refusals carry their codes as over HTTP (NOT_FOUND for an unknown planCode …); unknown errors are masked.
      // A variable the schema refuses (an unknown LiveTable) is the client's error, as Apollo says over HTTP.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors?.length ? { ...result, errors: result.errors.map(requestError).map((e) => formatError(e.toJSON(), e) as unknown as GraphQLError) } : undefined,
      context: (ctx) => ({ actor: ctx.extra.actor, live: hub, presence, connection: ctx.extra, anonymousRead: options.anonymousRead, authError: null }) as unknown as PresenceContext & Record<string, unknown>,
    },
    wss,
    config.keepAliveMs,
  );

  // Before the HTTP server closes: open WebSockets would hold it open.
  app.addHook('preClose', async () => {
    clearInterval(recheck);
    await Promise.all([hub.close(), presence.close()]);
    await server.dispose();
  });
  return hub;
}

function sameAccount(a: Actor, b: Actor): boolean {
  return a.userId === b.userId && a.role === b.role && a.departmentId === b.departmentId && a.readOnly === b.readOnly;
}

/** graphql-js's refusals of the request itself (no resolver ran: no path; a variable's value refused by its type) get BAD_USER_INPUT rather than being masked. */
function requestError(error: GraphQLError): GraphQLError {
  if (error.path || error.extensions?.code || (error.originalError && !(error.originalError instanceof GraphQLError))) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code: 'BAD_USER_INPUT' } });
}

function refuse(socket: WebSocket, code: number, reason: string): false {
  socket.close(code, reason.slice(0, 120));
  return false;
}

function cookieOf(request: IncomingMessage, name: string): string | null {
  for (const part of String(request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
