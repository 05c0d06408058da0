/**
 * Issue 16's dataset download: a saved query of about 20,000 rows (every department with the
 * indicators it leads, at 100×) fetched as CSV, XLSX and JSON over HTTP, beside the same answer as a
 * plain POST /graphql, on one hub process started as `npm start` starts it (answer cache off, so each
 * request runs the query). Median of 3 downloads each; the server's CPU per download from /proc.
 *   node --import tsx tests/bench/datasets.ts [--engines sqlite,postgresql]
 * prints one JSON object (the last line).
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { dropAll, loadSynthetic, postgresAnswers, syntheticPlan, tempDir, tempPostgres, tempSqlite, type Engine } from './fixture';
import { cpuSeconds, gql, round, startServer, stopAll } from './http';

const QUERY = `query AllLeads { departments { code name indicators(role: LEAD) { seq name unit targetValue attribute } } }`;
/** A paged list (read page by page, dataset.pages.ts): the first 1,000 indicators with their departments and year targets. */
const PAGED = `query Paged { indicators(limit: 1000) { items { seq name responsibilities { role department { name } } yearTargets { year targetValue } } } }`;
const ADMIN = { username: 'bench-admin', password: `bench-${process.pid}-${Math.random().toString(36).slice(2)}` };

async function timed(pid: number, run: () => Promise<{ bytes: number }>) {
  const runs: { ms: number; cpuMs: number; bytes: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    const { bytes } = await run();
    runs.push({ ms: performance.now() - t0, cpuMs: (cpuSeconds(pid) - cpu0) * 1000, bytes });
  }
  runs.sort((a, b) => a.ms - b.ms);
  const m = runs[1];
  return { ms: round(m.ms, 0), serverCpuMs: round(m.cpuMs, 0), bytes: m.bytes };
}

async function main() {
  const args = process.argv.slice(2);
  const i = args.indexOf('--engines');
  const engines = (i >= 0 ? args[i + 1] : 'sqlite,postgresql').split(',') as Engine[];
  const pgUrl = 'postgres://postgres@127.0.0.1:5432/test';
  const plan = syntheticPlan(100);
  const logs = tempDir('datasets-logs');
  const out: Record<string, unknown> = {};
  try {
    for (const engine of engines) {
      if (engine === 'postgresql' && !(await postgresAnswers(pgUrl))) continue;
      const db = engine === 'sqlite' ? tempSqlite('datasets') : await tempPostgres(pgUrl, 'datasets');
      console.error(`[datasets] ${engine}: building 100×`);
      await loadSynthetic(db, plan);
      const hub = await startServer(`hub ${engine}`, 'server/main.ts', { DATABASE_URL: db.url, SEED_ON_EMPTY: 'false', LOG: undefined, LOG_REQUESTS: undefined, NODE_ENV: undefined, RESPONSE_CACHE_MB: '0', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password }, join(logs, `hub-${engine}.log`));
      const token = (await gql(hub.url, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: ADMIN.username, p: ADMIN.password })).data.login.token as string;
      const headers = { authorization: `Bearer ${token}` };
      await gql(hub.url, 'mutation($i: DatasetInput!) { saveDataset(input: $i) { name } }', { i: { name: 'all-leads', title: '全部牵头指标', query: QUERY } }, headers);
      const graphql = await gql(hub.url, QUERY, {}, headers);
      const rows = (graphql.data.departments as { indicators: unknown[] }[]).reduce((n, d) => n + d.indicators.length, 0);
      const result: Record<string, unknown> = { rows };
      result.graphqlJson = await timed(hub.proc.pid!, async () => ({ bytes: Buffer.byteLength((await gql(hub.url, QUERY, {}, headers)).text) }));
      for (const format of ['csv', 'json', 'xlsx']) {
        console.error(`[datasets] ${engine}: ${rows} rows as ${format}`);
        result[format] = await timed(hub.proc.pid!, async () => {
          const res = await fetch(`${hub.url}/datasets/all-leads.${format}`, { headers });
          if (!res.ok) throw new Error(`${format}: ${res.status} ${(await res.text()).slice(0, 300)}`);
          return { bytes: (await res.arrayBuffer()).byteLength };
        });
      }
      // The paged list: its CSV beside the same query as one POST /graphql answer.
      await gql(hub.url, 'mutation($i: DatasetInput!) { saveDataset(input: $i) { name } }', { i: { name: 'paged', title: '分页', query: PAGED } }, headers);
      const pagedAnswer = (await gql(hub.url, PAGED, {}, headers)).data.indicators.items as { responsibilities: unknown[]; yearTargets: unknown[] }[];
      const paged: Record<string, unknown> = { rows: pagedAnswer.reduce((n, i) => n + Math.max(1, i.responsibilities.length) * Math.max(1, i.yearTargets.length), 0) };
      paged.graphqlJson = await timed(hub.proc.pid!, async () => ({ bytes: Buffer.byteLength((await gql(hub.url, PAGED, {}, headers)).text) }));
      paged.csv = await timed(hub.proc.pid!, async () => {
        const res = await fetch(`${hub.url}/datasets/paged.csv`, { headers });
        if (!res.ok) throw new Error(`paged csv: ${res.status} ${(await res.text()).slice(0, 300)}`);
        return { bytes: (await res.arrayBuffer()).byteLength };
      });
      paged.csvOverGraphql = round((paged.csv as { ms: number }).ms / (paged.graphqlJson as { ms: number }).ms, 2);
      result.paged = paged;
      await hub.stop();
      out[engine] = result;
      console.error(`[datasets] ${engine}: ${JSON.stringify(result)}`);
    }
  } finally {
    await stopAll();
    await dropAll();
  }
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
