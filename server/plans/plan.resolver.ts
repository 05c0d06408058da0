import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Plan } from '../../schema/plans/plan.entity';
import type { Context } from '../context';

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => [Plan], { description: 'Every plan the hub holds, oldest first.' })
  plans(@Ctx() ctx: Context): Promise<Plan[]> {
    return ctx.services.plans.list();
  }

  @Query(() => Plan, { nullable: true })
  plan(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<Plan | null> {
    return ctx.services.plans.byCode(code);
  }
}
