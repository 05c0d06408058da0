/**
 * Issue 13's read keys: what running a read costs with the answer cache off, at 100×.
 *
 * - `crossLink.uncached.ratioToHello`: the cross-link on a hub started with RESPONSE_CACHE_MB=0,
 *   side by side with the hello-world Apollo server in turns (http.ts sideBySide), median of rounds;
 * - `page.<n>.serverCpuMsPerRequest` for n = 100 and 1000: the grid page one request at a time, the
 *   server process's CPU (user + system from /proc) per request;
 * - `page.client100`: the indicators grid's own page of 100 as the client asks it (timestamps, progress);
 * - `aggregate`: indicatorsAggregate beside the same GROUP BY by hand (aggregate.ts), p50 ratio;
 * - `statements.departmentsWithArgs`: SQL statements for every department with its indicators
 *   narrowed by plan code and role, counted in-process (onQuery).
 *
 * run.ts takes departmentsWithArgsStatements for the full bench; alone, this file measures just these
 * keys in a minute or two per engine:
 *   node --import tsx tests/bench/reads.ts [--seconds 6] [--engines sqlite,postgresql]
 * and prints one JSON object (the last line).
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { createApp } from '../../server/app';
import { dropAll, loadSynthetic, medianDepartment, postgresAnswers, syntheticPlan, tempDir, tempPostgres, tempSqlite, type Engine, type TempDb } from './fixture';
import { CLIENT_PAGE, CROSS_LINK, GRID_PAGE, HELLO, body } from './queries';
import { Sequential, gql, round, sideBySide, startServer, stopAll } from './http';
import { aggregateBench } from './aggregate';

export const DEPARTMENTS_WITH_ARGS = `query DepartmentsWithArgs($plan: String!) {
  departments { code indicators(planCode: $plan, role: LEAD) { seq name } }
}`;

/** Statements for all departments with their indicators filtered by plan code and role, in-process. */
export async function departmentsWithArgsStatements(db: TempDb): Promise<{ statements: number; departments: number; indicators: number }> {
  const statements: string[] = [];
  const hub = await createApp({ database: db.database, seedOnEmpty: false, logger: false, responseCacheMb: 0, onQuery: (m) => void (m.includes('[query]') && statements.push(m)) });
  try {
    const inject = async (payload: string) => {
      const res = await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload });
      const json = res.json();
      if (res.statusCode !== 200 || json.errors) throw new Error(`departments with arguments: ${res.statusCode} ${JSON.stringify(json.errors ?? json).slice(0, 300)}`);
      return json.data;
    };
    const plan = (await inject(body('{ plans { code } }'))).plans[0].code as string;
    await inject(body(DEPARTMENTS_WITH_ARGS, { plan })); // warm: first-request work (schema, plans) is not the shape's
    statements.length = 0;
    const data = await inject(body(DEPARTMENTS_WITH_ARGS, { plan }));
    return { statements: statements.length, departments: data.departments.length, indicators: data.departments.reduce((n: number, d: { indicators: unknown[] }) => n + d.indicators.length, 0) };
  } finally {
    await hub.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const seconds = Number(opt('seconds') ?? 6);
  const pgUrl = 'postgres://postgres@127.0.0.1:5432/test';
  const engines = (opt('engines') ?? 'sqlite,postgresql').split(',').filter((e) => e === 'sqlite' || e === 'postgresql') as Engine[];
  const logs = tempDir('reads-logs');
  const plan = syntheticPlan(100);
  const department = medianDepartment(plan).department.aliases[0];
  const out: Record<string, unknown> = { seconds, department };
  try {
    for (const engine of engines) {
      if (engine === 'postgresql' && !(await postgresAnswers(pgUrl))) continue;
      const db = engine === 'sqlite' ? tempSqlite('reads') : await tempPostgres(pgUrl, 'reads');
      console.error(`[reads] ${engine}: building 100×`);
      await loadSynthetic(db, plan);
      const statements = await departmentsWithArgsStatements(db);
      const [hello, hub] = await Promise.all([
        startServer('hello', 'tests/bench/hello-server.ts', { NODE_ENV: undefined }, join(logs, `hello-${engine}.log`), '/'),
        startServer(`hub ${engine} uncached`, 'server/main.ts', { DATABASE_URL: db.url, SEED_ON_EMPTY: 'false', LOG: undefined, LOG_REQUESTS: undefined, NODE_ENV: undefined, RESPONSE_CACHE_MB: '0' }, join(logs, `hub-${engine}.log`)),
      ]);
      const cross = await gql(hub.url, CROSS_LINK, { name: department });
      const helloText = (await gql(hello.url, HELLO)).text;
      console.error(`[reads] ${engine}: cross-link (${cross.data.department.indicators.length} indicators) beside hello-world`);
      const rounds = 3;
      const sbs = await sideBySide([
        { name: 'hello', url: `${hello.url}/`, connections: 10, durationS: seconds, body: body(HELLO), expectBody: helloText, pid: hello.proc.pid },
        { name: 'hubUncached', url: `${hub.url}/graphql`, connections: 10, durationS: seconds, body: body(CROSS_LINK, { name: department }), expectBody: cross.text, pid: hub.proc.pid },
      ], rounds, seconds / rounds, 1);
      await hello.stop();
      const page: Record<string, unknown> = {};
      for (const n of [100, 1000]) {
        console.error(`[reads] ${engine}: grid page of ${n}`);
        const s = new Sequential(`${hub.url}/graphql`, body(GRID_PAGE, { limit: n }), hub.proc.pid);
        await s.slice(seconds / 2, 10);
        const r = s.result();
        page[n] = { serverCpuMsPerRequest: r.serverCpuMsPerRequest, p50Ms: r.p50Ms, p99Ms: r.p99Ms, requests: r.requests, errors: r.errors, mismatches: r.mismatches };
      }
      {
        console.error(`[reads] ${engine}: the indicators grid's own page of 100 (with progress)`);
        const check = await gql(hub.url, CLIENT_PAGE, { limit: 100 });
        if (check.data?.indicators?.items?.length !== 100) throw new Error(`client page: ${check.text.slice(0, 300)}`);
        const s = new Sequential(`${hub.url}/graphql`, body(CLIENT_PAGE, { limit: 100 }), hub.proc.pid);
        await s.slice(seconds / 2, 10);
        const r = s.result();
        page.client100 = { serverCpuMsPerRequest: r.serverCpuMsPerRequest, p50Ms: r.p50Ms, p99Ms: r.p99Ms, requests: r.requests, errors: r.errors, mismatches: r.mismatches };
      }
      await hub.stop();
      const u = sbs.results.hubUncached;
      out[engine] = {
        crossLink: { uncached: { ratioToHello: sbs.ratios.hubUncached, rps: u.rps, p50Ms: u.p50Ms, serverCpuMsPerRequest: u.serverCpuMsPerRequest, errors: u.errors + u.non2xx + u.mismatches }, helloRps: sbs.results.hello.rps, helloCpuMsPerRequest: sbs.results.hello.serverCpuMsPerRequest },
        page,
        statements: { departmentsWithArgs: statements.statements, departments: statements.departments, indicators: statements.indicators },
        aggregate: await aggregateBench(db, seconds), // issue 16: an aggregate beside its GROUP BY by hand (tests/bench/aggregate.ts)
      };
      console.error(`[reads] ${engine}: ${JSON.stringify(out[engine])}`);
    }
  } finally {
    await stopAll();
    await dropAll();
  }
  console.log(JSON.stringify({ ...out, roundedAt: round(Date.now() / 1000, 0) }));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
