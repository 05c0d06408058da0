import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { freshDatabase, TEST_ENGINE } from './helpers';

/** Two real hub processes (as `npm start` runs them) on one PostgreSQL database. */
describe.runIf(TEST_ENGINE === 'postgresql')('several hub processes on one PostgreSQL database', () => {
  const procs: ChildProcess[] = [];
  let drop: () => Promise<void>;
  let dbUrl = '';
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
    for (let i = 0; i < 400; i++) {
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
    dbUrl = url;
    await start(ports[0], url); // the first start migrates and seeds
    await start(ports[1], url);
    // A session made through one process works in the other: sessions live in the database.
    token = (await gql(ports[0], 'mutation { login(username: "admin", password: "multi-process test password") { token } }')).data.login.token;
  }, 200_000);

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

  it('a bulk import in one process and edits in another give the same result as running them one after the other', async () => {
    // The file renames every standard; the edits rename indicators and one of the standards.
    const dir = mkdtempSync(join(tmpdir(), 'plan-hub-mp-'));
    const lines = readFileSync('tests/transfer/fixtures/standards.csv', 'utf8').split('\n');
    const renamed = lines.map((line, i) => (i === 0 || !line.trim() ? line : line.replace(/^(\d+),([^,]+),/, (_m, seq, name) => `${seq},${name}（导入）,`)));
    writeFileSync(join(dir, 'standards.csv'), renamed.join('\n'));
    const standards = (await gql(ports[0], '{ standards(orderBy: [{ field: "seq" }]) { items { id seq name version } } }')).data.standards.items;
    const indicators = (await gql(ports[0], '{ indicators(limit: 10, offset: 10) { items { id version } } }')).data.indicators.items;

    const importer = spawn(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', join(dir, 'standards.csv'), '--table', 'standards'], {
      env: { ...process.env, DATABASE_URL: dbUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    importer.stdout!.on('data', (d) => (output += d));
    importer.stderr!.on('data', (d) => (output += d));
    const imported = new Promise<number>((resolve) => importer.once('exit', (code) => resolve(code ?? -1)));
    const edit = `mutation($id: ID!, $name: String) { updateIndicator(id: $id, patch: { name: $name }) { version } }`;
    const edits = await Promise.all(indicators.map((r: any, i: number) => gql(ports[i % 2], edit, { id: r.id, name: `并发编辑 ${i}` })));
    const standardEdit = await gql(ports[1], `mutation($id: ID!) { updateStandard(id: $id, patch: { name: "编辑后的标准" }) { version } }`, { id: standards[4].id });
    expect(await imported, output).toBe(0);

    expect(edits.every((e) => e.data?.updateIndicator)).toBe(true);
    const after = (await gql(ports[1], '{ standards(orderBy: [{ field: "seq" }]) { items { id seq name version } } indicators(limit: 10, offset: 10) { items { name } } }')).data;
    expect(after.indicators.items.map((r: any) => r.name)).toEqual(indicators.map((_: any, i: number) => `并发编辑 ${i}`));
    // Every standard the edit did not touch carries the imported name, one version up.
    for (const [i, s] of standards.entries()) {
      if (i === 4) continue;
      expect(after.standards.items[i]).toEqual({ ...s, name: `${s.name}（导入）`, version: s.version + 1 });
    }
    // The contested row ends as one of the two serial orders would leave it, and the trail agrees.
    const contested = after.standards.items[4];
    expect(standardEdit.data?.updateStandard ?? standardEdit.errors?.[0]?.extensions?.code).toBeTruthy();
    const trail = (await gql(ports[0], `query($id: ID!) { auditLog(entity: "Standard", entityId: $id, field: "name") { after source } }`, { id: standards[4].id })).data.auditLog;
    expect(JSON.parse(trail[0].after)).toBe(contested.name);
    expect(['编辑后的标准', `${standards[4].name}（导入）`]).toContain(contested.name);
    expect(contested.version).toBe(standards[4].version + trail.length);
  }, 200_000);
});
