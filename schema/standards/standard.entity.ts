import { Collection, Entity, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { PlanItem } from '../common/plan-item.entity';
import { Responsibility } from '../responsibilities/responsibility.entity';

@ObjectType({ description: 'Table 5: public-governance standards to be drawn up.' })
@Entity()
@Unique({ properties: ['plan', 'seq'] })
export class Standard extends PlanItem {
  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  name!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  releaseYear!: number;

  @OneToMany(() => Responsibility, (r) => r.standard, { orphanRemoval: true })
  responsibilityRows = new Collection<Responsibility>(this);
}
