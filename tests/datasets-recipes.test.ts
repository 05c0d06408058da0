import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { freshDatabase } from './helpers';

/**
 * The README's "Connecting BI tools" recipes, played as each tool sends them against a running hub
 * (`npm start`, request logging on): Excel and Power Query "From Web", Power BI Web.Contents with a
 * header, Grafana Infinity (JSON and GraphQL), pandas.read_csv (or the same request from Node when
 * Python has no pandas), and curl. The hub's log must hold neither token.
 */
const PASSWORD = 'recipes test password';
const QUERY = `query Binding($attribute: IndicatorAttribute, $limit: Int) {
  indicators(filter: { attribute: $attribute }, limit: $limit) {
    items { seq name responsibilities { role department { name } } }
  }
}`;

function hasPandas(): boolean {
  try {
    execFileSync('python3', ['-c', 'import pandas'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('Connecting BI tools: the README recipes against a running hub', () => {
  let hub: ChildProcess;
  let log = '';
  let drop: () => Promise<void>;
  const port = 21000 + (process.pid % 20000);
  const base = `http://127.0.0.1:${port}`;
  let apiToken = '';
  let linkToken = '';
  let expectedRows = 0;

  const gql = async (query: string, variables: object = {}, token?: string) =>
    (await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) })).json()) as any;

  beforeAll(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    const url = db.database.engine === 'postgresql' ? db.database.url : `sqlite:${join(mkdtempSync(join(tmpdir(), 'planhub-recipes-')), 'hub.db')}`;
    hub = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_REQUESTS: 'true', LOG: 'true', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hub.stdout!.on('data', (d) => (log += d));
    hub.stderr!.on('data', (d) => (log += d));
    for (let i = 0; ; i++) {
      if (hub.exitCode != null) throw new Error(`the hub exited: ${log}`);
      if (i > 600) throw new Error(`the hub did not start: ${log}`);
      if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const session = (await gql(`mutation($p: String!) { login(username: "admin", password: $p) { token } }`, { p: PASSWORD })).data.login.token;
    const saved = await gql(`mutation($input: DatasetInput!) { saveDataset(input: $input) { name } }`, { input: { name: 'binding-indicators', title: '约束性指标', query: QUERY, variables: '{"attribute":"BINDING","limit":1000}' } }, session);
    expect(saved.data.saveDataset.name).toBe('binding-indicators');
    apiToken = (await gql(`mutation { createApiToken(input: { name: "Power BI" }) { token } }`, {}, session)).data.createApiToken.token;
    linkToken = (await gql(`mutation { createDatasetLinkToken(dataset: "binding-indicators") { secret } }`, {}, session)).data.createDatasetLinkToken.secret;
    const list = await gql(`{ indicators(filter: { attribute: BINDING }, limit: 1000) { items { responsibilities { role } } } }`, {}, apiToken);
    expectedRows = list.data.indicators.items.reduce((n: number, i: { responsibilities: unknown[] }) => n + i.responsibilities.length, 0);
    expect(expectedRows).toBeGreaterThan(10);
  }, 200_000);

  afterAll(async () => {
    if (hub && hub.exitCode == null) {
      hub.kill('SIGTERM');
      await new Promise((r) => hub.once('exit', r));
    }
    await drop?.();
  });

  /** The CSV as a tool reads it: the bytes start with the UTF-8 BOM (what makes Excel and WPS read UTF-8). */
  const csvRows = (bytes: Buffer) => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return parseCsv(bytes.subarray(3).toString('utf8')) as string[][];
  };
  const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

  it('Excel / WPS: Data → From Web with the link token (no header), CSV with BOM', async () => {
    const res = await fetch(`${base}/datasets/binding-indicators.csv?token=${linkToken}`, { headers: { 'user-agent': 'Microsoft.Data.Mashup (https://go.microsoft.com/fwlink/?LinkID=304225)' } });
    expect(res.status).toBe(200);
    const rows = csvRows(await bytesOf(res));
    expect(rows[0]).toContain('指标名称');
    expect(rows.length - 1).toBe(expectedRows);
  });

  it('Power BI: Web.Contents with the Authorization header (CSV and JSON), refreshed', async () => {
    for (let refresh = 0; refresh < 2; refresh++) {
      const csv = await fetch(`${base}/datasets/binding-indicators.csv`, { headers: { authorization: `Bearer ${apiToken}`, 'user-agent': 'Microsoft.Data.Mashup' } });
      expect(csv.status).toBe(200);
      expect(csvRows(await bytesOf(csv)).length - 1).toBe(expectedRows);
    }
    const json = await fetch(`${base}/datasets/binding-indicators.json?attribute=EXPECTED&limit=5`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(json.status).toBe(200);
    const rows = (await json.json()) as Record<string, unknown>[];
    expect(new Set(rows.map((r) => r['序号'] ?? Object.values(r)[0])).size).toBe(5);
  });

  it('Grafana Infinity: GET JSON with the header, and POST /graphql with a query', async () => {
    const json = await fetch(`${base}/datasets/binding-indicators.json`, { headers: { authorization: `Bearer ${apiToken}`, accept: 'application/json' } });
    expect(json.status).toBe(200);
    expect(((await json.json()) as unknown[]).length).toBe(expectedRows);
    const gqlRes = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ indicators(filter: { attribute: BINDING }, limit: 1000) { totalCount items { name } } }' }),
    });
    expect(gqlRes.status).toBe(200);
    const body = (await gqlRes.json()) as any;
    expect(body.data.indicators.items.length).toBe(body.data.indicators.totalCount);
  });

  it.runIf(hasPandas())('Python: pandas.read_csv on the link', () => {
    const out = execFileSync('python3', ['-c', `import pandas as pd\ndf = pd.read_csv("${base}/datasets/binding-indicators.csv?token=${linkToken}")\nprint(len(df))\nprint("指标名称" in df.columns)`], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual([String(expectedRows), 'True']);
  });

  it.runIf(!hasPandas())('Python (no pandas on this machine): the request pandas.read_csv sends, from Node', async () => {
    // pandas.read_csv(url) is urllib's GET with "Accept-Encoding: gzip, deflate", read as UTF-8 (BOM dropped).
    const res = await fetch(`${base}/datasets/binding-indicators.csv?token=${linkToken}`, { headers: { 'user-agent': 'Python-urllib/3.11', 'accept-encoding': 'gzip, deflate' } });
    expect(res.status).toBe(200);
    expect(csvRows(await bytesOf(res)).length - 1).toBe(expectedRows);
  });

  it('curl: with the header and with the link token; refusals are JSON with a code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'planhub-curl-'));
    execFileSync('curl', ['-fsS', '-H', `Authorization: Bearer ${apiToken}`, '-o', join(dir, 'binding.xlsx'), `${base}/datasets/binding-indicators.xlsx`]);
    expect(readFileSync(join(dir, 'binding.xlsx')).subarray(0, 2).toString()).toBe('PK');
    const csv = execFileSync('curl', ['-fsS', `${base}/datasets/binding-indicators.csv?token=${linkToken}&attribute=BINDING`]);
    expect(csvRows(csv).length - 1).toBe(expectedRows);
    const refused = execFileSync('curl', ['-sS', '-w', '\n%{http_code}', `${base}/datasets/binding-indicators.csv?token=${linkToken}&limit=ten`], { encoding: 'utf8' });
    const [body, status] = refused.trim().split('\n');
    expect(status).toBe('400');
    expect(JSON.parse(body).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit', reason: 'PARAMETER_TYPE' });
  });

  it('the request log shows the requests without the tokens', async () => {
    await new Promise((r) => setTimeout(r, 300));
    expect(log).toContain('/datasets/binding-indicators.csv?token=[REDACTED]');
    expect(log).not.toContain(linkToken);
    expect(log).not.toContain(apiToken);
  });
});
