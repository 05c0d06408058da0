import DataLoader from 'dataloader';
import { rectificationLoaders } from '../rectifications/rectification.loaders';
import { FeedbackSource } from '../../schema/rectifications/rectification.enums';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { PublicFeedback, PublicIndicator, PublicMilestone, PublicOverview, PublicRectification, PublicSpecialTarget } from '../../schema/public/public.types';
import { Progress } from '../../schema/progress/progress.types';
import { YearTarget } from '../../schema/year-targets/year-target.entity';
import type { Indicator } from '../../schema/indicators/indicator.entity';
import type { Milestone } from '../../schema/milestones/milestone.entity';
import type { Rectification } from '../../schema/rectifications/rectification.entity';
import type { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { yearTargetLoaders } from '../year-targets/year-target.loaders';
import { milestoneLoaders as milestoneProgressLoaders } from '../progress/progress.loaders';
import { milestoneLoaders } from '../milestones/milestone.loaders';
import type { OverviewRoot } from './public.service';
import type { Context } from '../context';

/**
 * The latest feedback shown under a rectification: today the newest published citizen comment on it
 * (feedback from the public page, once moderated). When the rectification loop's feedback entries
 * exist, this is the one line to change (read their newest published text per id, one statement for
 * the batch), with their table added to FIELD_TABLES['PublicRectification.latestFeedback'].
 */
const feedback = new WeakMap<object, DataLoader<number, PublicFeedback | null>>();
function feedbackLoader(ctx: Context) {
  let loader = feedback.get(ctx.em);
  if (!loader) {
    // The rectification's feedback as staff see it (rectification.loaders.ts): the office's entries and
    // the published comments are public; a department's own entries stay internal.
    loader = new DataLoader(async (ids) => {
      const all = await rectificationLoaders(ctx).feedback.loadMany(ids);
      return all.map((list) => {
        if (list instanceof Error) throw list;
        const shown = list.filter((f) => f.source === FeedbackSource.OFFICE || f.source === FeedbackSource.PUBLIC);
        const last = shown[shown.length - 1];
        return last ? { text: last.text, at: last.createdAt } : null;
      });
    });
    feedback.set(ctx.em, loader);
  }
  return loader;
}

@Resolver(() => PublicOverview)
export class PublicOverviewResolver {
  @Query(() => PublicOverview, {
    description:
      'The public page (公众监督): the key indicators with their completion, the special targets with their milestones and the rectifications with status and latest feedback, from approved data only. Answered without signing in, whatever ANONYMOUS_READ says. planCode: the newest plan when left out.',
  })
  publicOverview(@Arg('planCode', () => String, { nullable: true }) planCode: string | null, @Ctx() ctx: Context): Promise<OverviewRoot> {
    return ctx.services.publicPage.overview(planCode);
  }

  @FieldResolver(() => [PublicIndicator], { description: 'The plan’s indicators (table 1), in plan order.' })
  indicators(@Root() root: OverviewRoot, @Ctx() ctx: Context): Promise<Indicator[]> {
    return ctx.services.publicPage.indicators(root.planId);
  }

  @FieldResolver(() => [PublicSpecialTarget], { description: 'The plan’s special targets (table 2), in plan order.' })
  specialTargets(@Root() root: OverviewRoot, @Ctx() ctx: Context): Promise<SpecialTarget[]> {
    return ctx.services.publicPage.specialTargets(root.planId);
  }

  @FieldResolver(() => [PublicRectification], { description: 'The plan’s rectifications (table 3), in plan order.' })
  rectifications(@Root() root: OverviewRoot, @Ctx() ctx: Context): Promise<Rectification[]> {
    return ctx.services.publicPage.rectifications(root.planId);
  }
}

@Resolver(() => PublicIndicator)
export class PublicIndicatorResolver {
  @FieldResolver(() => [YearTarget], { description: 'The year targets, 2016–2020.' })
  yearTargets(@Root() row: Indicator, @Ctx() ctx: Context): Promise<YearTarget[]> {
    return yearTargetLoaders(ctx).yearTargets.load(row.id);
  }

  @FieldResolver(() => Progress, { description: 'Completion in a year (2016–2020), from approved values only (as Indicator.progress).' })
  progress(@Root() row: Indicator, @Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<Progress> {
    ctx.services.progress.assertYear(year);
    return yearTargetLoaders(ctx).progress.load({ row, year });
  }
}

@Resolver(() => PublicSpecialTarget)
export class PublicSpecialTargetResolver {
  @FieldResolver(() => [PublicMilestone], { description: 'The numeric aims inside the content, in seq order.' })
  milestones(@Root() row: SpecialTarget, @Ctx() ctx: Context): Promise<Milestone[]> {
    return milestoneLoaders(ctx).milestones.load(row.id);
  }
}

@Resolver(() => PublicMilestone)
export class PublicMilestoneResolver {
  @FieldResolver(() => Progress, { description: 'Completion in a year (2016–2020), from the lead department’s approved entries only (as Milestone.progress).' })
  progress(@Root() row: Milestone, @Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<Progress> {
    ctx.services.progress.assertYear(year);
    return milestoneProgressLoaders(ctx).progress.load({ row, year });
  }
}

@Resolver(() => PublicRectification)
export class PublicRectificationResolver {
  @FieldResolver(() => PublicFeedback, { nullable: true, description: 'The newest published feedback on it; null when there is none.' })
  latestFeedback(@Root() row: Rectification, @Ctx() ctx: Context): Promise<PublicFeedback | null> {
    return feedbackLoader(ctx).load(row.id);
  }
}
