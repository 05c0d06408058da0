import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The change log behind live subscriptions (issue 17): one row per changed row of a live table,
 * written by database triggers (server/migrations, Migration20261130110200), so every writer — any
 * hub process, the CLI, an import, plain SQL — is seen. Kept for about an hour (server/live/log.ts
 * prunes it). Not part of the GraphQL schema, and not tracked by the data generation (the triggers
 * write it as part of the change they log).
 *
 * SQLite runs one write transaction at a time, so `id` orders changes by commit: a subscriber's
 * generation there is the last id it saw. On PostgreSQL ids are taken before commit, in no commit
 * order: the transaction's id (`txid`) ties a row to its change set (RowChangeSet), which carries the
 * table's data generation, bumped at commit under the counter's row lock and so in commit order.
 */
@Entity({ tableName: 'row_change' })
@Index({ properties: ['tableName', 'id'] })
export class RowChange {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 64 })
  tableName!: string;

  @Property({ type: 'bigint' })
  rowId!: string;

  @Property({ type: 'integer', nullable: true })
  version?: number | null;

  /** CREATED, UPDATED or DELETED. */
  @Property({ type: 'string', length: 8 })
  kind!: string;

  /** The row's plan (plan tables), for the planCode filter. */
  @Property({ type: 'integer', nullable: true })
  planId?: number | null;

  /** A ledger entry's department and state (new, or old for a deletion): who may read it. */
  @Property({ type: 'integer', nullable: true })
  departmentId?: number | null;

  @Property({ type: 'string', length: 16, nullable: true })
  state?: string | null;

  /** PostgreSQL: the writing transaction (txid_current()); null on SQLite. */
  @Property({ type: 'bigint', nullable: true })
  @Index()
  txid?: string | null;

  /** Epoch milliseconds, for pruning. */
  @Property({ type: 'bigint' })
  @Index()
  createdAt!: string;
}

/** PostgreSQL: one row per committed transaction and live table it changed, with the generation it moved the table to. */
@Entity({ tableName: 'row_change_set' })
export class RowChangeSet {
  @PrimaryKey({ type: 'string', length: 64 })
  tableName!: string;

  @PrimaryKey({ type: 'bigint' })
  generation!: string;

  @Property({ type: 'bigint' })
  txid!: string;

  @Property({ type: 'bigint' })
  @Index()
  createdAt!: string;
}
