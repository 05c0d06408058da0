import type { QueryBuilder } from '../db/types';
import { InnovationTopic } from '../../schema/innovation-topics/innovation-topic.entity';
import type { InnovationTopicFilter } from '../../schema/innovation-topics/innovation-topic.inputs';
import { PlanItemService } from '../common/plan-item.service';
import { columnFields, DESCRIPTORS, searchableProperties, sortableProperties } from '../../schema/descriptors';

export class InnovationTopicService extends PlanItemService<InnovationTopic> {
  readonly typeName = 'InnovationTopic';
  readonly kind = 'innovationTopic' as const;
  protected readonly entity = InnovationTopic;
  // From the table's descriptor (schema/innovation-topics/innovation-topics.descriptor.ts).
  protected readonly fields = columnFields(DESCRIPTORS.innovationTopics);
  protected readonly searchable = searchableProperties(DESCRIPTORS.innovationTopics);
  protected readonly sortable = sortableProperties(DESCRIPTORS.innovationTopics);

  protected applyFilter(qb: QueryBuilder<InnovationTopic>, f: InnovationTopicFilter) {
    if (f.field) qb.andWhere({ field: f.field });
  }
}
