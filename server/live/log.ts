import type { Em } from '../orm';
import { Sql } from '../db/driver';

/** One logged change, as the triggers wrote it (schema/live/row-change.entity.ts). */
export interface LoggedChange {
  rowId: string;
  version: number | null;
  kind: 'CREATED' | 'UPDATED' | 'DELETED';
  planId: number | null;
  departmentId: number | null;
  state: string | null;
}

/** What changed in one table after a generation: up to `generation`, the rows, or reload when they cannot all be listed. */
export interface ChangeBatch {
  from: number;
  generation: number;
  rows: LoggedChange[];
  reload: boolean;
}

/**
 * Reads the change log (Migration20261130110200). A table's generation is, on SQLite, the log's last
 * id (one writer at a time: ids are in commit order); on PostgreSQL, the table's data generation,
 * which the commit-time trigger moves in commit order and files with the transaction's id in
 * row_change_set. Reading after a generation thus never misses a change committed later with an
 * earlier id.
 */
export class ChangeLog {
  private readonly sql: Sql;

  constructor(em: Em, private readonly maxRows: number) {
    this.sql = new Sql(em);
  }

  get engine() {
    return this.sql.engine;
  }

  /** The newest generation of a table (SQLite: of the log as a whole). */
  async current(table: string): Promise<number> {
    if (this.sql.engine === 'sqlite') {
      const [row] = await this.sql.all(`select seq from sqlite_sequence where name = 'row_change'`, [], { log: false });
      return Number(row?.seq ?? 0);
    }
    const [row] = await this.sql.all(`select generation from data_generation where table_name = ?`, [table], { log: false });
    return Number(row?.generation ?? 0);
  }

  /**
   * The changes after `from`, up to now. More than maxRows (a bulk import), or a start older than the
   * log keeps (pruned, or a generation this database never had), answers reload instead of rows.
   */
  async read(table: string, from: number): Promise<ChangeBatch> {
    const generation = await this.current(table);
    if (generation === from) return { from, generation, rows: [], reload: false };
    if (from > generation || from < 0) return { from, generation, rows: [], reload: true };
    if (this.sql.engine === 'sqlite') {
      const [oldest] = await this.sql.all(`select min(id) as id from row_change`, [], { log: false });
      if (oldest?.id == null || Number(oldest.id) > from + 1) return { from, generation, rows: [], reload: true };
      const rows = await this.sql.all(
        `select row_id, version, kind, plan_id, department_id, state from row_change where table_name = ? and id > ? and id <= ? order by id limit ?`,
        [table, from, generation, this.maxRows + 1],
        { log: false },
      );
      if (rows.length > this.maxRows) return { from, generation, rows: [], reload: true };
      return { from, generation, rows: collapse(rows), reload: false };
    }
    const sets = await this.sql.all(
      `select generation, txid from row_change_set where table_name = ? and generation > ? and generation <= ? order by generation`,
      [table, from, generation],
      { log: false },
    );
    // Each generation after `from` must still be in the log (a pruned one means changes are lost).
    if (sets.length !== generation - from) return { from, generation, rows: [], reload: true };
    const txids = sets.map((s) => String(s.txid));
    const rows = await this.sql.all(
      `select row_id, version, kind, plan_id, department_id, state from row_change where table_name = ? and ${this.sql.inList('txid')} order by id limit ?`,
      [table, this.sql.list(txids), this.maxRows + 1],
      { log: false },
    );
    if (rows.length > this.maxRows) return { from, generation, rows: [], reload: true };
    return { from, generation, rows: collapse(rows), reload: false };
  }

  /** Drops what is older than maxAgeMs; returns how many log rows went. */
  async prune(maxAgeMs: number): Promise<void> {
    const before = Date.now() - maxAgeMs;
    await this.sql.all(`delete from row_change where created_at < ?`, [before], { log: false });
    if (this.sql.engine === 'postgresql') await this.sql.all(`delete from row_change_set where created_at < ?`, [before], { log: false });
  }
}

/**
 * One entry per row, the last change winning, except that a row created and then changed within
 * the batch stays CREATED (and one created and deleted is DELETED: the client has nothing to drop).
 */
function collapse(rows: Record<string, unknown>[]): LoggedChange[] {
  const byId = new Map<string, LoggedChange>();
  for (const r of rows) {
    const rowId = String(r.row_id);
    const prior = byId.get(rowId);
    const kind = r.kind as LoggedChange['kind'];
    byId.delete(rowId); // keep the order of the last change
    byId.set(rowId, {
      rowId,
      version: r.version == null ? null : Number(r.version),
      kind: prior?.kind === 'CREATED' && kind === 'UPDATED' ? 'CREATED' : kind,
      planId: r.plan_id == null ? null : Number(r.plan_id),
      departmentId: r.department_id == null ? null : Number(r.department_id),
      state: r.state == null ? null : String(r.state),
    });
  }
  return [...byId.values()];
}
