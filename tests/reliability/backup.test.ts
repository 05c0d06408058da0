import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, afterAll } from 'vitest';
import { TEST_ENGINE } from '../helpers';
import { ROOT, startHubProcess, type HubProcess } from './hub-process';
import { checkEdits, startEdits } from './workload';
import { sqliteRows } from './support';

/** Runs a CLI script as `npm run <script>` does: exit status and output. */
function cli(script: string, args: string[], databaseUrl: string) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * npm run backup while the hub runs (another process, WAL mode) and edits pour in, then npm run
 * restore into a new database. SQLite only: PostgreSQL is backed up with pg_dump, whose copy is one
 * MVCC snapshot by PostgreSQL's own guarantee (README gives the commands).
 */
describe.runIf(TEST_ENGINE === 'sqlite')('npm run backup / restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-hub-backup-'));
  const live = join(dir, 'live.db');
  const copy = join(dir, 'copy.db');
  const restored = join(dir, 'restored.db');
  const hubs: HubProcess[] = [];
  afterAll(async () => {
    for (const h of hubs) if (h.proc.exitCode == null && h.proc.signalCode == null) h.proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a backup taken during edits and batch pastes holds every edit acknowledged before it began, no half batch, none sent after it ended, and an audit trail that matches the rows', async () => {
    const hub = await startHubProcess(`sqlite:${live}`);
    hubs.push(hub);
    const token = await hub.login();
    const pool = (await hub.gql('{ indicators(limit: 40) { items { id version } } }', {}, token)).body!.data.indicators.items.map((r: any) => ({ id: r.id, version: r.version }));
    const edits = startEdits(hub, token, pool.map((p: any) => p.id), 6, 'bk');
    while (edits.acknowledged() < 30) await new Promise((r) => setTimeout(r, 20));

    const began = performance.now();
    const backup = await cli('backup', ['--out', copy], `sqlite:${live}`);
    const ended = performance.now();
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^backed up .*live\.db to .*copy\.db \(\d+\.\d MB; integrity ok; \d+ indicators, \d+ audit entries, \d+ migrations\)/);
    // The restore reads only the copy: it runs while the edits go on against the live database.
    const restoring = cli('restore', [copy], `sqlite:${restored}`);
    // Edits go on after the copy; then stop.
    const target = edits.acknowledged() + 20;
    while (edits.acknowledged() < target) await new Promise((r) => setTimeout(r, 20));
    const attempts = await edits.stop();

    const restore = await restoring;
    expect(restore.status, restore.stderr).toBe(0);
    const { problems, present, acknowledgedChecked } = await checkEdits(restored, attempts, pool, { ackedBy: began, sentAfter: ended });
    expect(problems).toEqual([]);
    expect(acknowledgedChecked).toBeGreaterThanOrEqual(30);
    // The copy is a moment of the live database, not all of it: the later edits are absent.
    expect(present).toBeLessThan(attempts.filter((a) => a.outcome === 'ack').length);
    expect(await sqliteRows(restored, 'select count(*) as n from audit_entry')).toEqual(await sqliteRows(copy, 'select count(*) as n from audit_entry'));

    // The hub starts on the restored database and serves it (started while the live one stops).
    const starting = startHubProcess(`sqlite:${restored}`).then((h) => (hubs.push(h), h));
    hub.proc.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
    const again = await starting;
    const [first] = pool;
    const [row] = await sqliteRows(restored, 'select name, version from indicator where id = ?', [Number(first.id)]);
    expect((await again.gql('query($id: ID!) { indicator(id: $id) { name version } }', { id: first.id })).body?.data?.indicator).toEqual(row);
    again.proc.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 300_000);

  it('restore refuses a non-empty target without --force, and a file that is not a whole Plan Hub database; nothing changes', async () => {
    const before = await sqliteRows(restored, 'select count(*) as n, max(id) as last from audit_entry');
    // Two refusals at once (different targets, neither may change anything).
    writeFileSync(join(dir, 'junk.db'), 'not a database at all, just some text that is long enough to look like a header......');
    const [busy, junk] = await Promise.all([cli('restore', [copy], `sqlite:${restored}`), cli('restore', [join(dir, 'junk.db')], `sqlite:${join(dir, 'new.db')}`)]);
    expect(busy.status).toBe(1);
    expect(busy.stderr).toMatch(/^restore refused, nothing changed: .*restored\.db is not empty \(\d+ tables\): restore into a new file, or give --force/);
    expect(await sqliteRows(restored, 'select count(*) as n, max(id) as last from audit_entry')).toEqual(before);

    expect(junk.status).toBe(1);
    expect(junk.stderr).toMatch(/junk\.db is not a SQLite database: SQLITE_NOTADB/);

    // --force replaces the target's contents with the backup's.
    const forced = await cli('restore', [copy, '--force'], `sqlite:${restored}`);
    expect(forced.status, forced.stderr).toBe(0);
    expect(await sqliteRows(restored, 'select count(*) as n from audit_entry')).toEqual(await sqliteRows(copy, 'select count(*) as n from audit_entry'));
  }, 60_000);
});
