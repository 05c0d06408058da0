import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * Columns every stored row carries. `version` is MikroORM's optimistic lock: an UPDATE runs
 * `where id = ? and version = ?`, so two processes editing one row cannot both win.
 */
@ObjectType()
@Entity({ abstract: true })
export abstract class BaseRow {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => Int, { description: 'Starts at 1 and grows by one with every saved change.' })
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => Date)
  @Property({ type: 'Date', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();
}
