import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Kind, OperationTypeNode, getOperationAST, type DocumentNode } from 'graphql';
import type { Em, Orm } from '../orm';
import type { Actor } from '../common/actor';
import type { LiveConfig } from '../config';
import { Sql } from '../db/driver';
import { AppError, ErrorCode, badInput, notFound } from '../errors';
import { canReadEntry } from '../ledger/ledger.access';
import type { LedgerState } from '../../schema/ledger/ledger.enums';
import { Role } from '../../schema/accounts/account.enums';
import type { PresenceEntry } from '../../schema/live/presence.types';
import { LIVE_TABLES, type LiveTableName } from './tables';

/** The NOTIFY channel presence travels on between hub processes of one PostgreSQL database. */
const CHANNEL = 'plan_hub_presence';

/** One open grid: who has which table open, and the row they edit. Local (this process) or learned from another process. */
interface Here {
  key: string;
  /** The process that holds the subscription. */
  origin: string;
  table: LiveTableName;
  planId: number | null;
  userId: number;
  username: string;
  role: Role;
  department: string | null;
  departmentEn: string | null;
  since: number;
  rowId: string | null;
  editingSince: number | null;
  /** A ledger entry's state and department: who else may see that it is being edited. */
  rowScope: { state: string; departmentId: number } | null;
}

interface Local extends Here {
  /** The graphql-ws connection (its `extra`) the subscription came on; setEditing on it marks this entry. */
  connection: object;
  expiry: NodeJS.Timeout | null;
}

interface Remote extends Here {
  seenAt: number;
}

interface Watcher {
  table: LiveTableName;
  planId: number | null;
  actor: Actor;
  /** The last list sent, to send only changes. */
  last: string | null;
  push(entries: PresenceEntry[]): void;
}

/** What processes tell each other (JSON in a NOTIFY payload, well under its 8,000 bytes). */
type Message =
  | { s: string; o: string; t: 'up'; e: Here }
  | { s: string; o: string; t: 'down'; k: string }
  | { s: string; o: string; t: 'beat' | 'hello' | 'bye' };

/**
 * Who has a live table open, and which row each is editing (issue 17, presence). A `presence`
 * subscription both announces its subscriber (signed-in people only) and receives the list of the
 * others on that table whenever it changes; it leaves when the subscription or its WebSocket ends
 * (the page is left, or the server's heartbeat drops a dead connection). `setEditing`, sent on the
 * same WebSocket, marks the row the connection's user edits on that table; the mark goes after
 * `presenceEditMs` unless renewed.
 *
 * Presence is state of open connections, not data: it lives in memory. On PostgreSQL each process
 * tells the others through NOTIFY plan_hub_presence (an entry up or down, a heartbeat every
 * presenceBeatMs; a process silent for three beats is forgotten, one that starts asks the others to
 * announce themselves again); on SQLite one hub serves a file, so this process is all there is.
 */
export class PresenceHub {
  private readonly origin = randomUUID().slice(0, 8);
  private readonly local = new Map<string, Local>();
  private readonly remote = new Map<string, Remote>();
  private readonly watchers = new Set<Watcher>();
  private readonly sql: Sql;
  private readonly schema: string;
  private listener: pg.Client | null = null;
  private listening: Promise<void> | null = null;
  private beat: NodeJS.Timeout | null = null;
  /** NOTIFYs go one after another, and before the listener's connection ends. */
  private outbox: Promise<void> = Promise.resolve();
  private counter = 0;
  private closed = false;

  constructor(
    orm: Orm,
    private readonly config: Pick<LiveConfig, 'presenceEditMs' | 'presenceBeatMs'>,
    private readonly database: { engine: 'sqlite' } | { engine: 'postgresql'; url: string; schema?: string },
  ) {
    this.sql = new Sql(orm.em as unknown as Em);
    this.schema = database.engine === 'postgresql' ? (database.schema ?? 'public') : '';
  }

