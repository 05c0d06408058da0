import { PassThrough, type Writable } from 'node:stream';
import { once } from 'node:events';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApolloServer } from '@apollo/server';
import { stringify } from 'csv-stringify/sync';
import { Kind, parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import ExcelJS from '../transfer/exceljs';
import { guardCell } from '../transfer/cells';
import type { Em, Orm } from '../orm';
import { Role } from '../../schema/accounts/account.enums';
import { ANONYMOUS, type Actor } from '../common/actor';
import { AppError, ErrorCode, toAppError } from '../errors';
import { sendRefusal } from '../security/requests';
import { createContext, type Context } from '../context';
import type { AuthSettings } from '../accounts/account.service';
import { createServices } from '../services';
import { PUBLIC_ROOT_FIELDS } from '../public/public.fields';
import { buildGraphQLSchema } from '../schema';
import { flatten, jsonObject, shapeOf, variablesFromQueryString, type Column, type Row, type Shape } from './dataset.query';
import { PAGE_LIMIT, PAGE_OFFSET, nextPageSize, pagedRoot, type PagedRoot } from './dataset.pages';
import { generationReader, type Generations } from '../cache/generation';
import type { Dataset } from '../../schema/datasets/dataset.entity';

export interface DatasetRoutesOptions {
  orm: Orm;
  apollo: ApolloServer<Context>;
  authOf(request: FastifyRequest): Promise<{ actor: Actor; authError: AppError | null; credential: string | null }>;
  anonymousRead: boolean;
  auth: AuthSettings;
}

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

const FORMATS = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;
type Format = keyof typeof FORMATS;
/** Query-string parameters that are not variables. */
const RESERVED = new Set(['token', 'columns']);

/** The actor a link token reads as: a read-only viewer of this one dataset. */
const linkActor = (dataset: string): Actor => ({ userId: null, username: `link:${dataset}`, role: Role.VIEWER, departmentId: null, readOnly: true, source: 'graphql' });

/**
 * GET /datasets/<name>.csv|.json|.xlsx (issue 16): the saved query run as POST /graphql runs it
 * (the same executable schema, context and plugins: permissions, limits), with the link's
 * parameters as its variables, flattened to one row per leaf list item and streamed out.
 * Credentials: `Authorization: Bearer <API token>`, a session cookie, or `?token=<link token>`
 * (that dataset only). Names without one of the three extensions fall through to the UI (/datasets).
 */
export function registerDatasets(app: FastifyInstance, options: DatasetRoutesOptions) {
  const generations = generationReader(options.orm);
  app.get<{ Params: { file: string }; Querystring: Record<string, string | string[]> }>('/datasets/:file', async (request, reply) => {
    const match = /^([a-z0-9][a-z0-9-]*)\.(csv|json|xlsx)$/.exec(request.params.file);
    if (!match) return reply.callNotFound();
    const [, name, ext] = match;
    const format = ext as Format;
    try {
      const em = options.orm.em.fork() as Em;
      const dataset = await createServices(em).datasets.byName(name);
      if (!dataset) throw new AppError(ErrorCode.NOT_FOUND, `There is no dataset named ${name}.`, { type: 'Dataset', id: name });
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.query)) {
        if (Array.isArray(v)) throw new AppError(ErrorCode.BAD_USER_INPUT, `${k}: give the parameter once (lists are comma-separated: ${k}=a,b)`, { field: k });
        params[k] = v;
      }
      let actor: Actor;
      if (params.token != null) {
        await createServices(em).datasets.checkLinkToken(dataset, params.token);
        actor = linkActor(dataset.name);
      } else {
        const found = await options.authOf(request);
        if (found.authError) throw found.authError;
        actor = found.actor;
        if (actor.role === null && !options.anonymousRead) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in, or use an API token or the dataset’s link token: anonymous reading is turned off here.');
      }
      const columnsBy = params.columns ?? 'labels';
      if (columnsBy !== 'labels' && columnsBy !== 'paths') throw new AppError(ErrorCode.BAD_USER_INPUT, `columns: "${columnsBy}" is not labels or paths`, { field: 'columns' });
      const schema = await buildGraphQLSchema();
      const document = parse(dataset.query);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      const given = variablesFromQueryString(schema, operation, Object.fromEntries(Object.entries(params).filter(([k]) => !RESERVED.has(k))));
      const variables = { ...jsonObject(dataset.variables, 'variables'), ...given };
      const shape = shapeOf(schema, document, operation);
      const labels = columnsBy === 'paths' ? {} : (jsonObject(dataset.columnLabels, 'columnLabels') as Record<string, string>);
      const headers = shape.columns.map((c) => labels[c.path] ?? c.path);
      // Refusals (a wrong filter, a limit too large, no access) come before the first byte, as coded errors.
      const rows = await answerRows(options, actor, dataset.query, variables, shape, pagedRoot(schema, document, operation, variables), generations);
      const out = new PassThrough();
      reply.header('content-type', FORMATS[format]).header('cache-control', 'no-store');
      if (format !== 'json') reply.header('content-disposition', `attachment; filename="${dataset.name}.${format}"`);
      const write = format === 'csv' ? writeCsv : format === 'json' ? writeJson : writeXlsx;
      write(headers, shape.columns, rows, out, dataset.title).catch((error) => {
        // The status line has gone: the download is cut off, so the tool reports a failed refresh instead of keeping a partial table.
        request.log.warn({ dataset: dataset.name, err: error }, 'dataset download cut off');
        out.destroy(error);
      });
      return reply.send(out);
    } catch (error) {
      const known = toAppError(error);
      if (!known) throw error;
      return sendRefusal(reply, STATUS[known.code] ?? 400, known.code, known.message, known.details);
    }
  });
}

