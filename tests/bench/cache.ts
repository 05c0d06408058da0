/**
 * The answer cache with readers that carry a credential, and while people edit (issue 13):
 * - `crossLink.token`: the cached cross-link with a BI tool's API token (`Authorization: Bearer`)
 *   beside the same request without one, in turns; `ratioToAnonymous` is the median over rounds;
 * - `crossLink.underEdits`: the cross-link under load while a standard (a table the cross-link does
 *   not read) is edited every 100 ms through the API; `hitRate` is the share of answers that say
 *   `x-plan-hub-cache: hit`.
 *
 * Part of `npm run bench` (run.ts calls benchCache with the hub it started). On its own, short:
 *   node --import tsx tests/bench/cache.ts [--seconds 6] [--engine sqlite|postgresql]
 * builds the 100× database, starts one hub and prints the numbers as JSON.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CROSS_LINK, body } from './queries';
import { gql, load, round, sideBySide, startServer, stopAll, type LoadResult, type Server } from './http';
import { dropAll, loadSynthetic, medianDepartment, syntheticPlan, tempDir, tempPostgres, tempSqlite, type TempDb } from './fixture';

export interface CacheBenchOptions {
  hub: Server;
  department: string;
  /** Headers of a signed-in admin (creates the API token and makes the edits). */
  adminHeaders: Record<string, string>;
  connections: number;
  rounds: number;
  secondsPerRound: number;
  warmupS: number;
  /** Seconds of load on the cross-link while the edits go on. */
  editS: number;
}

export interface CacheBenchResult {
  token: LoadResult & { ratioToAnonymous: number };
  anonymous: LoadResult;
  underEdits: { hitRate: number; hits: number; misses: number; other: number; edits: number; editFailures: number; editIntervalMs: number; rps: number; p50Ms: number; p99Ms: number };
}

const EDIT_INTERVAL_MS = 100;

export async function benchCache(o: CacheBenchOptions): Promise<CacheBenchResult> {
  const url = `${o.hub.url}/graphql`;
  const crossLink = body(CROSS_LINK, { name: o.department });
  const expectBody = (await gql(o.hub.url, CROSS_LINK, { name: o.department })).text;

  // A BI token, as an admin makes one; the cached cross-link with it beside the anonymous one.
  const made = await gql(o.hub.url, 'mutation { createApiToken(input: { name: "bench BI tool", expiresInDays: 1 }) { token } }', {}, o.adminHeaders);
  const bearer = { authorization: `Bearer ${made.data.createApiToken.token}` };
  const withToken = await gql(o.hub.url, CROSS_LINK, { name: o.department }, bearer);
  if (withToken.text !== expectBody) throw new Error('the cross-link with an API token differs from the anonymous one');
  const common = { url, connections: o.connections, durationS: o.secondsPerRound, body: crossLink, expectBody, pid: o.hub.proc.pid };
  const sbs = await sideBySide([{ name: 'anonymous', ...common }, { name: 'token', ...common, headers: bearer }], o.rounds, o.secondsPerRound, o.warmupS);

  // The cross-link under load while a standard is renamed every 100 ms.
  // The synthetic plan holds no standards: the first run makes one.
  const { data } = await gql(o.hub.url, '{ standards(limit: 1) { items { id } } }');
  const standardId: string =
    data.standards.items[0]?.id ??
    (await gql(o.hub.url, 'mutation { createStandard(input: { seq: 1, name: "基准标准", releaseYear: 2016 }) { id } }', {}, o.adminHeaders)).data.createStandard.id;
  let edits = 0;
  let editFailures = 0;
  let editing = true;
  const editor = (async () => {
    while (editing) {
      const started = performance.now();
      try {
        await gql(o.hub.url, 'mutation($id: ID!, $name: String!) { updateStandard(id: $id, patch: { name: $name }) { version } }', { id: standardId, name: `基准编辑 ${edits}` }, o.adminHeaders);
        edits++;
      } catch {
        editFailures++;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, EDIT_INTERVAL_MS - (performance.now() - started))));
    }
  })();
  const seen = { hit: 0, miss: 0, other: 0 };
  let loaded: LoadResult;
  try {
    loaded = await load({
      url,
      connections: o.connections,
      durationS: o.editS,
      pid: o.hub.proc.pid,
      requests: [
        {
          method: 'POST',
          body: crossLink,
          onResponse(_status, _body, _ctx, headers) {
            const h = headers['x-plan-hub-cache'];
            if (h === 'hit') seen.hit++;
            else if (h === 'miss') seen.miss++;
            else seen.other++;
          },
        },
      ],
    });
  } finally {
    editing = false;
    await editor;
  }
  const total = seen.hit + seen.miss + seen.other;
  return {
    token: { ...sbs.results.token, ratioToAnonymous: sbs.ratios.token },
    anonymous: sbs.results.anonymous,
    underEdits: {
      hitRate: round(seen.hit / Math.max(1, total), 4),
      hits: seen.hit, misses: seen.miss, other: seen.other, edits, editFailures, editIntervalMs: EDIT_INTERVAL_MS,
      rps: loaded.rps, p50Ms: loaded.p50Ms, p99Ms: loaded.p99Ms,
    },
  };
}

/** On its own: one engine, the 100× database, one hub with the cache on. */
async function main() {
  const args = process.argv.slice(2);
  const arg = (name: string, dflt: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const seconds = Number(arg('seconds', '6'));
  const engine = arg('engine', 'sqlite');
  const admin = { username: 'bench-admin', password: `bench-${process.pid}-${Math.random().toString(36).slice(2)}` };
  const logDir = tempDir('cache-logs');
  const plan = syntheticPlan(100);
  let db: TempDb;
  if (engine === 'sqlite') db = tempSqlite('cache-x100');
  else db = await tempPostgres(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', 'cache_x100');
  try {
    await loadSynthetic(db, plan);
    const department = medianDepartment(plan).department.aliases[0];
    const hub = await startServer(`hub ${engine} 100×`, 'server/main.ts',
      { DATABASE_URL: db.url, SEED_ON_EMPTY: 'false', LOG: undefined, LOG_REQUESTS: undefined, NODE_ENV: undefined, ADMIN_USERNAME: admin.username, ADMIN_PASSWORD: admin.password },
      join(logDir, `hub-${engine}.log`));
    const login = await gql(hub.url, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: admin.username, p: admin.password });
    const result = await benchCache({
      hub, department, adminHeaders: { authorization: `Bearer ${login.data.login.token}` },
      connections: 10, rounds: 3, secondsPerRound: seconds / 3, warmupS: 1, editS: seconds,
    });
    console.log(JSON.stringify({ engine, department, crossLink: { rps: result.anonymous.rps, token: { rps: result.token.rps, ratioToAnonymous: result.token.ratioToAnonymous, serverCpuMsPerRequest: result.token.serverCpuMsPerRequest }, anonymousServerCpuMsPerRequest: result.anonymous.serverCpuMsPerRequest, underEdits: result.underEdits } }, null, 2));
  } finally {
    await stopAll();
    await dropAll([logDir]);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
