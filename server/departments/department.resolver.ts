import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Department } from '../../schema/departments/department.entity';
import { DepartmentInput, DepartmentPatch } from '../../schema/departments/department.inputs';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { IndicatorAttribute } from '../../schema/indicators/indicator.enums';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { Rectification } from '../../schema/rectifications/rectification.entity';
import { InnovationTopic } from '../../schema/innovation-topics/innovation-topic.entity';
import { Standard } from '../../schema/standards/standard.entity';
import { ResponsibilityRole } from '../../schema/responsibilities/responsibility.enums';
import type { ItemKind } from '../../schema/responsibilities/responsibility.entity';
import type { PlanItem } from '../../schema/common/plan-item.entity';
import type { Context } from '../context';
import { badInput, withArgument } from '../errors';

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => [Department], { description: 'All departments, by code; search matches names, English names, codes and aliases.' })
  departments(@Arg('search', () => String, { nullable: true }) search: string | null, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Department[]> {
    // Plain rows with everything the query selects, from the read layer (server/read).
    return ctx.loaders.read.departments(ctx.services.departments.listQuery(search), info) as Promise<unknown[]> as Promise<Department[]>;
  }

  @Query(() => Department, { nullable: true, description: 'By code, canonical name or alias.' })
  department(
    @Arg('code', () => String, { nullable: true }) code: string | null,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Department | null> {
    const key = code ?? name;
    if (key == null) throw badInput('code', 'give code or name');
    return ctx.loaders.read.department(key, info) as Promise<unknown> as Promise<Department | null>;
  }

  @Query(() => [Department], {
    description:
      'The departments whose name, code or aliases (official full names included) look most like `name`, the closest first: what a miss of department(name) can offer instead. Empty when nothing is close.',
  })
  departmentSuggestions(
    @Arg('name', () => String) name: string,
    @Arg('limit', () => Int, { defaultValue: 3, description: '1 to 10.' }) limit: number,
    @Ctx() ctx: Context,
  ): Promise<Department[]> {
    if (name.length > 200) throw badInput('name', `name is at most 200 characters, got ${name.length}`);
    if (limit < 1 || limit > 10) throw badInput('limit', `limit must be 1 to 10, got ${limit}`);
    return ctx.services.departments.similar(name, limit);
  }

  @Mutation(() => Department)
  createDepartment(@Arg('input', () => DepartmentInput) input: DepartmentInput, @Ctx() ctx: Context): Promise<Department> {
    return withArgument('input', () => ctx.services.departments.create(input));
  }

  @Mutation(() => Department)
  updateDepartment(
    @Arg('id', () => ID) id: string,
    @Arg('patch', () => DepartmentPatch) patch: DepartmentPatch,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Department> {
    return withArgument('patch', () => ctx.services.departments.update(id, patch, expectedVersion));
  }

  @Mutation(() => Boolean, { description: 'Refused with CONFLICT while the department holds responsibilities.' })
  deleteDepartment(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.departments.delete(id, expectedVersion);
  }

  @FieldResolver(() => [String], { description: 'Every other spelling met in plan documents, e.g. 住建, 住建局.' })
  aliases(@Root() d: Department, @Ctx() ctx: Context): Promise<string[]> {
    return ctx.loaders.aliases.load(d.id);
  }

  @FieldResolver(() => [Indicator])
  indicators(
    @Root() d: Department,
    @Arg('attribute', () => IndicatorAttribute, { nullable: true }) attribute: IndicatorAttribute | null,
    @Arg('role', () => ResponsibilityRole, { nullable: true }) role: ResponsibilityRole | null,
    @Arg('planCode', () => String, { nullable: true }) planCode: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.items(ctx, d, 'indicator', role, planCode, attribute);
  }

  @FieldResolver(() => [SpecialTarget])
  specialTargets(
    @Root() d: Department,
    @Arg('role', () => ResponsibilityRole, { nullable: true }) role: ResponsibilityRole | null,
    @Arg('planCode', () => String, { nullable: true }) planCode: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.items(ctx, d, 'specialTarget', role, planCode);
  }

  @FieldResolver(() => [Rectification])
  rectifications(
    @Root() d: Department,
    @Arg('role', () => ResponsibilityRole, { nullable: true }) role: ResponsibilityRole | null,
    @Arg('planCode', () => String, { nullable: true }) planCode: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.items(ctx, d, 'rectification', role, planCode);
  }

  @FieldResolver(() => [InnovationTopic])
  innovationTopics(
    @Root() d: Department,
    @Arg('role', () => ResponsibilityRole, { nullable: true }) role: ResponsibilityRole | null,
    @Arg('planCode', () => String, { nullable: true }) planCode: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.items(ctx, d, 'innovationTopic', role, planCode);
  }

  @FieldResolver(() => [Standard])
  standards(
    @Root() d: Department,
    @Arg('role', () => ResponsibilityRole, { nullable: true }) role: ResponsibilityRole | null,
    @Arg('planCode', () => String, { nullable: true }) planCode: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.items(ctx, d, 'standard', role, planCode);
  }

  /** Loaded in the same tick for every department, so a field's arguments never split the batch. */
  private items(ctx: Context, d: Department, kind: ItemKind, role: ResponsibilityRole | null, planCode: string | null, attribute?: IndicatorAttribute | null): Promise<PlanItem[]> {
    return ctx.loaders.departmentItems.load({ departmentId: d.id, kind, role, attribute, planCode }) as Promise<PlanItem[]>;
  }
}
