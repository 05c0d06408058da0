// A seeded, property-based fuzzer of the GraphQL endpoint, over real HTTP against a hub built by
// createApp (as `npm start` builds it) on a fresh seeded database.
//
//   FUZZ_RUNS=500 npx vitest run --config tests/vitest.config.ts tests/fuzz      # longer, locally
//   FUZZ_SEED=123 FUZZ_PATH="4:0" npx vitest run … tests/fuzz                    # replay a failure
//
// A failure prints `seed` and `path` (fast-check's counterexample) and the request that broke a rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { ADMIN_PASSWORD, startHub, type TestHub } from '../helpers';
import {
  batchRequest,
  heavyDocument,
  malformedRequest,
  operationRequest,
  operations,
  type FuzzRequest,
} from './generators';
import { buildGraphQLSchema } from '../../server/schema';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
const PATH = process.env.FUZZ_PATH;
/** Generous: a guard against a hung server, not a speed check (PostgreSQL snapshots take longer). */
const TIMEOUT = 60_000 + RUNS * 2_000;

/** fast-check parameters: one seed for the whole file, printed up front and in every failure. */
function params(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns: PATH ? 1 : Math.max(1, Math.round(numRuns)), path: PATH, endOnFailure: true, verbose: 1 };
}

/** Tables whose rows a request may change, by the root mutation that changed them. */
const PLAN_TABLES = ['plan', 'department', 'department_alias', 'indicator', 'special_target', 'special_target_indicator', 'rectification', 'innovation_topic', 'standard', 'responsibility'];
const WATCHED = [...PLAN_TABLES, 'user', 'audit_entry'];
const FAMILY: Record<string, string[]> = {
  Indicator: ['plan', 'indicator', 'responsibility', 'special_target_indicator'],
  SpecialTarget: ['plan', 'special_target', 'responsibility', 'special_target_indicator'],
  Rectification: ['plan', 'rectification', 'responsibility'],
  InnovationTopic: ['plan', 'innovation_topic', 'responsibility'],
  Standard: ['plan', 'standard', 'responsibility'],
  Department: ['plan', 'department', 'department_alias'],
  User: ['user'],
  ApiToken: [],
};

function tablesTouchedBy(mutation: string): string[] {
  if (mutation === 'login' || mutation === 'logout') return [];
  const m = /^(create|update|delete|revoke)(\w+)$/.exec(mutation);
  const family = m ? FAMILY[m[2]] : undefined;
  // batchUpdate, importTable, restoreAuditEntry and anything new: any plan table.
  return [...(family ?? [...PLAN_TABLES, 'user']), 'audit_entry'];
}

interface Answer {
  status: number;
  text: string;
  json: any;
}

const STACK = /stacktrace|\n\s+at |\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\.js:\d+:\d+|SQLITE_|syntax error at|relation "|duplicate key/i;

/** The rules every answer keeps, whatever was sent. Returns what is wrong, or null. */
function brokenRule(req: FuzzRequest, a: Answer): string | null {
  if (a.status >= 500) return `HTTP ${a.status}`;
  if (STACK.test(a.text)) return 'a stack trace or internal detail in the body';
  if (a.status === 200 || a.status >= 400) {
    if (req.method === 'OPTIONS' && a.status < 300) return null;
    if (a.json === undefined) return a.status === 405 || a.status === 404 ? null : `a body that is not JSON: ${a.text.slice(0, 120)}`;
    const results = Array.isArray(a.json) ? a.json : [a.json];
    // A batch answers 400 when one of its operations was refused; the others may hold data.
    if (a.status >= 400 && !results.some((r) => r?.errors?.length)) return 'an HTTP error without GraphQL errors';
    for (const r of results) {
      for (const e of r?.errors ?? []) {
        if (typeof e?.extensions?.code !== 'string') return `an error without extensions.code: ${JSON.stringify(e).slice(0, 200)}`;
        if (e.extensions.code === 'INTERNAL_SERVER_ERROR') return `INTERNAL_SERVER_ERROR: ${e.message}`;
      }
    }
  }
  return null;
}

