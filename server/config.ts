import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type DatabaseConfig =
  | { engine: 'sqlite'; path: string }
  | { engine: 'postgresql'; url: string };

/**
 * DATABASE_URL forms: `sqlite:<path>` (relative to the working directory), `sqlite::memory:`,
 * or `postgres://user@host:port/db` / `postgresql://…`.
 */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  const u = url.trim();
  if (u.startsWith('sqlite:')) {
    const path = u.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new Error(`DATABASE_URL "${url}" names no file: use sqlite:<path>, e.g. sqlite:data/plan-hub.db`);
    return { engine: 'sqlite', path: path === ':memory:' ? ':memory:' : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(u)) return { engine: 'postgresql', url: u };
  throw new Error(`DATABASE_URL "${url}" is not understood: use sqlite:<path> or postgres://user@host:port/database`);
}

export interface SecurityConfig {
  /** Anonymous requests may read (public supervision); they never write. */
  anonymousRead: boolean;
  introspection: boolean;
  sessionTtlHours: number;
  /** Mark the session cookie Secure (set when served over HTTPS). */
  cookieSecure: boolean;
  maxQueryDepth: number;
  maxQueryCost: number;
  /** Aliased fields per operation (fragments expanded). */
  maxAliases: number;
  /** Operations in one batched request (a JSON array); 1 turns batching off. */
  maxBatchOperations: number;
  /** Request body size in bytes; by default enough for the largest import (IMPORT_MAX_BYTES as base64). */
  maxBodyBytes?: number;
  /** GRAPHQL_ALLOW_ONLY_PERSISTED: anonymous readers and API tokens may run only saved datasets' queries on /graphql (server/datasets). */
  allowOnlyPersisted?: boolean;
}

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Seed the plan from seedFile when the database has no plan yet. */
  seedOnEmpty: boolean;
  /** The whole-plan JSON that `npm run seed` and a first start load (SEED_FILE). */
  seedFile: string;
  security: SecurityConfig;
  /** The first admin, created on the first start of a database without users. */
  firstAdmin: { username: string; password: string } | null;
  /** Megabytes for the whole-answer cache of reads (server/cache); 0 turns it off. */
  responseCacheMb: number;
}

/**
 * The plan's seed: a whole-plan JSON document in the import format, found by path from the checkout's
 * root (not imported: the server reads seeds/ as data). SEED_FILE, relative to the working directory,
 * names another.
 */
export const DEFAULT_SEED_FILE = fileURLToPath(new URL('../seeds/binjiang-13th.json', import.meta.url));

export const DEFAULT_SECURITY: SecurityConfig = {
  anonymousRead: true,
  introspection: true,
  sessionTtlHours: 12,
  cookieSecure: false,
  maxQueryDepth: 12,
  maxQueryCost: 250_000,
  maxAliases: 30,
  maxBatchOperations: 10,
};

function flag(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value == null || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`${name} "${value}" is not true or false`);
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value == null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} "${value}" is not a positive number`);
  return n;
}

function nonNegative(value: string | undefined, fallback: number, name: string): number {
  if (value == null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} "${value}" is not a number of 0 or more`);
  return n;
}

/** Evidence files of the ledger (server/evidence). */
export interface EvidenceConfig {
  /**
   * EVIDENCE_DIR: keep file contents in this directory (named by their SHA-256) instead of the
   * database, e.g. a volume several hub processes share; null: in the database.
   */
  dir: string | null;
  /** EVIDENCE_MAX_MB: the largest file accepted, in bytes (default 20 MB). */
  maxBytes: number;
  /** EVIDENCE_MAX_FILES: files one ledger entry may hold (default 20). */
  maxFilesPerEntry: number;
}

export const DEFAULT_EVIDENCE: EvidenceConfig = { dir: null, maxBytes: 20 * 1024 * 1024, maxFilesPerEntry: 20 };

