import { Collection, Entity, Enum, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { PlanItem } from '../common/plan-item.entity';
import { Responsibility } from '../responsibilities/responsibility.entity';
import { InnovationField } from './innovation-topic.enums';

@ObjectType({ description: 'Table 4: innovation guide topics.' })
@Entity()
@Unique({ properties: ['plan', 'seq'] })
export class InnovationTopic extends PlanItem {
  @Field(() => InnovationField, { description: '申报方向.' })
  @Enum({ items: () => InnovationField })
  field!: InnovationField;

  @Field(() => String, { description: '选题.' })
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Field(() => String, { description: '需要突破和解决的问题.' })
  @Property({ type: 'text' })
  problem!: string;

  @Field(() => String, { description: '创新路径.' })
  @Property({ type: 'text' })
  path!: string;

  @Field(() => [String], { description: 'Documents the topic rests on, e.g. 区“十三五”规划.' })
  @Property({ type: 'json' })
  sources: string[] = [];

  @OneToMany(() => Responsibility, (r) => r.innovationTopic, { orphanRemoval: true })
  responsibilityRows = new Collection<Responsibility>(this);
}
