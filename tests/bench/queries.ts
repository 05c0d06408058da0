/** The operations the benchmark times, and the hand-written SQL floor of the cross-link query. */
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { normaliseName } from '../../schema/departments/department.entity';
import type { TempDb } from './fixture';

/** README's cross-link: binding indicators one department leads, with their responsibilities and special targets. */
export const CROSS_LINK = `query CrossLink($name: String!) {
  department(name: $name) {
    indicators(attribute: BINDING, role: LEAD) {
      id seq name unit targetText targetKind targetValue
      responsibilities { id role note department { id name } }
      specialTargets { id seq title }
    }
  }
}`;

/** A grid page: indicators filtered and sorted, with all relations. */
export const GRID_PAGE = `query GridPage($limit: Int!) {
  indicators(filter: { attribute: EXPECTED }, orderBy: [{ field: "name" }, { field: "seq", direction: DESC }], limit: $limit) {
    totalCount
    items {
      id seq name unit targetText targetKind targetValue annualGrowthPct attribute cumulative version
      responsibilities { role department { name aliases } }
      specialTargets { title }
    }
  }
}`;

/**
 * The indicators grid's own page as the client asks it (client/src/api/rows.ts): every column with the
 * timestamps and the status column's progress(year), which is computed beside the SQL.
 */
export const CLIENT_PAGE = `query ListIndicator($limit: Int!) {
  indicators(filter: { attribute: EXPECTED }, orderBy: [{ field: "name" }, { field: "seq", direction: DESC }], limit: $limit) {
    totalCount
    items {
      __typename id seq name unit unitAsWritten targetText targetAsWritten targetKind targetValue annualGrowthPct attribute cumulative baseValue baseYear targetMethod version updatedAt createdAt planCode
      responsibilities { __typename id role note noteEn version department { __typename id code name nameEn aliases } }
      specialTargets { __typename id seq title }
      progress(year: 2020) { __typename year status explanation }
    }
  }
}`;

export const CELL_EDIT = `mutation CellEdit($id: ID!, $v: Int!, $text: String!) {
  updateIndicator(id: $id, patch: { targetText: $text }, expectedVersion: $v) { id version targetKind targetValue }
}`;

export const HELLO = '{ hello }';

export const body = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });

/** The cross-link answer as the API shapes it: `data.department.indicators`. */
export interface CrossLinkIndicator {
  id: string; seq: number; name: string; unit: string; targetText: string; targetKind: string; targetValue: number | null;
  responsibilities: { id: string; role: string; note: string | null; department: { id: string; name: string } }[];
  specialTargets: { id: string; seq: number; title: string }[];
}
export interface CrossLinkAnswer {
  department: { indicators: CrossLinkIndicator[] } | null;
}

/** The ids of an answer, in answer order: what must agree between GraphQL and the floor. */
export function idsOf(answer: CrossLinkAnswer) {
  return (answer.department?.indicators ?? []).map((i) => ({
    id: i.id,
    responsibilities: i.responsibilities.map((r) => `${r.id}:${r.role}:${r.department.id}`),
    specialTargets: i.specialTargets.map((s) => s.id),
  }));
}

// The floor: the same answer in four prepared statements through the same driver, in-process.
const DEPARTMENT = `select d.id, d.name from department d where d.name_key = ? or d.code = ?
  union select d.id, d.name from department_alias a join department d on d.id = a.department_id where a.key = ?`;
const LED = `select r2.indicator_id from responsibility r2 join indicator i2 on i2.id = r2.indicator_id
  where r2.department_id = ? and r2.role = 'LEAD' and i2.attribute = 'BINDING'`;
const INDICATORS = `select i.id, i.seq, i.name, i.unit, i.target_text, i.target_kind, i.target_value
  from responsibility r join indicator i on i.id = r.indicator_id
  where r.department_id = ? and r.role = 'LEAD' and i.attribute = 'BINDING' order by i.plan_id, i.seq, r.id`;
const RESPONSIBILITIES = `select r.id, r.role, r.note, r.indicator_id, d.id as department_id, d.name
  from responsibility r join department d on d.id = r.department_id
  where r.indicator_id in (${LED}) order by r.indicator_id, r.role, r.id`;
const SPECIAL_TARGETS = `select l.indicator_id, s.id, s.seq, s.title
  from special_target_indicator l join special_target s on s.id = l.special_target_id
  where l.indicator_id in (${LED}) order by s.plan_id, s.seq, s.id`;

