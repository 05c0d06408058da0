import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';
import { Department } from '../departments/department.entity';
import { InnovationTopic } from '../innovation-topics/innovation-topic.entity';

/** 创新创优: bonus points the office grants a department in a year for an innovation topic (table 4) it took up and that was assessed. */
@ObjectType({ description: '创新创优 bonus points of one department in one year for one innovation topic (创新指南) it took up and that was assessed; entered by the office.' })
@Entity()
@Unique({ properties: ['department', 'year', 'innovationTopic'] })
@Index({ properties: ['year'] })
export class InnovationBonus extends BaseRow {
  @ManyToOne(() => Department, { deleteRule: 'cascade' })
  department!: Rel<Department>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @ManyToOne(() => InnovationTopic, { deleteRule: 'cascade' })
  innovationTopic!: Rel<InnovationTopic>;

  @Field(() => Float, { description: 'Bonus points granted (0–100).' })
  @Property({ type: 'double' })
  points!: number;

  @Field(() => String, { nullable: true, description: 'What was assessed (成果, 评审意见).' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
