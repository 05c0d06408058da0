/**
 * The synthetic plan the benchmark measures, and the temporary databases it lives in.
 *
 * Sizes follow issue 6: at scale 100 about 500 departments (1–3 aliases each), 20,000 indicators and
 * 5,000 special targets; scale 10 is a tenth of that; scale 1 is the real plan from seeds/ (loaded
 * through the real importer). Proportions copy the real plan: 37.5 % of indicators are BINDING,
 * every item has 1 LEAD and 0–3 SUPPORT departments (0/1/2/3 as 17/58/21/4 %), a special target
 * links 0–6 indicators (2.5 on average). LEAD departments are drawn with a Zipf(0.5) skew, so a few
 * bureaus lead many items, as in the plan; SUPPORT departments uniformly.
 *
 * The schema is always created by the real migrations (initORM); the rows of scales 10 and 100 are
 * then written straight through the driver in one transaction, because the fixture is not what is
 * measured. The import measurement goes through the real import path (see import.ts).
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { initORM } from '../../server/orm';
import type { DatabaseConfig } from '../../server/config';
import { DEFAULT_SEED_FILE } from '../../server/config';
import { seedFromFile } from '../../server/seed';
import { normaliseName } from '../../schema/departments/department.entity';
import { parseTarget } from '../../server/indicators/target';

export type Engine = 'sqlite' | 'postgresql';

/** Deterministic pseudo-random numbers, so every run builds the same plan. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    /** An index drawn from cumulative weights. */
    weighted: (cum: Float64Array) => {
      const x = next() * cum[cum.length - 1];
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}

const STEMS = ['发改', '科技', '住建', '财政', '人社', '城管', '环保', '教育', '卫计', '商务', '文广', '民政', '公安', '国土', '规划', '交通', '水利', '农业', '统计', '审计', '司法', '安监', '市场监管', '旅游', '体育', '档案', '信访', '金融', '经信', '招商', '投促', '人防', '外事', '侨办', '残联', '妇联', '团委', '工会', '科协', '税务'];
const EN = ['Development', 'Science', 'Housing', 'Finance', 'Human Resources', 'Urban Management', 'Environment', 'Education', 'Health', 'Commerce', 'Culture', 'Civil Affairs', 'Public Security', 'Land', 'Planning', 'Transport', 'Water', 'Agriculture', 'Statistics', 'Audit', 'Justice', 'Work Safety', 'Market Regulation', 'Tourism', 'Sports', 'Archives', 'Petitions', 'Finance Office', 'Economy and IT', 'Investment', 'Investment Promotion', 'Civil Defence', 'Foreign Affairs', 'Overseas Chinese', 'Disabled Persons', 'Women', 'Youth League', 'Trade Union', 'Science Association', 'Taxation'];
const INDICATOR_NAMES = ['地区生产总值', '第三产业增加值占GDP比重', '规模以上工业增加值', '研究与试验发展经费支出占GDP比重', '每万人发明专利拥有量', '城镇居民人均可支配收入', '新增城镇就业人数', '城镇登记失业率', '单位GDP能耗降低', '空气质量优良天数比例', '地表水达到或好于III类水体比例', '人均公共绿地面积', '新建保障性住房', '学前教育入园率', '每千人拥有执业医师数', '人均预期寿命', '公共文化设施覆盖率', '社会保险参保率', '亿元GDP生产安全事故死亡率', '城市生活垃圾无害化处理率', '智慧经济产业规模', '高新技术企业数', '外贸出口总额', '实际利用外资'];
const UNITS = ['亿元', '%', '个', '万人', '件', '元', '天', '平方米', '套', '岁', '人'];
const TITLES = ['坚持产业引领,实现高端发展', '坚持创新驱动,增强发展动力', '坚持城市国际化,提升城市品质', '坚持生态优先,建设美丽滨江', '坚持共建共享,增进民生福祉', '坚持依法治区,推进治理现代化', '深化改革开放,激发发展活力', '加强党的建设,提供坚强保证'];
const METHODS = ['TARGET_ASSESSMENT', 'PERFORMANCE_EVALUATION', 'REGULAR_BULLETIN', 'ROUTINE_SPOT_CHECK', 'ON_SITE_VERIFICATION'];
const CONTENT = '加快建设优势产业集群,积极培育基于互联网的新业态,着力实施“促进一批主导产业高端发展、推动一批优势产业集聚发展、引导一批配套产业协调发展”的产业发展规划,努力构建产业格局,全力打造信息经济核心区。';

