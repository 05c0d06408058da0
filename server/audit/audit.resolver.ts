import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Field, Query, Resolver, Root, createUnionType } from 'type-graphql';
import { AuditEntry } from '../../schema/audit/audit-entry.entity';
import { AuditAction } from '../../schema/audit/audit.enums';
import { User } from '../../schema/accounts/user.entity';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { Rectification } from '../../schema/rectifications/rectification.entity';
import { InnovationTopic } from '../../schema/innovation-topics/innovation-topic.entity';
import { Standard } from '../../schema/standards/standard.entity';
import { Department } from '../../schema/departments/department.entity';
import { YearTarget } from '../../schema/year-targets/year-target.entity';
import { LedgerEntry } from '../../schema/ledger/ledger-entry.entity';
import type { Context } from '../context';

export const RestoredRow = createUnionType({
  name: 'RestoredRow',
  types: () => [Indicator, SpecialTarget, Rectification, InnovationTopic, Standard, Department, YearTarget, LedgerEntry] as const,
});

@ObjectType()
class RestoreResult {
  @Field(() => String, { description: 'The GraphQL type name of the restored row.' })
  entity!: string;

  @Field(() => RestoredRow)
  row!: typeof RestoredRow;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => [AuditEntry], { description: 'Newest first. Signed-in users and API tokens only.' })
  auditLog(
    @Arg('entity', () => String, { nullable: true }) entity: string | null,
    @Arg('entityId', () => ID, { nullable: true }) entityId: string | null,
    @Arg('username', () => String, { nullable: true }) username: string | null,
    @Arg('field', () => String, { nullable: true }) field: string | null,
    @Arg('action', () => AuditAction, { nullable: true }) action: AuditAction | null,
    @Arg('batchId', () => String, { nullable: true }) batchId: string | null,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
    @Ctx() ctx: Context,
  ): Promise<AuditEntry[]> {
    ctx.services.permissions.assertSignedIn('read the audit log');
    return ctx.services.audit.list({ entity, entityId, username, field, action, batchId, from, to }, limit, offset);
  }

  @Mutation(() => RestoreResult, { description: 'Puts a field back to its value before the given audit entry; checked and audited like any edit.' })
  restoreAuditEntry(@Arg('entryId', () => ID) entryId: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null, @Ctx() ctx: Context) {
    return ctx.services.restore.restore(entryId, expectedVersion);
  }

  @Mutation(() => RestoreResult, { description: 'Puts back every field of one action (entries of one row, e.g. a target with its derived kind and value) in one update; checked and audited like any edit, all or nothing.' })
  restoreAuditEntries(@Arg('entryIds', () => [ID]) entryIds: string[], @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null, @Ctx() ctx: Context) {
    return ctx.services.restore.restoreGroup(entryIds, expectedVersion);
  }

  @FieldResolver(() => User, { nullable: true })
  async user(@Root() entry: AuditEntry, @Ctx() ctx: Context): Promise<User | null> {
    return entry.userId != null ? ctx.loaders.user.load(entry.userId) : null;
  }
}
