/**
 * Bulk import: rows/s through the real import paths, beside the driver's raw insert rate for the
 * same rows inside one transaction, in the same run. Every import starts from a database holding the
 * 500 departments (with aliases) and the plan, written through the driver.
 *
 * - The bulk importer of issue 5 (server/transfer/, `npm run import`), on a CSV file of the rows
 *   written by the hub's own exporter: importThroughTransfer.
 *
 * `npm run seed`, which loads the seed through the same transfer import, is measured in ./seed.ts.
 */
import { createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { initORM } from '../../server/orm';
import {
  connect, indicatorValues, insertDepartmentsAndPlan, insertRows, migrate, resetSequences, responsibilityValues, syntheticPlan,
  INDICATOR_COLUMNS, RESPONSIBILITY_COLUMNS, type Plan, type TempDb,
} from './fixture';
import { ROOT } from './http';
import { profiled } from './profile';

export interface ImportResult {
  rows: number;
  seconds: number;
  rowsPerSec: number;
  path: string;
}

/** `rows` indicators (with their responsibilities) for a plan with the 100× departments. */
export function importPlan(rows: number): Plan {
  const plan = syntheticPlan(Math.max(1, Math.ceil(rows / 200)), 500);
  plan.planCode = 'bench-import';
  plan.indicators = plan.indicators.slice(0, rows);
  plan.responsibilities = plan.responsibilities.filter((r) => r.indicatorId != null && r.indicatorId <= rows).map((r, i) => ({ ...r, id: i + 1 }));
  plan.specialTargets = [];
  plan.links = [];
  return plan;
}

/** Migrations, then the departments and the plan through the driver: where every import starts. */
async function prepare(db: TempDb, plan: Plan) {
  await migrate(db);
  const sql = await connect(db);
  try {
    await sql.run('begin');
    await insertDepartmentsAndPlan(sql, plan.departments, plan.planCode);
    await sql.run('commit');
    await resetSequences(sql);
  } finally {
    await sql.close();
  }
}

/** The floor: the same indicator and responsibility rows as multi-row INSERTs (200 rows each) through the driver, in one transaction. */
export async function rawInsert(db: TempDb, plan: Plan): Promise<ImportResult> {
  await prepare(db, plan);
  const sql = await connect(db);
  try {
    const planId = 1;
    const ind = indicatorValues(sql.engine, planId, plan.indicators);
    const resp = responsibilityValues(sql.engine, plan.responsibilities);
    const t = performance.now();
    await sql.run('begin');
    await insertRows(sql, 'indicator', INDICATOR_COLUMNS, ind);
    await insertRows(sql, 'responsibility', RESPONSIBILITY_COLUMNS, resp);
    await sql.run('commit');
    const seconds = (performance.now() - t) / 1000;
    return { rows: plan.indicators.length, seconds, rowsPerSec: Math.round(plan.indicators.length / seconds), path: `${sql.engine === 'sqlite' ? 'sqlite3' : 'pg'} multi-row INSERT (200 rows/statement), one transaction` };
  } finally {
    await sql.close();
  }
}

/**
 * The bulk importer of issue 5 (server/transfer/), called as `npm run import -- <file> --table
 * indicators` calls it (TransferService.import with the CLI's settings). The file is what the
 * hub's own exporter writes for the rows in `source` (CSV, Chinese headers), so its columns are the
 * importer's own. Returns null when server/transfer/ is not there.
 */
export async function importThroughTransfer(source: TempDb, target: TempDb, plan: Plan, dir: string): Promise<(ImportResult & { fileMb: number; exportSeconds: number }) | null> {
  if (!existsSync(join(ROOT, 'server/transfer/transfer.service.ts'))) return null;
  const { TransferService } = await import('../../server/transfer/transfer.service');
  const { fileSource } = await import('../../server/transfer/source');
  const { importLimits } = await import('../../server/transfer/limits');
  const { cliActor } = await import('../../server/common/actor');
  const { TransferFormat, TransferTable } = await import('../../schema/transfer/transfer.enums');
  const file = join(dir, `${plan.planCode}-indicators.csv`);

  let t = performance.now();
  const from = await initORM(source.database);
  try {
    const out = createWriteStream(file);
    const done = new Promise<void>((ok, fail) => out.on('finish', () => ok()).on('error', fail));
    await new TransferService(from.em.fork() as never, cliActor(null, 'cli')).export({ table: TransferTable.INDICATORS, format: TransferFormat.CSV, planCode: plan.planCode }, out);
    await done;
  } finally {
    await from.close();
  }
  const exportSeconds = (performance.now() - t) / 1000;

  await prepare(target, plan);

  const orm = await initORM(target.database);
  try {
    const limits = importLimits();
    t = performance.now();
    const report = await profiled(`import-transfer-${target.engine}`, () =>
      new TransferService(orm.em.fork() as never, cliActor(null, 'cli')).import(
        { table: TransferTable.INDICATORS, format: TransferFormat.CSV, source: fileSource(file), dryRun: false, deleteMissing: false, planCode: plan.planCode, previewLimit: 0 },
        { maxBytes: limits.cliBytes, maxBytesSetting: 'IMPORT_CLI_MAX_BYTES', throwOnProblems: false, bulkAbove: 1000 },
      ),
    );
    const seconds = (performance.now() - t) / 1000;
    if (!report.applied || report.created !== plan.indicators.length) {
      throw new Error(`the bulk import did not create the ${plan.indicators.length} rows: applied ${report.applied}, created ${report.created}, ${report.problemCount} problems, e.g. ${JSON.stringify(report.problems.slice(0, 3))}`);
    }
    return {
      rows: plan.indicators.length, seconds, rowsPerSec: Math.round(plan.indicators.length / seconds), exportSeconds, fileMb: Math.round(statSync(file).size / 1e5) / 10,
      path: 'server/transfer TransferService.import (as `npm run import -- file.csv --table indicators`: CSV, bulkAbove 1,000), one transaction',
    };
  } finally {
    await orm.close();
    rmSync(file, { force: true });
  }
}
