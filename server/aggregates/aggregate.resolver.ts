import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import { getNamedType, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { operationOf, selectedFields, subfields } from '../read/selection';
import type { Context } from '../context';
import type { Filter } from '../common/plan-item.service';
import { IndicatorFilter } from '../../schema/indicators/indicator.inputs';
import { SpecialTargetFilter } from '../../schema/special-targets/special-target.inputs';
import { RectificationFilter } from '../../schema/rectifications/rectification.inputs';
import { InnovationTopicFilter } from '../../schema/innovation-topics/innovation-topic.inputs';
import { StandardFilter } from '../../schema/standards/standard.inputs';
import {
  IndicatorAggregate, IndicatorGroupBy, InnovationTopicAggregate, InnovationTopicGroupBy, RectificationAggregate, RectificationGroupBy,
  SpecialTargetAggregate, SpecialTargetGroupBy, StandardAggregate, StandardGroupBy, LedgerEntryAggregate, LedgerEntryGroupBy, YearTargetAggregate, YearTargetGroupBy,
} from '../../schema/aggregates/aggregate.types';
import { LedgerEntryFilter } from '../../schema/ledger/ledger.inputs';
import { NUMBER_FUNCTIONS, type AggregateGroup, type NumbersAsked } from './aggregate.service';

const FILTER = 'The same filter as the list: a group’s count is the list’s totalCount for this filter with the group’s key added.';
const GROUP_BY = 'Each value once; none: one group of every matching row.';
const about = (list: string) => `${list} grouped and counted by the database (one GROUP BY). DEPARTMENT and ROLE group through responsibilities: a row counts once under each department (and role) holding it.`;

type Answer = { groups: AggregateGroup[] };

/** Which sums, averages, least and greatest values the query selects (fragments and aliases followed): the database computes only those. */
function numbersAsked(info: GraphQLResolveInfo): NumbersAsked {
  const op = operationOf(info);
  const asked = Object.fromEntries(NUMBER_FUNCTIONS.map((fn) => [fn, new Set<string>()])) as NumbersAsked;
  for (const groups of selectedFields(op, getNamedType(info.returnType) as GraphQLObjectType, info.fieldNodes).values()) {
    if (groups.name !== 'groups') continue;
    for (const fn of subfields(op, groups).values()) {
      const set = asked[fn.name as keyof NumbersAsked];
      if (set) for (const f of subfields(op, fn).values()) set.add(f.name);
    }
  }
  return asked;
}

/** The plan tables' aggregates; the rules are AggregateService's. */
@Resolver()
export class AggregateResolver {
  @Query(() => IndicatorAggregate, { description: about('Indicators') })
  indicatorsAggregate(
    @Arg('filter', () => IndicatorFilter, { nullable: true, description: FILTER }) filter: Filter | null,
    @Arg('groupBy', () => [IndicatorGroupBy], { nullable: true, description: GROUP_BY }) groupBy: IndicatorGroupBy[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Answer> {
    return ctx.services.aggregates.aggregate('indicators', filter ?? {}, groupBy ?? [], numbersAsked(info));
  }

  @Query(() => SpecialTargetAggregate, { description: about('Special targets') })
  specialTargetsAggregate(
    @Arg('filter', () => SpecialTargetFilter, { nullable: true, description: FILTER }) filter: Filter | null,
    @Arg('groupBy', () => [SpecialTargetGroupBy], { nullable: true, description: GROUP_BY }) groupBy: SpecialTargetGroupBy[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Answer> {
    return ctx.services.aggregates.aggregate('specialTargets', filter ?? {}, groupBy ?? [], numbersAsked(info));
  }

  @Query(() => RectificationAggregate, { description: about('Rectifications') })
  rectificationsAggregate(
    @Arg('filter', () => RectificationFilter, { nullable: true, description: FILTER }) filter: Filter | null,
    @Arg('groupBy', () => [RectificationGroupBy], { nullable: true, description: GROUP_BY }) groupBy: RectificationGroupBy[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Answer> {
    return ctx.services.aggregates.aggregate('rectifications', filter ?? {}, groupBy ?? [], numbersAsked(info));
  }

  @Query(() => InnovationTopicAggregate, { description: about('Innovation topics') })
  innovationTopicsAggregate(
    @Arg('filter', () => InnovationTopicFilter, { nullable: true, description: FILTER }) filter: Filter | null,
    @Arg('groupBy', () => [InnovationTopicGroupBy], { nullable: true, description: GROUP_BY }) groupBy: InnovationTopicGroupBy[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Answer> {
    return ctx.services.aggregates.aggregate('innovationTopics', filter ?? {}, groupBy ?? [], numbersAsked(info));
  }

  @Query(() => StandardAggregate, { description: about('Standards') })
  standardsAggregate(
    @Arg('filter', () => StandardFilter, { nullable: true, description: FILTER }) filter: Filter | null,
    @Arg('groupBy', () => [StandardGroupBy], { nullable: true, description: GROUP_BY }) groupBy: StandardGroupBy[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Answer> {
    return ctx.services.aggregates.aggregate('standards', filter ?? {}, groupBy ?? [], numbersAsked(info));
  }

  @Query(() => LedgerEntryAggregate, {
    description: 'Ledger entries (电子台账) grouped and counted by the database (one GROUP BY), as the caller may read them: signed out, approved entries only; another department’s drafts never.',
  })
  ledgerEntriesAggregate(
    @Arg('filter', () => LedgerEntryFilter, { nullable: true, description: FILTER }) filter: LedgerEntryFilter | null,
    @Arg('groupBy', () => [LedgerEntryGroupBy], { nullable: true, description: GROUP_BY }) groupBy: LedgerEntryGroupBy[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Answer> {
    return ctx.services.aggregates.aggregate('ledgerEntries', (filter ?? {}) as Filter, groupBy ?? [], numbersAsked(info));
  }

  @Query(() => YearTargetAggregate, {
    description: 'Year targets (2016–2020) of the indicators the filter finds (the indicators list’s filter), grouped and counted by the database: e.g. the sum of the binding indicators’ targets by year, or how many years the office entered by hand.',
  })
  yearTargetsAggregate(
    @Arg('filter', () => IndicatorFilter, { nullable: true, description: 'The indicators list’s filter: the year targets of the indicators it finds.' }) filter: Filter | null,
    @Arg('groupBy', () => [YearTargetGroupBy], { nullable: true, description: GROUP_BY }) groupBy: YearTargetGroupBy[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Answer> {
    return ctx.services.aggregates.aggregate('yearTargets', filter ?? {}, groupBy ?? [], numbersAsked(info));
  }
}
