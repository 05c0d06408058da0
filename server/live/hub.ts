import pg from 'pg';
import type { Em, Orm } from '../orm';
import type { Actor } from '../common/actor';
import type { LiveConfig } from '../config';
import { canReadEntry } from '../ledger/ledger.access';
import type { LedgerState } from '../../schema/ledger/ledger.enums';
import { ChangeLog, type ChangeBatch, type LoggedChange } from './log';
import { LIVE_TABLES, type LiveTableName } from './tables';
import { Sql } from '../db/driver';
import { badInput, notFound } from '../errors';

/** What a subscriber receives (the GraphQL RowsChanged, schema/live/live.types.ts). */
export interface RowsChangedMessage {
  table: LiveTableName;
  generation: string;
  rows: { id: string; version: number | null; kind: LoggedChange['kind'] }[];
  reload: boolean;
}

interface Subscriber {
  table: LiveTableName;
  actor: Actor;
  planId: number | null;
  cursor: number;
  /** Batches are handled one after another, catch-up reads included. */
  chain: Promise<void>;
  push(message: RowsChangedMessage): void;
}

interface TableState {
  subscribers: Set<Subscriber>;
  /** The generation the hub last read up to; null before the first subscriber. */
  cursor: number | null;
  reading: Promise<void> | null;
  again: boolean;
}

/**
 * Tells subscribers of a live table what committed changes they may read (issue 17). The database is
 * the only source: triggers log every change whoever makes it (Migration20261130110200), and this
 * process reads the log when woken — on PostgreSQL by NOTIFY plan_hub_rows (a dedicated connection
 * that LISTENs and reconnects, catching up from its last generation), on SQLite by a poll of the
 * log's last id every pollMs while anyone is subscribed. One read per table serves every subscriber
 * of this process; each gets the rows its actor may read.
 */
export class LiveHub {
  private readonly log: ChangeLog;
  private readonly tables = new Map<LiveTableName, TableState>();
  private listener: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private lastSeen = -1;
  private closed = false;
  private readonly schema: string;
  private readonly sql: Sql;

  constructor(
    private readonly orm: Orm,
    private readonly config: LiveConfig,
    private readonly database: { engine: 'sqlite' } | { engine: 'postgresql'; url: string; schema?: string },
  ) {
    this.log = new ChangeLog(orm.em as unknown as Em, config.maxRowsPerMessage);
    this.sql = new Sql(orm.em as unknown as Em);
    this.schema = database.engine === 'postgresql' ? (database.schema ?? 'public') : '';
    // Any process may prune: it deletes only what is older than the retention.
    this.pruneTimer = setInterval(() => void this.log.prune(config.retentionMinutes * 60_000).catch(() => {}), 60_000);
    this.pruneTimer.unref();
  }

