import { Entity, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';
import { Indicator } from '../indicators/indicator.entity';

/** The plan's years a year target is kept for (the base year is the plan's start, 2015). */
export const TARGET_YEARS = [2016, 2017, 2018, 2019, 2020] as const;
export const FIRST_TARGET_YEAR = TARGET_YEARS[0];
export const LAST_TARGET_YEAR = TARGET_YEARS[TARGET_YEARS.length - 1];

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
