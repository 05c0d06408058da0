import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { Progress } from '../../schema/progress/progress.types';
import type { Context } from '../context';
import { indicatorEntity, yearTargetLoaders } from '../year-targets/year-target.loaders';

@Resolver(() => Indicator)
export class IndicatorProgressResolver {
  @FieldResolver(() => Progress, { description: 'Completion in a year (2016–2020) from the year targets and the approved actual values; NO_DATA says what is missing.' })
  async progress(@Root() row: Indicator, @Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<Progress> {
    ctx.services.progress.assertYear(year);
    return yearTargetLoaders(ctx).progress.load({ row: await indicatorEntity(ctx, row), year });
  }
}