  /**
   * A subscription as graphql-ws consumes it: an async iterator whose return() (the client
   * completes, or the connection closes) ends it at once, even while it waits for a change.
   */
  async open(table: LiveTableName, actor: Actor, planCode: string | null, since: string | null): Promise<AsyncIterableIterator<RowsChangedMessage>> {
    if (!(table in LIVE_TABLES)) throw badInput('table', `${table} is not a live table`);
    let planId: number | null = null;
    if (planCode !== null) {
      const [plan] = await this.sql.all('select id from plan where code = ?', [planCode], { log: false });
      if (!plan) throw notFound('Plan', planCode);
      planId = Number(plan.id);
    }
    const abort = new AbortController();
    const gen = this.subscribe(table, actor, planId, since, abort.signal);
    const iterator: AsyncIterableIterator<RowsChangedMessage> = {
      next: () => gen.next(),
      return: async () => {
        abort.abort();
        await gen.return(undefined);
        return { done: true, value: undefined };
      },
      throw: async (error: unknown) => {
        abort.abort();
        return gen.throw(error);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** How many subscriptions are open in this process. */
  get subscriptionCount(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.subscribers.size;
    return n;
  }

  /**
   * Changes of `table` the actor may read, from `since` (a generation the client saw; it first gets
   * what changed after it, or reload) or from now. Ends when `signal` aborts.
   */
  async *subscribe(table: LiveTableName, actor: Actor, planId: number | null, since: string | null, signal: AbortSignal): AsyncGenerator<RowsChangedMessage> {
    const state = this.stateOf(table);
    const queue: RowsChangedMessage[] = [];
    let wake: (() => void) | null = null;
    const sub: Subscriber = {
      table, actor, planId, cursor: 0, chain: Promise.resolve(),
      push: (m) => {
        queue.push(m);
        wake?.();
      },
    };
    const onAbort = () => wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      await this.start();
      if (state.cursor === null) state.cursor = await this.log.current(LIVE_TABLES[table].table);
      const sinceNumber = since == null ? null : /^\d{1,15}$/.test(since) ? Number(since) : -1;
      sub.cursor = sinceNumber ?? state.cursor;
      state.subscribers.add(sub);
      // A client coming back gets what it missed first (or reload), then live batches.
      if (sinceNumber !== null) this.offer(sub, { from: Number.NaN, generation: Math.max(state.cursor, sub.cursor + 1), rows: [], reload: false });
      while (!signal.aborted && !this.closed) {
        if (queue.length) {
          yield queue.shift()!;
          continue;
        }
        await new Promise<void>((r) => (wake = r));
        wake = null;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      state.subscribers.delete(sub);
      if (!this.subscriptionCount) this.idle();
    }
  }

  private stateOf(table: LiveTableName): TableState {
    let s = this.tables.get(table);
    if (!s) this.tables.set(table, (s = { subscribers: new Set(), cursor: null, reading: null, again: false }));
    return s;
  }

  /** Reads a table's log from the hub's cursor and offers the batch to its subscribers; one read at a time. */
  private wakeTable(table: LiveTableName): void {
    const state = this.tables.get(table);
    if (!state || state.cursor === null || !state.subscribers.size) return;
    if (state.reading) {
      state.again = true;
      return;
    }
    state.reading = (async () => {
      do {
        state.again = false;
        try {
          const batch = await this.log.read(LIVE_TABLES[table].table, state.cursor!);
          if (batch.generation === state.cursor) continue;
          state.cursor = batch.generation;
          for (const sub of state.subscribers) this.offer(sub, batch);
        } catch (error) {
          if (!this.closed) console.error(`live: reading the change log of ${table} failed`, error);
        }
      } while (state.again && !this.closed);
    })().finally(() => (state.reading = null));
  }

  /** Gives a subscriber the part of a batch it has not seen, reading the log itself when it is behind (a reconnect's `since`). */
  private offer(sub: Subscriber, batch: ChangeBatch): void {
    sub.chain = sub.chain.then(async () => {
      if (batch.generation <= sub.cursor) return;
      let own = batch;
      if (batch.from !== sub.cursor) own = await this.log.read(LIVE_TABLES[sub.table].table, sub.cursor);
      if (own.generation <= sub.cursor && !own.reload) return;
      sub.cursor = own.generation;
      const rows = own.reload ? [] : own.rows.filter((r) => this.mayRead(sub, r));
      if (!own.reload && !rows.length) return;
      sub.push({ table: sub.table, generation: String(own.generation), reload: own.reload, rows: rows.map((r) => ({ id: r.rowId, version: r.version, kind: r.kind })) });
    }).catch((error) => {
      if (!this.closed) console.error('live: catching a subscriber up failed', error);
    });
  }

  private mayRead(sub: Subscriber, row: LoggedChange): boolean {
    const meta = LIVE_TABLES[sub.table];
    if (meta.plan && sub.planId !== null && row.planId !== null && row.planId !== sub.planId) return false;
    if (meta.ledger) return canReadEntry(sub.actor, { state: (row.state ?? 'DRAFT') as LedgerState, departmentId: row.departmentId ?? -1 });
    return true;
  }

  private wakeAll(): void {
    for (const table of this.tables.keys()) this.wakeTable(table);
  }

  /** Starts watching the database when the first subscriber comes. */
  private async start(): Promise<void> {
    if (this.closed) throw new Error('the hub is shutting down');
    if (this.database.engine === 'sqlite') {
      if (this.timer) return;
      this.timer = setInterval(() => void this.poll(), this.config.pollMs);
      this.timer.unref();
      return;
    }
    if (!this.listener) await this.listen(this.database.url);
  }

  private async poll(): Promise<void> {
    try {
      const seen = await this.log.current('');
      if (seen !== this.lastSeen) {
        this.lastSeen = seen;
        this.wakeAll();
      }
    } catch (error) {
      if (!this.closed) console.error('live: polling the change log failed', error);
    }
  }

  private listening: Promise<void> | null = null;

  private listen(url: string): Promise<void> {
    this.listening ??= (async () => {
      const client = new pg.Client({ connectionString: url });
      const retry = () => {
        if (this.listener !== client) return;
        this.listener = null;
        this.listening = null;
        client.end().catch(() => {});
        if (this.closed || !this.subscriptionCount) return;
        setTimeout(() => {
          if (!this.closed && this.subscriptionCount) this.listen(url).then(() => this.wakeAll(), () => retry());
        }, 1000).unref();
      };
      client.on('notification', (n) => {
        const [where, generation] = (n.payload ?? '').split(':');
        const dot = where.lastIndexOf('.');
        if (where.slice(0, dot) !== this.schema) return;
        const table = (Object.keys(LIVE_TABLES) as LiveTableName[]).find((t) => LIVE_TABLES[t].table === where.slice(dot + 1));
        if (table && Number(generation) > (this.tables.get(table)?.cursor ?? Infinity)) this.wakeTable(table);
      });
      client.on('error', retry);
      client.on('end', retry);
      this.listener = client;
      try {
        await client.connect();
        await client.query('listen plan_hub_rows');
      } catch (error) {
        this.listener = null;
        this.listening = null;
        client.end().catch(() => {});
        throw error;
      }
      // Anything committed between a reconnect and LISTEN is read now.
      this.wakeAll();
    })();
    return this.listening;
  }

  /** The last subscriber left: stop polling or listening until the next one. */
  private idle(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.lastSeen = -1;
    for (const state of this.tables.values()) state.cursor = null;
    const listener = this.listener;
    this.listener = null;
    this.listening = null;
    listener?.end().catch(() => {});
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.idle();
    await Promise.all([...this.tables.values()].map((s) => s.reading));
  }
}
