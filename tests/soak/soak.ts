import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { freshPgDatabase, startHubProcess, type GqlAnswer, type HubProcess } from '../reliability/hub-process';

/**
 * The soak: a hub started as `npm start` starts it, and at once
 * - readers of every table (paged, filtered, sorted), the audit trail and the users;
 * - 20 editors changing indicators with versions: a pool of 30 rows, so they collide, and one edit
 *   in ten sent on purpose with a version the editor knows is stale; a quarter of them batch pastes;
 * - a bulk import (the importTable mutation, 500 indicators of a plan of their own, renamed each time);
 * - a department page reader (the department page's query).
 * At the end it checks that nothing was lost: every acknowledged edit is in the audit trail and the
 * last one of each row is the row's value; no refused edit left a trace; the last acknowledged import is
 * what the imported plan holds.
 */
export interface SoakOptions {
  durationMs: number;
  /** postgres://… to soak on PostgreSQL (a database of its own is created next to it); SQLite otherwise. */
  pgUrl?: string | null;
  editors?: number;
  /** Memory is compared from the end of the warm-up (a fraction of the duration) to the end. */
  warmupFraction?: number;
  log?: (line: string) => void;
}

export interface LatencyRow {
  kind: string;
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface SoakReport {
  engine: 'sqlite' | 'postgresql';
  durationS: number;
  requests: number;
  /** HTTP answers of 500 or more. */
  http5xx: number;
  /** Answers with INTERNAL_SERVER_ERROR (masked unexpected errors), whatever their status. */
  internalErrors: number;
  /** Requests that got no HTTP answer at all. */
  networkErrors: number;
  errorCodes: Record<string, number>;
  edits: { acknowledged: number; refused: number; refusedStale: number; batches: number; rowsEdited: number };
  imports: { acknowledged: number; refused: number; rowsPerImport: number };
  /** Acknowledged edits missing from the final data or the audit trail, and refused ones found there. */
  lostUpdates: number;
  phantomWrites: number;
  importMismatches: number;
  problems: string[];
  /** The hub's own log lines about unexpected errors (first 2,000 characters). */
  hubErrors: string;
  memory: { warmRssMb: number; endRssMb: number; peakRssMb: number; growthPct: number };
  latencies: LatencyRow[];
  loadAverage: { start: number[]; end: number[] };
}

const EDIT = 'mutation($id: ID!, $v: Int, $name: String) { updateIndicator(id: $id, patch: { name: $name }, expectedVersion: $v) { id name version } }';
const BATCH = 'mutation($input: BatchEditInput!) { batchUpdate(input: $input) { indicators { id name version } } }';
const ROW = 'query($id: ID!) { indicator(id: $id) { id name version } }';
const UNITS = 'responsibilities { id role note department { id name } }';
const DEPARTMENT_PAGE = `query DepartmentPage($name: String!, $role: ResponsibilityRole) {
  department(name: $name) {
    id code name nameEn aliases
    indicators(role: $role) { id seq name unit targetText attribute ${UNITS} specialTargets { id seq title } }
    specialTargets(role: $role) { id seq title assessmentMethods ${UNITS} indicators { id seq name } }
    rectifications(role: $role) { id seq problem deadlineYear status ${UNITS} }
    innovationTopics(role: $role) { id seq field title ${UNITS} }
    standards(role: $role) { id seq name releaseYear ${UNITS} }
  }
}`;
const READS: [string, string][] = [
  ['read:indicators', `query($o: Int) { indicators(limit: 100, offset: $o, orderBy: [{ field: "seq" }]) { totalCount items { id seq name unit targetText version ${UNITS} } } }`],
  ['read:specialTargets', `query($o: Int) { specialTargets(limit: 50, offset: $o) { totalCount items { id seq title version ${UNITS} } } }`],
  ['read:rectifications', `query($o: Int) { rectifications(limit: 50, offset: $o) { totalCount items { id seq problem status version ${UNITS} } } }`],
  ['read:innovationTopics', `query($o: Int) { innovationTopics(limit: 50, offset: $o) { totalCount items { id seq title field version } } }`],
  ['read:standards', `query($o: Int) { standards(limit: 50, offset: $o) { totalCount items { id seq name releaseYear version } } }`],
  ['read:departments', '{ departments { id code name aliases } }'],
  ['read:plans', '{ plans { id code name startYear } }'],
  ['read:auditLog', 'query($o: Int) { auditLog(limit: 50, offset: $o) { id entity entityId field before after } }'],
  ['read:users', '{ users { id username role } }'],
];
const BULK_PLAN = 'soak-bulk';
const BULK_ROWS = 500;

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Attempt {
  rows: { id: string; value: string }[];
  outcome: 'ack' | 'refused' | 'unknown';
  versions?: Map<string, number>;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const editors = options.editors ?? 20;
  const engine = options.pgUrl ? 'postgresql' : 'sqlite';
  const loadStart = loadavg().map((x) => Math.round(x * 100) / 100);
  let dir: string | null = null;
  let dropPg: (() => Promise<void>) | null = null;
  let databaseUrl: string;
  if (options.pgUrl) {
    const db = await freshPgDatabase(options.pgUrl, 'planhub_soak');
    databaseUrl = db.url;
    dropPg = db.drop;
  } else {
    dir = mkdtempSync(join(tmpdir(), 'plan-hub-soak-'));
    databaseUrl = `sqlite:${join(dir, 'hub.db')}`;
  }

  let hub: HubProcess | null = null;
  try {
    hub = await startHubProcess(databaseUrl);
    const h = hub;
    const token = await h.login();

    const latencies = new Map<string, number[]>();
    const errorCodes: Record<string, number> = {};
    let requests = 0;
    let http5xx = 0;
    let internalErrors = 0;
    let networkErrors = 0;
    const problems: string[] = [];
    /** One request, timed and counted; null when no HTTP answer came. */
    const call = async (kind: string, query: string, variables?: Record<string, unknown>): Promise<GqlAnswer | null> => {
      const t0 = performance.now();
      requests++;
      try {
        const res = await h.gql(query, variables, token);
        const ms = performance.now() - t0;
        let list = latencies.get(kind);
        if (!list) latencies.set(kind, (list = []));
        list.push(ms);
        if (res.status >= 500) {
          http5xx++;
          if (problems.length < 20) problems.push(`${kind}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        }
        for (const e of res.body?.errors ?? []) {
          const code = String(e.extensions?.code ?? 'NO_CODE');
          errorCodes[code] = (errorCodes[code] ?? 0) + 1;
          if (code === 'INTERNAL_SERVER_ERROR' || code === 'NO_CODE') {
            internalErrors++;
            if (problems.length < 20) problems.push(`${kind}: ${code} ${e.message}`);
          }
        }
        return res;
      } catch (e) {
        networkErrors++;
        if (problems.length < 20) problems.push(`${kind}: no answer (${(e as Error).message})`);
        return null;
      }
    };

    // Setup: the rows the editors share, the department names, and a plan of its own for the import.
    const pool: string[] = (await h.gql('{ indicators(limit: 30, orderBy: [{ field: "seq" }]) { items { id } } }', {}, token)).body!.data.indicators.items.map((r: any) => r.id);
    const departments: string[] = (await h.gql('{ departments { name } }', {}, token)).body!.data.departments.map((d: any) => d.name);
    const planCsv = `代码,名称,英文名称,起始年份,结束年份\n${BULK_PLAN},压力测试用规划,Soak test plan,2011,2015\n`;
    const planImport = await h.gql('mutation($c: String!) { importTable(input: { table: PLANS, format: CSV, content: $c, dryRun: false }) { applied problemCount } }', { c: planCsv }, token);
    if (!planImport.body?.data?.importTable?.applied) throw new Error(`could not create the soak plan: ${JSON.stringify(planImport.body)}`);
    const bulkCsv = (round: number) => {
      const lines = ['序号,指标名称,单位,目标值,指标属性,责任单位'];
      for (let i = 1; i <= BULK_ROWS; i++) lines.push(`${i},批量指标${i}（第${round}轮）,个,达到${i}以上,预期性,区发改局:牵头; 区科技局:配合`);
      return lines.join('\n');
    };

    const started = Date.now();
    const deadline = started + options.durationMs;
    const warmAt = started + options.durationMs * (options.warmupFraction ?? 0.2);
    let stop = false;
    const running = () => !stop && Date.now() < deadline;

    // Memory: sampled each second; the value at the end of the warm-up is compared with the last one.
    let warmRss = 0;
    let endRss = 0;
    let peakRss = 0;
    const sampler = setInterval(() => {
      try {
        const kb = h.rssKb();
        peakRss = Math.max(peakRss, kb);
        if (!warmRss && Date.now() >= warmAt) warmRss = kb;
        endRss = kb;
      } catch {
        /* the process is gone: the checks below say so */
      }
    }, 1000);
    const progress = setInterval(() => log(`soak: ${Math.round((Date.now() - started) / 1000)} s, ${requests} requests, RSS ${Math.round(endRss / 1024)} MB`), 30_000);

    const attempts: Attempt[] = [];
    let refusedStale = 0;
    let batches = 0;
    const editor = async (k: number) => {
      const stale = new Map<string, number>();
      for (let n = 0; running(); n++) {
        const batch = Math.random() < 0.25;
        const ids = batch ? [...new Set([0, 1, 2].map(() => pool[Math.floor(Math.random() * pool.length)]))] : [pool[Math.floor(Math.random() * pool.length)]];
        const seen: { id: string; version: number }[] = [];
        for (const id of ids) {
          const r = await call('read:row', ROW, { id });
          const version = r?.body?.data?.indicator?.version;
          if (typeof version !== 'number') break;
          seen.push({ id, version });
        }
        if (seen.length !== ids.length) continue;
        // On purpose: one edit in ten goes with a version this editor saw before and knows to be stale.
        const onPurpose = Math.random() < 0.1 && seen.every((s) => (stale.get(s.id) ?? s.version) < s.version);
        const rows = seen.map((s, j) => ({ id: s.id, version: onPurpose ? stale.get(s.id)! : s.version, value: `浸泡e${k}n${n}r${j}` }));
        for (const s of seen) stale.set(s.id, s.version);
        const res = batch
          ? await call('edit:batch', BATCH, { input: { indicators: rows.map((r) => ({ id: r.id, expectedVersion: r.version, patch: { name: r.value } })) } })
          : await call('edit:one', EDIT, { id: rows[0].id, v: rows[0].version, name: rows[0].value });
        if (batch) batches++;
        const attempt: Attempt = { rows: rows.map((r) => ({ id: r.id, value: r.value })), outcome: 'unknown' };
        const saved = batch ? res?.body?.data?.batchUpdate?.indicators : res?.body?.data?.updateIndicator && [res.body.data.updateIndicator];
        if (res && res.status < 500 && Array.isArray(saved) && !res.body?.errors) {
          attempt.outcome = 'ack';
          attempt.versions = new Map(saved.map((s: any) => [s.id, s.version]));
          if (onPurpose) problems.push(`a stale version was accepted: ${JSON.stringify(rows)}`);
        } else if (res?.body?.errors?.length && res.body.data == null && res.body.errors.every((e) => ['CONFLICT', 'SERVICE_UNAVAILABLE'].includes(e.extensions?.code))) {
          // Refused (a stale version, or the database too busy): must have changed nothing, checked below.
          attempt.outcome = 'refused';
          if (onPurpose) refusedStale++;
        } else if (res && problems.length < 20) {
          problems.push(`edit answered neither data nor CONFLICT: ${JSON.stringify(res.body).slice(0, 300)}`);
        }
        attempts.push(attempt);
      }
    };
    const reader = async (offset: number) => {
      for (let i = offset; running(); i++) {
        const [kind, query] = READS[i % READS.length];
        await call(kind, query, { o: Math.floor(Math.random() * 4) * 25 });
      }
    };
    const departmentReader = async () => {
      for (let i = 0; running(); i++) {
        await call('read:departmentPage', DEPARTMENT_PAGE, { name: departments[i % departments.length], role: i % 3 === 0 ? 'LEAD' : null });
      }
    };
    let lastImported = 0;
    let importsAcked = 0;
    let importsRefused = 0;
    const importer = async () => {
      for (let round = 1; running(); round++) {
        const res = await call('import:500rows', 'mutation($c: String!, $p: String!) { importTable(input: { table: INDICATORS, format: CSV, content: $c, planCode: $p, dryRun: false }) { applied problemCount created updated } }', {
          c: bulkCsv(round),
          p: BULK_PLAN,
        });
        const r = res?.body?.data?.importTable;
        if (r?.applied && r.created + r.updated === BULK_ROWS) {
          importsAcked++;
          lastImported = round;
        } else {
          importsRefused++;
          if (problems.length < 20) problems.push(`import round ${round} not applied: ${JSON.stringify(res?.body).slice(0, 300)}`);
        }
        // An import every few seconds (on SQLite each one holds the only writer while it runs); not
        // past the end of the load, which would keep the run waiting for a round that never comes.
        await sleep(Math.max(0, Math.min(5000, deadline - Date.now())));
      }
    };

    await Promise.all([...Array.from({ length: editors }, (_, k) => editor(k)), reader(0), reader(4), departmentReader(), importer()]);
    stop = true;
    clearInterval(sampler);
    clearInterval(progress);
    endRss = h.rssKb();
    log(`soak: load over, checking the data (${attempts.length} edits, ${importsAcked} imports)`);

    // Lost updates: per row, every acknowledged value is in the audit trail once, the newest one is the
    // row's value and version; no refused value is in the trail.
    let lostUpdates = 0;
    let phantomWrites = 0;
    for (const id of pool) {
      const trail = new Set<string>();
      for (let offset = 0; ; offset += 1000) {
        const page = (await h.gql('query($id: ID!, $o: Int) { auditLog(entity: "Indicator", entityId: $id, field: "name", limit: 1000, offset: $o) { after } }', { id, o: offset }, token)).body!.data.auditLog;
        for (const e of page) trail.add(JSON.parse(e.after));
        if (page.length < 1000) break;
      }
      const row = (await h.gql(ROW, { id }, token)).body!.data.indicator;
      let newest: { value: string; version: number } | null = null;
      for (const a of attempts) {
        for (const r of a.rows) {
          if (r.id !== id) continue;
          if (a.outcome === 'ack') {
            if (!trail.has(r.value)) {
              lostUpdates++;
              if (problems.length < 20) problems.push(`acknowledged ${r.value} on ${id} is not in the audit trail`);
            }
            const v = a.versions!.get(id)!;
            if (!newest || v > newest.version) newest = { value: r.value, version: v };
          } else if (a.outcome === 'refused' && trail.has(r.value)) {
            phantomWrites++;
            if (problems.length < 20) problems.push(`refused ${r.value} on ${id} is in the audit trail`);
          }
        }
      }
      if (newest && (row.name !== newest.value || row.version !== newest.version)) {
        lostUpdates++;
        if (problems.length < 20) problems.push(`row ${id} is ${JSON.stringify(row)}, the newest acknowledged edit is ${JSON.stringify(newest)}`);
      }
    }
    // The imported plan holds the last acknowledged import, every row of it.
    let importMismatches = 0;
    if (lastImported) {
      const items = (await h.gql('query($f: IndicatorFilter) { indicators(filter: $f, limit: 1000) { items { seq name } } }', { f: { planCode: BULK_PLAN } }, token)).body?.data?.indicators?.items ?? [];
      importMismatches = Math.abs(items.length - BULK_ROWS) + items.filter((r: any) => r.name !== `批量指标${r.seq}（第${lastImported}轮）`).length;
      if (importMismatches && problems.length < 20) problems.push(`the imported plan does not hold round ${lastImported}: ${importMismatches} rows differ`);
    }

    const acked = attempts.filter((a) => a.outcome === 'ack');
    const report: SoakReport = {
      engine,
      durationS: Math.round((Date.now() - started) / 1000),
      requests,
      http5xx,
      internalErrors,
      networkErrors,
      errorCodes,
      edits: { acknowledged: acked.length, refused: attempts.filter((a) => a.outcome === 'refused').length, refusedStale, batches, rowsEdited: acked.reduce((n, a) => n + a.rows.length, 0) },
      imports: { acknowledged: importsAcked, refused: importsRefused, rowsPerImport: BULK_ROWS },
      lostUpdates,
      phantomWrites,
      importMismatches,
      problems,
      hubErrors: h
        .output()
        .split('\n')
        .filter((l) => /unexpected error|Error|error:/.test(l))
        .join('\n')
        .slice(0, 2000),
      memory: {
        warmRssMb: Math.round(warmRss / 102.4) / 10,
        endRssMb: Math.round(endRss / 102.4) / 10,
        peakRssMb: Math.round(peakRss / 102.4) / 10,
        growthPct: warmRss ? Math.round(((endRss - warmRss) / warmRss) * 1000) / 10 : NaN,
      },
      latencies: [...latencies.entries()]
        .map(([kind, list]) => {
          const s = list.sort((a, b) => a - b);
          const r = (x: number) => Math.round(x * 10) / 10;
          return { kind, count: s.length, p50Ms: r(percentile(s, 50)), p99Ms: r(percentile(s, 99)), maxMs: r(s[s.length - 1]) };
        })
        .sort((a, b) => a.kind.localeCompare(b.kind)),
      loadAverage: { start: loadStart, end: loadavg().map((x) => Math.round(x * 100) / 100) },
    };
    return report;
  } finally {
    if (hub && hub.proc.exitCode == null && hub.proc.signalCode == null) {
      hub.proc.kill('SIGTERM');
      await hub.exited;
    }
    await dropPg?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** The report as a Markdown table and a summary. */
export function formatReport(r: SoakReport): string {
  const lines = [
    `Soak on ${r.engine}, ${r.durationS} s: ${r.requests} requests; 5xx ${r.http5xx}; internal errors ${r.internalErrors}; no answer ${r.networkErrors}`,
    `edits: ${r.edits.acknowledged} acknowledged (${r.edits.rowsEdited} rows, ${r.edits.batches} batch pastes tried), ${r.edits.refused} refused as CONFLICT or SERVICE_UNAVAILABLE (${r.edits.refusedStale} stale on purpose); lost updates ${r.lostUpdates}, refused edits found ${r.phantomWrites}`,
    `imports of ${r.imports.rowsPerImport} rows: ${r.imports.acknowledged} applied, ${r.imports.refused} not; rows differing from the last applied import ${r.importMismatches}`,
    `memory (RSS): ${r.memory.warmRssMb} MB after warm-up → ${r.memory.endRssMb} MB at the end (${r.memory.growthPct} %), peak ${r.memory.peakRssMb} MB`,
    `load average: ${r.loadAverage.start.join(' ')} at the start, ${r.loadAverage.end.join(' ')} at the end; error codes ${JSON.stringify(r.errorCodes)}`,
    '',
    '| operation | count | p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|',
    ...r.latencies.map((l) => `| ${l.kind} | ${l.count} | ${l.p50Ms} | ${l.p99Ms} | ${l.maxMs} |`),
  ];
  if (r.problems.length) lines.push('', 'problems:', ...r.problems.map((p) => `  ${p}`));
  if (r.hubErrors) lines.push('', 'the hub logged:', r.hubErrors);
  return lines.join('\n');
}
