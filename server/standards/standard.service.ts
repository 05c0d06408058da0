import type { QueryBuilder } from '../db/types';
import { Standard } from '../../schema/standards/standard.entity';
import type { StandardFilter } from '../../schema/standards/standard.inputs';
import { PlanItemService } from '../common/plan-item.service';
import { columnFields, DESCRIPTORS, searchableProperties, sortableProperties } from '../../schema/descriptors';

export class StandardService extends PlanItemService<Standard> {
  readonly typeName = 'Standard';
  readonly kind = 'standard' as const;
  protected readonly entity = Standard;
  // From the table's descriptor (schema/standards/standards.descriptor.ts).
  protected readonly fields = columnFields(DESCRIPTORS.standards);
  protected readonly searchable = searchableProperties(DESCRIPTORS.standards);
  protected readonly sortable = sortableProperties(DESCRIPTORS.standards);

  protected applyFilter(qb: QueryBuilder<Standard>, f: StandardFilter) {
    if (f.releaseYear != null) qb.andWhere({ releaseYear: f.releaseYear });
  }
}
