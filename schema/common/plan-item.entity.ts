import { Entity, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseRow } from './base.entity';
import { Plan } from '../plans/plan.entity';

/** A row of one of the plan's tables: it belongs to a plan and has its place (seq) in that table. */
@ObjectType()
@Entity({ abstract: true })
export abstract class PlanItem extends BaseRow {
  @ManyToOne(() => Plan, { deleteRule: 'cascade' })
  plan!: Rel<Plan>;

  @Field(() => Int, { description: 'Row number in the plan’s table.' })
  @Property({ type: 'integer' })
  seq!: number;
}
