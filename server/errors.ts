import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import { OptimisticLockError, UniqueConstraintViolationException, ForeignKeyConstraintViolationException, DeadlockException } from '@mikro-orm/core';
import type { ValidationError } from 'class-validator';

/** Every refusal the hub gives carries one of these in `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** The database cannot take the write now (disk full, read-only, I/O error, busy): nothing was changed; reads go on. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

/** A refusal of a service. `details` go to `extensions` beside the code (e.g. field, currentVersion). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * A bulk method's refusal (createMany, updateMany, deleteMany…): `error`, met at item `index`; the
 * items before it were written, none after it was tried. The caller's transaction decides.
 */
export class BulkRefusal extends Error {
  constructor(
    readonly index: number,
    readonly error: AppError,
  ) {
    super(error.message);
    this.name = 'BulkRefusal';
  }
}

/** Runs `fn` on each item in order; an AppError becomes a BulkRefusal naming the item. */
export async function eachItem<T, R>(items: T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const [i, item] of items.entries()) {
    try {
      out.push(await fn(item, i));
    } catch (error) {
      if (error instanceof AppError) throw new BulkRefusal(i, error);
      throw error;
    }
  }
  return out;
}

/**
 * A service's refusal as the GraphQL layer reports it: services name the fields of their own input
 * (`name`, `responsibilities[0].department`, `seq`); the argument that carried that input is put in
 * front once, here (`patch.name`). Fields in `own` are the method's other parameters (`id`) and keep
 * their name. The message's leading `field: ` follows.
 */
export function underArgument(error: unknown, argument: string, own: string[] = ['id']): unknown {
  if (!(error instanceof AppError) || typeof error.details.field !== 'string' || own.includes(error.details.field)) return error;
  const field = error.details.field;
  const full = `${argument}.${field}`;
  const message = error.message.startsWith(`${field}: `) ? `${full}: ${error.message.slice(field.length + 2)}` : error.message;
  return new AppError(error.code, message, { ...error.details, field: full });
}

/** Runs a service call for a resolver and reports its refusals under `argument` (see underArgument). */
export async function withArgument<T>(argument: string, call: () => Promise<T>, own?: string[]): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw underArgument(error, argument, own);
  }
}

export const badInput = (field: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field, ...extra });
export const notFound = (type: string, id: unknown) => new AppError(ErrorCode.NOT_FOUND, `${type} ${String(id)} does not exist`, { type, id: String(id) });
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new AppError(ErrorCode.CONFLICT, message, extra);

/** Flattens class-validator's tree into `path: message` pairs, e.g. `input.responsibilities.0.department`. */
export function flattenValidation(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation(e.children ?? [], field)];
  });
}

/** Codes that graphql-js and Apollo set themselves for malformed requests: passed through as they are. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COSTLY',
  'TOO_MANY_ALIASES',
]);

/**
 * Storage failures by driver code: SQLite's result codes (extended ones such as SQLITE_IOERR_WRITE or
 * SQLITE_READONLY_DBMOVED start with the primary name) and PostgreSQL's SQLSTATEs (class 53 is
 * insufficient resources, 53100 disk_full among them; 25006 read_only_sql_transaction; 58030 io_error).
 * The write's transaction was rolled back, so the refusal changed nothing.
 */
const STORAGE_FAILURES: [RegExp, string][] = [
  [/^SQLITE_FULL|^53100$/, 'The database has no room left (disk full): the change was not saved. Reading still works; tell the administrator.'],
  [/^SQLITE_READONLY|^25006$/, 'The database is read-only at the moment: the change was not saved. Reading still works; tell the administrator.'],
  [/^SQLITE_IOERR|^58030$/, 'The database could not write to its storage (I/O error): the change was not saved. Reading still works; tell the administrator.'],
  [/^SQLITE_BUSY|^SQLITE_LOCKED|^53\d\d\d$/, 'The database is too busy to take the change now: it was not saved. Try again in a moment.'],
];

function storageFailure(raw: unknown): AppError | null {
  // The driver's error may sit under a wrapper (Apollo's originalError, an Error's cause).
  for (let e = raw as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; originalError?: unknown } | undefined, depth = 0; e && typeof e === 'object' && depth < 4; e = (e.originalError ?? e.cause) as typeof e, depth++) {
    // Knex waited its whole acquire timeout for a pooled connection: the database is saturated
    // (MikroORM passes it on as a DriverException with Knex's message).
    if (e.name === 'KnexTimeoutError' || (typeof e.message === 'string' && e.message.startsWith('Knex: Timeout acquiring a connection'))) {
      return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The database is too busy to answer now: nothing was changed. Try again in a moment.', { reason: 'POOL_TIMEOUT' });
    }
    if (typeof e.code !== 'string') continue;
    const code = e.code;
    const hit = STORAGE_FAILURES.find(([pattern]) => pattern.test(code));
    if (hit) return new AppError(ErrorCode.SERVICE_UNAVAILABLE, hit[1], { reason: code });
  }
  return null;
}

/** The one place where errors become GraphQL errors. Unknown errors are logged and masked. */
export function toAppError(raw: unknown): AppError | null {
  if (raw instanceof AppError) return raw;
  if (raw instanceof ArgumentValidationError) {
    const problems = flattenValidation(raw.extensions.validationErrors as unknown as ValidationError[]);
    const first = problems[0] ?? { field: 'input', message: 'invalid value' };
    return new AppError(ErrorCode.BAD_USER_INPUT, problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
      field: first.field,
      problems,
    });
  }
  if (raw instanceof OptimisticLockError) {
    return conflict('The row was changed by someone else since you loaded it; reload it and try again.');
  }
  if (raw instanceof UniqueConstraintViolationException) {
    return conflict('Another row already has the same key (for plan rows: the same seq in the same plan).');
  }
  if (raw instanceof DeadlockException) {
    // PostgreSQL 40P01 / 40001: two writes to the same rows at the same moment (e.g. batch pastes of the
    // same rows in different orders); the database rolled this one back whole.
    return conflict('Another change to the same rows was saved at the same moment; this one was not saved. Reload and try again.');
  }
  if (raw instanceof ForeignKeyConstraintViolationException) {
    return conflict('The change would leave a link pointing at a row that does not exist.');
  }
  return storageFailure(raw);
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const raw = unwrapResolverError(error);
  const app = toAppError(raw);
  if (app) {
    return { message: app.message, locations: formatted.locations, path: formatted.path, extensions: { code: app.code, ...app.details } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    const { stacktrace: _drop, http: _http, ...rest } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { ...rest, code } };
  }
  if (raw instanceof GraphQLError && !raw.originalError && raw.extensions?.code && raw.extensions.code !== 'INTERNAL_SERVER_ERROR') {
    return { message: raw.message, locations: formatted.locations, path: formatted.path, extensions: { code: raw.extensions.code } };
  }
  // Apollo's own refusals of a malformed request carry an HTTP 4xx status but sometimes no code
  // (e.g. "provided sha does not match query"): a client error, not a server one.
  const status = (raw instanceof GraphQLError ? (raw.extensions?.http as { status?: unknown } | undefined)?.status : undefined) ?? undefined;
  if (raw instanceof GraphQLError && !raw.originalError && typeof status === 'number' && status >= 400 && status < 500) {
    return { message: raw.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_REQUEST' } };
  }
  console.error('[plan-hub] unexpected error', raw);
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
