import type { Em } from '../orm';
import { marks, queryRows } from './sql';

/**
 * The plain-SQL reads of completion (server/progress): who answers for an item and what each of them
 * has had approved, in one statement per batch of items, on the EntityManager's connection and query
 * log (the statement counts of tests read it). Portable SQL: SQLite and PostgreSQL alike.
 */

/** Items per statement: a GraphQL page holds at most 1,000 rows, so a page is one statement. */
export const ITEMS_PER_STATEMENT = 1000;

/** One responsibility of an item, with one of that department's approved entries (or none: period null). */
export interface ReportingRow {
  itemId: number;
  departmentId: number;
  department: string;
  /** Its English name (the Chinese one where none is given). */
  departmentEn: string;
  role: 'LEAD' | 'SUPPORT';
  /** The responsibility's id: the plan's order of the departments. */
  responsibilityId: number;
  period: string | null;
  value: number | null;
}

/**
 * For each item (indicators, or milestones through their special target's responsibilities): every
 * department that leads or supports it, left-joined to that department's APPROVED entries for the
 * item with a value, up to the end of `year`. Entries of departments that hold no responsibility for
 * the item are not returned (they count for nothing). `ids` null: every item of the kind.
 */
export async function reportingRows(em: Em, kind: 'indicator' | 'milestone', ids: readonly number[] | null, year: number): Promise<ReportingRow[]> {
  const chunks: (readonly number[] | null)[] = [];
  if (ids) for (let i = 0; i < ids.length; i += ITEMS_PER_STATEMENT) chunks.push(ids.slice(i, i + ITEMS_PER_STATEMENT));
  else chunks.push(null);
  const out: ReportingRow[] = [];
  // Joined on the entry's item key and department: the prefix of its unique index (item_key,
  // department_id, period), so each responsibility reads its own few entries. State and year are
  // written as expressions on purpose: SQLite (no statistics) otherwise reads the entries through the
  // (state, year) or (department, year) index, every approved entry for each responsibility — a
  // 1,000-row page took a minute at 12,000 entries instead of milliseconds.
  const entry = `e.department_id = r.department_id and coalesce(e.state, '') = 'APPROVED' and e.year + 0 <= ? and e.actual_value is not null`;
  for (const part of chunks) {
    if (part && !part.length) continue;
    const sql =
      kind === 'indicator'
        ? `select r.indicator_id as item_id, r.department_id, d.name as department, d.name_en as department_en, r.role, r.id as responsibility_id, e.period, e.actual_value
           from responsibility r join department d on d.id = r.department_id
           left join ledger_entry e on e.item_key = 'indicator:' || r.indicator_id and ${entry}
           where ${part ? `r.indicator_id in (${marks(part.length)})` : 'r.indicator_id is not null'}
           order by r.indicator_id, r.id, e.period`
        : `select m.id as item_id, r.department_id, d.name as department, d.name_en as department_en, r.role, r.id as responsibility_id, e.period, e.actual_value
           from milestone m join responsibility r on r.special_target_id = m.special_target_id join department d on d.id = r.department_id
           left join ledger_entry e on e.item_key = 'milestone:' || m.id and ${entry}
           ${part ? `where m.id in (${marks(part.length)})` : ''}
           order by m.id, r.id, e.period`;
    const rows = await queryRows<Record<string, unknown>>(em, sql, [year, ...(part ?? [])]);
    for (const r of rows) {
      out.push({
        itemId: Number(r.item_id),
        departmentId: Number(r.department_id),
        department: String(r.department),
        departmentEn: r.department_en ? String(r.department_en) : String(r.department),
        role: String(r.role) as ReportingRow['role'],
        responsibilityId: Number(r.responsibility_id),
        period: r.period == null ? null : String(r.period),
        value: r.actual_value == null ? null : Number(r.actual_value),
      });
    }
  }
  return out;
}

/** A department's part in an item that completion follows: an indicator, or a milestone of a special target it answers for. */
export interface HoldingRow {
  departmentId: number;
  role: 'LEAD' | 'SUPPORT';
  indicatorId: number | null;
  milestoneId: number | null;
}

/**
 * Every (department, role, item) for indicators and milestones — a milestone is held by the
 * departments of its special target — of one department, or of all (`departmentId` null): one
 * statement, in the plan's order of responsibilities.
 */
export async function holdingRows(em: Em, departmentId: number | null): Promise<HoldingRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    em,
    `select r.department_id, r.role, r.indicator_id, m.id as milestone_id
     from responsibility r left join milestone m on m.special_target_id = r.special_target_id
     where (r.indicator_id is not null or m.id is not null)${departmentId == null ? '' : ' and r.department_id = ?'}
     order by r.id, m.seq`,
    departmentId == null ? [] : [departmentId],
  );
  return rows.map((r) => ({
    departmentId: Number(r.department_id),
    role: String(r.role) as HoldingRow['role'],
    indicatorId: r.indicator_id == null ? null : Number(r.indicator_id),
    milestoneId: r.milestone_id == null ? null : Number(r.milestone_id),
  }));
}