  /**
   * A `presence` subscription: registered at once (so a setEditing right after it finds it), then the
   * list of the others on `table` each time it changes, the first at once. `connection` is the
   * graphql-ws connection's own object.
   */
  async open(table: LiveTableName, actor: Actor, planCode: string | null, connection: object): Promise<AsyncIterableIterator<PresenceEntry[]>> {
    if (this.closed) throw new Error('the hub is shutting down');
    if (!(table in LIVE_TABLES)) throw badInput('table', `${table} is not a live table`);
    const planId = await this.planId(planCode);
    const listed = listable(actor) ? await this.who(actor) : null;

    let pending: PresenceEntry[] | null = null;
    let wake: (() => void) | null = null;
    let done = false;
    const watcher: Watcher = {
      table, planId, actor, last: null,
      push: (entries) => {
        pending = entries;
        wake?.();
      },
    };
    let key: string | null = null;
    this.watchers.add(watcher);
    if (listed) {
      key = `${this.origin}.${++this.counter}`;
      this.local.set(key, { ...listed, key, origin: this.origin, table, planId, since: Date.now(), rowId: null, editingSince: null, rowScope: null, connection, expiry: null });
    }
    const leave = () => {
      if (done) return;
      done = true;
      this.watchers.delete(watcher);
      if (key) {
        const entry = this.local.get(key);
        if (entry?.expiry) clearTimeout(entry.expiry);
        this.local.delete(key);
        this.tell({ t: 'down', k: key });
        this.changed(table);
      }
      if (!this.watchers.size) this.idle();
      wake?.();
    };
    try {
      await this.start();
    } catch (error) {
      leave();
      throw error;
    }
    if (key) this.tell({ t: 'up', e: this.shared(this.local.get(key)!) });
    this.changed(table);
    if (watcher.last === null) this.send(watcher); // alone on the table: the (empty) list still comes first

    const iterator: AsyncIterableIterator<PresenceEntry[]> = {
      next: async () => {
        while (!done && pending === null) await new Promise<void>((r) => (wake = r));
        wake = null;
        if (done) return { done: true, value: undefined };
        const value = pending!;
        pending = null;
        return { done: false, value };
      },
      return: async () => {
        leave();
        return { done: true, value: undefined };
      },
      throw: async (error: unknown) => {
        leave();
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /**
   * Marks (rowId) or unmarks (null) the row the user of `connection` edits on `table`: every presence
   * subscription of that connection on that table (and plan) carries it until unmarked, renewed within
   * presenceEditMs, or the subscription ends.
   */
  async setEditing(connection: object, actor: Actor, table: LiveTableName, planCode: string | null, rowId: string | null): Promise<boolean> {
    if (!listable(actor)) {
      if (actor.role === null) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in to show others what you edit.');
      throw new AppError(ErrorCode.FORBIDDEN, 'A read-only token edits nothing.');
    }
    if (actor.role === Role.VIEWER) throw new AppError(ErrorCode.FORBIDDEN, 'A VIEWER edits nothing: only editors and the office mark the rows they edit.');
    if (!(table in LIVE_TABLES)) throw badInput('table', `${table} is not a live table`);
    const planId = await this.planId(planCode);
    let rowScope: Here['rowScope'] = null;
    if (rowId !== null) {
      if (!/^\d{1,15}$/.test(rowId)) throw badInput('rowId', `rowId "${rowId}" is not a row id`);
      const meta = LIVE_TABLES[table];
      const columns = meta.ledger ? 'id, state, department_id' : meta.plan ? 'id, plan_id' : 'id';
      const [row] = await this.sql.all(`select ${columns} from ${meta.table} where id = ?`, [Number(rowId)], { log: false });
      const missing = notFound(table, rowId);
      if (!row) throw missing;
      if (meta.plan && planId !== null && Number(row.plan_id) !== planId) throw missing;
      if (meta.ledger) {
        rowScope = { state: String(row.state), departmentId: Number(row.department_id) };
        if (!canReadEntry(actor, { state: rowScope.state as LedgerState, departmentId: rowScope.departmentId })) throw missing;
      }
    }
    const mine = [...this.local.values()].filter((e) => e.connection === connection && e.table === table && e.planId === planId);
    if (!mine.length) throw badInput('table', `This connection has no presence subscription on ${table}${planCode ? ` of ${planCode}` : ''}: subscribe to presence first.`);
    for (const entry of mine) {
      if (entry.expiry) clearTimeout(entry.expiry);
      entry.expiry = null;
      if (entry.rowId !== rowId) entry.editingSince = rowId === null ? null : Date.now();
      entry.rowId = rowId;
      entry.rowScope = rowScope;
      if (rowId !== null) {
        // Not renewed in time (the tab froze, the network went): the mark goes by itself.
        entry.expiry = setTimeout(() => {
          entry.expiry = null;
          if (this.local.get(entry.key) !== entry) return;
          entry.rowId = null;
          entry.editingSince = null;
          entry.rowScope = null;
          this.tell({ t: 'up', e: this.shared(entry) });
          this.changed(table);
        }, this.config.presenceEditMs);
        entry.expiry.unref();
      }
      this.tell({ t: 'up', e: this.shared(entry) });
    }
    this.changed(table);
    return true;
  }

  /** How many presence subscriptions this process holds. */
  get subscriptionCount(): number {
    return this.watchers.size;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.listener) await this.notify({ s: this.schema, o: this.origin, t: 'bye' });
    for (const entry of this.local.values()) if (entry.expiry) clearTimeout(entry.expiry);
    this.local.clear();
    for (const w of [...this.watchers]) w.push([]);
    this.idle();
  }

  private async planId(planCode: string | null): Promise<number | null> {
    if (planCode === null) return null;
    const [plan] = await this.sql.all('select id from plan where code = ?', [planCode], { log: false });
    if (!plan) throw notFound('Plan', planCode);
    return Number(plan.id);
  }

  /** How a signed-in user is shown to others. */
  private async who(actor: Actor): Promise<Pick<Here, 'userId' | 'username' | 'role' | 'department' | 'departmentEn'>> {
    const [row] = await this.sql.all('select u.username, u.role, d.name, d.name_en from "user" u left join department d on d.id = u.department_id where u.id = ?', [actor.userId], { log: false });
    return {
      userId: actor.userId!,
      username: String(row?.username ?? actor.username ?? ''),
      role: String(row?.role ?? actor.role) as Role,
      department: row?.name == null ? null : String(row.name),
      departmentEn: row?.name_en == null ? null : String(row.name_en),
    };
  }

  /** Something about `table` changed: each of its watchers gets its list, if its list changed. */
  private changed(table: LiveTableName): void {
    for (const w of this.watchers) if (w.table === table) this.send(w);
  }

  private send(w: Watcher): void {
    const meta = LIVE_TABLES[w.table];
    const entries: PresenceEntry[] = [];
    // Who is working on the plan is for colleagues: anonymous readers (a public hub) and read-only
    // tokens get an empty list, so no staff name reaches the outside.
    for (const e of listable(w.actor) ? [...this.local.values(), ...this.remote.values()] : []) {
      if (e.table !== w.table || e.userId === w.actor.userId) continue;
      if (w.planId !== null && e.planId !== null && e.planId !== w.planId) continue;
      const shown = e.rowId !== null && (!meta.ledger || (e.rowScope !== null && canReadEntry(w.actor, { state: e.rowScope.state as LedgerState, departmentId: e.rowScope.departmentId })));
      entries.push({
        key: e.key, username: e.username, role: e.role, department: e.department, departmentEn: e.departmentEn,
        since: new Date(e.since), rowId: shown ? e.rowId : null, editingSince: shown && e.editingSince !== null ? new Date(e.editingSince) : null,
      });
    }
    entries.sort((a, b) => a.since.getTime() - b.since.getTime() || a.key.localeCompare(b.key));
    const text = JSON.stringify(entries);
    if (text === w.last) return;
    w.last = text;
    w.push(entries);
  }

  /** An entry as other processes receive it. */
  private shared(entry: Local): Here {
    const { connection: _c, expiry: _e, ...here } = entry;
    return here;
  }

  // --- Between processes (PostgreSQL) ---

  private async start(): Promise<void> {
    if (this.database.engine !== 'postgresql' || this.listener) return;
    this.listening ??= this.listen(this.database.url);
    await this.listening;
  }

  private async listen(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = null;
      client.end().catch(() => {});
      this.dropRemote(() => true);
      retry();
    };
    // Until the database answers again, while anyone is here.
    const retry = (): void => {
      if (this.closed || !this.watchers.size) return;
      setTimeout(() => {
        if (!this.closed && this.watchers.size && !this.listener) this.start().catch(retry);
      }, 1000).unref();
    };
    client.on('notification', (n) => this.receive(n.payload ?? ''));
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
    } catch (error) {
      this.listening = null;
      client.end().catch(() => {});
      throw error;
    }
    this.listener = client;
    // Ask the others who is there; tell them who is here (entries made while reconnecting).
    await this.notify({ s: this.schema, o: this.origin, t: 'hello' });
    for (const entry of this.local.values()) this.tell({ t: 'up', e: this.shared(entry) });
    if (this.beat) clearInterval(this.beat); // the beat of a connection lost before this one
    this.beat = setInterval(() => {
      this.tell({ t: 'beat' });
      const stale = Date.now() - 3 * this.config.presenceBeatMs;
      this.dropRemote((e) => e.seenAt < stale);
    }, this.config.presenceBeatMs);
    this.beat.unref();
  }

