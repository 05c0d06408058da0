import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LedgerEntry } from '../../schema/ledger/ledger-entry.entity';
import { LedgerEntryFilter, LedgerEntryInput, LedgerEntryPage } from '../../schema/ledger/ledger.inputs';
import { Department } from '../../schema/departments/department.entity';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { Milestone } from '../../schema/milestones/milestone.entity';
import { OrderBy } from '../../schema/common/sort';
import type { Context } from '../context';
import { withArgument } from '../errors';
import type { LedgerPage } from './ledger.service';
import { ledgerLoaders } from './ledger.loaders';

/** The ledger's API: thin, every rule is in LedgerService. */
@Resolver(() => LedgerEntry)
export class LedgerResolver {
  @Query(() => LedgerEntryPage, {
    description:
      'Ledger entries the caller may see (signed out: approved ones; another department’s drafts never), filtered, ordered and paged; totalCount counts every match. ' +
      'The evaluation office’s approval queue is filter: { state: SUBMITTED }. limit defaults to 100, at most 1000.',
  })
  ledgerEntries(
    @Arg('filter', () => LedgerEntryFilter, { nullable: true }) filter: LedgerEntryFilter | null,
    @Arg('orderBy', () => [OrderBy], { nullable: true }) orderBy: OrderBy[] | null,
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
    @Ctx() ctx: Context,
  ): Promise<LedgerPage> {
    return ctx.services.ledger.list(filter ?? {}, orderBy ?? [], limit, offset);
  }

  @Query(() => LedgerEntry, { nullable: true, description: 'null when there is no such entry or the caller may not see it.' })
  ledgerEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<LedgerEntry | null> {
    return ctx.services.ledger.get(id);
  }

  @Mutation(() => LedgerEntry, {
    description:
      'Creates the entry for (item, department, period) when expectedVersion is absent (a second one for the same key is a CONFLICT with reason DUPLICATE), or changes that entry at expectedVersion. ' +
      'Only DRAFT and RETURNED entries change; an approved one is locked until the evaluation office reopens it. An EDITOR files only as their own department, for items it leads or supports.',
  })
  saveLedgerEntry(
    @Arg('input', () => LedgerEntryInput) input: LedgerEntryInput,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<LedgerEntry> {
    return withArgument('input', () => ctx.services.ledger.save(input, expectedVersion));
  }

  @Mutation(() => LedgerEntry, { description: 'DRAFT or RETURNED → SUBMITTED, by the entry’s department or the evaluation office.' })
  submitLedgerEntry(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: Context): Promise<LedgerEntry> {
    return ctx.services.ledger.submit(id, expectedVersion);
  }

  @Mutation(() => LedgerEntry, { description: 'SUBMITTED → APPROVED (ADMIN): the entry is locked and counts for completion.' })
  approveLedgerEntry(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: Context): Promise<LedgerEntry> {
    return ctx.services.ledger.approve(id, expectedVersion);
  }

  @Mutation(() => LedgerEntry, { description: 'SUBMITTED → RETURNED with a reason the department sees (ADMIN); it edits the entry and submits it again.' })
  returnLedgerEntry(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: Context,
  ): Promise<LedgerEntry> {
    return ctx.services.ledger.returnEntry(id, reason, expectedVersion);
  }

  @Mutation(() => LedgerEntry, { description: 'APPROVED → RETURNED with a reason (ADMIN): unlocks an approved entry for its department to correct and submit again.' })
  reopenLedgerEntry(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: Context,
  ): Promise<LedgerEntry> {
    return ctx.services.ledger.reopen(id, reason, expectedVersion);
  }

  @Mutation(() => Boolean, { description: 'Deletes a DRAFT or RETURNED entry, by its department or the evaluation office.' })
  deleteLedgerEntry(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.ledger.delete(id, expectedVersion);
  }

  @FieldResolver(() => Department, { description: 'The department that filed the entry.' })
  async department(@Root() row: LedgerEntry, @Ctx() ctx: Context): Promise<Department> {
    const found = await ctx.loaders.department.load(row.department.id);
    if (!found) throw new Error(`Department ${row.department.id} vanished during the request`);
    return found;
  }

  @FieldResolver(() => Indicator, { nullable: true, description: 'The indicator the entry is about, if it is about one.' })
  indicator(@Root() row: LedgerEntry, @Ctx() ctx: Context): Promise<Indicator | null> | null {
    return row.indicator ? ledgerLoaders(ctx).indicator.load(row.indicator.id) : null;
  }

  @FieldResolver(() => SpecialTarget, { nullable: true, description: 'The special target the entry is about, if it is about one (not through a milestone).' })
  specialTarget(@Root() row: LedgerEntry, @Ctx() ctx: Context): Promise<SpecialTarget | null> | null {
    return row.specialTarget ? ledgerLoaders(ctx).specialTarget.load(row.specialTarget.id) : null;
  }

  @FieldResolver(() => Milestone, { nullable: true, description: 'The milestone the entry is about, if it is about one.' })
  milestone(@Root() row: LedgerEntry, @Ctx() ctx: Context): Promise<Milestone | null> | null {
    return row.milestone ? ledgerLoaders(ctx).milestone.load(row.milestone.id) : null;
  }
}
