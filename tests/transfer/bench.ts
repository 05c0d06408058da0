// The import benchmark: node --import tsx tests/transfer/bench.ts [rows=100000]
//
// Measures, on a fresh SQLite file:
//  1. the driver's raw rate: node-sqlite3, 200-row multi-value INSERTs of the indicator columns into a
//     table without indexes, in one transaction (how the ≈200k rows/s floor in STACK.md was taken);
//  2. the write floor: the very rows the import writes (indicators, two responsibilities each, one
//     audit entry each) through BulkInserter, without reading or checking anything (rolled back);
//  3. the import of a CSV of `rows` such indicators through TransferService, as the CLI runs it;
//  4. a second import of the same file (nothing changes).
// Prints rows/s, the ratios, CPU time and peak memory. The machine's load changes all of them.
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { initORM, type Em } from '../../server/orm';
import { seedFromFile } from '../../server/seed';
import { DEFAULT_SEED_FILE } from '../../server/config';
import { createServices } from '../../server/services';
import { cliActor, SYSTEM_ACTOR } from '../../server/common/actor';
import { TransferService } from '../../server/transfer/transfer.service';
import { fileSource } from '../../server/transfer/source';
import { TransferTable } from '../../schema/transfer/transfer.enums';
import { BulkInserter } from '../../server/db/bulk';
import { setSqliteCacheSize } from '../../server/db/pragmas';
import { AuditService } from '../../server/audit/audit.service';

const rows = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'plan-hub-bench-'));
const dbPath = join(dir, 'bench.db');
const csvPath = join(dir, 'indicators.csv');

export function indicatorCsv(n: number, plan: string): string {
  const lines = ['序号,指标名称,单位,目标值,指标属性,五年累计,责任单位,规划'];
  for (let i = 1; i <= n; i++) lines.push(`${i},测试指标第${i}项（含说明）,亿元,达到${i % 500}以上,${i % 2 ? '预期性' : '约束性'},否,区发改局:牵头; 区科技局:配合,${plan}`);
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

async function rawRate(): Promise<number> {
  const db = new sqlite3.Database(dbPath);
  const run = (sql: string, p: unknown[] = []) => new Promise<void>((res, rej) => db.run(sql, p, (e) => (e ? rej(e) : res())));
  const cols = ['version', 'updated_at', 'created_at', 'plan_id', 'seq', 'name', 'unit', 'unit_as_written', 'target_text', 'target_as_written', 'target_value', 'target_kind', 'annual_growth_pct', 'attribute', 'cumulative'];
  await run('create table raw_bench as select * from indicator where 0');
  await run('begin');
  const now = Date.now();
  const started = performance.now();
  const row = `(${cols.map(() => '?').join(',')})`;
  for (let s = 0; s < rows; s += 200) {
    const n = Math.min(200, rows - s);
    const params: unknown[] = [];
    for (let i = s; i < s + n; i++) params.push(1, now, now, 1, i + 1, `测试指标第${i}项（含说明）`, '亿元', null, `达到${i % 500}以上`, null, i % 500, 'AT_LEAST', null, 'EXPECTED', 0);
    await run(`insert into raw_bench (${cols.join(',')}) values ${Array(n).fill(row).join(',')}`, params);
  }
  await run('commit');
  const rate = rows / ((performance.now() - started) / 1000);
  await run('drop table raw_bench');
  await new Promise((r) => db.close(r));
  return rate;
}

/** The import's writes alone: the same rows, set-wise, in a transaction that is rolled back. */
async function writeFloor(em: Em, audit = true): Promise<number> {
  const [plan] = await em.execute("select id from plan where code = 'bench'");
  const deps: { id: number; code: string }[] = await em.execute('select id, code from department order by id limit 2');
  await em.begin();
  const bulk = new BulkInserter(em);
  await setSqliteCacheSize(em, -65536);
  const started = performance.now();
  for (let s = 0; s < rows; s += 1000) {
    const chunk = Array.from({ length: Math.min(1000, rows - s) }, (_, k) => {
      const i = s + k + 1;
      return { plan: plan.id, seq: i, name: `测试指标第${i}项（含说明）`, unit: '亿元', targetText: `达到${i % 500}以上`, targetKind: 'AT_LEAST', targetValue: i % 500, attribute: i % 2 ? 'EXPECTED' : 'BINDING', cumulative: false };
    });
    const ids = await bulk.insert('Indicator', chunk, 'seq');
    await bulk.insert('Responsibility', chunk.flatMap((r) => deps.map((d, j) => ({ department: d.id, role: j ? 'SUPPORT' : 'LEAD', note: null, indicator: ids.get(r.seq) }))));
    if (audit) await new AuditService(em, cliActor('imp-floor')).createdMany('Indicator', chunk.map((r) => ({ id: ids.get(r.seq)!, after: { planCode: 'bench', ...r, plan: undefined, responsibilities: deps.map((d, j) => ({ department: d.code, role: j ? 'SUPPORT' : 'LEAD', note: null })) } })));
  }
  const rate = rows / ((performance.now() - started) / 1000);
  await em.rollback();
  await setSqliteCacheSize(em, -2000);
  return rate;
}

const orm = await initORM({ engine: 'sqlite', path: dbPath });
try {
  await seedFromFile(orm, DEFAULT_SEED_FILE);
  await createServices(orm.em.fork() as Em, SYSTEM_ACTOR).plans.upsert({ code: 'bench', name: '基准', nameEn: 'Benchmark', startYear: 2021, endYear: 2025 });
  writeFileSync(csvPath, indicatorCsv(rows, 'bench'));

  const raw = await rawRate();
  const floor = await writeFloor(orm.em.fork() as Em);
  const floorNoAudit = await writeFloor(orm.em.fork() as Em, false);
  let peak = process.memoryUsage().rss;
  const importOnce = async () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = await new TransferService(orm.em.fork() as Em, cliActor(null, 'cli')).import(
      { table: TransferTable.INDICATORS, source: fileSource(csvPath), dryRun: false, previewLimit: 0 },
      { maxBytes: Number.MAX_SAFE_INTEGER, maxBytesSetting: 'none', throwOnProblems: true, bulkAbove: 1000, chunkSize: Number(process.env.CHUNK ?? 1000), onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)) },
    );
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6, report };
  };
  const first = await importOnce();
  const second = await importOnce();
  const rate = rows / first.seconds;
  console.log(`raw driver (node-sqlite3, 200-row INSERTs, no indexes): ${Math.round(raw)} rows/s`);
  console.log(`write floor (the import's rows, responsibilities and audit entries, set-wise, nothing read or checked): ${Math.round(floor)} rows/s`);
  console.log(`  the same without the audit entries: ${Math.round(floorNoAudit)} rows/s`);
  console.log(`import of ${rows} new indicators (2 responsibilities each, with audit entries): ${first.seconds.toFixed(2)} s, ${first.cpu.toFixed(1)} s CPU = ${Math.round(rate)} rows/s`);
  console.log(`  = ${(rate / raw).toFixed(2)} of the raw rate (target ≥ 0.33), ${(rate / floor).toFixed(2)} of the write floor; created ${first.report.created}, problems ${first.report.problemCount}`);
  console.log(`re-import of the same file (all unchanged): ${second.seconds.toFixed(2)} s, ${second.cpu.toFixed(1)} s CPU = ${Math.round(rows / second.seconds)} rows/s; unchanged ${second.report.unchanged}`);
  console.log(`load average during the run: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  console.log(`peak RSS ${Math.round(peak / 2 ** 20)} MB`);
} finally {
  await orm.close();
  rmSync(dir, { recursive: true, force: true });
}
