import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Responsibility } from '../../schema/responsibilities/responsibility.entity';
import { Department } from '../../schema/departments/department.entity';
import type { Context } from '../context';

@Resolver(() => Responsibility)
export class ResponsibilityResolver {
  @FieldResolver(() => Department)
  async department(@Root() r: Responsibility, @Ctx() ctx: Context): Promise<Department> {
    return (await ctx.loaders.department.load(r.department.id))!;
  }
}