type Row = Record<string, any>;

export interface Floor {
  crossLink(name: string): Promise<CrossLinkAnswer>;
  close(): Promise<void>;
}

/** Shapes the rows as the API answers: the floor does the same work minus the layers. */
function assemble(indicators: Row[], responsibilities: Row[], targets: Row[]): CrossLinkAnswer {
  const byIndicator = new Map<number, CrossLinkIndicator>();
  const out = indicators.map((i) => {
    const item: CrossLinkIndicator = {
      id: String(i.id), seq: Number(i.seq), name: i.name, unit: i.unit, targetText: i.target_text, targetKind: i.target_kind,
      targetValue: i.target_value == null ? null : Number(i.target_value), responsibilities: [], specialTargets: [],
    };
    byIndicator.set(Number(i.id), item);
    return item;
  });
  for (const r of responsibilities) byIndicator.get(Number(r.indicator_id))?.responsibilities.push({ id: String(r.id), role: r.role, note: r.note, department: { id: String(r.department_id), name: r.name } });
  for (const s of targets) byIndicator.get(Number(s.indicator_id))?.specialTargets.push({ id: String(s.id), seq: Number(s.seq), title: s.title });
  return { department: { indicators: out } };
}

/**
 * The floor's connection: one (node-sqlite3, as MikroORM's SQLite driver has one) or, for a server
 * answering many requests at once on PostgreSQL, a pool of `pool` (MikroORM's default is 10).
 */
export async function openFloor(db: TempDb, pool = 1): Promise<Floor> {
  if (db.engine === 'sqlite') {
    const conn = await new Promise<sqlite3.Database>((ok, fail) => {
      const d = new sqlite3.Database((db.database as { path: string }).path, sqlite3.OPEN_READONLY, (e) => (e ? fail(e) : ok(d)));
    });
    const prepare = (sql: string) => conn.prepare(sql);
    const st = { department: prepare(DEPARTMENT), indicators: prepare(INDICATORS), responsibilities: prepare(RESPONSIBILITIES), targets: prepare(SPECIAL_TARGETS) };
    const all = (s: sqlite3.Statement, params: unknown[]) => new Promise<Row[]>((ok, fail) => s.all(params, (e: Error | null, rows: Row[]) => (e ? fail(e) : ok(rows))));
    return {
      async crossLink(name) {
        const key = normaliseName(name);
        const [dept] = await all(st.department, [key, key, key]);
        if (!dept) return { department: null };
        const indicators = await all(st.indicators, [dept.id]);
        const responsibilities = await all(st.responsibilities, [dept.id]);
        const targets = await all(st.targets, [dept.id]);
        return assemble(indicators, responsibilities, targets);
      },
      async close() {
        for (const s of Object.values(st)) await new Promise((r) => s.finalize(r));
        await new Promise((ok) => conn.close(ok));
      },
    };
  }
  const client = pool > 1 ? new pg.Pool({ connectionString: db.url, max: pool }) : new pg.Client({ connectionString: db.url });
  if (client instanceof pg.Client) await client.connect();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    async crossLink(name) {
      // One connection for the four statements, as a request holds one.
      const conn = client instanceof pg.Pool ? await client.connect() : client;
      try {
        const q = (n: string, sql: string, values: unknown[]) => conn.query({ name: `floor_${n}`, text: numbered(sql), values }).then((r) => r.rows as Row[]);
        const key = normaliseName(name);
        const [dept] = await q('department', DEPARTMENT, [key, key, key]);
        if (!dept) return { department: null };
        const indicators = await q('indicators', INDICATORS, [dept.id]);
        const responsibilities = await q('responsibilities', RESPONSIBILITIES, [dept.id]);
        const targets = await q('targets', SPECIAL_TARGETS, [dept.id]);
        return assemble(indicators, responsibilities, targets);
      } finally {
        if (conn !== client) (conn as pg.PoolClient).release();
      }
    },
    close: () => client.end(),
  };
}

/** Sequential calls of `fn` for `seconds` (at least `minRuns`): p50/p99 in ms. */
export async function timeInProcess(fn: () => Promise<unknown>, seconds: number, minRuns = 50) {
  for (let i = 0; i < 20; i++) await fn(); // warm caches and the JIT
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until || times.length < minRuns) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
  return { runs: times.length, p50Ms: Number(pct(50).toFixed(3)), p99Ms: Number(pct(99).toFixed(3)) };
}