/** Pages of rows: each page's rows are produced while it is written, the next page read after. */
type Pages = AsyncIterable<Iterable<Row>>;

/**
 * The dataset's rows. A query over one paged list is read page by page (dataset.pages.ts): first
 * its `totalCount` with the query's own arguments (so every refusal comes before the download
 * starts), then pages of root items sized to hold about ROWS_PER_PAGE rows each. Pages are separate
 * reads: when the list's table changes between them (a row created, deleted or re-sorted could be
 * skipped or repeated), the download is cut off rather than finished with a table that never existed.
 * Any other query is answered in one piece.
 */
async function answerRows(
  options: DatasetRoutesOptions, actor: Actor, query: string, variables: Record<string, unknown>, shape: Shape, root: PagedRoot | null, generations: () => Promise<Generations>,
): Promise<Pages> {
  const whole = async function* (data: Record<string, unknown>) {
    yield flatten(data, shape);
  };
  if (!root) return whole(await run(options, actor, query, variables));
  const before = root.tables.length ? await generations() : null;
  const probe = await run(options, actor, root.probe, variables);
  const total = Number((probe[root.key] as { totalCount?: number } | null)?.totalCount ?? 0);
  const end = root.offset + Math.max(0, Math.min(root.limit, total - root.offset));
  // Nothing to page through: the query's own answer (its parent row with empty list cells).
  if (end <= root.offset) return whole(await run(options, actor, query, variables));
  const read = (offset: number, limit: number) => run(options, actor, root.page, { ...variables, [PAGE_LIMIT]: limit, [PAGE_OFFSET]: offset });
  const moved = async () => before !== null && root.tables.some((t) => before[t] !== undefined) && (await generations().then((now) => root.tables.some((t) => now[t] !== before[t])));
  let size = 1;
  let first: Record<string, unknown> | null = await read(root.offset, Math.min(size, end - root.offset));
  return (async function* () {
    let at = root.offset;
    let pages = 0;
    while (at < end) {
      const data = first ?? (await read(at, Math.min(size, end - at)));
      first = null;
      pages++;
      const items = ((data[root.key] as { items?: unknown[] } | null)?.items ?? []).length;
      if (items === 0) break; // rows were deleted while reading: cut off below
      let rows = 0;
      yield (function* () {
        for (const row of flatten(data, shape)) {
          rows++;
          yield row;
        }
      })();
      at += items;
      size = nextPageSize(size, items, rows);
      if ((at < end || pages > 1) && (await moved())) {
        throw new AppError(ErrorCode.CONFLICT, `the list changed while it was being read page by page (after ${at - root.offset} of ${end - root.offset} items); download it again`, { reason: 'DATA_CHANGED' });
      }
    }
    if (at < end) throw new AppError(ErrorCode.CONFLICT, `the list shrank while it was being read (${at - root.offset} of ${end - root.offset} items); download it again`, { reason: 'DATA_CHANGED' });
  })();
}

/** Runs the query through Apollo as POST /graphql does; any error refuses the whole table (a table with holes would mislead). */
async function run(options: DatasetRoutesOptions, actor: Actor, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const ctx = await createContext(options.orm, { actor, auth: options.auth });
  const res = await options.apollo.executeOperation({ query, variables }, { contextValue: Object.assign(ctx, { anonymousRead: options.anonymousRead }) });
  if (res.body.kind !== 'single') throw new AppError(ErrorCode.BAD_USER_INPUT, 'the dataset’s query answered incrementally; datasets take plain queries');
  const { data, errors } = res.body.singleResult;
  if (errors?.length) {
    const [first] = errors;
    const code = String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (code === 'INTERNAL_SERVER_ERROR') throw new Error(first.message);
    const { code: _c, ...rest } = (first.extensions ?? {}) as Record<string, unknown>;
    throw Object.assign(new AppError((ErrorCode as Record<string, string>)[code] ? (code as ErrorCode) : ErrorCode.BAD_USER_INPUT, first.message, rest), {});
  }
  return (data ?? {}) as Record<string, unknown>;
}

