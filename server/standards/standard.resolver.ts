import { Resolver } from 'type-graphql';
import { Standard } from '../../schema/standards/standard.entity';
import { StandardFilter, StandardInput, StandardPage, StandardPatch } from '../../schema/standards/standard.inputs';
import { PlanItemResolver } from '../common/plan-item.resolver';

@Resolver(() => Standard)
export class StandardResolver extends PlanItemResolver({
  type: Standard,
  page: StandardPage,
  filter: StandardFilter,
  input: StandardInput,
  patch: StandardPatch,
  kind: 'standard',
  one: 'standard',
  many: 'standards',
  service: (ctx) => ctx.services.standards,
}) {}
