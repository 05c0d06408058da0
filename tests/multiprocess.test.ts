import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { freshDatabase, TEST_ENGINE } from './helpers';

/** Two real hub processes (as `npm start` runs them) on one PostgreSQL database. */
describe.runIf(TEST_ENGINE === 'postgresql')('several hub processes on one PostgreSQL database', () => {
  const procs: ChildProcess[] = [];
  let drop: () => Promise<void>;
  const base = 20000 + (process.pid % 20000);
  const ports = [base, base + 1];

  async function start(port: number, url: string) {
    const p = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG: 'false', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'multi-process test password' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    procs.push(p);
    let output = '';
    p.stdout!.on('data', (d) => (output += d));
    p.stderr!.on('data', (d) => (output += d));
    for (let i = 0; i < 150; i++) {
      if (p.exitCode != null) throw new Error(`hub on ${port} exited: ${output}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`hub on ${port} did not start: ${output}`);
  }

  let token = '';
  const gql = async (port: number, query: string, variables?: object) =>
    (await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    })).json() as Promise<any>;

  beforeAll(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    const url = (db.database as { url: string }).url;
    await start(ports[0], url); // the first start migrates and seeds
    await start(ports[1], url);
    // A session made through one process works in the other: sessions live in the database.
    token = (await gql(ports[0], 'mutation { login(username: "admin", password: "multi-process test password") { token } }')).data.login.token;
  }, 90_000);

  afterAll(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode != null ? r(null) : p.once('exit', r)))));
    await drop?.();
  });

  it('conflicting edits of the same rows through both processes: exactly one wins each row, the other gets CONFLICT', async () => {
    const rows = (await gql(ports[0], '{ indicators(limit: 10) { items { id version } } }')).data.indicators.items;
    const edit = `mutation($id: ID!, $v: Int, $name: String) { updateIndicator(id: $id, patch: { name: $name }, expectedVersion: $v) { name version } }`;
    const results = await Promise.all(
      rows.flatMap((r: any) => ports.map((port) => gql(port, edit, { id: r.id, v: r.version, name: `edited via ${port}` }).then((res) => ({ id: r.id, port, res })))),
    );
    for (const r of rows) {
      const both = results.filter((x) => x.id === r.id);
      const won = both.filter((x) => x.res.data?.updateIndicator);
      const lost = both.filter((x) => x.res.errors);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].res.errors[0].extensions.code).toBe('CONFLICT');
      expect(won[0].res.data.updateIndicator.version).toBe(r.version + 1);
      // Both processes read the winner's value: nothing was lost or overwritten.
      for (const port of ports) {
        const now = (await gql(port, `query($id: ID!) { indicator(id: $id) { name version } }`, { id: r.id })).data.indicator;
        expect(now).toEqual({ name: `edited via ${won[0].port}`, version: r.version + 1 });
      }
      // The audit trail shows exactly the winning change.
      const trail = (await gql(ports[1], `query($id: ID!) { auditLog(entity: "Indicator", entityId: $id, field: "name") { after username } }`, { id: r.id })).data.auditLog;
      expect(trail).toEqual([{ after: JSON.stringify(`edited via ${won[0].port}`), username: 'admin' }]);
    }
  });
});
