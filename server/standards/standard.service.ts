import type { QueryBuilder } from '../db/types';
import { Standard } from '../../schema/standards/standard.entity';
import type { StandardFilter } from '../../schema/standards/standard.inputs';
import { PlanItemService } from '../common/plan-item.service';

export class StandardService extends PlanItemService<Standard> {
  readonly typeName = 'Standard';
  readonly kind = 'standard' as const;
  protected readonly entity = Standard;
  protected readonly fields = { name: { nullable: false }, releaseYear: { nullable: false } };
  protected readonly searchable = ['name'];
  protected readonly sortable = { seq: 'seq', name: 'name', releaseYear: 'releaseYear', updatedAt: 'updatedAt', createdAt: 'createdAt', version: 'version', id: 'id' };

  protected applyFilter(qb: QueryBuilder<Standard>, f: StandardFilter) {
    if (f.releaseYear != null) qb.andWhere({ releaseYear: f.releaseYear });
  }
}
