import type { QueryBuilder } from '@mikro-orm/knex';
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
import { badInput, conflict, notFound } from '../errors';
import { likePattern, parseId } from './ids';
import { inTransaction } from './transaction';

export interface ItemDeps {
  plans: PlanService;
  departments: DepartmentService;
  responsibilities: ResponsibilityService;
}

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

  /** Table-specific derived values and links after the plain fields are copied; true when links changed. */
  protected async afterAssign(_row: E, _data: ItemData, _prefix: string, _isNew: boolean): Promise<boolean> {
    return false;
  }

  private column(property: string): string {
    return this.em.getMetadata().get(this.entity.name).properties[property as keyof E & string].fieldNames[0];
  }

  async list(filter: Filter = {}, orderBy: OrderBy[] = [], limit?: number | null, offset?: number | null): Promise<ItemPage<E>> {
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
      const cols = this.searchable.map((p) => `lower(e.${this.column(p)}) like ? escape '\\'`);
      qb.andWhere(`(${cols.join(' or ')})`, cols.map(() => likePattern(search)));
    }
    this.applyFilter(qb, filter);

    const totalCount = await qb.clone().getCount();
    const items = totalCount > skip ? await qb.orderBy(order).limit(take).offset(skip).getResultList() : [];
    return { items, totalCount };
  }

  private orderClause(orderBy: OrderBy[]): Record<string, 'ASC' | 'DESC'>[] {
    const clause = orderBy.map((o, i) => {
      const prop = this.sortable[o.field];
      if (!prop) throw badInput(`orderBy[${i}].field`, `cannot sort ${this.typeName} by "${o.field}"; use one of ${Object.keys(this.sortable).join(', ')}`);
      return { [prop]: o.direction === SortDirection.DESC ? 'DESC' : 'ASC' } as Record<string, 'ASC' | 'DESC'>;
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
      const plan = await this.deps.plans.resolve(input.planCode, 'input.planCode');
      await this.assertSeqFree(plan, input.seq!, null, 'input.seq');
      const row = new this.entity();
      row.plan = plan;
      row.seq = input.seq!;
      this.copyFields(row, input, 'input', true);
      await this.afterAssign(row, input, 'input', true);
      this.em.persist(row);
      if (input.responsibilities) await this.deps.responsibilities.replace(row, this.kind, input.responsibilities, 'input.responsibilities');
      return row;
    });
  }

  update(id: string | number, patch: ItemData, expectedVersion?: number | null): Promise<E> {
    return inTransaction(this.em, async () => {
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

  /** Copies a patch onto a loaded row; only real changes are written and bump the version. */
  async applyPatch(row: E, patch: ItemData): Promise<E> {
    if (patch.seq != null && patch.seq !== row.seq) await this.assertSeqFree(row.plan, patch.seq, row.id, 'patch.seq');
    if (patch.seq === null) throw badInput('patch.seq', 'seq cannot be null');
    if (patch.seq != null) row.seq = patch.seq;
    this.copyFields(row, patch, 'patch', false);
    let linksChanged = await this.afterAssign(row, patch, 'patch', false);
    if (patch.responsibilities) linksChanged = (await this.deps.responsibilities.replace(row, this.kind, patch.responsibilities, 'patch.responsibilities')) || linksChanged;
    // Links live in other tables: touch the row so its version and updatedAt record the change.
    if (linksChanged) row.updatedAt = new Date();
    return row;
  }

  delete(id: string | number, expectedVersion?: number | null): Promise<boolean> {
    return inTransaction(this.em, async () => {
      const row = await this.getOrFail(id);
      if (expectedVersion != null && row.version !== expectedVersion) {
        throw conflict(`${this.typeName} ${row.id} is at version ${row.version}, not ${expectedVersion}`, { currentVersion: row.version, expectedVersion });
      }
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
