import type { QueryOrderKeys } from '@mikro-orm/core';
import type { QueryBuilder } from '../db/types';
import type { Em } from '../orm';
import type { PlanItem } from '../../schema/common/plan-item.entity';
import type { ItemFilter } from '../../schema/common/filters';
import { PAGE, SortDirection, type OrderBy } from '../../schema/common/sort';
import type { ItemKind } from '../../schema/responsibilities/responsibility.entity';
import type { ResponsibilityInput } from '../../schema/responsibilities/responsibility.inputs';
import type { ResponsibilityRole } from '../../schema/responsibilities/responsibility.enums';
import type { Plan } from '../../schema/plans/plan.entity';
import type { PlanService } from '../plans/plan.service';
import type { DepartmentService } from '../departments/department.service';
import type { ResponsibilityService } from '../responsibilities/responsibility.service';
import type { Permissions } from '../accounts/permissions';
import type { AuditService, FieldChange } from '../audit/audit.service';
import { Responsibility } from '../../schema/responsibilities/responsibility.entity';
import { ReferenceKind } from '@mikro-orm/core';
import { badInput, conflict, eachItem, notFound } from '../errors';
import { BulkInserter } from '../db/bulk';
import { likePattern, parseId } from './ids';
import { inTransaction } from './transaction';

export interface ItemDeps {
  plans: PlanService;
  departments: DepartmentService;
  responsibilities: ResponsibilityService;
  permissions: Permissions;
  audit: AuditService;
}

/** Patch fields that change who answers for a row or what it links to: ADMIN only. */
const STRUCTURAL = ['responsibilities', 'specialTargetIds', 'indicatorIds'];
/** Columns the audit trail leaves out: bookkeeping, not content. */
const UNAUDITED = new Set(['id', 'version', 'updatedAt', 'createdAt']);

/** What create inputs and patches of every plan table share. */
export interface ItemData {
  seq?: number;
  planCode?: string;
  responsibilities?: ResponsibilityInput[];
  [key: string]: unknown;
}

/**
 * A new row for createMany, in the service's terms: plain fields by API name (as create() takes
 * them), departments already looked up (an import resolves each spelling once for the whole file).
 */
export interface NewItem {
  seq: number;
  values: Record<string, unknown>;
  responsibilities?: { departmentId: number; code: string; role: string; note: string | null; noteEn?: string | null }[];
  /** SpecialTarget: the ids of the linked indicators. */
  indicatorIds?: number[];
}

/** A change for updateMany: the row at the version the caller read, and the patch (as update() takes it). */
export interface ItemUpdate {
  id: number;
  version: number;
  patch: ItemData;
}

export type Filter = ItemFilter & { role?: ResponsibilityRole };
export interface ItemPage<E> {
  items: E[];
  totalCount: number;
}

/**
 * The rules every plan table shares, written once: listing (filter, search, order, page), create,
 * update with the version check, delete, seq uniqueness within a plan, and responsibilities.
 * Each table's service says which fields it has and adds its own filters and links.
 */
export abstract class PlanItemService<E extends PlanItem> {
  /** The GraphQL type name, used in messages. */
  abstract readonly typeName: string;
  /** The property of Responsibility that points at this table. */
  abstract readonly kind: ItemKind;
  protected abstract readonly entity: new () => E;
  /** Input fields that are plain columns: whether null is allowed, and the entity property where it differs from the name. */
  protected abstract readonly fields: Record<string, { nullable: boolean; property?: string }>;
  /** Properties whose text `search` looks in. */
  protected abstract readonly searchable: string[];
  /** GraphQL field names that `orderBy` accepts, mapped to properties. */
  protected abstract readonly sortable: Record<string, string>;

  constructor(
    protected readonly em: Em,
    protected readonly deps: ItemDeps,
  ) {}

  /** Table-specific filter conditions. */
  protected applyFilter(_qb: QueryBuilder<any>, _filter: Filter): void {}

  /** Table-specific derived values and links after the plain fields are copied; returns the link changes. Errors name the field of `data`. */
  protected async afterAssign(_row: E, _data: ItemData, _isNew: boolean): Promise<FieldChange[]> {
    return [];
  }

  /** Entity properties shown under another name in the API (and the audit trail). */
  protected readonly apiNames: Record<string, string> = {};

  /** A stored value as the API shows it. */
  protected apiValue(_property: string, value: unknown): unknown {
    return value;
  }

  /** The row's columns by API field name, for the audit trail. */
  snapshot(row: E): Record<string, unknown> {
    const meta = this.em.getMetadata().get(this.entity.name);
    const out: Record<string, unknown> = {};
    for (const prop of meta.props) {
      if (prop.kind !== 'scalar' || UNAUDITED.has(prop.name) || prop.persist === false) continue;
      const value = (row as Record<string, unknown>)[prop.name];
      out[this.apiNames[prop.name] ?? prop.name] = this.apiValue(prop.name, value instanceof Date ? value.toISOString() : value);
    }
    return out;
  }

