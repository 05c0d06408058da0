import { JsonType, type EntityProperty } from '@mikro-orm/core';
import type { Em } from '../orm';
import { pivotPairs, responsibilityRows, TableRows } from '../db/rows';
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
  private readonly fields: { column: ColumnSpec; name: string; prop: EntityProperty }[];
  private readonly rows: TableRows;

  constructor(
    private readonly em: Em,
    private readonly spec: PlanTableSpec,
  ) {
    const meta = em.getMetadata().get(spec.typeName);
    this.fields = spec.columns
      .filter((c) => !['responsibilities', 'notes', 'planCode', 'seqList'].includes(c.kind.type) && c.field !== 'seq')
      .map((c) => {
        const prop = meta.properties[(c.property ?? c.field) as never] as EntityProperty;
        return { column: c, name: prop.fieldNames[0], prop };
      });
    this.rows = new TableRows(em, spec.typeName, this.fields.map((f) => f.name));
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
    const byItem = new Map<number, StoredRow['responsibilities']>();
    for (const r of await responsibilityRows(this.em, this.spec.kind, ids)) {
      let list = byItem.get(r.item);
      if (!list) byItem.set(r.item, (list = []));
      list.push({ departmentId: r.departmentId, role: r.role, note: r.note, noteEn: r.noteEn });
    }
    const links = this.spec.kind === 'specialTarget' ? await pivotPairs(this.em, this.spec.typeName, 'indicatorRows', ids) : new Map<number, number[]>();
    return rows.map((r) => {
      const id = Number(r.id);
      const values: Record<string, unknown> = {};
      for (const f of this.fields) values[f.column.field] = this.load(f, r[f.name]);
      return { id, seq: Number(r.seq), version: Number(r.version), values, responsibilities: byItem.get(id) ?? [], indicatorIds: links.get(id) ?? [] };
    });
  }

  async byIds(ids: number[]): Promise<Map<number, StoredRow>> {
    const out = new Map<number, StoredRow>();
    for (let i = 0; i < ids.length; i += 1000) {
      for (const row of await this.complete(await this.rows.byIds(ids.slice(i, i + 1000)))) out.set(row.id, row);
    }
    return out;
  }

  /** The plan's rows after `afterSeq`, in seq order. */
  async page(planId: number, afterSeq: number, limit: number): Promise<StoredRow[]> {
    return this.complete(await this.rows.page(planId, afterSeq, limit));
  }
}
