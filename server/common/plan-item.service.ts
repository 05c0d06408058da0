import type { QueryBuilder } from '@mikro-orm/knex';
import type { QueryOrderKeys } from '@mikro-orm/core';
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
import { badInput, conflict, notFound } from '../errors';
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

  /** Table-specific derived values and links after the plain fields are copied; returns the link changes. */
  protected async afterAssign(_row: E, _data: ItemData, _prefix: string, _isNew: boolean): Promise<FieldChange[]> {
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
      const plan = await this.deps.plans.resolve(input.planCode, 'input.planCode');
      await this.assertSeqFree(plan, input.seq!, null, 'input.seq');
      const row = new this.entity();
      row.plan = plan;
      row.seq = input.seq!;
      this.copyFields(row, input, 'input', true);
      const links = await this.afterAssign(row, input, 'input', true);
      this.em.persist(row);
      if (input.responsibilities) {
        const change = await this.deps.responsibilities.replace(row, this.kind, input.responsibilities, 'input.responsibilities');
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
    if (patch.seq != null && patch.seq !== row.seq) await this.assertSeqFree(row.plan, patch.seq, row.id, 'patch.seq');
    if (patch.seq === null) throw badInput('patch.seq', 'seq cannot be null');
    const before = this.snapshot(row);
    if (patch.seq != null) row.seq = patch.seq;
    this.copyFields(row, patch, 'patch', false);
    const links = await this.afterAssign(row, patch, 'patch', false);
    if (patch.responsibilities) {
      const change = await this.deps.responsibilities.replace(row, this.kind, patch.responsibilities, 'patch.responsibilities');
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

  private async assertSeqFree(plan: Plan, seq: number, selfId: number | null, field: string) {
    const other = await this.bySeq(plan, seq);
    if (other && other.id !== selfId) throw conflict(`${field}: ${this.typeName} ${other.id} already has seq ${seq} in plan ${plan.code}`, { field, existingId: String(other.id) });
  }

  private copyFields(row: E, data: ItemData, prefix: string, isNew: boolean) {
    const target = row as unknown as Record<string, unknown>;
    for (const [key, { nullable, property = key }] of Object.entries(this.fields)) {
      const value = data[key];
      if (value === undefined) continue;
      if (value === null && !nullable) throw badInput(`${prefix}.${key}`, `${key} cannot be null`);
      const next = typeof value === 'string' ? value.trim() : value;
      if (isNew || JSON.stringify(target[property]) !== JSON.stringify(next)) target[property] = next;
    }
  }
}
