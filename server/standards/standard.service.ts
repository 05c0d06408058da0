import type { QueryBuilder } from '../db/types';
import { Standard } from '../../schema/standards/standard.entity';
import type { StandardFilter } from '../../schema/standards/standard.inputs';
import { PlanItemService } from '../common/plan-item.service';
import { columnFields, DESCRIPTORS, searchableProperties, sortableProperties } from '../../schema/descriptors';

/** From the table's descriptor, once (not per request: a request makes its own services). */
const FIELDS = columnFields(DESCRIPTORS.standards);
const SEARCHABLE = searchableProperties(DESCRIPTORS.standards);
const SORTABLE = sortableProperties(DESCRIPTORS.standards);

export class StandardService extends PlanItemService<Standard> {
  readonly typeName = 'Standard';
  readonly kind = 'standard' as const;
  protected readonly entity = Standard;
  // From the table's descriptor (schema/standards/standards.descriptor.ts).
  protected readonly fields = FIELDS;
  protected readonly searchable = SEARCHABLE;
  protected readonly sortable = SORTABLE;

  protected applyFilter(qb: QueryBuilder<Standard>, f: StandardFilter) {
    if (f.releaseYear != null) qb.andWhere({ releaseYear: f.releaseYear });
  }
}
