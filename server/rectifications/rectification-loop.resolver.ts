import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Rectification } from '../../schema/rectifications/rectification.entity';
import { RectificationStep } from '../../schema/rectifications/rectification-step.entity';
import { RectificationFeedback } from '../../schema/rectifications/rectification-feedback.entity';
import { RectificationStatus } from '../../schema/rectifications/rectification.enums';
import { Department } from '../../schema/departments/department.entity';
import type { Context } from '../context';
import { isOverdue } from './overdue';
import { rectificationEntity, rectificationLoaders } from './rectification.loaders';

/** The rectification loop's API (评价—整改—反馈): thin, every rule is in RectificationLoopService. */
@Resolver(() => Rectification)
export class RectificationLoopResolver {
  @Mutation(() => Rectification, {
    description:
      'Moves a rectification one step: OPEN → IN_PROGRESS → DONE (the lead department’s editors or the office), DONE → VERIFIED or back to IN_PROGRESS (the evaluation office, ADMIN). ' +
      'The note is required and kept with the step. Another step is a CONFLICT with reason INVALID_STATE; a step that is not the caller’s is FORBIDDEN; a stale expectedVersion is a CONFLICT.',
  })
  advanceRectification(
    @Arg('id', () => ID) id: string,
    @Arg('to', () => RectificationStatus) to: RectificationStatus,
    @Arg('note', () => String) note: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: Context,
  ): Promise<Rectification> {
    return ctx.services.rectificationLoop.advance(id, to, note, expectedVersion);
  }

  @Mutation(() => RectificationFeedback, { description: 'Feedback (反馈) under a rectification, by the evaluation office (source OFFICE) or an editor of a department that leads or supports it (source DEPARTMENT).' })
  addRectificationFeedback(@Arg('rectificationId', () => ID) rectificationId: string, @Arg('text', () => String) text: string, @Ctx() ctx: Context): Promise<RectificationFeedback> {
    return ctx.services.rectificationLoop.addByActor(rectificationId, text);
  }

  @FieldResolver(() => [RectificationStep], { description: 'The steps of its loop, oldest first.' })
  steps(@Root() row: Rectification, @Ctx() ctx: Context): Promise<RectificationStep[]> {
    return rectificationLoaders(ctx).steps.load(Number(row.id));
  }

  @FieldResolver(() => [RectificationFeedback], { description: 'Feedback under it, oldest first.' })
  feedback(@Root() row: Rectification, @Ctx() ctx: Context): Promise<RectificationFeedback[]> {
    return rectificationLoaders(ctx).feedback.load(Number(row.id));
  }

  @FieldResolver(() => Boolean, { description: 'Its deadline (the end of deadlineYear, Beijing time) has passed and it is neither DONE nor VERIFIED; judged when asked.' })
  async overdue(@Root() row: Rectification, @Ctx() ctx: Context): Promise<boolean> {
    return isOverdue(await rectificationEntity(ctx, row), new Date());
  }
}

@Resolver(() => RectificationStep)
export class RectificationStepResolver {
  @FieldResolver(() => Department, { nullable: true, description: 'The department the step was reported as; null for the office.' })
  department(@Root() row: RectificationStep, @Ctx() ctx: Context): Promise<Department | null> | null {
    return row.department ? ctx.loaders.department.load(row.department.id) : null;
  }
}

@Resolver(() => RectificationFeedback)
export class RectificationFeedbackResolver {
  @FieldResolver(() => Department, { nullable: true, description: 'The department that gave it (source DEPARTMENT).' })
  department(@Root() row: RectificationFeedback, @Ctx() ctx: Context): Promise<Department | null> | null {
    return row.department ? ctx.loaders.department.load(row.department.id) : null;
  }
}
