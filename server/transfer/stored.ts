import { JsonType, type EntityProperty } from '@mikro-orm/core';
import type { Em } from '../orm';
import type { PlanTableSpec, ColumnSpec } from './tables';

/** A stored plan-table row as imports compare it and exports write it: values by API field. */
export interface StoredRow {
  id: number;
  seq: number;
  version: number;
  values: Record<string, unknown>;
  responsibilities: { departmentId: number; role: string; note: string | null; noteEn: string | null }[];
  /** specialTargets: linked indicator ids. */
  indicatorIds: number[];
}

/**
 * Reads stored rows with plain SQL, a chunk at a time, without hydrating entities: comparing 100,000
 * rows through the identity map costs more than the whole import. The values are converted the way
 * MikroORM would (booleans, JSON, lists kept as text).
 */
export class StoredRows {
  private readonly table: string;
  private readonly fields: { column: ColumnSpec; name: string; prop: EntityProperty }[];
  private readonly kindColumn: string;
  private readonly pg: boolean;

  constructor(
    private readonly em: Em,
    private readonly spec: PlanTableSpec,
  ) {
    const meta = em.getMetadata().get(spec.typeName);
    this.table = meta.tableName;
    this.fields = spec.columns
      .filter((c) => !['responsibilities', 'notes', 'planCode', 'seqList'].includes(c.kind.type) && c.field !== 'seq')
      .map((c) => {
        const prop = meta.properties[(c.property ?? c.field) as never] as EntityProperty;
        return { column: c, name: prop.fieldNames[0], prop };
      });
    this.kindColumn = em.getMetadata().get('Responsibility').properties[spec.kind as never].fieldNames[0];
    this.pg = em.getPlatform().constructor.name.startsWith('PostgreSql');
  }

  private async select(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    const knex = (this.em.getTransactionContext() ?? this.em.getKnex()) as unknown as { raw(sql: string, params: unknown[]): Promise<unknown> };
    const res = (await knex.raw(sql, params)) as Record<string, unknown>[] | { rows: Record<string, unknown>[] };
    return Array.isArray(res) ? res : res.rows;
  }

  private load(field: { column: ColumnSpec; prop: EntityProperty }, raw: unknown): unknown {
    if (raw == null) return null;
    let v = raw;
    if (field.prop.runtimeType === 'boolean') v = v === true || v === 1 || v === '1' || v === 't';
    else if (field.prop.customType instanceof JsonType && typeof v === 'string') v = JSON.parse(v);
    else if (typeof v === 'string' && (field.column.kind.type === 'int' || field.column.kind.type === 'float')) v = Number(v);
    return field.column.stored ? field.column.stored.load(v) : v;
  }

  private async complete(rows: Record<string, unknown>[]): Promise<StoredRow[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => Number(r.id));
    const marks = ids.map(() => '?').join(', ');
    const resps = await this.select(`select ${this.kindColumn} as item, department_id, role, note, note_en from responsibility where ${this.kindColumn} in (${marks}) order by id`, ids);
    const byItem = new Map<number, StoredRow['responsibilities']>();
    for (const r of resps) {
      const item = Number(r.item);
      let list = byItem.get(item);
      if (!list) byItem.set(item, (list = []));
      list.push({ departmentId: Number(r.department_id), role: String(r.role), note: (r.note as string | null) ?? null, noteEn: (r.note_en as string | null) ?? null });
    }
    const links = new Map<number, number[]>();
    if (this.spec.kind === 'specialTarget') {
      for (const p of await this.select(`select special_target_id, indicator_id from special_target_indicator where special_target_id in (${marks})`, ids)) {
        const id = Number(p.special_target_id);
        links.set(id, [...(links.get(id) ?? []), Number(p.indicator_id)]);
      }
    }
    return rows.map((r) => {
      const id = Number(r.id);
      const values: Record<string, unknown> = {};
      for (const f of this.fields) values[f.column.field] = this.load(f, r[f.name]);
      return { id, seq: Number(r.seq), version: Number(r.version), values, responsibilities: byItem.get(id) ?? [], indicatorIds: links.get(id) ?? [] };
    });
  }

  private columns(): string {
    return ['id', 'seq', 'version', ...this.fields.map((f) => f.name)].map((c) => (this.pg ? `"${c}"` : `\`${c}\``)).join(', ');
  }

  async byIds(ids: number[]): Promise<Map<number, StoredRow>> {
    const out = new Map<number, StoredRow>();
    for (let i = 0; i < ids.length; i += 1000) {
      const part = ids.slice(i, i + 1000);
      const rows = await this.select(`select ${this.columns()} from ${this.table} where id in (${part.map(() => '?').join(', ')})`, part);
      for (const row of await this.complete(rows)) out.set(row.id, row);
    }
    return out;
  }

  /** The plan's rows after `afterSeq`, in seq order. */
  async page(planId: number, afterSeq: number, limit: number): Promise<StoredRow[]> {
    const rows = await this.select(`select ${this.columns()} from ${this.table} where plan_id = ? and seq > ? order by seq limit ${Number(limit)}`, [planId, afterSeq]);
    return this.complete(rows);
  }
}
