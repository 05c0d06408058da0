import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { AuditAction } from './audit.enums';

/**
 * One changed field of one row (or a whole-row CREATE/DELETE), written in the same transaction as
 * the change, so no change can exist without its record. Append-only.
 */
@ObjectType()
@Entity()
@Index({ properties: ['entity', 'entityId'] })
@Index({ properties: ['at'] })
export class AuditEntry {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => Date)
  @Property({ type: 'Date' })
  at: Date = new Date();

  /** Who: the user id (resolved by a field resolver) and the name at the time, kept if the user goes. */
  @Property({ type: 'integer', nullable: true })
  userId?: number | null;

  @Field(() => String, { nullable: true, description: 'Who, as named when the change was made (cli:… or seed for runs without a user).' })
  @Property({ type: 'string', length: 100, nullable: true })
  username?: string | null;

  @Field(() => AuditAction)
  @Enum({ items: () => AuditAction })
  action!: AuditAction;

  @Field(() => String, { description: 'The GraphQL type name of the changed row, e.g. Indicator.' })
  @Property({ type: 'string', length: 64 })
  entity!: string;

  @Field(() => ID)
  @Property({ type: 'string', length: 64 })
  entityId!: string;

  @Field(() => String, { nullable: true, description: 'Field name; null for a whole-row CREATE or DELETE.' })
  @Property({ type: 'string', length: 64, nullable: true })
  field?: string | null;

  @Field(() => String, { nullable: true, description: 'JSON text of the value before.' })
  @Property({ type: 'text', nullable: true })
  before?: string | null;

  @Field(() => String, { nullable: true, description: 'JSON text of the value after.' })
  @Property({ type: 'text', nullable: true })
  after?: string | null;

  @Field(() => String, { description: 'graphql, import, cli or seed.' })
  @Property({ type: 'string', length: 16 })
  source!: string;

  @Field(() => String, { nullable: true, description: 'Groups the entries of one import or one batch edit.' })
  @Property({ type: 'string', length: 64, nullable: true, index: true })
  batchId?: string | null;
}
