import { Resolver } from 'type-graphql';
import { Rectification } from '../../schema/rectifications/rectification.entity';
import { RectificationFilter, RectificationInput, RectificationPage, RectificationPatch } from '../../schema/rectifications/rectification.inputs';
import { PlanItemResolver } from '../common/plan-item.resolver';

@Resolver(() => Rectification)
export class RectificationResolver extends PlanItemResolver({
  type: Rectification,
  page: RectificationPage,
  filter: RectificationFilter,
  input: RectificationInput,
  patch: RectificationPatch,
  kind: 'rectification',
  one: 'rectification',
  many: 'rectifications',
  service: (ctx) => ctx.services.rectifications,
}) {}