  private diff(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
    return Object.keys(after)
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((field) => ({ field, before: before[field], after: after[field] }));
  }

  private column(property: string): string {
    return this.em.getMetadata().get(this.entity.name).properties[property as keyof E & string].fieldNames[0];
  }

  async list(filter: Filter = {}, orderBy: OrderBy[] = [], limit?: number | null, offset?: number | null): Promise<ItemPage<E>> {
    const { qb, order, take, skip } = await this.listQuery(filter, orderBy, limit, offset);
    const totalCount = await qb.clone().getCount();
    const items = totalCount > skip ? await qb.orderBy(order).limit(take).offset(skip).getResultList() : [];
    return { items, totalCount };
  }

  /**
   * A list's checked paging, its order and its filtered query (alias `e`, no order or paging yet):
   * the one definition of what a list means, for entities (list) and plain rows (server/read).
   */
  async listQuery(filter: Filter = {}, orderBy: OrderBy[] = [], limit?: number | null, offset?: number | null) {
    const take = limit ?? PAGE.defaultLimit;
    const skip = offset ?? 0;
    if (!Number.isInteger(take) || take < 1 || take > PAGE.maxLimit) throw badInput('limit', `limit must be between 1 and ${PAGE.maxLimit}, got ${take}`);
    if (!Number.isInteger(skip) || skip < 0) throw badInput('offset', `offset must be 0 or more, got ${skip}`);
    const order = this.orderClause(orderBy);

    const qb = this.em.createQueryBuilder(this.entity, 'e');
    if (filter.ids != null) qb.andWhere({ id: { $in: filter.ids.map((id, i) => parseId(id, `filter.ids[${i}]`)) } } as never);
    if (filter.planCode != null) {
      const plan = await this.deps.plans.resolve(filter.planCode, 'filter.planCode');
      qb.andWhere({ plan: plan.id } as never);
    }
    const fk = `r.${this.em.getMetadata().get('Responsibility').properties[this.kind].fieldNames[0]}`;
    if (filter.department != null) {
      const department = await this.deps.departments.resolve(filter.department, 'filter.department');
      const byRole = filter.role ? ' and r.role = ?' : '';
      qb.andWhere(`e.id in (select ${fk} from responsibility r where r.department_id = ?${byRole})`, filter.role ? [department.id, filter.role] : [department.id]);
    } else if (filter.role) {
      qb.andWhere(`e.id in (select ${fk} from responsibility r where r.role = ? and ${fk} is not null)`, [filter.role]);
    }
    const search = filter.search?.trim();
    if (search) {
      // The row's own text, or a department that answers for it: its name, English name, code or
      // any alias (住建 and 区发改局 find the rows those units lead or support, on every table).
      const like = (col: string) => `lower(${col}) like ? escape '\\'`;
      const cols = this.searchable.map((p) => like(`e.${this.column(p)}`));
      const byDepartment =
        `e.id in (select ${fk} from responsibility r join department d on d.id = r.department_id` +
        ` where ${fk} is not null and (${like('d.name')} or ${like('d.name_en')} or ${like('d.code')}` +
        ` or exists (select 1 from department_alias a where a.department_id = d.id and ${like('a.alias')})))`;
      const pattern = likePattern(search);
      qb.andWhere(`(${[...cols, byDepartment].join(' or ')})`, [...cols.map(() => pattern), pattern, pattern, pattern, pattern]);
    }
    this.applyFilter(qb, filter);
    return { qb, order, take, skip };
  }

  private orderClause(orderBy: OrderBy[]): Record<string, QueryOrderKeys<unknown>>[] {
    const clause = orderBy.map((o, i) => {
      const prop = this.sortable[o.field];
      if (!prop) throw badInput(`orderBy[${i}].field`, `cannot sort ${this.typeName} by "${o.field}"; use one of ${Object.keys(this.sortable).join(', ')}`);
      // Empty values sort first, as SQLite sorts them: PostgreSQL would put them last, and both engines answer alike.
      return { [prop]: o.direction === SortDirection.DESC ? 'DESC NULLS LAST' : 'ASC NULLS FIRST' } as Record<string, QueryOrderKeys<unknown>>;
    });
    if (!clause.length) clause.push({ plan: 'ASC' }, { seq: 'ASC' });
    clause.push({ id: 'ASC' }); // a stable order, so pages neither repeat nor skip rows
    return clause;
  }

  get(id: string | number): Promise<E | null> {
    return this.em.findOne(this.entity, parseId(id, 'id') as never);
  }

