import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';
import { SpecialTarget } from '../special-targets/special-target.entity';

/**
 * A numeric aim inside a special target's text (上市企业150家, 众创空间50家, 引进人才12.5万), transcribed
 * as a structured row so that the ledger and completion can follow it as they follow an indicator.
 */
@ObjectType({ description: 'A numeric aim inside a special target’s text, e.g. 上市企业150家: followed in the ledger like an indicator.' })
@Entity()
@Unique({ properties: ['specialTarget', 'seq'] })
@Index({ properties: ['specialTarget'] })
export class Milestone extends BaseRow {
  @ManyToOne(() => SpecialTarget, { deleteRule: 'cascade' })
  specialTarget!: Rel<SpecialTarget>;

  @Field(() => Int, { description: 'Order within the special target, from 1.' })
  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => String, { description: 'The aim as the plan words it, e.g. 上市企业150家; it occurs in the special target’s content.' })
  @Property({ type: 'string', length: 300 })
  text!: string;

  @Field(() => String, { description: 'What is counted, e.g. 上市企业.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Float, { description: 'The number aimed at, in unit.' })
  @Property({ type: 'double' })
  value!: number;

  @Field(() => String, { description: 'The unit as written, e.g. 家, 万人, 亿元.' })
  @Property({ type: 'string', length: 50 })
  unit!: string;

  @Field(() => Int, { description: 'The year the aim is for (2020 unless the text says otherwise).' })
  @Property({ type: 'integer' })
  year: number = 2020;

  @Field(() => Boolean, { description: 'true: a five-year total, judged on the running sum of the years; false: a level reached by the year.' })
  @Property({ type: 'boolean' })
  cumulative: boolean = false;
}