/** A target as the plan writes it, in each of the forms the parser reads. */
function targetText(r: ReturnType<typeof rng>): string {
  const n = r.int(5000) / (r.next() < 0.5 ? 10 : 1);
  switch (r.int(10)) {
    case 0: return `${n}左右`;
    case 1: return `达到${n}以上`;
    case 2: return `控制在${n}以内`;
    case 3: return '与GDP同步';
    case 4: return '市下达目标';
    default: return String(n);
  }
}

export interface Department { id: number; code: string; name: string; nameEn: string; aliases: string[] }
export interface IndicatorRow {
  id: number; seq: number; name: string; unit: string; unitAsWritten: string | null; targetText: string; targetKind: string;
  targetValue: number | null; annualGrowthPct: number | null; attribute: 'BINDING' | 'EXPECTED'; cumulative: boolean;
}
export interface SpecialTargetRow { id: number; seq: number; title: string; content: string; methods: string; othersInvolved: boolean }
export interface ResponsibilityRow { id: number; departmentId: number; role: 'LEAD' | 'SUPPORT'; note: string | null; indicatorId: number | null; specialTargetId: number | null }

export interface Plan {
  scale: number;
  planCode: string;
  departments: Department[];
  indicators: IndicatorRow[];
  specialTargets: SpecialTargetRow[];
  responsibilities: ResponsibilityRow[];
  links: [specialTargetId: number, indicatorId: number][];
}

export function departmentsFor(count: number, seed = 7): Department[] {
  const r = rng(seed);
  const out: Department[] = [];
  for (let i = 0; i < count; i++) {
    const stem = STEMS[i % STEMS.length];
    const k = Math.floor(i / STEMS.length) + 1;
    const name = `区${stem}${k}局`;
    const aliases = [`${stem}${k}局`, `${stem}${k}`, `区${stem}第${k}局`].slice(0, 1 + (r.next() < 0.35 ? 0 : r.next() < 0.75 ? 1 : 2));
    out.push({ id: i + 1, code: `${EN[i % EN.length].toLowerCase().replace(/[^a-z]+/g, '-')}-${k}`, name, nameEn: `District ${EN[i % EN.length]} Bureau No. ${k}`, aliases });
  }
  return out;
}

