import type { QueryBuilder } from '../db/types';
import { InnovationTopic } from '../../schema/innovation-topics/innovation-topic.entity';
import type { InnovationTopicFilter } from '../../schema/innovation-topics/innovation-topic.inputs';
import { PlanItemService } from '../common/plan-item.service';

export class InnovationTopicService extends PlanItemService<InnovationTopic> {
  readonly typeName = 'InnovationTopic';
  readonly kind = 'innovationTopic' as const;
  protected readonly entity = InnovationTopic;
  protected readonly fields = { field: { nullable: false }, title: { nullable: false }, problem: { nullable: false }, path: { nullable: false }, sources: { nullable: false } };
  protected readonly searchable = ['title', 'problem', 'path'];
  protected readonly sortable = { seq: 'seq', field: 'field', title: 'title', updatedAt: 'updatedAt', createdAt: 'createdAt', version: 'version', id: 'id' };

  protected applyFilter(qb: QueryBuilder<InnovationTopic>, f: InnovationTopicFilter) {
    if (f.field) qb.andWhere({ field: f.field });
  }
}
