import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { TargetMethod } from '../../schema/indicators/indicator.enums';
import { YearTarget } from '../../schema/year-targets/year-target.entity';
import { YearTargetPatch } from '../../schema/year-targets/year-target.inputs';
import type { Context } from '../context';
import { methodOf } from './derive';
import { indicatorEntity, yearTargetLoaders } from './year-target.loaders';

@Resolver(() => YearTarget)
export class YearTargetResolver {
  @Mutation(() => YearTarget, {
    description: 'Enters one year’s target by hand (ADMIN only); it is kept when the indicator’s inputs change. derived: true puts it back to the computed value. A stale expectedVersion is refused with CONFLICT.',
  })
  updateYearTarget(
    @Arg('id', () => ID) id: string,
    @Arg('patch', () => YearTargetPatch) patch: YearTargetPatch,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<YearTarget> {
    return ctx.services.yearTargets.update(id, patch, expectedVersion);
  }
}

/** The Indicator fields of year targets. */
@Resolver(() => Indicator)
export class IndicatorYearTargetsResolver {
  @FieldResolver(() => TargetMethod, { description: 'How the year targets are derived; the default for the target kind unless the office chose one (cumulative: EVEN_SPLIT; a number to reach: GEOMETRIC; a bound: FINAL; 与GDP同步 and 市下达目标: MANUAL).' })
  async targetMethod(@Root() row: Indicator, @Ctx() ctx: Context): Promise<TargetMethod> {
    return methodOf(await indicatorEntity(ctx, row));
  }

  @FieldResolver(() => [YearTarget], { description: 'One per year, 2016–2020, in year order.' })
  yearTargets(@Root() row: Indicator, @Ctx() ctx: Context): Promise<YearTarget[]> {
    return yearTargetLoaders(ctx).yearTargets.load(Number(row.id));
  }
}
