import { Entity, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';
import { Department } from '../departments/department.entity';

/** The entered parts of a department's "3+1" score for one year: 社会评价 and 领导考评, each 0–100. */
@ObjectType({ description: 'A department’s entered scores for one year: 社会评价 (social evaluation) and 领导考评 (leadership evaluation), 0–100 each.' })
@Entity()
@Unique({ properties: ['department', 'year'] })
export class DepartmentRating extends BaseRow {
  @ManyToOne(() => Department, { deleteRule: 'cascade' })
  department!: Rel<Department>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Float, { nullable: true, description: '社会评价, 0–100; null: not entered yet.' })
  @Property({ type: 'double', nullable: true })
  socialScore?: number | null;

  @Field(() => Float, { nullable: true, description: '领导考评, 0–100; null: not entered yet.' })
  @Property({ type: 'double', nullable: true })
  leadershipScore?: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
