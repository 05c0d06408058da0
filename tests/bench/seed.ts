/**
 * The seed at k times its size, loaded as `npm run seed` loads it (server/seed.ts seedFromFile: the
 * transfer import of a whole-plan JSON document, one transaction, the system actor). The scaled seed
 * has the same shape as seeds/binjiang-13th.json: the same plan and departments, and each plan table
 * repeated k times with the seqs shifted (copy c of row s is row s + c·n), the special targets' links
 * shifted with their indicators. tests/seed-scale.test.ts counts its statements; the bench times it.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initORM } from '../../server/orm';
import { DEFAULT_SEED_FILE } from '../../server/config';
import { seedFromFile } from '../../server/seed';
import { tempDir, tempPostgres, tempSqlite, type TempDb } from './fixture';
import { profiled } from './profile';

const PLAN_TABLES = ['indicators', 'specialTargets', 'rectifications', 'innovationTopics', 'standards'] as const;
type Doc = Record<string, any>;

/** The committed seed document at k times its plan rows (k = 1: the seed itself, parsed). */
export function scaleSeed(k: number, file = DEFAULT_SEED_FILE): Doc {
  const doc: Doc = JSON.parse(readFileSync(file, 'utf8'));
  const indicators = doc.indicators.length;
  for (const t of PLAN_TABLES) {
    const rows: Doc[] = doc[t];
    const n = rows.length;
    doc[t] = Array.from({ length: k }, (_, c) =>
      rows.map((r) => ({ ...r, seq: r.seq + c * n, ...(Array.isArray(r.indicators) ? { indicators: r.indicators.map((s: number) => s + c * indicators) } : {}) })),
    ).flat();
  }
  return doc;
}

/** Rows the import reads from a document: the plan, every department and every plan row. */
export function seedRows(doc: Doc): number {
  return 1 + doc.departments.length + PLAN_TABLES.reduce((n, t) => n + doc[t].length, 0);
}

/** Writes the seed at k× into dir; returns its path and rows. */
export function writeScaledSeed(dir: string, k: number): { path: string; rows: number } {
  const doc = scaleSeed(k);
  const path = join(dir, `seed-${k}x.json`);
  writeFileSync(path, JSON.stringify(doc));
  return { path, rows: seedRows(doc) };
}

export interface SeedResult {
  scale: number;
  rows: number;
  seconds: number;
  rowsPerSec: number;
  path: string;
}

/** `npm run seed` of the seed at k× into an empty database, timed (migrations excluded). */
export async function seedAtScale(db: TempDb, k: number, dir: string): Promise<SeedResult> {
  const { path, rows } = writeScaledSeed(dir, k);
  const orm = await initORM(db.database);
  try {
    const t = performance.now();
    const report = await profiled(`seed-${k}x-${db.engine}`, () => seedFromFile(orm, path));
    const seconds = (performance.now() - t) / 1000;
    if (!report.applied || report.created !== rows) throw new Error(`the seed at ${k}× created ${report.created} of ${rows} rows (${report.problemCount} problems)`);
    return { scale: k, rows, seconds, rowsPerSec: Math.round(rows / seconds), path: 'server/seed.ts seedFromFile (npm run seed): TransferService.import of the whole-plan JSON, one transaction' };
  } finally {
    await orm.close();
  }
}

/** The seed at each scale (1×, 10×, 100× by default), each into a fresh database. */
export async function benchSeed(mk: (name: string) => Promise<TempDb>, dir: string, say: (msg: string) => void, scales = [1, 10, 100]): Promise<SeedResult[]> {
  const out: SeedResult[] = [];
  for (const k of scales) {
    const db = await mk(`seed${k}x`);
    out.push(await seedAtScale(db, k, dir));
    say(`${db.engine}: npm run seed at ${k}× (${out.at(-1)!.rows} rows): ${out.at(-1)!.rowsPerSec} rows/s`);
  }
  return out;
}

// Alone: node --import tsx tests/bench/seed.ts [scale…]   (default 1 10 100; SQLite, and PostgreSQL
// at BENCH_PG=postgres://…). 1887× is about 100,000 rows.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const scales = process.argv.slice(2).map(Number).filter((k) => k > 0);
  const dir = tempDir('seed');
  const say = (msg: string) => console.log(msg);
  const made: TempDb[] = [];
  const track = (db: TempDb) => (made.push(db), db);
  try {
    await benchSeed(async (name) => track(tempSqlite(name)), dir, say, scales.length ? scales : undefined);
    if (process.env.BENCH_PG) await benchSeed(async (name) => track(await tempPostgres(process.env.BENCH_PG!, name)), dir, say, scales.length ? scales : undefined);
  } finally {
    for (const db of made) await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
