import type { Em } from '../orm';
import { marks, queryRows, quoter, selectRows } from './sql';
import type { TargetKind, TargetMethod } from '../../schema/indicators/indicator.enums';

/**
 * The plain-SQL reads of the transfer code (imports compare and exports write many rows: through
 * the identity map that would cost more than the whole import). Table and column names come from
 * MikroORM's metadata.
 */

export interface DepartmentRow {
  id: number;
  name: string;
  code: string;
}

/** Every department's id, name and code. */
export async function departmentRows(em: Em): Promise<DepartmentRow[]> {
  const rows = await queryRows<DepartmentRow>(em, `select id, name, code from ${em.getMetadata().get('Department').tableName}`);
  return rows.map((r) => ({ id: Number(r.id), name: r.name, code: r.code }));
}

/** seq → id of a plan table's rows in one plan; with `seqs`, only those (500 at a time). */
export async function idsBySeq(em: Em, entityName: string, planId: number, seqs?: number[]): Promise<Map<number, number>> {
  const table = em.getMetadata().get(entityName).tableName;
  const out = new Map<number, number>();
  const add = (rows: { id: unknown; seq: unknown }[]) => rows.forEach((r) => out.set(Number(r.seq), Number(r.id)));
  if (!seqs) {
    add(await queryRows(em, `select id, seq from ${table} where plan_id = ?`, [planId]));
    return out;
  }
  for (let i = 0; i < seqs.length; i += 500) {
    const part = seqs.slice(i, i + 500);
    add(await queryRows(em, `select id, seq from ${table} where plan_id = ? and seq in (${marks(part.length)})`, [planId, ...part]));
  }
  return out;
}

/** A plan table's rows, as the database holds them (column → raw value). */
export class TableRows {
  private readonly table: string;
  private readonly select: string;

  /** `columns`: the column names to read beside id, seq and version. */
  constructor(
    private readonly em: Em,
    entityName: string,
    columns: string[],
  ) {
    const q = quoter(em);
    this.table = em.getMetadata().get(entityName).tableName;
    this.select = ['id', 'seq', 'version', ...columns].map(q).join(', ');
  }

  /** The rows with these ids (at most 1000 at a time). */
  byIds(ids: number[]): Promise<Record<string, unknown>[]> {
    return selectRows(this.em, `select ${this.select} from ${this.table} where id in (${marks(ids.length)})`, ids);
  }

  /** The plan's rows after `afterSeq`, in seq order. */
  page(planId: number, afterSeq: number, limit: number): Promise<Record<string, unknown>[]> {
    return selectRows(this.em, `select ${this.select} from ${this.table} where plan_id = ? and seq > ? order by seq limit ${Number(limit)}`, [planId, afterSeq]);
  }
}

export interface ResponsibilityRow {
  item: number;
  departmentId: number;
  role: string;
  note: string | null;
  noteEn: string | null;
}

/** The responsibilities of these rows of one table (`kind`: Responsibility's property for it), in stored order. */
export async function responsibilityRows(em: Em, kind: string, itemIds: number[]): Promise<ResponsibilityRow[]> {
  const meta = em.getMetadata().get('Responsibility');
  const col = (p: string) => meta.properties[p as never].fieldNames[0];
  const fk = col(kind);
  const rows = await selectRows(
    em,
    `select ${fk} as item, ${col('department')} as department_id, ${col('role')} as role, ${col('note')} as note, ${col('noteEn')} as note_en from ${meta.tableName} where ${fk} in (${marks(itemIds.length)}) order by id`,
    itemIds,
  );
  return rows.map((r) => ({ item: Number(r.item), departmentId: Number(r.department_id), role: String(r.role), note: (r.note as string | null) ?? null, noteEn: (r.note_en as string | null) ?? null }));
}

/** The pairs of a many-to-many property (e.g. SpecialTarget.indicatorRows) for these owners: owner id → other ids. */
export async function pivotPairs(em: Em, entityName: string, property: string, ownerIds: number[]): Promise<Map<number, number[]>> {
  const prop = em.getMetadata().get(entityName).properties[property as never] as { pivotTable: string; joinColumns: string[]; inverseJoinColumns: string[] };
  const [owner, other] = [prop.joinColumns[0], prop.inverseJoinColumns[0]];
  const out = new Map<number, number[]>();
  for (const p of await selectRows(em, `select ${owner} as owner, ${other} as other from ${prop.pivotTable} where ${owner} in (${marks(ownerIds.length)})`, ownerIds)) {
    const id = Number(p.owner);
    out.set(id, [...(out.get(id) ?? []), Number(p.other)]);
  }
  return out;
}

/** Rows of a link table whose `from` column is one of `ids`: each with its `from` and `to` columns. */
export function linkRows(em: Em, table: string, from: string, to: string, ids: number[]): Promise<Record<string, number>[]> {
  return queryRows(em, `select ${from}, ${to} from ${table} where ${from} in (${marks(ids.length)})`, ids);
}

/** An indicator's inputs to its year targets (server/year-targets), as stored. */
export interface IndicatorInputsRow {
  id: number;
  target_kind: TargetKind;
  target_value: number | null;
  annual_growth_pct: number | null;
  cumulative: boolean | number;
  base_value: number | null;
  base_year: number;
  target_method: TargetMethod | null;
}

/** Year-target inputs of these indicators (of all, when no ids are given); on the EntityManager's transaction and query log. */
export function targetInputRows(em: Em, ids: number[] | null): Promise<IndicatorInputsRow[]> {
  const where = ids ? ` where id in (${marks(ids.length)})` : '';
  return queryRows<IndicatorInputsRow>(em, `select id, target_kind, target_value, annual_growth_pct, cumulative, base_value, base_year, target_method from indicator${where}`, ids ?? []);
}

/** The stored year targets of these indicators (of all, when no ids are given). */
export function yearTargetRows(em: Em, ids: number[] | null): Promise<{ id: number; indicator_id: number; year: number; target_value: number | null; derived: boolean | number }[]> {
  const where = ids ? ` where indicator_id in (${marks(ids.length)})` : '';
  return queryRows(em, `select id, indicator_id, year, target_value, derived from year_target${where}`, ids ?? []);
}

/**
 * The ids (as the audit trail writes them) of ledger entries in DRAFT that `departmentId` does not
 * own (all drafts when null), and of their evidence files: what the audit log must not show to a
 * reader who may not see those drafts (server/ledger/ledger.access.ts).
 */
export async function hiddenDraftIds(em: Em, departmentId: number | null): Promise<{ entries: string[]; evidence: string[] }> {
  const meta = em.getMetadata();
  const entryTable = meta.get('LedgerEntry').tableName;
  const evidenceTable = meta.get('Evidence').tableName;
  const mine = departmentId == null ? '' : ' and le.department_id <> ?';
  const params = departmentId == null ? [] : [departmentId];
  const entries = await queryRows<{ id: unknown }>(em, `select le.id from ${entryTable} le where le.state = 'DRAFT'${mine}`, params);
  const evidence = await queryRows<{ id: unknown }>(em, `select e.id from ${evidenceTable} e join ${entryTable} le on le.id = e.ledger_entry_id where le.state = 'DRAFT'${mine}`, params);
  return { entries: entries.map((r) => String(r.id)), evidence: evidence.map((r) => String(r.id)) };
}
