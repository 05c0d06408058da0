import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import type { Context } from '../context';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { IndicatorFilter, IndicatorInput, IndicatorPage, IndicatorPatch } from '../../schema/indicators/indicator.inputs';
import { PlanItemResolver } from '../common/plan-item.resolver';

@Resolver(() => Indicator)
export class IndicatorResolver extends PlanItemResolver({
  type: Indicator,
  page: IndicatorPage,
  filter: IndicatorFilter,
  input: IndicatorInput,
  patch: IndicatorPatch,
  kind: 'indicator',
  one: 'indicator',
  many: 'indicators',
  service: (ctx) => ctx.services.indicators,
}) {
  @FieldResolver(() => [SpecialTarget], { description: 'Linked SpecialTarget rows, in plan order.' })
  specialTargets(@Root() row: Indicator, @Ctx() ctx: Context): Promise<SpecialTarget[]> {
    return ctx.loaders.specialTargetsOfIndicator.load(row.id);
  }
}
