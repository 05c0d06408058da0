import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startHub, TEST_ENGINE, ADMIN_PASSWORD, type TestHub } from './helpers';
import { Role } from '../schema/accounts/account.enums';
import { createServices } from '../server/services';
import { SYSTEM_ACTOR } from '../server/common/actor';
import type { Em } from '../server/orm';
import { createApp, type PlanHub } from '../server/app';
import { freshPgDatabase } from './reliability/hub-process';
import { subscriptionQueue } from './subscription-queue';

const PRESENCE = `subscription($table: LiveTable!, $planCode: String) { presence(table: $table, planCode: $planCode) { key username role department departmentEn since rowId editingSince } }`;
const SET_EDITING = `mutation($table: LiveTable!, $planCode: String, $rowId: ID) { setEditing(table: $table, planCode: $planCode, rowId: $rowId) }`;

interface Presence {
  lists: any[][];
  errors: any[];
  /** The first list (after those already taken) that satisfies `match`, within `ms`. */
  next(match?: (list: any[]) => boolean, ms?: number): Promise<any[]>;
  /** The list last received. */
  readonly last: any[] | undefined;
  stop(): void;
}

/** One browser tab: a graphql-ws connection that can hold presence subscriptions and send setEditing on the same socket. */
interface Tab {
  presence(variables: Record<string, unknown>): Presence;
  /** Runs an operation over the socket; its data, or its errors. */
  run(query: string, variables: Record<string, unknown>): Promise<{ data?: any; errors?: any[] }>;
  setEditing(variables: Record<string, unknown>): Promise<{ data?: any; errors?: any[] }>;
  dispose(): Promise<void>;
}

function openTab(port: number, token: string | null): Tab {
  const client: Client = createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => {},
  });
  const run = (query: string, variables: Record<string, unknown>) =>
    new Promise<{ data?: any; errors?: any[] }>((resolve) => {
      let result: { data?: any; errors?: any[] } = {};
      client.subscribe({ query, variables }, {
        next: (r) => (result = r as typeof result),
        error: (e) => resolve({ errors: Array.isArray(e) ? e : [e] }),
        complete: () => resolve(result),
      });
    });
  return {
    presence(variables) {
      const queue = subscriptionQueue<any[]>('presence list', 3000);
      const stop = client.subscribe({ query: PRESENCE, variables }, {
        next: (m) => (m.errors ? m.errors.forEach((e) => queue.fail(e)) : queue.push((m.data as any).presence)),
        error: (e) => queue.fail(e),
        complete: () => {},
      });
      return {
        lists: queue.items,
        errors: queue.errors,
        get last() {
          return queue.items.at(-1);
        },
        stop,
        next: queue.next,
      };
    },
    run,
    setEditing: (variables) => run(SET_EDITING, variables),
    dispose: () => client.dispose() as Promise<void>,
  };
}