/** The synthetic plan at `scale` (10 or 100): 5·scale departments, 200·scale indicators, 50·scale special targets. */
export function syntheticPlan(scale: number, departmentCount = 5 * scale, seed = 42): Plan {
  const r = rng(seed + scale);
  const departments = departmentsFor(departmentCount);
  const D = departments.length;
  const zipf = new Float64Array(D);
  for (let i = 0; i < D; i++) zipf[i] = (i ? zipf[i - 1] : 0) + 1 / Math.sqrt(i + 1);
  // Which department is "busy" is shuffled, so id order says nothing about load.
  const order = departments.map((d) => d.id);
  for (let i = D - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const responsibilities: ResponsibilityRow[] = [];
  const assign = (item: { indicatorId: number | null; specialTargetId: number | null }) => {
    const lead = order[r.weighted(zipf)];
    const used = new Set([lead]);
    responsibilities.push({ id: responsibilities.length + 1, departmentId: lead, role: 'LEAD', note: null, ...item });
    const x = r.next();
    const supports = x < 0.17 ? 0 : x < 0.75 ? 1 : x < 0.96 ? 2 : 3;
    while (used.size < 1 + supports) {
      const d = 1 + r.int(D);
      if (used.has(d)) continue;
      used.add(d);
      responsibilities.push({ id: responsibilities.length + 1, departmentId: d, role: 'SUPPORT', note: r.next() < 0.3 ? '表2 考核牵头部门' : null, ...item });
    }
  };

  const indicators: IndicatorRow[] = [];
  for (let i = 1; i <= 200 * scale; i++) {
    const text = targetText(r);
    const parsed = parseTarget(text)!;
    const name = `${r.pick(INDICATOR_NAMES)}(${i})`;
    const unit = r.pick(UNITS);
    indicators.push({
      id: i, seq: i, name, unit, unitAsWritten: r.next() < 0.5 ? `${name}(${unit})` : null, targetText: text, targetKind: parsed.kind, targetValue: parsed.value,
      annualGrowthPct: r.next() < 0.3 ? r.int(200) / 10 : null, attribute: r.next() < 0.375 ? 'BINDING' : 'EXPECTED', cumulative: r.next() < 0.1,
    });
    assign({ indicatorId: i, specialTargetId: null });
  }
  const specialTargets: SpecialTargetRow[] = [];
  const links: [number, number][] = [];
  const LINKS = [0, 0, 0, 1, 1, 4, 4, 4, 5, 6];
  for (let s = 1; s <= 50 * scale; s++) {
    const methods = METHODS.filter(() => r.next() < 0.45);
    specialTargets.push({ id: s, seq: s, title: `${r.pick(TITLES)}(${s})`, content: CONTENT, methods: (methods.length ? methods : [METHODS[0]]).join(','), othersInvolved: r.next() < 0.4 });
    assign({ indicatorId: null, specialTargetId: s });
    const n = r.pick(LINKS);
    const picked = new Set<number>();
    while (picked.size < n) picked.add(1 + r.int(indicators.length));
    for (const i of [...picked].sort((a, b) => a - b)) links.push([s, i]);
  }
  return { scale, planCode: `bench-${scale}x`, departments, indicators, specialTargets, responsibilities, links };
}

/**
 * The department the cross-link query asks for: the one at the median of "binding indicators it
 * leads" (a typical department, not the busiest), ties broken by the lower id.
 */
export function medianDepartment(plan: Plan): { department: Department; bindingLeads: number } {
  const binding = new Set(plan.indicators.filter((i) => i.attribute === 'BINDING').map((i) => i.id));
  const counts = new Map<number, number>();
  for (const r of plan.responsibilities) if (r.role === 'LEAD' && r.indicatorId && binding.has(r.indicatorId)) counts.set(r.departmentId, (counts.get(r.departmentId) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const [id, n] = ranked[Math.floor(ranked.length / 2)];
  return { department: plan.departments[id - 1], bindingLeads: n };
}

// ---------------------------------------------------------------------------------------------
// Temporary databases

export interface TempDb {
  engine: Engine;
  database: DatabaseConfig;
  /** DATABASE_URL for a server process. */
  url: string;
  drop(): Promise<void>;
}

let tmpRoot: string | undefined;
const dropped: (() => Promise<void>)[] = [];

/** A fresh directory under this run's temporary folder in os.tmpdir() (removed by dropAll). */
export function tempDir(name: string): string {
  tmpRoot ??= mkdtempSync(join(tmpdir(), 'planhub-issue6-bench-'));
  mkdirSync(tmpRoot, { recursive: true }); // in case something cleaned os.tmpdir() meanwhile
  return mkdtempSync(join(tmpRoot, `${name}-`));
}

/** A temporary SQLite file in os.tmpdir(). */
export function tempSqlite(name: string): TempDb {
  const path = join(tempDir('sqlite'), `${name}.db`);
  const db: TempDb = {
    engine: 'sqlite',
    database: { engine: 'sqlite', path },
    url: `sqlite:${path}`,
    async drop() {
      for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    },
  };
  dropped.push(db.drop);
  return db;
}

/** A temporary PostgreSQL database next to the one `adminUrl` names, dropped by dropAll(). */
export async function tempPostgres(adminUrl: string, name: string): Promise<TempDb> {
  const dbName = `planhub_bench_${process.pid}_${name}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const db: TempDb = {
    engine: 'postgresql',
    database: { engine: 'postgresql', url: u.toString() },
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
    },
  };
  dropped.push(db.drop);
  return db;
}

/** Drops every temporary database made so far (also after a failure) and the temporary folder, but for `keep`. */
export async function dropAll(keep: string[] = []) {
  for (const drop of dropped.splice(0)) await drop().catch((e) => console.error(`bench: could not drop a temporary database: ${e.message}`));
  if (!tmpRoot || !existsSync(tmpRoot)) return;
  for (const entry of readdirSync(tmpRoot)) if (!keep.includes(join(tmpRoot, entry))) rmSync(join(tmpRoot, entry), { recursive: true, force: true });
  if (!keep.length) {
    rmSync(tmpRoot, { recursive: true, force: true });
    tmpRoot = undefined;
  }
}

/** Does a PostgreSQL server answer at `url` within a second? */
export async function postgresAnswers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Raw SQL through the drivers (sqlite3, pg): used for the fixture, the SQL floor and the raw insert rate

/** The same two calls over node-sqlite3 and pg, with `?` placeholders on both. */
export interface Sql {
  engine: Engine;
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

export async function connect(db: TempDb): Promise<Sql> {
  if (db.engine === 'sqlite') {
    const path = (db.database as { path: string }).path;
    const conn = await new Promise<sqlite3.Database>((ok, fail) => {
      const d = new sqlite3.Database(path, (e) => (e ? fail(e) : ok(d)));
    });
    const sql: Sql = {
      engine: 'sqlite',
      all: (q, p = []) => new Promise((ok, fail) => conn.all(q, p, (e, rows) => (e ? fail(e) : ok(rows as never)))),
      run: (q, p = []) => new Promise((ok, fail) => conn.run(q, p, (e) => (e ? fail(e) : ok()))),
      close: () => new Promise((ok, fail) => conn.close((e) => (e ? fail(e) : ok()))),
    };
    await sql.run('pragma busy_timeout = 10000');
    return sql;
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const toPg = (q: string) => {
    let n = 0;
    return q.replace(/\?/g, () => `$${++n}`);
  };
  return {
    engine: 'postgresql',
    all: async (q, p = []) => (await client.query(toPg(q), p)).rows,
    run: async (q, p = []) => void (await client.query(toPg(q), p)),
    close: () => client.end(),
  };
}

/** Multi-row INSERTs of `rowsPerStatement` rows each (the caller owns the transaction). */
export async function insertRows(sql: Sql, table: string, columns: string[], rows: unknown[][], rowsPerStatement = 200) {
  const one = `(${columns.map(() => '?').join(', ')})`;
  const head = `insert into ${table} (${columns.join(', ')}) values `;
  let full: string | undefined;
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const chunk = rows.slice(i, i + rowsPerStatement);
    const text = chunk.length === rowsPerStatement ? (full ??= head + Array(rowsPerStatement).fill(one).join(', ')) : head + Array(chunk.length).fill(one).join(', ');
    await sql.run(text, chunk.flat());
  }
}

const INDICATOR_COLUMNS = ['id', 'version', 'updated_at', 'created_at', 'plan_id', 'seq', 'name', 'unit', 'unit_as_written', 'target_text', 'target_as_written', 'target_value', 'target_kind', 'annual_growth_pct', 'attribute', 'cumulative'];
const RESPONSIBILITY_COLUMNS = ['id', 'version', 'updated_at', 'created_at', 'department_id', 'role', 'note', 'indicator_id', 'special_target_id'];

/** Engine-specific column values: SQLite keeps dates as epoch ms and booleans as 0/1, as MikroORM writes them. */
function values(engine: Engine) {
  const now = new Date();
  return { date: engine === 'sqlite' ? now.getTime() : now, bool: (b: boolean) => (engine === 'sqlite' ? (b ? 1 : 0) : b) };
}

export function indicatorValues(engine: Engine, planId: number, rows: IndicatorRow[], idOffset = 0): unknown[][] {
  const { date, bool } = values(engine);
  return rows.map((i) => [i.id + idOffset, 1, date, date, planId, i.seq, i.name, i.unit, i.unitAsWritten, i.targetText, null, i.targetValue, i.targetKind, i.annualGrowthPct, i.attribute, bool(i.cumulative)]);
}

export function responsibilityValues(engine: Engine, rows: ResponsibilityRow[], idOffset = 0, indicatorOffset = 0): unknown[][] {
  const { date } = values(engine);
  return rows.map((r) => [r.id + idOffset, 1, date, date, r.departmentId, r.role, r.note, r.indicatorId == null ? null : r.indicatorId + indicatorOffset, r.specialTargetId]);
}

export { INDICATOR_COLUMNS, RESPONSIBILITY_COLUMNS };

/** The synthetic plans' own row. */
export const PLAN_ROW = { name: (code: string) => `基准测试规划 ${code}`, nameEn: (code: string) => `Benchmark plan ${code}`, startYear: 2016, endYear: 2020, source: 'synthetic (tests/bench)' };

/** Departments (with aliases) and one plan, written through the driver; returns the plan's id. */
export async function insertDepartmentsAndPlan(sql: Sql, departments: Department[], planCode: string): Promise<number> {
  const { date } = values(sql.engine);
  await insertRows(sql, 'department', ['id', 'version', 'updated_at', 'created_at', 'code', 'name', 'name_key', 'name_en'],
    departments.map((d) => [d.id, 1, date, date, d.code, d.name, normaliseName(d.name), d.nameEn]));
  let aliasId = 0;
  await insertRows(sql, 'department_alias', ['id', 'department_id', 'alias', 'key'],
    departments.flatMap((d) => d.aliases.map((a) => [++aliasId, d.id, a, normaliseName(a)])));
  await insertRows(sql, 'plan', ['id', 'version', 'updated_at', 'created_at', 'code', 'name', 'name_en', 'start_year', 'end_year', 'published_on', 'source'],
    [[1, 1, date, date, planCode, PLAN_ROW.name(planCode), PLAN_ROW.nameEn(planCode), PLAN_ROW.startYear, PLAN_ROW.endYear, null, PLAN_ROW.source]]);
  return 1;
}

/** After explicit ids, PostgreSQL's serial sequences must move past them. */
export async function resetSequences(sql: Sql) {
  if (sql.engine !== 'postgresql') return;
  for (const t of ['department', 'department_alias', 'plan', 'indicator', 'special_target', 'responsibility', 'rectification', 'innovation_topic', 'standard']) {
    await sql.run(`select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`);
  }
}

/** Creates the schema with the real migrations, closing the ORM again. */
export async function migrate(db: TempDb) {
  const orm = await initORM(db.database);
  await orm.close();
}

/** Scales 10 and 100: migrations, then every row through the driver in one transaction. */
export async function loadSynthetic(db: TempDb, plan: Plan) {
  await migrate(db);
  const sql = await connect(db);
  try {
    await sql.run('begin');
    const planId = await insertDepartmentsAndPlan(sql, plan.departments, plan.planCode);
    const e = sql.engine;
    await insertRows(sql, 'indicator', INDICATOR_COLUMNS, indicatorValues(e, planId, plan.indicators));
    const { date, bool } = values(e);
    await insertRows(sql, 'special_target', ['id', 'version', 'updated_at', 'created_at', 'plan_id', 'seq', 'title', 'content', 'assessment_method_list', 'others_involved'],
      plan.specialTargets.map((s) => [s.id, 1, date, date, planId, s.seq, s.title, s.content, s.methods, bool(s.othersInvolved)]));
    await insertRows(sql, 'responsibility', RESPONSIBILITY_COLUMNS, responsibilityValues(e, plan.responsibilities));
    await insertRows(sql, 'special_target_indicator', ['special_target_id', 'indicator_id'], plan.links, 500);
    await sql.run('commit');
    await resetSequences(sql);
    // PostgreSQL's autovacuum would gather statistics soon after a load this size; do it now.
    if (e === 'postgresql') await sql.run('analyze');
  } finally {
    await sql.close();
  }
}

/** Scale 1: the real plan, loaded as `npm run seed` loads it. */
export async function loadSeeds(db: TempDb) {
  const orm = await initORM(db.database);
  try {
    await seedFromFile(orm, DEFAULT_SEED_FILE);
  } finally {
    await orm.close();
  }
  if (db.engine === 'postgresql') {
    const sql = await connect(db);
    await sql.run('analyze');
    await sql.close();
  }
}
