import { readConfig } from './config';
import { createApp } from './app';
import { checkpoint } from './db/pragmas';
import type { Em } from './orm';

const config = readConfig();
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
if (!Number.isFinite(shutdownTimeoutMs) || shutdownTimeoutMs < 0) throw new Error(`SHUTDOWN_TIMEOUT_MS "${process.env.SHUTDOWN_TIMEOUT_MS}" is not a number of milliseconds`);

const hub = await createApp({
  database: config.database,
  seedOnEmpty: config.seedOnEmpty,
  seedFile: config.seedFile,
  security: config.security,
  firstAdmin: config.firstAdmin,
  responseCacheMb: config.responseCacheMb,
  logger: process.env.LOG !== 'false',
});
await hub.app.listen({ port: config.port, host: config.host });
console.log(`Plan Hub: http://localhost:${config.port}/  GraphQL: http://localhost:${config.port}/graphql`);

/**
 * SIGTERM / SIGINT: stop listening (new connections are refused), let the requests in flight finish
 * (each write is one transaction, so it commits or rolls back whole), then close the database —
 * on SQLite after checkpointing the WAL into the database file — and exit 0. Requests still running
 * after SHUTDOWN_TIMEOUT_MS (default 10 s) are abandoned: the process exits 1 and their uncommitted
 * transactions never count, as after a crash. A second signal exits at once.
 */
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    console.error(`Plan Hub: ${signal} again, exiting now`);
    process.exit(130);
  }
  stopping = true;
  console.log(`Plan Hub: ${signal}, finishing the requests in flight (up to ${shutdownTimeoutMs} ms)`);
  const timer = setTimeout(() => {
    // As after a crash: a transaction that has not committed never counts (the WAL or PostgreSQL
    // discards it), and everything committed stays.
    console.error(`Plan Hub: requests still running after ${shutdownTimeoutMs} ms; exiting without them`);
    process.exit(1);
  }, shutdownTimeoutMs);
  // A connection kept alive after its last answer would hold close() for the keep-alive timeout
  // (72 s): close each one as soon as it is idle.
  const idle = setInterval(() => hub.app.server.closeIdleConnections(), 50);
  let code = 0;
  try {
    await hub.app.close();
    clearInterval(idle);
    await checkpoint(hub.orm.em as Em);
    await hub.orm.close(true);
  } catch (error) {
    console.error('Plan Hub: error while shutting down', error);
    code = 1;
  }
  clearTimeout(timer);
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));
