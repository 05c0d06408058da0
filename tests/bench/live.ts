/**
 * Live changes (issue 17), run once by hand:
 *
 *   npx tsx tests/bench/live.ts [--engine sqlite|postgresql] [--rows 20000] [--subscribers 200] [--edits 40]
 *   (PostgreSQL: BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres)
 *
 * - import: what the change-log triggers cost the bulk import — the driver's raw insert without and
 *   with the live triggers, the importer (server/transfer) with them, and the importer with them dropped.
 * - delivery: a hub process (as `npm start`) with `subscribers` graphql-ws connections subscribed to
 *   INDICATORS; `edits` single-row edits, one after another, each through HTTP; for every delivery,
 *   the time from the edit's commit (its HTTP answer) to the message at the subscriber, p50/p99; and
 *   the hub's resident memory per subscriber (RSS with them connected minus before, divided).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { connect, dropAll, tempDir, tempPostgres, tempSqlite, migrate, type TempDb } from './fixture';
import { importPlan, importThroughTransfer, rawInsert } from './import';
import { startHubProcess } from '../reliability/hub-process';
import { LIVE_SQL_TABLES } from '../../server/live/tables';

const { values: opt } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    rows: { type: 'string', default: '20000' },
    subscribers: { type: 'string', default: '200' },
    edits: { type: 'string', default: '40' },
    only: { type: 'string' },
  },
});
const engine = opt.engine as 'sqlite' | 'postgresql';
const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const mk = (name: string) => (engine === 'sqlite' ? Promise.resolve(tempSqlite(name)) : tempPostgres(pgUrl, name));

async function dropLiveTriggers(db: TempDb) {
  const sql = await connect(db);
  try {
    for (const t of LIVE_SQL_TABLES) {
      for (const e of ['insert', 'update', 'delete']) await sql.run(engine === 'sqlite' ? `drop trigger if exists "${t}_${e}_live"` : `drop trigger if exists "${t}_${e}_live" on "${t}"`);
    }
  } finally {
    await sql.close();
  }
}

async function benchImport() {
  const rows = Number(opt.rows);
  const plan = importPlan(rows);
  const raw = await mk('raw');
  await migrate(raw);
  await dropLiveTriggers(raw);
  const floor = await rawInsert(raw, plan);
  // The triggers alone: the same raw insert into a database that has them.
  const rawLive = await rawInsert(await mk('rawlive'), plan);
  const withTriggers = await importThroughTransfer(raw, await mk('with'), plan, tempDir('csv'));
  const bare = await mk('without');
  await migrate(bare);
  await dropLiveTriggers(bare);
  const without = await importThroughTransfer(raw, bare, plan, tempDir('csv'));
  const out = {
    engine, rows,
    rawInsertRowsPerSec: floor.rowsPerSec,
    rawInsertWithLiveTriggersRowsPerSec: rawLive.rowsPerSec,
    importWithLiveTriggersRowsPerSec: withTriggers!.rowsPerSec,
    importWithoutLiveTriggersRowsPerSec: without!.rowsPerSec,
    triggerCostPct: Math.round((1 - withTriggers!.rowsPerSec / without!.rowsPerSec) * 1000) / 10,
    importShareOfRaw: Math.round((withTriggers!.rowsPerSec / floor.rowsPerSec) * 100) / 100,
  };
  console.log(JSON.stringify({ import: out }));
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10;
};

async function benchDelivery() {
  const db = await mk('delivery');
  const hub = await startHubProcess(db.url, { LIVE_MAX_CONNECTIONS_PER_USER: '1000' });
  const token = await hub.login();
  const rows = (await hub.gql('{ indicators(limit: 100) { items { id } } }')).body!.data.indicators.items as { id: string }[];
  await new Promise((r) => setTimeout(r, 1000));
  const before = hub.rssKb();
  const n = Number(opt.subscribers);
  const arrivals = new Map<string, number[]>(); // "id:version" -> arrival times
  const clients = [];
  let ready = 0;
  for (let i = 0; i < n; i++) {
    const client = createClient({ url: `ws://127.0.0.1:${hub.port}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0, onNonLazyError: () => {} });
    client.on('connected', () => ready++);
    client.subscribe({ query: 'subscription { rowsChanged(table: INDICATORS) { generation rows { id version kind } } }' }, {
      next: (m: any) => {
        const now = performance.now();
        for (const r of m.data.rowsChanged.rows) {
          const k = `${r.id}:${r.version}`;
          (arrivals.get(k) ?? arrivals.set(k, []).get(k)!).push(now);
        }
      },
      error: (e) => console.error('subscriber error', e),
      complete: () => {},
    });
    clients.push(client);
  }
  while (ready < n) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 2000));
  global.gc?.();
  const after = hub.rssKb();
  const latencies: number[] = [];
  const mutationMs: number[] = [];
  for (let i = 0; i < Number(opt.edits); i++) {
    const id = rows[i % rows.length].id;
    const sent = performance.now();
    const r = await hub.gql(`mutation($id: ID!, $u: String!) { updateIndicator(id: $id, patch: { unit: $u }) { version } }`, { id, u: `单位${i}` }, token);
    const committed = performance.now();
    mutationMs.push(committed - sent);
    const key = `${id}:${r.body!.data.updateIndicator.version}`;
    const deadline = committed + 5000;
    while ((arrivals.get(key)?.length ?? 0) < n && performance.now() < deadline) await new Promise((res) => setTimeout(res, 5));
    const got = arrivals.get(key) ?? [];
    if (got.length < n) console.error(`edit ${i}: only ${got.length} of ${n} subscribers got it within 5 s`);
    // Commit lies between sending and the answer: measured from the answer, a delivery can come first (0).
    for (const t of got) latencies.push(Math.max(0, t - committed));
  }
  // Presence: every subscriber also joins the table's presence list; another user marks a row and
  // the time until each subscriber's list shows the mark is taken, with the memory it adds.
  const marker = { u: 'bench-marker', p: `bench-${process.pid}-marker-pw` };
  await hub.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username: marker.u, password: marker.p, role: 'ADMIN' } }, token);
  const markerToken = (await hub.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: marker.u, p: marker.p })).body!.data.login.token as string;
  const markRow = rows[0].id;
  let listed = 0;
  let markSent = 0;
  const markSeen: number[] = [];
  const sawMark = new Set<number>();
  clients.forEach((c, i) => {
    let first = true;
    c.subscribe({ query: 'subscription { presence(table: INDICATORS) { key username rowId } }' }, {
      next: (m: any) => {
        if (first) {
          first = false;
          listed++;
        }
        if (markSent && !sawMark.has(i) && (m.data?.presence ?? []).some((e: { rowId: string | null }) => e.rowId === markRow)) {
          sawMark.add(i);
          markSeen.push(performance.now() - markSent);
        }
      },
      error: (e) => console.error('presence error', e),
      complete: () => {},
    });
  });
  while (listed < n) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 2000));
  const withPresence = hub.rssKb();
  const markerClient = createClient({ url: `ws://127.0.0.1:${hub.port}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${markerToken}` }, lazy: false, retryAttempts: 0, onNonLazyError: () => {} });
  await new Promise<void>((resolve) => {
    markerClient.subscribe({ query: 'subscription { presence(table: INDICATORS) { key } }' }, { next: () => resolve(), error: (e) => console.error('marker presence error', e), complete: () => {} });
  });
  await new Promise((r) => setTimeout(r, 1000)); // every list has the marker (not yet editing)
  markSent = performance.now();
  await new Promise<void>((resolve, reject) => {
    markerClient.subscribe({ query: 'mutation($id: ID) { setEditing(table: INDICATORS, rowId: $id) }', variables: { id: markRow } }, { next: () => {}, error: reject, complete: () => resolve() });
  });
  const deadline = performance.now() + 5000;
  while (sawMark.size < n && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  if (sawMark.size < n) console.error(`presence: only ${sawMark.size} of ${n} subscribers saw the mark within 5 s`);
  await markerClient.dispose();
  console.log(JSON.stringify({
    presence: {
      engine, subscribers: n, sawMark: sawMark.size,
      markToListMs: { p50: pct(markSeen, 50), p99: pct(markSeen, 99), max: pct(markSeen, 100) },
      kbPerPresenceSubscription: Math.round(((withPresence - after) / n) * 10) / 10,
    },
  }));
  console.log(JSON.stringify({
    delivery: {
      engine, subscribers: n, edits: Number(opt.edits), deliveries: latencies.length,
      commitToDeliveryMs: { p50: pct(latencies, 50), p99: pct(latencies, 99), max: pct(latencies, 100) },
      mutationRoundTripMs: { p50: pct(mutationMs, 50) },
      hubRssKbBefore: before, hubRssKbWithSubscribers: after, kbPerSubscriber: Math.round(((after - before) / n) * 10) / 10,
    },
  }));
  await Promise.all(clients.map((c) => c.dispose()));
  hub.proc.kill('SIGTERM');
  await hub.exited;
}

try {
  if (opt.only !== 'delivery') await benchImport();
  if (opt.only !== 'import') await benchDelivery();
} finally {
  await dropAll();
}
