import { Entity, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';

@ObjectType({ description: 'A performance plan, e.g. the 13th Five-Year plan for 2016–2020. Every plan item belongs to one.' })
@Entity()
export class Plan extends BaseRow {
  @Field(() => String, { description: 'Stable slug, e.g. binjiang-13th.' })
  @Property({ type: 'string', length: 64, unique: true })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 500 })
  name!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 500 })
  nameEn!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  startYear!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  endYear!: number;

  @Field(() => String, { nullable: true, description: 'Publication date as YYYY-MM-DD.' })
  @Property({ type: 'string', length: 10, nullable: true })
  publishedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the plan text comes from.' })
  @Property({ type: 'string', length: 500, nullable: true })
  source?: string | null;
}