export function evidenceConfig(env: NodeJS.ProcessEnv = process.env): EvidenceConfig {
  const files = positive(env.EVIDENCE_MAX_FILES, DEFAULT_EVIDENCE.maxFilesPerEntry, 'EVIDENCE_MAX_FILES');
  if (!Number.isInteger(files)) throw new Error(`EVIDENCE_MAX_FILES "${env.EVIDENCE_MAX_FILES}" is not a whole number`);
  return {
    dir: env.EVIDENCE_DIR?.trim() ? resolve(env.EVIDENCE_DIR.trim()) : null,
    maxBytes: Math.floor(positive(env.EVIDENCE_MAX_MB, DEFAULT_EVIDENCE.maxBytes / 1024 / 1024, 'EVIDENCE_MAX_MB') * 1024 * 1024),
    maxFilesPerEntry: files,
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT "${env.PORT}" is not a port number`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    database: parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:data/plan-hub.db'),
    seedOnEmpty: flag(env.SEED_ON_EMPTY, true, 'SEED_ON_EMPTY'),
    seedFile: env.SEED_FILE?.trim() ? resolve(env.SEED_FILE.trim()) : DEFAULT_SEED_FILE,
    security: {
      anonymousRead: flag(env.ANONYMOUS_READ, DEFAULT_SECURITY.anonymousRead, 'ANONYMOUS_READ'),
      introspection: flag(env.INTROSPECTION, DEFAULT_SECURITY.introspection, 'INTROSPECTION'),
      sessionTtlHours: positive(env.SESSION_TTL_HOURS, DEFAULT_SECURITY.sessionTtlHours, 'SESSION_TTL_HOURS'),
      cookieSecure: flag(env.COOKIE_SECURE, DEFAULT_SECURITY.cookieSecure, 'COOKIE_SECURE'),
      maxQueryDepth: positive(env.MAX_QUERY_DEPTH, DEFAULT_SECURITY.maxQueryDepth, 'MAX_QUERY_DEPTH'),
      maxQueryCost: positive(env.MAX_QUERY_COST, DEFAULT_SECURITY.maxQueryCost, 'MAX_QUERY_COST'),
      maxAliases: nonNegative(env.MAX_ALIASES, DEFAULT_SECURITY.maxAliases, 'MAX_ALIASES'),
      maxBatchOperations: positive(env.MAX_BATCH_OPERATIONS, DEFAULT_SECURITY.maxBatchOperations, 'MAX_BATCH_OPERATIONS'),
      allowOnlyPersisted: flag(env.GRAPHQL_ALLOW_ONLY_PERSISTED, false, 'GRAPHQL_ALLOW_ONLY_PERSISTED'),
      maxBodyBytes: env.MAX_BODY_BYTES ? positive(env.MAX_BODY_BYTES, 0, 'MAX_BODY_BYTES') : undefined,
    },
    firstAdmin: env.ADMIN_USERNAME && env.ADMIN_PASSWORD ? { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD } : null,
    responseCacheMb: nonNegative(env.RESPONSE_CACHE_MB, 64, 'RESPONSE_CACHE_MB'),
  };
}

/** Live subscriptions (server/live): GraphQL over WebSocket at /graphql. */
export interface LiveConfig {
  /** LIVE_MAX_CONNECTIONS: open subscription connections in all (default 2,000). */
  maxConnections: number;
  /** LIVE_MAX_CONNECTIONS_PER_USER: per account, or per address when signed out (default 20: a few tabs). */
  maxConnectionsPerUser: number;
  /** LIVE_KEEPALIVE_MS: the server pings each connection this often and drops one that has not answered the last ping (default 12 s). */
  keepAliveMs: number;
  /** LIVE_MAX_ROWS: a change set with more changed rows is announced as `reload` (default 500). */
  maxRowsPerMessage: number;
  /** LIVE_RETENTION_MINUTES: how long the change log keeps a change for clients catching up (default 60). */
  retentionMinutes: number;
  /** LIVE_POLL_MS: SQLite only, how often the log is looked at while someone is subscribed (default 250 ms). */
  pollMs: number;
  /** LIVE_RECHECK_MS: how often each open connection's credential is checked again, so a sign-out, an expired session, a revoked token or a changed role reaches sockets already open (default 15 s). */
  recheckMs: number;
  /** LIVE_PRESENCE_EDIT_MS: a row marked as being edited (setEditing) is released when not renewed within this (default 60 s). */
  presenceEditMs: number;
  /** LIVE_PRESENCE_BEAT_MS: PostgreSQL only, how often a process tells the others it is still there; silent for three beats, its people are forgotten (default 20 s). */
  presenceBeatMs: number;
}

export const DEFAULT_LIVE: LiveConfig = { maxConnections: 2000, maxConnectionsPerUser: 20, keepAliveMs: 12_000, maxRowsPerMessage: 500, retentionMinutes: 60, pollMs: 250, recheckMs: 15_000, presenceEditMs: 60_000, presenceBeatMs: 20_000 };

export function liveConfig(env: NodeJS.ProcessEnv = process.env): LiveConfig {
  const whole = (name: string, fallback: number) => {
    const n = positive(env[name], fallback, name);
    if (!Number.isInteger(n)) throw new Error(`${name} "${env[name]}" is not a whole number`);
    return n;
  };
  return {
    maxConnections: whole('LIVE_MAX_CONNECTIONS', DEFAULT_LIVE.maxConnections),
    maxConnectionsPerUser: whole('LIVE_MAX_CONNECTIONS_PER_USER', DEFAULT_LIVE.maxConnectionsPerUser),
    keepAliveMs: whole('LIVE_KEEPALIVE_MS', DEFAULT_LIVE.keepAliveMs),
    maxRowsPerMessage: whole('LIVE_MAX_ROWS', DEFAULT_LIVE.maxRowsPerMessage),
    retentionMinutes: positive(env.LIVE_RETENTION_MINUTES, DEFAULT_LIVE.retentionMinutes, 'LIVE_RETENTION_MINUTES'),
    pollMs: whole('LIVE_POLL_MS', DEFAULT_LIVE.pollMs),
    recheckMs: whole('LIVE_RECHECK_MS', DEFAULT_LIVE.recheckMs),
    presenceEditMs: whole('LIVE_PRESENCE_EDIT_MS', DEFAULT_LIVE.presenceEditMs),
    presenceBeatMs: whole('LIVE_PRESENCE_BEAT_MS', DEFAULT_LIVE.presenceBeatMs),
  };
}