  async getOrFail(id: string | number): Promise<E> {
    const row = await this.get(id);
    if (!row) throw notFound(this.typeName, id);
    return row;
  }

  /** The row with this seq in this plan, for upserts by natural key. */
  bySeq(plan: Plan, seq: number): Promise<E | null> {
    return this.em.findOne(this.entity, { plan: plan.id, seq } as never);
  }

  create(input: ItemData): Promise<E> {
    return inTransaction(this.em, async () => {
      this.deps.permissions.assertAdmin(`create ${this.typeName} rows`);
      const plan = await this.deps.plans.resolve(input.planCode, 'planCode');
      await this.assertSeqFree(plan, input.seq!, null, 'seq');
      const row = new this.entity();
      row.plan = plan;
      row.seq = input.seq!;
      this.copyFields(row, input, true);
      const links = await this.afterAssign(row, input, true);
      this.em.persist(row);
      if (input.responsibilities) {
        const change = await this.deps.responsibilities.replace(row, this.kind, input.responsibilities, 'responsibilities');
        if (change) links.push(change);
      }
      await this.em.flush(); // assigns the id the audit entry names
      this.deps.audit.created(this.typeName, row.id, { planCode: plan.code, ...this.snapshot(row), ...Object.fromEntries(links.map((l) => [l.field, l.after])) });
      return row;
    });
  }

  update(id: string | number, patch: ItemData, expectedVersion?: number | null): Promise<E> {
    return inTransaction(this.em, async () => {
      this.deps.permissions.assertWrite(`change ${this.typeName} rows`);
      const row = await this.getOrFail(id);
      if (expectedVersion != null && row.version !== expectedVersion) {
        throw conflict(`${this.typeName} ${row.id} is at version ${row.version}, not ${expectedVersion}: someone else saved it first`, {
          currentVersion: row.version,
          expectedVersion,
        });
      }
      return this.applyPatch(row, patch);
    });
  }

  /**
   * Copies a patch onto a loaded row after the permission check; only real changes are written,
   * bump the version and get an audit entry each.
   */
  async applyPatch(row: E, patch: ItemData): Promise<E> {
    if (STRUCTURAL.some((k) => patch[k] !== undefined)) this.deps.permissions.assertAdmin('change responsibilities or links');
    else await this.deps.permissions.assertCanEdit(this.kind, row.id, this.typeName);
    if (patch.seq != null && patch.seq !== row.seq) await this.assertSeqFree(row.plan, patch.seq, row.id, 'seq');
    if (patch.seq === null) throw badInput('seq', 'seq cannot be null');
    const before = this.snapshot(row);
    if (patch.seq != null) row.seq = patch.seq;
    this.copyFields(row, patch, false);
    const links = await this.afterAssign(row, patch, false);
    if (patch.responsibilities) {
      const change = await this.deps.responsibilities.replace(row, this.kind, patch.responsibilities, 'responsibilities');
      if (change) links.push(change);
    }
    // Links live in other tables: touch the row so its version and updatedAt record the change.
    if (links.length) row.updatedAt = new Date();
    this.deps.audit.updated(this.typeName, row.id, [...this.diff(before, this.snapshot(row)), ...links]);
    return row;
  }

  delete(id: string | number, expectedVersion?: number | null): Promise<boolean> {
    return inTransaction(this.em, async () => {
      this.deps.permissions.assertAdmin(`delete ${this.typeName} rows`);
      const row = await this.getOrFail(id);
      if (expectedVersion != null && row.version !== expectedVersion) {
        throw conflict(`${this.typeName} ${row.id} is at version ${row.version}, not ${expectedVersion}`, { currentVersion: row.version, expectedVersion });
      }
      const held = await this.em.find(Responsibility, { [this.kind]: row.id }, { populate: ['department'], orderBy: { id: 'asc' } });
      this.deps.audit.deleted(this.typeName, row.id, { ...this.snapshot(row), responsibilities: held.map((r) => ({ department: r.department.code, role: r.role, note: r.note ?? null })) });
      this.em.remove(row);
      return true;
    });
  }