const portOf = async (hub: PlanHub) => {
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  return (hub.app.server.address() as { port: number }).port;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const names = (list: any[]) => list.map((e) => e.username).sort();
const editing = (list: any[], username: string) => list.find((e) => e.username === username)?.rowId ?? null;

describe('presence: who else has a live table open, and the row each edits', () => {
  let hub: TestHub;
  let port = 0;
  const tabs: Tab[] = [];
  const tab = (token: string | null) => {
    const t = openTab(port, token);
    tabs.push(t);
    return t;
  };
  const login = async (username: string) =>
    (await hub.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: username, p: ADMIN_PASSWORD })).login.token as string;
  let indicators: { id: string }[] = [];
  let standardId = '';
  let department: { code: string; name: string; nameEn: string };
  let zhang = '';
  let admin = '';

  beforeAll(async () => {
    hub = await startHub();
    port = await portOf(hub);
    indicators = (await hub.gql('{ indicators(orderBy: [{ field: "seq" }], limit: 5) { items { id } } }')).indicators.items;
    standardId = (await hub.gql('{ standards(limit: 1) { items { id } } }')).standards.items[0].id;
    department = (await hub.gql(`{ departments { code name nameEn } }`)).departments[0];
    await hub.user('zhang', Role.EDITOR, department.code);
    zhang = await login('zhang');
    admin = await login('admin');
  });
  afterAll(async () => {
    await Promise.all(tabs.map((t) => t.dispose()));
    await hub?.close();
  });

  it('two users on one table see each other, with department and role; the editing mark appears and clears; closing the page releases', async () => {
    const a = tab(admin);
    const aSees = a.presence({ table: 'INDICATORS' });
    expect(await aSees.next()).toEqual([]); // alone: the empty list comes first
    const b = tab(zhang);
    const bSees = b.presence({ table: 'INDICATORS' });
    const seenByA = await aSees.next((l) => l.length === 1);
    expect(seenByA).toEqual([{ key: expect.any(String), username: 'zhang', role: 'EDITOR', department: department.name, departmentEn: department.nameEn, since: expect.any(String), rowId: null, editingSince: null }]);
    expect(names(await bSees.next((l) => l.length === 1))).toEqual(['admin']);
    // Someone on another table is not listed here.
    const other = tab(admin).presence({ table: 'STANDARDS' });
    expect(await other.next((l) => l.length === 0)).toEqual([]);

    // B opens an editor on a row: A sees the mark; B's own list never lists B.
    expect(await b.setEditing({ table: 'INDICATORS', rowId: indicators[2].id })).toEqual({ data: { setEditing: true } });
    const marked = await aSees.next((l) => editing(l, 'zhang') === indicators[2].id);
    expect(marked[0].editingSince).toEqual(expect.any(String));
    expect(bSees.last!.map((e) => e.username)).not.toContain('zhang');
    // A second row, then leaving the cell.
    await b.setEditing({ table: 'INDICATORS', rowId: indicators[3].id });
    expect(editing(await aSees.next(), 'zhang')).toBe(indicators[3].id);
    await b.setEditing({ table: 'INDICATORS', rowId: null });
    expect(await aSees.next()).toEqual([expect.objectContaining({ username: 'zhang', rowId: null, editingSince: null })]);

    // B edits again, then leaves the page (the socket closes): A's list empties, mark and all.
    await b.setEditing({ table: 'INDICATORS', rowId: indicators[1].id });
    await aSees.next((l) => editing(l, 'zhang') === indicators[1].id);
    await b.dispose();
    expect(await aSees.next()).toEqual([]);

    // Unsubscribing (the grid unmounts, the socket stays) releases too.
    const c = tab(zhang);
    const cSees = c.presence({ table: 'INDICATORS' });
    await aSees.next((l) => names(l).join() === 'zhang');
    cSees.stop();
    expect(await aSees.next()).toEqual([]);
    aSees.stop();
  });

  it('an editing mark not renewed in time goes by itself; renewing keeps it', async () => {
    const config = (hub.live as unknown as { config: { presenceEditMs: number } }).config; // the LIVE_* settings, shared by the hubs of server/live
    const a = tab(admin);
    const aSees = a.presence({ table: 'STANDARDS' });
    await aSees.next((l) => l.length === 0);
    const b = tab(zhang);
    b.presence({ table: 'STANDARDS' });
    await aSees.next((l) => l.length === 1);
    config.presenceEditMs = 600;
    try {
      await b.setEditing({ table: 'STANDARDS', rowId: standardId });
      await aSees.next((l) => editing(l, 'zhang') === standardId);
      // Renewed twice within the time-out: the mark stays (no list with it released comes in between).
      for (let i = 0; i < 3; i++) {
        await sleep(300);
        await b.setEditing({ table: 'STANDARDS', rowId: standardId });
      }
      expect(aSees.lists.slice(-1)[0].map((e) => e.rowId)).toEqual([standardId]);
      expect(aSees.lists.flat().filter((e) => e.rowId === null)).toHaveLength(1); // only the list before the mark
      // Not renewed: released.
      const released = await aSees.next((l) => l.length === 1 && l[0].rowId === null, 3000);
      expect(released[0]).toMatchObject({ username: 'zhang', rowId: null, editingSince: null });
    } finally {
      config.presenceEditMs = 60_000;
    }
  });

  it('anonymous readers see nobody (no staff name reaches the outside), are not listed and may not mark a row', async () => {
    const a = tab(admin);
    const aSees = a.presence({ table: 'DEPARTMENTS' });
    await aSees.next();
    const anonymous = tab(null);
    const anonSees = anonymous.presence({ table: 'DEPARTMENTS' });
    expect(names(await anonSees.next())).toEqual([]);
    const refused = await anonymous.setEditing({ table: 'DEPARTMENTS', rowId: '1' });
    expect(refused.errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    // A viewer is listed (signed in) but edits nothing.
    await hub.user('viewer', Role.VIEWER);
    const viewer = tab(await login('viewer'));
    viewer.presence({ table: 'DEPARTMENTS' });
    await aSees.next((l) => names(l).join() === 'viewer');
    expect((await viewer.setEditing({ table: 'DEPARTMENTS', rowId: '1' })).errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    await sleep(300);
    expect(aSees.lists.flat().map((e) => [e.username, e.rowId])).toEqual([['viewer', null]]); // the anonymous reader never joined; nobody marked a row
  });

  it('a ledger draft being edited is shown only to those who may read it', async () => {
    const gdp = indicators[0].id; // seq 1, led by 区发改局
    const draft = (await hub.gql(`mutation($id: ID!) { saveLedgerEntry(input: { indicatorId: $id, department: "区发改局", period: "2019", actualValue: 1 }) { id state } }`, { id: gdp })).saveLedgerEntry;
    expect(draft.state).toBe('DRAFT');
    await hub.user('office', Role.ADMIN);
    const office = tab(await login('office')).presence({ table: 'LEDGER' });
    const other = tab(zhang).presence({ table: 'LEDGER' }); // an editor of 区住建局: another department's draft
    const anonymous = tab(null).presence({ table: 'LEDGER' });
    const a = tab(admin);
    a.presence({ table: 'LEDGER' });
    await Promise.all([office, other].map((p) => p.next((l) => names(l).includes('admin'))));
    await a.setEditing({ table: 'LEDGER', rowId: draft.id });
    expect(editing(await office.next((l) => editing(l, 'admin') !== null), 'admin')).toBe(draft.id);
    await sleep(300);
    expect(editing(other.last!, 'admin')).toBeNull();
    expect(anonymous.lists.flat()).toEqual([]);
    expect(other.lists.flat().map((e) => e.rowId)).not.toContain(draft.id);
  });

  it('bad input is refused with a code, and changes nothing', async () => {
    const b = tab(zhang);
    const bSees = b.presence({ table: 'RECTIFICATIONS', planCode: 'binjiang-13th' });
    await bSees.next();
    const a = tab(admin);
    const aSees = a.presence({ table: 'RECTIFICATIONS' });
    await aSees.next((l) => l.length === 1);
    const code = async (variables: Record<string, unknown>) => (await b.setEditing(variables)).errors?.[0]?.extensions?.code;
    expect(await code({ table: 'RECTIFICATIONS', planCode: 'binjiang-13th', rowId: '99999999' })).toBe('NOT_FOUND');
    expect(await code({ table: 'RECTIFICATIONS', planCode: 'binjiang-13th', rowId: 'abc' })).toBe('BAD_USER_INPUT');
    expect(await code({ table: 'RECTIFICATIONS', planCode: 'no-such-plan', rowId: null })).toBe('NOT_FOUND');
    // A table this connection has not opened.
    expect(await code({ table: 'STANDARDS', rowId: standardId })).toBe('BAD_USER_INPUT');
    // An unknown table is refused by the schema.
    const unknown = await b.setEditing({ table: 'NOPE', rowId: '1' });
    expect(unknown.errors?.[0]).toMatchObject({ message: expect.stringMatching(/NOPE/), extensions: { code: 'BAD_USER_INPUT' } });
    // Presence of an unknown plan, and setEditing over HTTP (not the WebSocket of a presence subscription).
    const badPlan = tab(zhang).presence({ table: 'INDICATORS', planCode: 'no-such-plan' });
    await expect(badPlan.next()).rejects.toThrow(/NOT_FOUND/);
    expect((await hub.gqlErrors(SET_EDITING, { table: 'RECTIFICATIONS', rowId: null }))[0].extensions.code).toBe('BAD_USER_INPUT');
    // Other mutations are still not served over the WebSocket.
    const other = await b.run(`mutation { logout }`, {});
    expect(other.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await sleep(300);
    expect(aSees.lists.flat().map((e) => e.rowId)).toEqual([null]);
  });
});

/** Two hubs on one PostgreSQL database (as two processes would be): presence crosses through NOTIFY. */
describe.runIf(TEST_ENGINE === 'postgresql')('presence across hubs on one PostgreSQL database', () => {
  let db: { url: string; drop: () => Promise<void> };
  const hubs: PlanHub[] = [];
  const ports: number[] = [];
  const tabs: Tab[] = [];
  beforeAll(async () => {
    db = await freshPgDatabase(process.env.TEST_DATABASE_URL!, 'planhub_presence');
    hubs.push(await createApp({ database: { engine: 'postgresql', url: db.url }, seedOnEmpty: true }));
    hubs.push(await createApp({ database: { engine: 'postgresql', url: db.url }, seedOnEmpty: false }));
    for (const h of hubs) ports.push(await portOf(h));
    const accounts = createServices(hubs[0].orm.em.fork() as Em, SYSTEM_ACTOR).accounts;
    await accounts.createUser({ username: 'li', password: ADMIN_PASSWORD, role: Role.ADMIN });
    await accounts.createUser({ username: 'wang', password: ADMIN_PASSWORD, role: Role.ADMIN });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(tabs.map((t) => t.dispose()));
    for (const h of hubs) await h.close();
    await db?.drop();
  });

  it('a user on one hub sees a user on the other, their editing mark, and their leaving', async () => {
    const login = async (h: PlanHub, u: string) => {
      const r = await h.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: { query: `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, variables: { u, p: ADMIN_PASSWORD } } });
      return JSON.parse(r.body).data.login.token as string;
    };
    const li = openTab(ports[0], await login(hubs[0], 'li'));
    const wang = openTab(ports[1], await login(hubs[1], 'wang'));
    tabs.push(li, wang);
    const liSees = li.presence({ table: 'INDICATORS' });
    await liSees.next();
    const wangSees = wang.presence({ table: 'INDICATORS' });
    expect(names(await wangSees.next((l) => l.length === 1))).toEqual(['li']);
    expect(names(await liSees.next((l) => l.length === 1))).toEqual(['wang']);
    const [row] = (await hubs[0].orm.em.fork().getConnection().execute('select id from indicator order by id limit 1')) as { id: number }[];
    expect((await wang.setEditing({ table: 'INDICATORS', rowId: String(row.id) })).data).toEqual({ setEditing: true });
    await liSees.next((l) => editing(l, 'wang') === String(row.id));

    // The listening connections are cut (a database restart, a proxy): the hubs reconnect and tell each other again who is there.
    const { default: pg } = await import('pg');
    const dba = new pg.Client({ connectionString: db.url });
    await dba.connect();
    const cut = await dba.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and (query = 'listen plan_hub_presence' or query like 'select pg_notify(%')`);
    await dba.end();
    expect(cut.rowCount).toBe(2);
    await wang.setEditing({ table: 'INDICATORS', rowId: null });
    expect(await liSees.next((l) => l.length === 1 && editing(l, 'wang') === null, 6000)).toMatchObject([{ username: 'wang', rowId: null }]);
    await wangSees.next((l) => names(l).join() === 'li', 6000);

    await wang.dispose();
    expect(await liSees.next((l) => l.length === 0)).toEqual([]);
  }, 30_000);
});
