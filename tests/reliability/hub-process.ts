import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The repository root: child processes run there, as `npm start` does. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ADMIN_USERNAME = 'admin';
export const ADMIN_PASSWORD = 'reliability test password';

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface GqlAnswer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] } | null;
}

export interface HubProcess {
  proc: ChildProcess;
  port: number;
  /** Everything the hub printed. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** One GraphQL request over HTTP; never throws for an HTTP status. */
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlAnswer>;
  login(): Promise<string>;
  /** Resident memory of the hub process in KiB (Linux /proc). */
  rssKb(): number;
}

/**
 * Starts the hub as `npm start` does (tsx server/main.ts, config from the environment), on the given
 * database, and waits until /health answers.
 */
export async function startHubProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<HubProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG: 'false', ADMIN_USERNAME, ADMIN_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (proc.exitCode != null || proc.signalCode != null) throw new Error(`the hub exited before it listened: ${out}`);
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (i > 1800) {
      proc.kill('SIGKILL');
      throw new Error(`the hub did not start within 180 s: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const gql = async (query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlAnswer> => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    let body: GqlAnswer['body'] = null;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: counted by the caller through the status */
    }
    return { status: res.status, body };
  };
  return {
    proc,
    port,
    output: () => out,
    exited,
    gql,
    async login() {
      const r = await gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: ADMIN_USERNAME, p: ADMIN_PASSWORD });
      const token = r.body?.data?.login?.token;
      if (!token) throw new Error(`login failed: ${JSON.stringify(r)}`);
      return token;
    },
    rssKb() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : NaN;
    },
  };
}

/** A new, empty PostgreSQL database next to the one `url` names; `drop` removes it. */
export async function freshPgDatabase(url: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
