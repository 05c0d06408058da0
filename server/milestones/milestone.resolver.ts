import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Milestone } from '../../schema/milestones/milestone.entity';
import { MilestoneFilter, MilestoneInput, MilestonePatch } from '../../schema/milestones/milestone.inputs';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { withArgument } from '../errors';
import type { Context } from '../context';
import { milestoneLoaders } from './milestone.loaders';

@Resolver(() => Milestone)
export class MilestoneResolver {
  @Query(() => [Milestone], { description: 'Milestones (the numeric aims of special targets) of a plan or of one special target, in plan, special-target and seq order; all of them without a filter.' })
  milestones(@Arg('filter', () => MilestoneFilter, { nullable: true }) filter: MilestoneFilter | null, @Ctx() ctx: Context): Promise<Milestone[]> {
    return withArgument('filter', () => ctx.services.milestones.list(filter));
  }

  @FieldResolver(() => SpecialTarget, { description: 'The special target whose content holds the aim.' })
  async specialTarget(@Root() row: Milestone, @Ctx() ctx: Context): Promise<SpecialTarget> {
    const found = await milestoneLoaders(ctx).specialTarget.load(row.specialTarget.id);
    if (!found) throw new Error(`SpecialTarget ${row.specialTarget.id} vanished during the request`);
    return found;
  }

  @Mutation(() => Milestone, { description: 'Adds a milestone to a special target (ADMIN only: the evaluation office transcribes them). Its text must occur in the special target’s content.' })
  createMilestone(@Arg('input', () => MilestoneInput) input: MilestoneInput, @Ctx() ctx: Context): Promise<Milestone> {
    return withArgument('input', () => ctx.services.milestones.create(input));
  }

  @Mutation(() => Milestone, { description: 'Only the fields given change (ADMIN only). A stale expectedVersion is refused with CONFLICT and changes nothing.' })
  updateMilestone(
    @Arg('id', () => ID) id: string,
    @Arg('patch', () => MilestonePatch) patch: MilestonePatch,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Milestone> {
    return withArgument('patch', () => ctx.services.milestones.update(id, patch, expectedVersion));
  }

  @Mutation(() => Boolean, { description: 'Deletes a milestone (ADMIN only). A stale expectedVersion is refused with CONFLICT.' })
  deleteMilestone(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.milestones.delete(id, expectedVersion);
  }
}

/** SpecialTarget.milestones: batched, one statement for all special targets of a level. */
@Resolver(() => SpecialTarget)
export class SpecialTargetMilestonesResolver {
  @FieldResolver(() => [Milestone], { description: 'The numeric aims inside the content (上市企业150家, …), in seq order.' })
  milestones(@Root() row: SpecialTarget, @Ctx() ctx: Context): Promise<Milestone[]> {
    return milestoneLoaders(ctx).milestones.load(Number(row.id));
  }
}
