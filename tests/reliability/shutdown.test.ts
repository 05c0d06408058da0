import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, afterAll } from 'vitest';
import { TEST_ENGINE } from '../helpers';
import { freshPgDatabase, startHubProcess, type HubProcess } from './hub-process';
import { sqliteRows } from './support';

const IMPORT = 'mutation($c: String!, $p: String) { importTable(input: { table: INDICATORS, format: CSV, content: $c, planCode: $p, dryRun: false }) { applied created } }';
const PLAN_CSV = '代码,名称,英文名称,起始年份,结束年份\ndrain-test,停机测试,Drain test,2011,2015\n';

/** SIGTERM lets a request in flight finish, refuses new connections, closes the database and exits 0. */
describe('SIGTERM drains the hub', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-hub-drain-'));
  const file = join(dir, 'hub.db');
  const drops: (() => Promise<void>)[] = [];
  let hub: HubProcess | null = null;
  afterAll(async () => {
    if (hub && hub.proc.exitCode == null && hub.proc.signalCode == null) hub.proc.kill('SIGKILL');
    for (const drop of drops) await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a slow import in flight when SIGTERM arrives completes with 200; a new connection is refused; exit code 0; the WAL is checkpointed', async () => {
    let url = `sqlite:${file}`;
    if (TEST_ENGINE === 'postgresql') {
      const db = await freshPgDatabase(process.env.TEST_DATABASE_URL!, 'planhub_drain');
      url = db.url;
      drops.push(db.drop);
    }
    // A generous drain timeout: a loaded machine must not turn a drain into a cut-off.
    hub = await startHubProcess(url, { SHUTDOWN_TIMEOUT_MS: '120000' });
    const token = await hub.login();
    expect((await hub.gql(IMPORT.replace('INDICATORS', 'PLANS'), { c: PLAN_CSV, p: null }, token)).body?.data?.importTable.applied).toBe(true);

    // 5,000 rows: a second or more of work, so it is still running when the signal comes.
    const rows = 5_000;
    const lines = ['序号,指标名称,单位,目标值,指标属性,责任单位'];
    for (let i = 1; i <= rows; i++) lines.push(`${i},停机指标${i},个,达到${i}以上,预期性,区发改局:牵头`);
    let answered = false;
    const slow = hub.gql(IMPORT, { c: lines.join('\n'), p: 'drain-test' }, token).then((r) => ((answered = true), r));
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    hub.proc.kill('SIGTERM');
    // The listener closes at once: a new connection is refused while the import still runs.
    let refused: unknown = null;
    for (let i = 0; i < 50 && !refused && !answered; i++) {
      await new Promise((r) => setTimeout(r, 20));
      refused = await fetch(`http://127.0.0.1:${hub.port}/health`).then(() => null, (e: Error) => e.cause ?? e);
    }
    expect(answered).toBe(false);
    // Refused; or, on a loaded machine, taken into the kernel's backlog in the instant before the
    // listener closed and then reset without an answer. Either way it is not served.
    expect(['ECONNREFUSED', 'ECONNRESET']).toContain((refused as { code?: string }).code);

    const res = await slow;
    expect(res.status).toBe(200);
    expect(res.body?.data?.importTable).toEqual({ applied: true, created: rows });
    expect(await hub.exited, hub.output()).toBe(0);
    expect(hub.output()).toContain('SIGTERM, finishing the requests in flight');

    if (TEST_ENGINE === 'sqlite') {
      // Closed cleanly: the WAL was checkpointed into the file (and removed), the file is whole.
      expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
      expect(await sqliteRows(file, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(await sqliteRows(file, "select count(*) as n from indicator where plan_id = (select id from plan where code = 'drain-test')")).toEqual([{ n: rows }]);
    } else {
      const again = await startHubProcess(url);
      try {
        const count = await again.gql('{ indicators(filter: { planCode: "drain-test" }, limit: 1) { totalCount } }');
        expect(count.body?.data?.indicators.totalCount).toBe(rows);
      } finally {
        again.proc.kill('SIGTERM');
        expect(await again.exited).toBe(0);
      }
    }
  }, 300_000);

  it('past SHUTDOWN_TIMEOUT_MS the hub exits 1 without the request in flight, which is then all there or all absent', async () => {
    const url = TEST_ENGINE === 'postgresql' ? (await freshPgDatabase(process.env.TEST_DATABASE_URL!, 'planhub_drain')) : null;
    if (url) drops.push(url.drop);
    const dbUrl = url?.url ?? `sqlite:${join(dir, 'cut.db')}`;
    let cut = await startHubProcess(dbUrl, { SHUTDOWN_TIMEOUT_MS: '1' });
    hub = cut;
    const token = await cut.login();
    expect((await cut.gql(IMPORT.replace('INDICATORS', 'PLANS'), { c: PLAN_CSV, p: null }, token)).body?.data?.importTable.applied).toBe(true);
    const rows = 5_000;
    const lines = ['序号,指标名称,单位,目标值,指标属性,责任单位'];
    for (let i = 1; i <= rows; i++) lines.push(`${i},停机指标${i},个,达到${i}以上,预期性,区发改局:牵头`);
    let answered = false;
    const slow = cut.gql(IMPORT, { c: lines.join('\n'), p: 'drain-test' }, token).then(
      () => (answered = true),
      () => false,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    cut.proc.kill('SIGTERM');
    expect(await cut.exited, cut.output()).toBe(1);
    expect(cut.output()).toContain('requests still running after 1 ms; exiting without them');
    await slow;
    // Restarted: the import is one transaction, so its plan holds all its rows or none.
    cut = await startHubProcess(dbUrl);
    hub = cut;
    const count = (await cut.gql('{ indicators(filter: { planCode: "drain-test" }, limit: 1) { totalCount } }')).body?.data?.indicators.totalCount;
    expect([0, rows]).toContain(count);
    cut.proc.kill('SIGTERM');
    expect(await cut.exited).toBe(0);
  }, 300_000);
});
