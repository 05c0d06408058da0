import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, afterAll } from 'vitest';
import { TEST_ENGINE } from '../helpers';
import { startHubProcess, type HubProcess } from './hub-process';
import { checkEdits, startEdits, type Attempt } from './workload';

/** RELIABILITY_LONG=1 runs the long version: 20 kills instead of 4. */
const KILLS = process.env.RELIABILITY_LONG === '1' ? 20 : 4;

/**
 * kill -9 of the hub (started as `npm start` starts it) in the middle of edits and batch pastes, at a
 * random moment, again and again, each time restarted on the same file. SQLite only: the hub process
 * holds SQLite's files itself, so its death is SQLite's crash to survive; on PostgreSQL the server
 * outlives a killed client and rolls back its open transactions on its own.
 */
describe.runIf(TEST_ENGINE === 'sqlite')(`kill -9 of the hub during edits, ${KILLS} times`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-hub-crash-'));
  const file = join(dir, 'hub.db');
  let hub: HubProcess | null = null;
  afterAll(async () => {
    if (hub && hub.proc.exitCode == null && hub.proc.signalCode == null) hub.proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('after each restart: integrity ok, every acknowledged edit there, no unacknowledged batch half there, the audit trail matches the rows', async () => {
    hub = await startHubProcess(`sqlite:${file}`);
    const token = await hub.login(); // sessions live in the database: the token outlives the restarts
    const pool = (await hub.gql('{ indicators(limit: 40) { items { id version } } }', {}, token)).body!.data.indicators.items.map((r: any) => ({ id: r.id, version: r.version }));
    const attempts: Attempt[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      if (kill > 1) hub = await startHubProcess(`sqlite:${file}`);
      const edits = startEdits(hub, token, pool.map((p: any) => p.id), 6, `crash${kill}`);
      // A random moment: after a random number of acknowledged edits (some of them batches), while six more are in flight.
      const goal = 3 + Math.floor(Math.random() * 25);
      while (edits.acknowledged() < goal) await new Promise((r) => setTimeout(r, 5));
      if (kill < KILLS) await new Promise((r) => setTimeout(r, Math.random() * 30));
      else {
        // The last kill cuts a batch paste in flight, so a half-written batch is always looked for
        // (left to chance, a fast hub answered every batch before the kill in some runs).
        const until = Date.now() + 5_000;
        while (!edits.batchInFlight() && Date.now() < until) await new Promise((r) => setImmediate(r));
      }
      hub.proc.kill('SIGKILL');
      expect(await hub.exited).toBe('SIGKILL');
      attempts.push(...(await edits.stop()));

      const { problems, acknowledgedChecked } = await checkEdits(file, attempts, pool);
      expect(problems, `after kill ${kill}`).toEqual([]);
      expect(acknowledgedChecked).toBeGreaterThanOrEqual(goal);
    }
    // Every kill cut off edits in flight; some of them were batch pastes.
    expect(attempts.filter((a) => a.outcome === 'unknown').length).toBeGreaterThanOrEqual(KILLS);
    expect(attempts.filter((a) => a.kind === 'batch' && a.outcome === 'unknown').length).toBeGreaterThan(0);

    // The last restart serves the data the file holds.
    hub = await startHubProcess(`sqlite:${file}`);
    const rows = (await hub.gql('{ indicators(limit: 40) { items { id version } } }', {}, token)).body!.data.indicators.items;
    expect(rows.length).toBe(pool.length);
    hub.proc.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  }, 600_000);
});
