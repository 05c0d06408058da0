import { Resolver } from 'type-graphql';
import { InnovationTopic } from '../../schema/innovation-topics/innovation-topic.entity';
import { InnovationTopicFilter, InnovationTopicInput, InnovationTopicPage, InnovationTopicPatch } from '../../schema/innovation-topics/innovation-topic.inputs';
import { PlanItemResolver } from '../common/plan-item.resolver';

@Resolver(() => InnovationTopic)
export class InnovationTopicResolver extends PlanItemResolver({
  type: InnovationTopic,
  page: InnovationTopicPage,
  filter: InnovationTopicFilter,
  input: InnovationTopicInput,
  patch: InnovationTopicPatch,
  kind: 'innovationTopic',
  one: 'innovationTopic',
  many: 'innovationTopics',
  service: (ctx) => ctx.services.innovationTopics,
}) {}
