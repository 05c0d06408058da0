import { Collection, Entity, Enum, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { PlanItem } from '../common/plan-item.entity';
import { Responsibility } from '../responsibilities/responsibility.entity';
import { RectificationStatus } from './rectification.enums';

@ObjectType({ description: 'Table 3: public hot issues and their rectification.' })
@Entity()
@Unique({ properties: ['plan', 'seq'] })
export class Rectification extends PlanItem {
  @Field(() => String, { description: '问题概要.' })
  @Property({ type: 'text' })
  problem!: string;

  @Field(() => String, { description: '整改方向.' })
  @Property({ type: 'text' })
  direction!: string;

  /** 整改计划. Named planText here because `plan` is the owning Plan on every item. */
  @Field(() => String, { name: 'plan', description: '整改计划, with its responsible units and deadline as written.' })
  @Property({ type: 'text' })
  planText!: string;

  @Field(() => String, { description: '整改举措及目标.' })
  @Property({ type: 'text' })
  measures!: string;

  @Field(() => String, { description: '预期成效.' })
  @Property({ type: 'text' })
  expectedOutcomes!: string;

  @Field(() => Int, { nullable: true, description: '整改时限 as a year.' })
  @Property({ type: 'integer', nullable: true })
  deadlineYear?: number | null;

  @Field(() => RectificationStatus)
  @Enum({ items: () => RectificationStatus })
  status: RectificationStatus = RectificationStatus.OPEN;

  @Field(() => Boolean, { description: 'True where the responsible units end in 等 (and others).' })
  @Property({ type: 'boolean' })
  othersInvolved: boolean = false;

  @OneToMany(() => Responsibility, (r) => r.rectification, { orphanRemoval: true })
  responsibilityRows = new Collection<Responsibility>(this);
}
