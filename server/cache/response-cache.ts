import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { Kind, OperationTypeNode, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { Actor } from '../common/actor';

/**
 * Root query fields whose answers depend only on the plan's data (the tables the data generation
 * follows) and on who asks. Account fields (me, users, apiTokens) and file exports are always run.
 */
const CACHEABLE_ROOTS = new Set([
  'plan', 'plans', 'department', 'departments', 'indicator', 'indicators', 'specialTarget', 'specialTargets',
  'rectification', 'rectifications', 'innovationTopic', 'innovationTopics', 'standard', 'standards', 'auditLog',
  '__typename', '__schema', '__type',
]);

export interface ResponseCacheOptions {
  /** Total size of the cached answers; 0 turns the cache off. */
  maxMb: number;
  /** The current data generation, read from the database (server/cache/generation.ts). */
  generation(): Promise<string>;
  /** Who the request acts as, resolved once at the HTTP edge; null when its credential is bad. */
  actor(request: FastifyRequest): Promise<Actor | null>;
}

interface Entry {
  generation: string;
  body: string;
}

interface Pending {
  key: string;
  generation: string;
}

const pending = new WeakMap<FastifyRequest, Pending>();

/** Query documents seen, and whether they are cacheable (parsing is the costly part). */
const shapes = new LRUCache<string, boolean>({ max: 2000 });

function rootFields(set: SelectionSetNode): string[] | null {
  const out: string[] = [];
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.push(s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) {
      const inner = rootFields(s.selectionSet);
      if (!inner) return null;
      out.push(...inner);
    } else return null; // fragment spreads at the root: not worth resolving here
  }
  return out;
}

/** A read of plan data only: one query operation (the named one, or the only one) over cacheable roots. */
export function isCacheableQuery(query: string, operationName: string | undefined): boolean {
  const id = `${operationName ?? ''}\u0000${query}`;
  let ok = shapes.get(id);
  if (ok === undefined) {
    let doc: DocumentNode | null = null;
    try {
      doc = parse(query, { noLocation: true });
    } catch {
      ok = false; // Apollo answers the syntax error
    }
    if (doc) {
      const ops = doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      const op = operationName ? ops.find((d) => d.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
      const roots = op && op.operation === OperationTypeNode.QUERY ? rootFields(op.selectionSet) : null;
      ok = !!roots && roots.length > 0 && roots.every((r) => CACHEABLE_ROOTS.has(r));
    }
    shapes.set(id, ok!);
  }
  return ok!;
}

/** Answers differ by who asks (role, department, read-only token): the key carries all of it. */
function scopeOf(actor: Actor): string {
  return actor.role === null ? 'anonymous' : `${actor.userId}:${actor.role}:${actor.departmentId ?? ''}:${actor.readOnly ? 'ro' : 'rw'}`;
}

/**
 * Whole-answer cache for GraphQL reads of plan data. An answer is kept with the data generation it was
 * computed at and served only while that is still the database's current generation, which moves at
 * the commit of any write by any process (database triggers). So nothing in this process's memory is
 * needed for correctness: a write through another hub process, the CLI or plain SQL is seen by the
 * next request. Only answers without errors are kept; mutations, account queries and exports always
 * run. The generation is read before the operation runs, so an answer computed while a write commits
 * is filed under the older generation and never served again.
 */
export function registerResponseCache(app: FastifyInstance, options: ResponseCacheOptions) {
  if (options.maxMb <= 0) return;
  const answers = new LRUCache<string, Entry>({
    maxSize: Math.floor(options.maxMb * 1024 * 1024),
    // A JS string's UTF-16 size, plus the key.
    sizeCalculation: (entry, key) => 2 * (entry.body.length + key.length) + 64,
    // One answer may take at most an eighth of the cache.
    maxEntrySize: Math.floor((options.maxMb * 1024 * 1024) / 8),
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== '/graphql') return;
    const body = request.body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    if (!body || typeof body !== 'object' || typeof body.query !== 'string') return;
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) return;
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    if (!isCacheableQuery(body.query, operationName)) return;
    const actor = await options.actor(request);
    if (!actor) return; // a bad credential: Apollo gives the error
    const key = `${scopeOf(actor)}\u0000${operationName ?? ''}\u0000${JSON.stringify(body.variables ?? null)}\u0000${body.query}`;
    const generation = await options.generation();
    const hit = answers.get(key);
    if (hit && hit.generation === generation) {
      return reply.code(200).header('x-plan-hub-cache', 'hit').type('application/json; charset=utf-8').send(hit.body);
    }
    pending.set(request, { key, generation });
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const p = pending.get(request);
    if (!p) return payload;
    pending.delete(request);
    reply.header('x-plan-hub-cache', 'miss');
    // Apollo writes {"data":…} for a clean answer and puts "errors" first otherwise; an "errors" key
    // can appear nowhere else unescaped, so this keeps only answers without any error.
    if (reply.statusCode === 200 && typeof payload === 'string' && payload.startsWith('{"data":') && !payload.includes('"errors":')) {
      answers.set(p.key, { generation: p.generation, body: payload });
    }
    return payload;
  });
}