  private tell(message: { t: 'up'; e: Here } | { t: 'down'; k: string } | { t: 'beat' }): void {
    if (this.listener) void this.notify({ s: this.schema, o: this.origin, ...message } as Message);
  }

  private notify(message: Message): Promise<void> {
    const client = this.listener;
    if (!client) return this.outbox;
    this.outbox = this.outbox
      .then(() => client.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(message)]))
      .then(
        () => {},
        (error) => {
          if (!this.closed && this.listener === client) console.error('presence: telling the other processes failed', error);
        },
      );
    return this.outbox;
  }

  private receive(payload: string): void {
    let m: Message;
    try {
      m = JSON.parse(payload) as Message;
    } catch {
      return;
    }
    if (m.s !== this.schema || m.o === this.origin) return;
    const now = Date.now();
    switch (m.t) {
      case 'up':
        if (!(m.e.table in LIVE_TABLES)) return;
        this.remote.set(m.e.key, { ...m.e, origin: m.o, seenAt: now });
        this.changed(m.e.table);
        return;
      case 'down': {
        const gone = this.remote.get(m.k);
        this.remote.delete(m.k);
        if (gone) this.changed(gone.table);
        return;
      }
      case 'beat':
        for (const e of this.remote.values()) if (e.origin === m.o) e.seenAt = now;
        return;
      case 'hello':
        for (const entry of this.local.values()) this.tell({ t: 'up', e: this.shared(entry) });
        return;
      case 'bye':
        this.dropRemote((e) => e.origin === m.o);
        return;
    }
  }

  private dropRemote(which: (e: Remote) => boolean): void {
    const tables = new Set<LiveTableName>();
    for (const [key, e] of this.remote) {
      if (!which(e)) continue;
      this.remote.delete(key);
      tables.add(e.table);
    }
    for (const t of tables) this.changed(t);
  }

  /** Nobody here: stop listening and forget the other processes until someone comes. */
  private idle(): void {
    if (this.beat) clearInterval(this.beat);
    this.beat = null;
    const listener = this.listener;
    this.listener = null;
    this.listening = null;
    this.remote.clear();
    if (listener) void this.outbox.then(() => listener.end()).catch(() => {});
  }
}

/** Signed-in people are listed, see the others and may mark a row; anonymous readers and read-only tokens get an empty list. */
function listable(actor: Actor): boolean {
  return actor.userId !== null && actor.role !== null && !actor.readOnly;
}

/**
 * Whether an operation sent over the WebSocket is presence's own mutation (setEditing and nothing
 * else), which must travel on the connection its presence subscription holds; every other query and
 * mutation goes over HTTP.
 */
export function isPresenceMutation(document: DocumentNode, operationName: string | null | undefined): boolean {
  const op = getOperationAST(document, operationName);
  if (op?.operation !== OperationTypeNode.MUTATION) return false;
  const fields = op.selectionSet.selections;
  return fields.length > 0 && fields.every((s) => s.kind === Kind.FIELD && (s.name.value === 'setEditing' || s.name.value === '__typename'));
}
