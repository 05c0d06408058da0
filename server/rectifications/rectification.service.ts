import type { QueryBuilder } from '../db/types';
import { Rectification } from '../../schema/rectifications/rectification.entity';
import type { RectificationFilter } from '../../schema/rectifications/rectification.inputs';
import { PlanItemService } from '../common/plan-item.service';
import { columnFields, DESCRIPTORS, searchableProperties, sortableProperties } from '../../schema/descriptors';

/** From the table's descriptor, once (not per request: a request makes its own services). */
const FIELDS = columnFields(DESCRIPTORS.rectifications);
const SEARCHABLE = searchableProperties(DESCRIPTORS.rectifications);
const SORTABLE = sortableProperties(DESCRIPTORS.rectifications);

export class RectificationService extends PlanItemService<Rectification> {
  readonly typeName = 'Rectification';
  readonly kind = 'rectification' as const;
  protected readonly entity = Rectification;
  // From the table's descriptor (schema/rectifications/rectifications.descriptor.ts).
  protected readonly fields = FIELDS;
  protected readonly searchable = SEARCHABLE;
  protected readonly sortable = SORTABLE;

  protected readonly apiNames = { planText: 'plan' };

  protected applyFilter(qb: QueryBuilder<Rectification>, f: RectificationFilter) {
    if (f.status) qb.andWhere({ status: f.status });
    if (f.deadlineYear != null) qb.andWhere({ deadlineYear: f.deadlineYear });
  }
}
