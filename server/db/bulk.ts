import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { Em } from '../orm';
import { engineOf } from './engine';
import { quoter, runInTransaction } from './sql';

/**
 * Set-wise INSERTs for large imports: one statement per chunk whose rows travel as a single JSON
 * parameter (SQLite json_each, PostgreSQL json_populate_recordset), so the cost is the database's,
 * not binding 15 parameters per row. Rows are plain objects keyed by entity property; columns,
 * types and defaults come from MikroORM's metadata and the entity classes. The services' bulk
 * methods (PlanItemService.createMany) write through it.
 */

interface Column {
  name: string;
  prop: EntityProperty;
  /** The entity class's own default for a new row (undefined: none). */
  fallback: unknown;
}

interface Table {
  meta: EntityMetadata;
  name: string;
  columns: Column[];
}

type Row = Record<string, unknown>;

export class BulkInserter {
  private readonly tables = new Map<string, Table>();
  private readonly pg: boolean;
  private readonly q: (id: string) => string;

  constructor(private readonly em: Em) {
    this.pg = engineOf(em) === 'postgresql';
    this.q = quoter(em);
  }

  private table(entityName: string): Table {
    let t = this.tables.get(entityName);
    if (!t) {
      const meta = this.em.getMetadata().get(entityName);
      const sample = new (meta.class as new () => Row)();
      const columns: Column[] = [];
      for (const prop of meta.props) {
        if (prop.persist === false || (prop.primary && prop.autoincrement !== false && prop.kind === ReferenceKind.SCALAR)) continue;
        if (prop.kind !== ReferenceKind.SCALAR && prop.kind !== ReferenceKind.MANY_TO_ONE) continue;
        const own = sample[prop.name];
        columns.push({ name: prop.fieldNames[0], prop, fallback: prop.kind === ReferenceKind.SCALAR && !(own instanceof Date) ? own : undefined });
      }
      t = { meta, name: meta.tableName, columns };
      this.tables.set(entityName, t);
    }
    return t;
  }

  /** The database value of one column of a row. */
  private value(c: Column, row: Row, now: Date): unknown {
    const prop = c.prop;
    let v = row[prop.name];
    if (prop.kind === ReferenceKind.MANY_TO_ONE) return v == null ? null : typeof v === 'object' ? (v as { id: unknown }).id : v;
    if (v === undefined) v = prop.version ? 1 : prop.runtimeType === 'Date' || prop.type === 'Date' ? now : c.fallback;
    if (v == null) return null;
    if (v instanceof Date) return this.pg ? v.toISOString() : v.getTime();
    if (typeof v === 'boolean') return this.pg ? v : v ? 1 : 0;
    if (typeof v === 'object') return this.pg ? v : JSON.stringify(v);
    return v;
  }


  /**
   * Inserts the rows, in order. With `key` (a property, e.g. seq), returns each row's new id by
   * that key: SQLite hands out AUTOINCREMENT ids in insertion order inside the write transaction,
   * so they follow from the last one; PostgreSQL returns them.
   */
  async insert(entityName: string, rows: Row[], key?: string): Promise<Map<unknown, number>> {
    const ids = new Map<unknown, number>();
    if (!rows.length) return ids;
    const t = this.table(entityName);
    const q = this.q;
    const now = new Date();
    const cols = t.columns.map((c) => q(c.name)).join(', ');
    if (this.pg) {
      const payload = JSON.stringify(rows.map((r) => Object.fromEntries(t.columns.map((c) => [c.name, this.value(c, r, now)]))));
      const keyColumn = key ? t.meta.properties[key].fieldNames[0] : null;
      const ret = keyColumn ? ` returning ${q('id')}, ${q(keyColumn)}` : '';
      const sql = `insert into ${q(t.name)} (${cols}) select ${t.columns.map((c) => `j.${q(c.name)}`).join(', ')} from json_populate_recordset(null::${q(t.name)}, ?::json) with ordinality as j order by j.ordinality${ret}`;
      const result = (await this.raw(sql, [payload])) as { rows?: Row[] };
      if (keyColumn) for (const r of result.rows ?? []) ids.set(r[keyColumn], Number(r.id));
      return ids;
    }
    const payload = JSON.stringify(rows.map((r) => t.columns.map((c) => this.value(c, r, now))));
    const sql = `insert into ${q(t.name)} (${cols}) select ${t.columns.map((_, i) => `j.value->>${i}`).join(', ')} from json_each(?) j order by j.key`;
    const result = (await this.raw(sql, [payload])) as { lastID?: number; changes?: number };
    if (result.changes !== rows.length) throw new Error(`expected to insert ${rows.length} ${t.name} rows, inserted ${result.changes}`);
    if (key) rows.forEach((r, i) => ids.set(r[key], result.lastID! - rows.length + 1 + i));
    return ids;
  }

  /**
   * Links of a many-to-many property (e.g. SpecialTarget.indicatorRows) as [owner id, other id]
   * pairs; the pivot table and its columns come from the property's metadata.
   */
  async insertPivot(entityName: string, property: string, pairs: number[][]): Promise<void> {
    const prop = this.em.getMetadata().get(entityName).properties[property as never] as EntityProperty;
    await this.insertLinks(prop.pivotTable, [...prop.joinColumns, ...prop.inverseJoinColumns], pairs);
  }

  /** Rows of a link table (no entity of its own), as lists of integer column values. */
  private async insertLinks(table: string, columns: string[], rows: number[][]): Promise<void> {
    if (!rows.length) return;
    const q = this.q;
    const cols = columns.map(q).join(', ');
    if (this.pg) {
      const types = columns.map((c) => `${q(c)} int`).join(', ');
      await this.raw(`insert into ${q(table)} (${cols}) select ${cols} from json_to_recordset(?::json) as j(${types})`, [JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]]))))]);
    } else {
      await this.raw(`insert into ${q(table)} (${cols}) select ${columns.map((_, i) => `j.value->>${i}`).join(', ')} from json_each(?) j`, [JSON.stringify(rows)]);
    }
  }

  /** Never outside the caller's transaction: a write that came late must fail, not autocommit. */
  private raw(sql: string, params: unknown[]): Promise<unknown> {
    return runInTransaction(this.em, sql, params);
  }
}
