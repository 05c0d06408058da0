/**
 * Issue 16's aggregate key: `indicatorsAggregate` over the 100× plan beside the same GROUP BY written
 * by hand, through the same driver (node-sqlite3 / pg), in-process, alternating one run of each so
 * both see the same load on the shared cores. `aggregate.ratio` is the hub's p50 over the SQL's
 * (target: within 3×); the answers are compared group by group before anything is timed.
 *
 * reads.ts measures it per engine; alone (a minute or two):
 *   node --import tsx tests/bench/aggregate.ts [--seconds 6] [--engines sqlite,postgresql]
 */
import 'reflect-metadata';
import { createApp } from '../../server/app';
import { connect, dropAll, loadSynthetic, postgresAnswers, syntheticPlan, tempPostgres, tempSqlite, type Engine, type TempDb } from './fixture';
import { body } from './queries';
import { percentile, round } from './http';

/** Binding indicators by department and role, with their targets' sum and average. */
export const AGGREGATE = `{ indicatorsAggregate(filter: { attribute: BINDING }, groupBy: [DEPARTMENT, ROLE]) { groups {
  key { department { code name } role } count sum { targetValue } avg { targetValue } } } }`;

/** The same question as one would write it by hand. */
const HAND_SQL = `select d.code, d.name, r.role, count(*) as n, sum(i.target_value) as s, avg(i.target_value) as a
  from indicator i join responsibility r on r.indicator_id = i.id join department d on d.id = r.department_id
  where i.attribute = 'BINDING' group by d.id, d.code, d.name, r.role`;

interface Group { code: string; role: string; count: number; sum: number | null }

export async function aggregateBench(db: TempDb, seconds = 6) {
  const hub = await createApp({ database: db.database, seedOnEmpty: false, logger: false, responseCacheMb: 0 });
  const sql = await connect(db);
  try {
    const payload = body(AGGREGATE);
    const viaHub = async (): Promise<Group[]> => {
      const res = await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload });
      const json = res.json();
      if (res.statusCode !== 200 || json.errors) throw new Error(`aggregate: ${res.statusCode} ${JSON.stringify(json.errors ?? json).slice(0, 300)}`);
      return json.data.indicatorsAggregate.groups.map((g: any) => ({ code: g.key.department.code, role: g.key.role, count: g.count, sum: g.sum.targetValue }));
    };
    const viaSql = async (): Promise<Group[]> =>
      (await sql.all<Record<string, unknown>>(HAND_SQL)).map((r) => ({ code: r.code as string, role: r.role as string, count: Number(r.n), sum: r.s == null ? null : Number(r.s) }));

    // Same groups, same counts and sums (to 9 digits: the engines add in their own order).
    const norm = (gs: Group[]) => gs.map((g) => `${g.code}|${g.role}|${g.count}|${g.sum == null ? '' : g.sum.toPrecision(9)}`).sort();
    const [a, b] = [norm(await viaHub()), norm(await viaSql())];
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`aggregate: the hub and the hand-written SQL disagree (${a.length} vs ${b.length} groups)`);

    const hubMs: number[] = [];
    const sqlMs: number[] = [];
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until || hubMs.length < 10) {
      let t = performance.now();
      await viaHub();
      hubMs.push(performance.now() - t);
      t = performance.now();
      await viaSql();
      sqlMs.push(performance.now() - t);
    }
    hubMs.sort((x, y) => x - y);
    sqlMs.sort((x, y) => x - y);
    const hubP50 = percentile(hubMs, 50);
    const sqlP50 = percentile(sqlMs, 50);
    return { groups: a.length, runs: hubMs.length, hubP50Ms: round(hubP50), sqlP50Ms: round(sqlP50), hubP99Ms: round(percentile(hubMs, 99)), ratio: round(hubP50 / sqlP50), targetRatio: 3 };
  } finally {
    await sql.close();
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
  const plan = syntheticPlan(100);
  const out: Record<string, unknown> = { seconds };
  try {
    for (const engine of engines) {
      if (engine === 'postgresql' && !(await postgresAnswers(pgUrl))) continue;
      const db = engine === 'sqlite' ? tempSqlite('aggregate') : await tempPostgres(pgUrl, 'aggregate');
      console.error(`[aggregate] ${engine}: building 100×`);
      await loadSynthetic(db, plan);
      out[engine] = { aggregate: await aggregateBench(db, seconds) };
      console.error(`[aggregate] ${engine}: ${JSON.stringify(out[engine])}`);
    }
  } finally {
    await dropAll();
  }
  console.log(JSON.stringify(out));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
