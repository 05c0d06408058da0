import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import sqlite3 from 'sqlite3';
import { initORM, type Em } from '../../server/orm';
import { seedFromFile } from '../../server/seed';
import { DEFAULT_SEED_FILE } from '../../server/config';
import { createServices } from '../../server/services';
import { SYSTEM_ACTOR } from '../../server/common/actor';
import { TEST_ENGINE } from '../helpers';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Rows of a SQLite file, read with the driver alone. */
function query(path: string, sql: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (e) => e && reject(e));
    db.all(sql, (e, rows) => db.close(() => (e ? reject(e) : resolve(rows as Record<string, unknown>[]))));
  });
}

async function counts(path: string) {
  const out: Record<string, unknown> = {};
  for (const t of ['plan', 'department', 'indicator', 'responsibility', 'special_target_indicator', 'audit_entry']) out[t] = (await query(path, `select count(*) as n from ${t}`))[0].n;
  return out;
}

/** The CLI on a SQLite file of its own (whatever engine the suite runs on): npm run import / export, as a process. */
describe.runIf(TEST_ENGINE === 'sqlite')('npm run import / export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-hub-cli-'));
  const db = join(dir, 'hub.db');
  const env = { ...process.env, DATABASE_URL: `sqlite:${db}` };
  /** Runs a CLI script to its end: exit status, stdout, stderr. */
  const cli = (script: string, args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  beforeAll(async () => {
    const orm = await initORM({ engine: 'sqlite', path: db });
    await seedFromFile(orm, DEFAULT_SEED_FILE);
    await createServices(orm.em.fork() as Em, SYSTEM_ACTOR).plans.upsert({ code: 'crash-test', name: '崩溃测试', nameEn: 'Crash test', startYear: 2000, endYear: 2001 });
    await orm.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a file and exports one (exit 0), and lists what is wrong with a bad file (exit 1)', async () => {
    // Each run is a real process (≈3 s to start under tsx): the two imports run side by side (the
    // bad one writes nothing, so it never waits for the other's write lock).
    const edited = readFileSync(join(FIXTURES, 'standards.csv'), 'utf8').replace('学生饮食放心工程三年计划,2017', '学生饮食放心工程三年计划,2018');
    writeFileSync(join(dir, 'edited.csv'), edited);
    writeFileSync(join(dir, 'bad.csv'), '序号,标准名称,出台年份\r\n1,a,2018\r\n1,b,20x8\r\n');
    const [real, bad] = await Promise.all([
      cli('import', [join(dir, 'edited.csv'), '-t', '公共治理标准', '--plan', 'binjiang-13th']),
      cli('import', [join(dir, 'bad.csv'), '--table', 'standards', '--plan', 'binjiang-13th']),
    ]);
    expect(real.status, real.stderr).toBe(0);
    expect(real.stdout).toMatch(/^imported: .*edited\.csv → standards \(plan binjiang-13th\), csv UTF-8 with BOM, 9 rows: 0 created, 1 updated, 8 unchanged, 0 deleted\nimport id imp-\d{8}T\d{6}Z-[0-9a-f]{6}; /);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^refused, nothing changed: /);
    expect(bad.stderr).toContain('2 problems:\n  standards, row 3, column 序号 ("1"): 序号 1 is already at row 2 of this file');
    expect(bad.stderr).toContain('standards, row 3, column 出台年份 ("20x8"): releaseYear must be a year between 1949 and 2200');
    const [entry] = await query(db, "select field, before, after, source, username, batch_id from audit_entry where source = 'cli'");
    expect(entry).toMatchObject({ field: 'releaseYear', before: '2017', after: '2018', source: 'cli', username: expect.stringMatching(/^cli:/), batch_id: expect.stringMatching(/^imp-/) });

    const out = join(dir, 'standards.csv');
    const ex = await cli('export', ['--table', 'standards', '--format', 'csv', '--out', out, '--plan', 'binjiang-13th']);
    expect(ex.status, ex.stderr).toBe(0);
    expect(ex.stderr).toMatch(/exported 9 rows to .*standards\.csv \(suggested name binjiang-13th-standards\.csv\)/);
    expect(readFileSync(out)).toEqual(Buffer.from(edited, 'utf8'));
  }, 60_000);

  it('kill -9 in the middle of a large import leaves the database as it was (integrity check and row counts)', async () => {
    const rows = 40_000;
    const lines = ['序号,指标名称,单位,目标值,指标属性,责任单位'];
    for (let i = 1; i <= rows; i++) lines.push(`${i},指标${i},个,达到${i}以上,预期性,区发改局:牵头; 区科技局:配合`);
    writeFileSync(join(dir, 'big.csv'), lines.join('\n'));
    const before = await counts(db);
    const walBefore = existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0;

    // A small page cache, so uncommitted pages spill into the WAL file before the kill.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', join(dir, 'big.csv'), '--table', 'indicators', '--plan', 'crash-test'], {
      env: { ...env, IMPORT_SQLITE_CACHE: '1MB' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    const written = await new Promise<number>((resolve, reject) => {
      child.stderr!.on('data', (d) => {
        output += d;
        const m = /progress: (\d+) rows checked and written/.exec(String(d));
        if (m && Number(m[1]) >= 5_000) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(`the import ended before it could be killed: ${output}`)));
    });
    const walDuring = statSync(`${db}-wal`).size;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(child.signalCode).toBe('SIGKILL');
    expect(written).toBeLessThan(rows);
    expect(walDuring).toBeGreaterThan(walBefore); // it had been writing

    expect(await query(db, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(await counts(db)).toEqual(before);
    expect(await query(db, "select count(*) as n from indicator where plan_id = (select id from plan where code = 'crash-test')")).toEqual([{ n: 0 }]);
  }, 60_000);
});