describe(`GraphQL fuzzer (seed ${SEED}${PATH ? `, path ${PATH}` : ''}, FUZZ_RUNS=${RUNS})`, () => {
  let hub: TestHub;
  let base: string;
  let adminToken: string;
  const schema = buildGraphQLSchema();

  const send = async (req: FuzzRequest, token?: string): Promise<Answer> => {
    const headers: Record<string, string> = { ...req.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(base + req.url, { method: req.method, headers, body: req.body, signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  };

  const login = async () => {
    const a = await send({ label: 'login', method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation($p: String!) { login(username: "admin", password: $p) { token } }', variables: { p: ADMIN_PASSWORD } }), mutations: [] });
    const token = a.json?.data?.login?.token;
    if (!token) throw new Error(`the admin can no longer sign in: ${a.text.slice(0, 300)}`);
    return token as string;
  };

  const snapshot = async (): Promise<Map<string, string[]>> => {
    const conn = hub.orm.em.getConnection();
    const out = new Map<string, string[]>();
    for (const t of WATCHED) out.set(t, ((await conn.execute(`select * from "${t}"`)) as object[]).map((r) => JSON.stringify(r)).sort());
    return out;
  };

  const changedTables = (before: Map<string, string[]>, after: Map<string, string[]>) =>
    WATCHED.filter((t) => JSON.stringify(before.get(t)) !== JSON.stringify(after.get(t)));

  /** Sends and checks one request; throws (with the request) when a rule is broken. */
  const check = async (req: FuzzRequest, token?: string): Promise<Answer> => {
    const a = await send(req, token);
    const broken = brokenRule(req, a);
    if (broken) {
      throw new Error(`${broken}\n  request: ${req.method} ${req.url} ${req.label}\n  headers: ${JSON.stringify(req.headers)}\n  body: ${(req.body ?? '').slice(0, 600)}\n  answer ${a.status}: ${a.text.slice(0, 600)}`);
    }
    return a;
  };

  const stillAnswers = async () => {
    const a = await send({ label: 'probe', method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, body: '{"query":"{ plans { code } }"}', mutations: [] });
    expect(a.status).toBe(200);
    expect(a.json.data.plans.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  };

  beforeAll(async () => {
    hub = await startHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
    adminToken = await login();
    console.log(`fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED} FUZZ_PATH=<path from the failure>)`);
  });
  afterAll(() => hub?.close());

  it('queries with edge values and wrong JSON types, anonymous and signed in: no 5xx, every error coded, nothing changes', async () => {
    const ops = operations(await schema, 'query', { wrongRate: 0.15 });
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(ops, fc.boolean(), async (op, asAdmin) => {
        await check(operationRequest(op), asAdmin ? adminToken : undefined);
      }),
      params(RUNS * 1.5),
    );
    expect(changedTables(before, await snapshot())).toEqual([]);
    await stillAnswers();
  }, TIMEOUT);

  it('mutations with wrong and extreme input: refusals are coded and change nothing; data moves only where a mutation succeeded', async () => {
    const opts = { wrongRate: 0.1, skipFields: new Set(['UpdateUserInput.password']) };
    // logout would end the fuzzer's own session; everything else is fair game.
    const ops = operations(await schema, 'mutation', opts, new Set(['logout']));
    await fc.assert(
      fc.asyncProperty(fc.array(ops, { minLength: 1, maxLength: 3 }), fc.boolean(), async (list, asAdmin) => {
        let touched = new Set<string>();
        let accounts = false;
        for (const op of list) {
          const before = await snapshot();
          const req = operationRequest(op);
          const a = await check(req, asAdmin ? adminToken : undefined);
          const ok = a.status === 200 && a.json?.data?.[op.field] != null && !a.json?.errors;
          touched = new Set(ok ? tablesTouchedBy(op.field) : []);
          accounts ||= ok && /User$/.test(op.field);
          const unexplained = changedTables(before, await snapshot()).filter((t) => !touched.has(t));
          if (unexplained.length) {
            throw new Error(`${ok ? 'a successful' : 'a refused'} ${op.field} changed ${unexplained.join(', ')}\n  body: ${req.body?.slice(0, 600)}\n  answer: ${a.text.slice(0, 600)}`);
          }
        }
        // A change to the admin's own account may end its session; it must still be able to sign in.
        if (accounts) adminToken = await login();
      }),
      params(RUNS),
    );
    await stillAnswers();
  }, TIMEOUT);

  it('malformed bodies, content types, methods and GET parameters: 4xx with coded errors', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(malformedRequest, fc.boolean(), async (req, asAdmin) => {
        await check(req, asAdmin ? adminToken : undefined);
      }),
      params(RUNS * 1.5),
    );
    expect(changedTables(before, await snapshot())).toEqual([]);
    await stillAnswers();
  }, TIMEOUT);

  it('batches and huge, deep or repetitive documents: coded refusals, no 5xx, the hub keeps answering', async () => {
    const ops = operations(await schema, 'query', { wrongRate: 0.1 });
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.oneof(batchRequest(ops), heavyDocument), fc.boolean(), async (req, asAdmin) => {
        await check(req, asAdmin ? adminToken : undefined);
      }),
      params(RUNS / 2),
    );
    expect(changedTables(before, await snapshot())).toEqual([]);
    await stillAnswers();
  }, TIMEOUT);
});
