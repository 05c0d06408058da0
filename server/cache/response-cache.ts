import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Actor } from '../common/actor';
import type { TrackedTable } from '../../schema/cache/data-generation.entity';
import type { Generations } from './generation';
import { rootFields, tablesRead } from './tables';
import { ownAnswerType } from '../common/media';

/**
 * Root query fields whose answers depend only on the plan's data (the tables the data generations
 * follow) and on who asks. Account fields (me, users, apiTokens) and file exports are always run.
 */
const CACHEABLE_ROOTS = new Set([
  'plan', 'plans', 'department', 'departments', 'indicator', 'indicators', 'specialTarget', 'specialTargets',
  'rectification', 'rectifications', 'innovationTopic', 'innovationTopics', 'standard', 'standards', 'auditLog', 'hubInfo',
  'ledgerEntries', 'ledgerEntry',
  'indicatorsAggregate', 'specialTargetsAggregate', 'rectificationsAggregate', 'innovationTopicsAggregate', 'standardsAggregate', 'ledgerEntriesAggregate', 'yearTargetsAggregate',
  'publicOverview', 'publicComments', 'comments', // the public page (公众监督) and the office's comment list
  '__typename', '__schema', '__type',
]);

export interface ResponseCacheOptions {
  /** Total size of the cached answers; 0 turns the cache off. */
  maxMb: number;
  /** The executable schema: which tables a selection reads is read from its types (tables.ts). */
  schema: GraphQLSchema;
  /** Every table's current data generation, read from the database (server/cache/generation.ts). */
  generations(): Promise<Generations>;
  /**
   * Who the request acts as, resolved once at the HTTP edge; null when its credential is bad. Given
   * the generations just read, so a credential verified before may stand while its tables are unchanged.
   */
  actor(request: FastifyRequest, generations: Generations): Promise<Actor | null>;
}

interface Entry {
  /** The tables the answer read, and their generations when it was computed (same order). */
  tables: readonly TrackedTable[];
  generations: string[];
  body: string;
}

interface Pending {
  key: string;
  tables: readonly TrackedTable[];
  generations: string[];
}

const pending = new WeakMap<FastifyRequest, Pending>();

/** The tables a query document reads, or null when it is not cached (parsing and walking are the costly part). */
const shapes = new LRUCache<string, { tables: readonly TrackedTable[] | null }>({ max: 2000 });

/**
 * The tables a read of plan data reads: one query operation (the named one, or the only one) over
 * cacheable roots, every type and argument of it classified in tables.ts. Null: not cached.
 */
export function cacheableTables(schema: GraphQLSchema, query: string, operationName: string | undefined): readonly TrackedTable[] | null {
  const id = `${operationName ?? ''}\u0000${query}`;
  let shape = shapes.get(id);
  if (!shape) {
    let doc: DocumentNode | null = null;
    try {
      doc = parse(query, { noLocation: true });
    } catch {
      // Apollo answers the syntax error
    }
    shape = { tables: doc ? shapeOf(schema, doc, operationName) : null };
    shapes.set(id, shape);
  }
  return shape.tables;
}

function shapeOf(schema: GraphQLSchema, doc: DocumentNode, operationName: string | undefined): readonly TrackedTable[] | null {
  const tables = tablesRead(schema, doc, operationName);
  if (!tables) return null;
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition' && (!operationName || d.name?.value === operationName));
  const roots = op && op.kind === 'OperationDefinition' ? rootFields(op.selectionSet) : null;
  return roots && roots.length > 0 && roots.every((r) => CACHEABLE_ROOTS.has(r)) ? tables : null;
}

/** Answers differ by who asks (role, department, read-only token): the key carries all of it. */
function scopeOf(actor: Actor): string {
  return actor.role === null ? 'anonymous' : `${actor.userId}:${actor.role}:${actor.departmentId ?? ''}:${actor.readOnly ? 'ro' : 'rw'}`;
}

/**
 * Whole-answer cache for GraphQL reads of plan data. An answer is kept with the data generations of
 * the tables it read (tables.ts) and served only while each is still that table's current generation
 * in the database, which moves at the commit of any write to the table by any process (database
 * triggers). So nothing in this process's memory is needed for correctness: a write through another
 * hub process, the CLI or plain SQL is seen by the next request; and a write to a table an answer did
 * not read leaves it cached (an edit of a standard keeps the indicators' answers). Only answers
 * without errors are kept; mutations, account queries and exports always run. The generations are
 * read before the operation runs, so an answer computed while a write commits is filed under the
 * older generation and never served again.
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
    const contentType = ownAnswerType(request);
    if (!contentType) return;
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    const tables = cacheableTables(options.schema, body.query, operationName);
    if (!tables) return;
    // The generations first: with them a credential verified for an earlier request costs no statement.
    const current = await options.generations();
    const actor = await options.actor(request, current);
    if (!actor) return; // a bad credential: Apollo gives the error
    const key = `${scopeOf(actor)}\u0000${operationName ?? ''}\u0000${JSON.stringify(body.variables ?? null)}\u0000${body.query}`;
    const hit = answers.get(key);
    if (hit && hit.tables.every((t, i) => current[t] === hit.generations[i])) {
      return reply.code(200).header('x-plan-hub-cache', 'hit').type(contentType).send(hit.body);
    }
    pending.set(request, { key, tables, generations: tables.map((t) => current[t]) });
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const p = pending.get(request);
    if (!p) return payload;
    pending.delete(request);
    reply.header('x-plan-hub-cache', 'miss');
    // Apollo writes {"data":…} for a clean answer and puts "errors" first otherwise; an "errors" key
    // can appear nowhere else unescaped, so this keeps only answers without any error.
    if (reply.statusCode === 200 && typeof payload === 'string' && payload.startsWith('{"data":') && !payload.includes('"errors":')) {
      answers.set(p.key, { tables: p.tables, generations: p.generations, body: payload });
    }
    return payload;
  });
}
