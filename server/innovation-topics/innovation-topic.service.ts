import type { QueryBuilder } from '../db/types';
import { InnovationTopic } from '../../schema/innovation-topics/innovation-topic.entity';
import type { InnovationTopicFilter } from '../../schema/innovation-topics/innovation-topic.inputs';
import { PlanItemService } from '../common/plan-item.service';
import { columnFields, DESCRIPTORS, searchableProperties, sortableProperties } from '../../schema/descriptors';

/** From the table's descriptor, once (not per request: a request makes its own services). */
const FIELDS = columnFields(DESCRIPTORS.innovationTopics);
const SEARCHABLE = searchableProperties(DESCRIPTORS.innovationTopics);
const SORTABLE = sortableProperties(DESCRIPTORS.innovationTopics);

export class InnovationTopicService extends PlanItemService<InnovationTopic> {
  readonly typeName = 'InnovationTopic';
  readonly kind = 'innovationTopic' as const;
  protected readonly entity = InnovationTopic;
  // From the table's descriptor (schema/innovation-topics/innovation-topics.descriptor.ts).
  protected readonly fields = FIELDS;
  protected readonly searchable = SEARCHABLE;
  protected readonly sortable = SORTABLE;

  protected applyFilter(qb: QueryBuilder<InnovationTopic>, f: InnovationTopicFilter) {
    if (f.field) qb.andWhere({ field: f.field });
  }
}