async function put(out: Writable, text: string | Buffer) {
  if (!out.write(text)) await once(out, 'drain');
}

/** Rows go out in batches, so a large answer is written while the client reads it. */
const BATCH = 500;

async function writeCsv(headers: string[], columns: Column[], pages: Pages, out: Writable): Promise<void> {
  const options = { record_delimiter: 'windows' as const };
  await put(out, '\uFEFF' + stringify([headers.map(guardCell)], options));
  let batch: string[][] = [];
  for await (const rows of pages) {
    for (const row of rows) {
      batch.push(row.map((v) => (v == null ? '' : typeof v === 'string' ? guardCell(v) : String(v))));
      if (batch.length === BATCH) {
        await put(out, stringify(batch, options));
        batch = [];
      }
    }
  }
  if (batch.length) await put(out, stringify(batch, options));
  void columns;
  out.end();
}

async function writeJson(headers: string[], _columns: Column[], pages: Pages, out: Writable): Promise<void> {
  await put(out, '[');
  let n = 0;
  let chunk = '';
  for await (const rows of pages) {
    for (const row of rows) {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < headers.length; i++) o[headers[i]] = row[i] ?? null;
      chunk += (n++ ? ',\n' : '\n') + JSON.stringify(o);
      if (chunk.length > 65_536) {
        await put(out, chunk);
        chunk = '';
      }
    }
  }
  await put(out, chunk + (n ? '\n]\n' : ']\n'));
  out.end();
}

const NUMERIC = new Set(['Int', 'Float']);

async function writeXlsx(headers: string[], columns: Column[], pages: Pages, out: Writable, title?: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet((title ?? 'data').replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'data', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h, i) => ({ header: h, key: String(i), width: Math.min(40, Math.max(10, h.length * 2)), style: columns[i].type === 'Int' ? { numFmt: '0' } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let n = 0;
  for await (const rows of pages) {
    for (const row of rows) {
      // Numbers stay numbers (years as integers), booleans booleans; text is guarded against formulas.
      sheet.addRow(row.map((v, i) => (v == null ? null : NUMERIC.has(columns[i].type) && typeof v === 'number' ? v : typeof v === 'boolean' ? v : guardCell(String(v))))).commit();
      if (++n % BATCH === 0) await new Promise((r) => setImmediate(r));
    }
  }
  sheet.commit();
  await workbook.commit();
}

// ─── GRAPHQL_ALLOW_ONLY_PERSISTED ───────────────────────────────────────────────────────────────

/** Root fields anyone may still run: signing in and out, who am I, and the public page (公众监督). */
const OPEN_FIELDS = new Set(['login', 'logout', 'me', '__typename', ...PUBLIC_ROOT_FIELDS]);

function openOnly(document: DocumentNode): boolean {
  return document.definitions.every((d) => d.kind !== Kind.OPERATION_DEFINITION || d.selectionSet.selections.every((s) => s.kind === Kind.FIELD && OPEN_FIELDS.has(s.name.value)));
}

/**
 * With GRAPHQL_ALLOW_ONLY_PERSISTED=true, anonymous readers and API tokens may run on /graphql only
 * the saved datasets' queries (compared as graphql-js prints them), besides signing in and the public
 * page; signed-in sessions are unaffected. Registered before the answer cache and the compiled reads,
 * so nothing answers first.
 */
export function registerPersistedOnly(app: FastifyInstance, options: { orm: Orm; authOf: DatasetRoutesOptions['authOf'] }) {
  app.addHook('preHandler', async (request, reply) => {
    if (request.url.split('?')[0] !== '/graphql' || (request.method !== 'POST' && request.method !== 'GET')) return;
    const { actor, authError } = await options.authOf(request);
    if (authError) return; // refused by the access rules anyway
    if (actor.role !== null && !actor.readOnly) return;
    const body = request.method === 'POST' ? request.body : request.query;
    const operations = (Array.isArray(body) ? body : [body]) as { query?: unknown }[];
    let allowed: Set<string> | null = null;
    for (const op of operations) {
      let document: DocumentNode | null = null;
      try {
        document = typeof op?.query === 'string' ? parse(op.query) : null;
      } catch {
        return; // Apollo answers a syntax error
      }
      if (document && openOnly(document)) continue;
      allowed ??= await createServices(options.orm.em.fork() as Em, ANONYMOUS).datasets.allowList();
      if (!document || !allowed.has(print(document))) {
        return sendRefusal(reply, 403, ErrorCode.FORBIDDEN, 'This hub runs only saved queries (datasets) for anonymous readers and API tokens: use a dataset’s link (/datasets/<name>.csv) or its exact query, or sign in.', { reason: 'PERSISTED_QUERY_REQUIRED' });
      }
    }
  });
}

/** The request line as logged: a link token in the query string is replaced, so it never reaches a log. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[REDACTED]');
}
