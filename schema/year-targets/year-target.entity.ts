import { Entity, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';
import { Indicator } from '../indicators/indicator.entity';

export { TARGET_YEARS, FIRST_TARGET_YEAR, LAST_TARGET_YEAR } from './year-target.years';

/**
 * One indicator's target for one year (分解落实到年度工作目标). Derived from the indicator's base, its
 * 2020 target, its growth and its method, and recomputed when one of them changes, unless edited by
 * hand (derived: false).
 */
@ObjectType({ description: 'An indicator’s target for one year of the plan (2016–2020).' })
@Entity()
@Unique({ properties: ['indicator', 'year'] })
export class YearTarget extends BaseRow {
  @ManyToOne(() => Indicator, { deleteRule: 'cascade' })
  indicator!: Rel<Indicator>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Float, { nullable: true, description: 'null: no target yet (a method that needs a base without one, or a MANUAL year not entered).' })
  @Property({ type: 'double', nullable: true })
  targetValue?: number | null;

  @Field(() => Boolean, { description: 'true: computed from the indicator’s inputs and recomputed when they change; false: entered by hand and kept.' })
  @Property({ type: 'boolean' })
  derived: boolean = true;
}
