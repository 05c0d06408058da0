import type { QueryBuilder } from '../db/types';
import { Rectification } from '../../schema/rectifications/rectification.entity';
import type { RectificationFilter } from '../../schema/rectifications/rectification.inputs';
import { PlanItemService } from '../common/plan-item.service';

export class RectificationService extends PlanItemService<Rectification> {
  readonly typeName = 'Rectification';
  readonly kind = 'rectification' as const;
  protected readonly entity = Rectification;
  protected readonly fields = {
    problem: { nullable: false }, direction: { nullable: false }, plan: { nullable: false, property: 'planText' }, measures: { nullable: false },
    expectedOutcomes: { nullable: false }, deadlineYear: { nullable: true }, status: { nullable: false }, othersInvolved: { nullable: false },
  };
  protected readonly searchable = ['problem', 'direction', 'planText', 'measures', 'expectedOutcomes'];
  protected readonly sortable = { seq: 'seq', deadlineYear: 'deadlineYear', status: 'status', updatedAt: 'updatedAt', createdAt: 'createdAt', version: 'version', id: 'id' };

  protected readonly apiNames = { planText: 'plan' };

  protected applyFilter(qb: QueryBuilder<Rectification>, f: RectificationFilter) {
    if (f.status) qb.andWhere({ status: f.status });
    if (f.deadlineYear != null) qb.andWhere({ deadlineYear: f.deadlineYear });
  }
}
