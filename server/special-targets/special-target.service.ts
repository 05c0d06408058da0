import type { QueryBuilder } from '../db/types';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { Indicator } from '../../schema/indicators/indicator.entity';
import type { SpecialTargetFilter } from '../../schema/special-targets/special-target.inputs';
import type { AssessmentMethod } from '../../schema/special-targets/special-target.enums';
import { PlanItemService, type ItemData } from '../common/plan-item.service';
import { parseId } from '../common/ids';
import { badInput } from '../errors';
import type { FieldChange } from '../audit/audit.service';
import { columnFields, DESCRIPTORS, searchableProperties, sortableProperties } from '../../schema/descriptors';

/** From the table's descriptor, once (not per request: a request makes its own services). */
const FIELDS = columnFields(DESCRIPTORS.specialTargets);
const SEARCHABLE = searchableProperties(DESCRIPTORS.specialTargets);
const SORTABLE = sortableProperties(DESCRIPTORS.specialTargets);

export class SpecialTargetService extends PlanItemService<SpecialTarget> {
  readonly typeName = 'SpecialTarget';
  readonly kind = 'specialTarget' as const;
  protected readonly entity = SpecialTarget;
  // From the table's descriptor (schema/special-targets/special-targets.descriptor.ts).
  protected readonly fields = FIELDS;
  protected readonly searchable = SEARCHABLE;
  protected readonly sortable = SORTABLE;

  protected readonly apiNames = { assessmentMethodList: 'assessmentMethods' };

  protected apiValue(property: string, value: unknown): unknown {
    return property === 'assessmentMethodList' ? (value ? String(value).split(',') : []) : value;
  }

  protected applyFilter(qb: QueryBuilder<SpecialTarget>, f: SpecialTargetFilter) {
    // Enum names are distinct words and none contains another, so a substring test is exact.
    if (f.assessmentMethod) qb.andWhere({ assessmentMethodList: { $like: `%${f.assessmentMethod}%` } });
  }

  protected async afterAssign(row: SpecialTarget, data: ItemData): Promise<FieldChange[]> {
    if (data.assessmentMethods === null) throw badInput('assessmentMethods', 'assessmentMethods cannot be null; give [] for none');
    if (Array.isArray(data.assessmentMethods)) {
      const next = [...new Set(data.assessmentMethods as AssessmentMethod[])].join(',');
      if (next !== row.assessmentMethodList) row.assessmentMethodList = next;
    }
    if (!Array.isArray(data.indicatorIds)) return [];
    const field = 'indicatorIds';
    const wanted = [...new Set((data.indicatorIds as string[]).map((id, i) => parseId(id, `${field}[${i}]`)))];
    const found = wanted.length ? await this.em.find(Indicator, { id: { $in: wanted } }) : [];
    for (const [i, id] of wanted.entries()) {
      const ind = found.find((x) => x.id === id);
      if (!ind) throw badInput(`${field}[${i}]`, `Indicator ${id} does not exist`);
      if (ind.plan.id !== row.plan.id) throw badInput(`${field}[${i}]`, `Indicator ${id} belongs to another plan`);
    }
    const current = row.id ? (await row.indicatorRows.loadItems()).map((x) => x.id) : [];
    if (current.length === wanted.length && wanted.every((id) => current.includes(id))) return [];
    row.indicatorRows.set(found);
    return [{ field: 'indicatorIds', before: current.map(String).sort(), after: wanted.map(String).sort() }];
  }
}
