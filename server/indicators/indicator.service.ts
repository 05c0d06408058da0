import type { QueryBuilder } from '../db/types';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import type { IndicatorFilter } from '../../schema/indicators/indicator.inputs';
import { PlanItemService, type ItemData } from '../common/plan-item.service';
import { parseId } from '../common/ids';
import { badInput } from '../errors';
import { parseTarget } from './target';
import type { FieldChange } from '../audit/audit.service';
import { columnFields, DESCRIPTORS, searchableProperties, sortableProperties } from '../../schema/descriptors';
import type { ItemDeps } from '../common/plan-item.service';
import type { Em } from '../orm';
import type { YearTargetService } from '../year-targets/year-target.service';
import { inTransaction } from '../common/transaction';

/** Patch fields only the evaluation office (ADMIN) may change (the descriptor's `office` fields). */
const OFFICE_FIELDS = DESCRIPTORS.indicators.fields.filter((f) => f.office).map((f) => f.field);

/** From the table's descriptor, once (not per request: a request makes its own services). */
const FIELDS = columnFields(DESCRIPTORS.indicators);
const SEARCHABLE = searchableProperties(DESCRIPTORS.indicators);
const SORTABLE = sortableProperties(DESCRIPTORS.indicators);

export class IndicatorService extends PlanItemService<Indicator> {
  readonly typeName = 'Indicator';
  readonly kind = 'indicator' as const;
  protected readonly entity = Indicator;
  // From the table's descriptor (schema/indicators/indicators.descriptor.ts).
  protected readonly fields = FIELDS;
  protected readonly searchable = SEARCHABLE;
  protected readonly sortable = SORTABLE;

  constructor(
    em: Em,
    deps: ItemDeps,
    private readonly yearTargets: YearTargetService,
  ) {
    super(em, deps);
  }

  /** A new indicator gets its year targets in the same transaction. */
  override create(input: ItemData): Promise<Indicator> {
    return inTransaction(this.em, async () => {
      const row = await super.create(input);
      await this.yearTargets.sync([row.id]);
      return row;
    });
  }

  /** A change of the base, the target, the growth or the method recomputes the derived year targets (hand-edited years stay). */
  override update(id: string | number, patch: ItemData, expectedVersion?: number | null): Promise<Indicator> {
    return inTransaction(this.em, async () => {
      const row = await super.update(id, patch, expectedVersion);
      await this.em.flush();
      await this.yearTargets.sync([row.id]);
      return row;
    });
  }

  /** The base and the method are the evaluation office's (ADMIN): they decide every derived year target. */
  override async applyPatch(row: Indicator, patch: ItemData): Promise<Indicator> {
    if (OFFICE_FIELDS.some((k) => patch[k] !== undefined)) this.deps.permissions.assertAdmin('change an indicator’s base or target method');
    return super.applyPatch(row, patch);
  }

  protected applyFilter(qb: QueryBuilder<Indicator>, f: IndicatorFilter) {
    if (f.attribute) qb.andWhere({ attribute: f.attribute });
    if (f.cumulative != null) qb.andWhere({ cumulative: f.cumulative });
    if (f.targetKind) qb.andWhere({ targetKind: f.targetKind });
  }

  protected async afterAssign(row: Indicator, data: ItemData, isNew: boolean): Promise<FieldChange[]> {
    // A new target text re-reads kind and value unless the editor gave them too.
    if (typeof data.targetText === 'string' && data.targetKind === undefined && (isNew || data.targetValue === undefined)) {
      const parsed = parseTarget(data.targetText);
      if (!parsed) throw badInput('targetText', `cannot read the target "${data.targetText}"; give targetKind and targetValue with it`);
      row.targetKind = parsed.kind;
      row.targetValue = parsed.value;
    }
    if (data.targetAsWritten === undefined && typeof data.targetText === 'string' && !isNew) row.targetAsWritten = null;
    if (!Array.isArray(data.specialTargetIds)) return [];
    const change = await this.setSpecialTargets(row, data.specialTargetIds as string[], 'specialTargetIds');
    return change ? [change] : [];
  }

  /** The link table is owned by SpecialTarget, so links are changed on the targets' side. */
  private async setSpecialTargets(row: Indicator, ids: string[], field: string): Promise<FieldChange | null> {
    const wanted = [...new Set(ids.map((id, i) => parseId(id, `${field}[${i}]`)))];
    const targets = wanted.length ? await this.em.find(SpecialTarget, { id: { $in: wanted } }) : [];
    for (const [i, id] of wanted.entries()) {
      const t = targets.find((x) => x.id === id);
      if (!t) throw badInput(`${field}[${i}]`, `SpecialTarget ${id} does not exist`);
      if (t.plan.id !== row.plan.id) throw badInput(`${field}[${i}]`, `SpecialTarget ${id} belongs to another plan`);
    }
    const current = row.id ? await this.em.find(SpecialTarget, { indicatorRows: row.id }, { populate: ['indicatorRows'] }) : [];
    const currentIds = new Set(current.map((t) => t.id));
    if (current.length === wanted.length && wanted.every((id) => currentIds.has(id))) return null;
    for (const t of current) if (!wanted.includes(t.id)) t.indicatorRows.remove(row);
    for (const t of targets) if (!currentIds.has(t.id)) {
      await t.indicatorRows.init();
      t.indicatorRows.add(row);
    }
    return { field: 'specialTargetIds', before: current.map((t) => String(t.id)).sort(), after: wanted.map(String).sort() };
  }
}