  /**
   * New rows set-wise, for imports of many rows: one permission check, then the rows, their
   * responsibilities and links in a few INSERTs (server/db/bulk) and the CREATE audit entries
   * create() would make, written with them. Nothing goes through the identity map, so the cost per
   * row stays flat. The caller has checked the values against the input class and that the seqs are
   * free in the plan (the database's unique key refuses a taken one). Returns the new ids, in order.
   */
  async createMany(plan: { id: number; code: string }, items: NewItem[]): Promise<number[]> {
    this.deps.permissions.assertAdmin(`create ${this.typeName} rows`);
    if (!items.length) return [];
    const bulk = new BulkInserter(this.em);
    const records = items.map((item) => {
      const e: Record<string, unknown> = { plan: plan.id, seq: item.seq };
      for (const [field, value] of Object.entries(item.values)) {
        if (value === undefined || field === 'seq' || field === 'planCode') continue;
        const property = this.propertyOf(field);
        e[property] = this.storedValue(property, typeof value === 'string' ? value.trim() : value);
      }
      return e;
    });
    const idOf = await bulk.insert(this.entity.name, records, 'seq');
    const ids = items.map((item) => idOf.get(item.seq)!);
    const responsibilities = items.flatMap((item, i) =>
      (item.responsibilities ?? []).map((w) => ({ department: w.departmentId, role: w.role, note: w.note ?? null, noteEn: w.noteEn ?? null, [this.kind]: ids[i] })),
    );
    await bulk.insert(Responsibility.name, responsibilities);
    const links = items.flatMap((item, i) => [...new Set(item.indicatorIds ?? [])].map((other) => [ids[i], other]));
    if (links.length) await bulk.insertPivot(this.entity.name, this.ownedLink().name, links);
    await this.deps.audit.createdMany(
      this.typeName,
      items.map((item, i) => {
        const after: Record<string, unknown> = { planCode: plan.code, ...this.snapshot(records[i] as unknown as E) };
        if (item.responsibilities?.length) after.responsibilities = item.responsibilities.map((w) => ({ department: w.code, role: w.role, note: w.note ?? null, ...(w.noteEn ? { noteEn: w.noteEn } : {}) }));
        if (item.indicatorIds?.length) after.indicatorIds = [...new Set(item.indicatorIds)].map(String).sort();
        return { id: ids[i], after };
      }),
    );
    return ids;
  }

  /**
   * Changed rows, each at the version the caller read, through applyPatch (its permission check and
   * audit entries), flushed one by one. The first refusal is thrown as a BulkRefusal naming its
   * item; a row changed since it was read is a CONFLICT. Returns, per row, whether it changed.
   * The identity map keeps what this loads: a caller with many rows clears it between calls.
   */
  async updateMany(updates: ItemUpdate[]): Promise<boolean[]> {
    const rows = new Map(((await this.em.find(this.entity, { id: { $in: updates.map((u) => u.id) } } as never)) as E[]).map((e) => [e.id, e]));
    return eachItem(updates, async (u) => {
      const row = rows.get(u.id);
      if (!row) throw notFound(this.typeName, u.id);
      if (row.version !== u.version) {
        throw conflict(`${this.typeName} ${row.id} is at version ${row.version}, not ${u.version}: someone else saved it first`, { currentVersion: row.version, expectedVersion: u.version });
      }
      await this.applyPatch(row, u.patch);
      await this.em.flush();
      return row.version !== u.version;
    });
  }

  /** Deletes the rows as delete() does, in order; the first refusal is thrown as a BulkRefusal naming its item. */
  async deleteMany(ids: number[]): Promise<void> {
    await eachItem(ids, (id) => this.delete(id));
  }

  /** The many-to-many property whose link table this table owns (SpecialTarget.indicatorRows). */
  private ownedLink() {
    const prop = this.em.getMetadata().get(this.entity.name).props.find((p) => p.kind === ReferenceKind.MANY_TO_MANY && p.owner);
    if (!prop) throw new Error(`${this.typeName} owns no links`);
    return prop;
  }

  /** The entity property behind an API field. */
  private propertyOf(field: string): string {
    return this.fields[field]?.property ?? Object.entries(this.apiNames).find(([, api]) => api === field)?.[0] ?? field;
  }

  /** An API value as its column keeps it (apiValue the other way): a list kept as text is joined, each value once. */
  protected storedValue(property: string, value: unknown): unknown {
    return property in this.apiNames && Array.isArray(value) ? [...new Set(value)].join(',') : value;
  }

  private async assertSeqFree(plan: Plan, seq: number, selfId: number | null, field: string) {
    const other = await this.bySeq(plan, seq);
    if (other && other.id !== selfId) throw conflict(`${field}: ${this.typeName} ${other.id} already has seq ${seq} in plan ${plan.code}`, { field, existingId: String(other.id) });
  }

  private copyFields(row: E, data: ItemData, isNew: boolean) {
    const target = row as unknown as Record<string, unknown>;
    for (const [key, { nullable, property = key }] of Object.entries(this.fields)) {
      const value = data[key];
      if (value === undefined) continue;
      if (value === null && !nullable) throw badInput(key, `${key} cannot be null`);
      const next = typeof value === 'string' ? value.trim() : value;
      if (isNew || JSON.stringify(target[property]) !== JSON.stringify(next)) target[property] = next;
    }
  }
}
