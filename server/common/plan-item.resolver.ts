import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { wrap } from '@mikro-orm/core';
import type { PlanItem } from '../../schema/common/plan-item.entity';
import { OrderBy } from '../../schema/common/sort';
import { Responsibility, type ItemKind } from '../../schema/responsibilities/responsibility.entity';
import type { Context } from '../context';
import type { Filter, ItemData, ItemPage, PlanItemService } from './plan-item.service';
import { withArgument } from '../errors';

export interface PlanItemApi<E extends PlanItem> {
  type: ClassType<E>;
  page: ClassType<ItemPage<E>>;
  filter: ClassType<object>;
  input: ClassType<object>;
  patch: ClassType<object>;
  kind: ItemKind;
  /** Field names: `indicator` gives indicators, indicator, createIndicator, updateIndicator, deleteIndicator. */
  one: string;
  many: string;
  service: (ctx: Context) => PlanItemService<E>;
}

/**
 * The API every plan table has, written once: list, get, create, update, delete, and the fields
 * beyond its columns (responsibilities, planCode). Each resolver only translates; rules live in services.
 */
export function PlanItemResolver<E extends PlanItem>(api: PlanItemApi<E>) {
  const Type = api.one[0].toUpperCase() + api.one.slice(1);

  @Resolver(() => api.type)
  abstract class PlanItemResolverBase {
    @Query(() => api.page, { name: api.many, description: `Filtered, ordered and paged; totalCount counts every match. limit defaults to 100, at most 1000.` })
    async list(
      @Arg('filter', () => api.filter, { nullable: true }) filter: Filter | null,
      @Arg('orderBy', () => [OrderBy], { nullable: true }) orderBy: OrderBy[] | null,
      @Arg('limit', () => Int, { nullable: true }) limit: number | null,
      @Arg('offset', () => Int, { nullable: true }) offset: number | null,
      @Ctx() ctx: Context,
      @Info() info: GraphQLResolveInfo,
    ): Promise<ItemPage<E>> {
      // Plain rows from the read layer (server/read); entities only for what it does not serve.
      const service = api.service(ctx);
      const query = await service.listQuery(filter ?? {}, orderBy ?? [], limit, offset);
      return ((await ctx.loaders.read.page(query, info)) as ItemPage<E> | null) ?? service.list(filter ?? {}, orderBy ?? [], limit, offset);
    }

    @Query(() => api.type, { name: api.one, nullable: true })
    one(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<E | null> {
      return api.service(ctx).get(id);
    }

    @Mutation(() => api.type, { name: `create${Type}` })
    create(@Arg('input', () => api.input) input: ItemData, @Ctx() ctx: Context): Promise<E> {
      return withArgument('input', () => api.service(ctx).create(input));
    }

    @Mutation(() => api.type, { name: `update${Type}`, description: 'Only the fields given change. A stale expectedVersion is refused with CONFLICT and changes nothing.' })
    update(
      @Arg('id', () => ID) id: string,
      @Arg('patch', () => api.patch) patch: ItemData,
      @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
      @Ctx() ctx: Context,
    ): Promise<E> {
      return withArgument('patch', () => api.service(ctx).update(id, patch, expectedVersion));
    }

    @Mutation(() => Boolean, { name: `delete${Type}`, description: 'Deletes the row with its responsibilities and links.' })
    remove(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null, @Ctx() ctx: Context): Promise<boolean> {
      return api.service(ctx).delete(id, expectedVersion);
    }

    // On read rows (lists, the department page) these answers are prefetched by server/read for the
    // whole level; the resolvers below serve entities (single rows, mutation results).
    @FieldResolver(() => [Responsibility], { description: 'LEAD first, then SUPPORT, each in the order given.' })
    responsibilities(@Root() row: E, @Ctx() ctx: Context): Promise<Responsibility[]> {
      return ctx.loaders.responsibilities[api.kind].load(row.id);
    }

    @FieldResolver(() => String, { description: 'Code of the plan the row belongs to.' })
    planCode(@Root() row: E, @Ctx() ctx: Context): string | Promise<string> {
      // A plan already loaded in this request answers at once; otherwise one batched look-up.
      if (wrap(row.plan).isInitialized()) return row.plan.code;
      return ctx.loaders.plan.load(row.plan.id).then((plan) => plan!.code);
    }
  }
  return PlanItemResolverBase;
}
