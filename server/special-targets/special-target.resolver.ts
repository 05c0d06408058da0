import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Indicator } from '../../schema/indicators/indicator.entity';
import type { Context } from '../context';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { SpecialTargetFilter, SpecialTargetInput, SpecialTargetPage, SpecialTargetPatch } from '../../schema/special-targets/special-target.inputs';
import { PlanItemResolver } from '../common/plan-item.resolver';

@Resolver(() => SpecialTarget)
export class SpecialTargetResolver extends PlanItemResolver({
  type: SpecialTarget,
  page: SpecialTargetPage,
  filter: SpecialTargetFilter,
  input: SpecialTargetInput,
  patch: SpecialTargetPatch,
  kind: 'specialTarget',
  one: 'specialTarget',
  many: 'specialTargets',
  service: (ctx) => ctx.services.specialTargets,
}) {
  @FieldResolver(() => [Indicator], { description: 'Linked Indicator rows, in plan order.' })
  indicators(@Root() row: SpecialTarget, @Ctx() ctx: Context): Promise<Indicator[]> {
    return ctx.loaders.indicatorsOfSpecialTarget.load(row.id);
  }
}
