import { JsonType, type EntityProperty } from '@mikro-orm/core';
import type { Em } from '../orm';
import { pivotPairs, responsibilityRows, TableRows } from '../db/rows';
import { marks, selectRows } from '../db/sql';
import type { MilestoneData } from '../../schema/milestones/milestone.inputs';
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
  /** specialTargets: the milestones, in seq order (others: none). */
  milestones: Required<MilestoneData>[];
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
      .filter((c) => !['responsibilities', 'notes', 'planCode', 'seqList', 'milestones'].includes(c.kind.type) && c.field !== 'seq')
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
    const milestones = this.spec.kind === 'specialTarget' ? await this.milestones(ids) : new Map<number, Required<MilestoneData>[]>();
    return rows.map((r) => {
      const id = Number(r.id);
      const values: Record<string, unknown> = {};
      for (const f of this.fields) values[f.column.field] = this.load(f, r[f.name]);
      return { id, seq: Number(r.seq), version: Number(r.version), values, responsibilities: byItem.get(id) ?? [], indicatorIds: links.get(id) ?? [], milestones: milestones.get(id) ?? [] };
    });
  }

  /** The milestones of these special targets, by special target, in seq order: one statement. */
  private async milestones(ids: number[]): Promise<Map<number, Required<MilestoneData>[]>> {
    const out = new Map<number, Required<MilestoneData>[]>();
    const meta = this.em.getMetadata().get('Milestone');
    const col = (p: string) => meta.properties[p as never].fieldNames[0];
    const fields = ['seq', 'text', 'name', 'value', 'unit', 'year', 'cumulative'];
    const rows = await selectRows(
      this.em,
      `select ${col('specialTarget')} as owner, ${fields.map((f) => `${col(f)} as ${f}`).join(', ')} from ${meta.tableName} where ${col('specialTarget')} in (${marks(ids.length)}) order by ${col('specialTarget')}, ${col('seq')}`,
      ids,
    );
    for (const r of rows) {
      const owner = Number(r.owner);
      let list = out.get(owner);
      if (!list) out.set(owner, (list = []));
      const c = r.cumulative;
      list.push({ seq: Number(r.seq), text: String(r.text), name: String(r.name), value: Number(r.value), unit: String(r.unit), year: Number(r.year), cumulative: c === true || c === 1 || c === '1' || c === 't' });
    }
    return out;
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
