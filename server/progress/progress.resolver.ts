import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { Milestone } from '../../schema/milestones/milestone.entity';
import { DepartmentScore, Progress, ProgressSummary } from '../../schema/progress/progress.types';
import type { Context } from '../context';
import { indicatorEntity, yearTargetLoaders } from '../year-targets/year-target.loaders';
import { milestoneEntity, milestoneLoaders } from './progress.loaders';

@Resolver(() => Indicator)
export class IndicatorProgressResolver {
  @FieldResolver(() => Progress, { description: 'Completion in a year (2016–2020) from the year targets and the approved actual values; NO_DATA says what is missing.' })
  async progress(@Root() row: Indicator, @Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<Progress> {
    ctx.services.progress.assertYear(year);
    return yearTargetLoaders(ctx).progress.load({ row: await indicatorEntity(ctx, row), year });
  }
}

@Resolver(() => Milestone)
export class MilestoneProgressResolver {
  @FieldResolver(() => Progress, {
    description:
      'Completion in a year (2016–2020) from the lead department’s approved entries, always at least the value: cumulative milestones on the running sum against an even share a year; levels against the value from its year on, and before it against a linear path from the first approved year value (NO_DATA until there is one).',
  })
  async progress(@Root() row: Milestone, @Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<Progress> {
    ctx.services.progress.assertYear(year);
    return milestoneLoaders(ctx).progress.load({ row: await milestoneEntity(ctx, row), year });
  }
}

@Resolver()
export class ProgressResolver {
  @Query(() => [DepartmentScore], {
    description:
      'Each department’s completion (动态监控) in a year, or at the end of a month (2019-06) or quarter (2019-Q2) of it: counts by status of every indicator and milestone it leads or supports, split by role and attribute, with the items. department: one department by name, code or alias (all when left out).',
  })
  scorecard(
    @Arg('year', () => Int) year: number,
    @Arg('period', () => String, { nullable: true }) period: string | null,
    @Arg('department', () => String, { nullable: true }) department: string | null,
    @Ctx() ctx: Context,
  ): Promise<DepartmentScore[]> {
    return ctx.services.progress.scorecard(year, period, department);
  }

  @Query(() => ProgressSummary, { description: 'The monitoring board for a year, or at the end of a month or quarter of it: counts overall, by status, by attribute and by department, and every item with the ones needing attention first.' })
  progressSummary(@Arg('year', () => Int) year: number, @Arg('period', () => String, { nullable: true }) period: string | null, @Ctx() ctx: Context): Promise<ProgressSummary> {
    return ctx.services.progress.summary(year, period);
  }
}
