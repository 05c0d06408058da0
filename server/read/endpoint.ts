import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema, OperationDefinitionNode, DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Orm, Em } from '../orm';
import type { Actor } from '../common/actor';
import type { AppError } from '../errors';
import { Sql } from '../db/driver';
import { engineOf } from '../db/engine';
import type { QueryBuilder } from '../db/types';
import { ownAnswerType } from '../common/media';
import { compileRead, coercedVariables, parsedQuery, type CompiledRead, type ListArgs, type ListQuery } from './compiled';

export interface CompiledReadsOptions {
  schema: GraphQLSchema;
  orm: Orm;
  /** Who the request acts as (the HTTP edge's check, shared with the answer cache and Apollo's context). */
  auth(request: FastifyRequest): Promise<{ actor: Actor; authError: AppError | null }>;
  anonymousRead: boolean;
  /**
   * Apollo's own plugins whose didResolveOperation decides whether an operation may run: `perRequest`
   * look at who asks (access), `perOperation` at the document and variables only (limits).
   */
  perRequest: ApolloServerPlugin<any>[];
  perOperation: ApolloServerPlugin<any>[];
  /** DepartmentService.listQuery, for a request's EntityManager. */
  departmentsQuery(em: Em, search: string | null): QueryBuilder<any>;
  /** A plan table's PlanItemService.listQuery (by list field name), for a request's EntityManager. */
  itemsQuery(em: Em, list: string, args: ListArgs): Promise<ListQuery>;
  /** The values of a batched field (compiled.ts BATCHED) for these row ids, in their order. */
  batch(em: Em, field: string, ids: number[], args: Record<string, unknown>): Promise<unknown[]>;
  /**
   * The edge's validation of the operation's input objects (class-validator rules, as type-graphql
   * runs them): true when they pass. Run once per compiled query text and variables.
   */
  inputsValid(operation: OperationDefinitionNode, document: DocumentNode, variables: Record<string, unknown>): Promise<boolean>;
}

/** What the hub counts of its compiled reads (tests check that a query went this way). */
export interface CompiledReadsStats {
  served: number;
  /** Requests it looked at and left to Apollo. */
  passed: number;
}

interface Entry {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  compiled: CompiledRead;
}

/**
 * Serves POST /graphql reads that server/read/compiled.ts compiles, in front of Apollo (a preHandler,
 * after the answer cache's, so a cached answer still wins and a compiled answer is cached like any
 * other). A request is compiled once per query text, operation name and variables (parse, validate,
 * variables, the limits plugin, the SQL): a repeated read costs the access check, one statement per
 * root field and the JSON. Everything it does not serve goes on to Apollo unchanged.
 */
export function registerCompiledReads(app: FastifyInstance, options: CompiledReadsOptions): CompiledReadsStats {
  const stats: CompiledReadsStats = { served: 0, passed: 0 };
  const em = options.orm.em as Em;
  const sql = new Sql(em);
  const engine = engineOf(em);
  const compiled = new LRUCache<string, { entry: Entry | null }>({ max: 1000, maxSize: 16 << 20, sizeCalculation: (_v, k) => k.length + 64 });

  const compile = async (query: string, operationName: string | undefined, variables: Record<string, unknown>): Promise<Entry | null> => {
    const parsed = parsedQuery(options.schema, query, operationName);
    if (!parsed) return null;
    const coerced = coercedVariables(options.schema, parsed.operation, variables);
    if (!coerced) return null;
    // The limits (depth, aliases, cost) depend on the document and variables only: checked once here.
    const request = { query, operationName, variables };
    for (const plugin of options.perOperation) {
      const hooks = await plugin.requestDidStart?.({ request } as never);
      try {
        await hooks?.didResolveOperation?.({ request, document: parsed.document, operation: parsed.operation, operationName: operationName ?? null, contextValue: {} } as never);
      } catch {
        return null;
      }
    }
    if (!(await options.inputsValid(parsed.operation, parsed.document, coerced))) return null;
    const read = compileRead(options.schema, em, engine, parsed.document, parsed.operation, coerced);
    return read && { ...parsed, compiled: read };
  };

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== '/graphql') return;
    const body = request.body as { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown } | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string') return;
    const contentType = ownAnswerType(request);
    if (!contentType) return;
    if (body.operationName != null && typeof body.operationName !== 'string') return;
    if (body.variables != null && (typeof body.variables !== 'object' || Array.isArray(body.variables))) return;
    const operationName = (body.operationName as string | null | undefined) ?? undefined;
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}\u0000${body.query}`;
    let found = compiled.get(key);
    if (!found) {
      found = {
        entry: await compile(body.query, operationName, variables).catch((error) => {
          if (process.env.DEBUG_COMPILED_READS) console.error('compiled reads: not compiled', error);
          return null;
        }),
      };
      compiled.set(key, found);
    }
    const entry = found.entry;
    if (!entry) return void stats.passed++;
    try {
      const { actor, authError } = await options.auth(request);
      // The access rule, exactly as Apollo runs it (server/security/access.ts): a refusal is Apollo's to word.
      for (const plugin of options.perRequest) {
        const hooks = await plugin.requestDidStart?.({} as never);
        await hooks?.didResolveOperation?.({ contextValue: { actor, authError, anonymousRead: options.anonymousRead }, operation: entry.operation, document: entry.document } as never);
      }
      let requestEm: Em | undefined;
      const text = await entry.compiled.execute({
        sql,
        em,
        departmentsQuery: (search) => options.departmentsQuery((requestEm ??= em.fork() as Em), search),
        itemsQuery: (list, args) => options.itemsQuery((requestEm ??= em.fork() as Em), list, args),
        batch: (field, ids, args) => options.batch((requestEm ??= em.fork() as Em), field, ids, args),
      });
      stats.served++;
      return reply.code(200).header('content-type', contentType).send(text);
    } catch (error) {
      if (process.env.DEBUG_COMPILED_READS) console.error('compiled reads: left to Apollo', error);
      stats.passed++;
      return; // Apollo answers (the error, the refusal, or what the compiler got wrong)
    }
  });
  return stats;
}


