import { Collection, Entity, Enum, Index, ManyToMany, OneToMany, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PlanItem } from '../common/plan-item.entity';
import { Responsibility } from '../responsibilities/responsibility.entity';
import { SpecialTarget } from '../special-targets/special-target.entity';
import { IndicatorAttribute, TargetKind, TargetMethod } from './indicator.enums';

@ObjectType({ description: 'Table 1: key performance indicators.' })
@Entity()
@Unique({ properties: ['plan', 'seq'] })
@Index({ properties: ['attribute', 'name'] }) // the grid's attribute filter and sort by name (issue 13)
export class Indicator extends PlanItem {
  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  name!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 50 })
  unit!: string;

  @Field(() => String, { nullable: true, description: 'The name cell as the source page had it, where the unit had to be repaired.' })
  @Property({ type: 'string', length: 300, nullable: true })
  unitAsWritten?: string | null;

  @Field(() => String, { description: 'The target exactly as the plan states it (同上 resolved to the row above’s).' })
  @Property({ type: 'string', length: 200 })
  targetText!: string;

  @Field(() => String, { nullable: true, description: 'Set where the plan’s cell differs from targetText, e.g. 同上.' })
  @Property({ type: 'string', length: 200, nullable: true })
  targetAsWritten?: string | null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  targetValue?: number | null;

  @Field(() => TargetKind)
  @Enum({ items: () => TargetKind })
  targetKind!: TargetKind;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  annualGrowthPct?: number | null;

  @Field(() => IndicatorAttribute)
  @Enum({ items: () => IndicatorAttribute })
  attribute!: IndicatorAttribute;

  @Field(() => Boolean, { description: 'Five-year cumulative figure (marked * in the plan).' })
  @Property({ type: 'boolean' })
  cumulative: boolean = false;

  @Field(() => Float, { nullable: true, description: 'The value in the base year (2015); year targets start from it.' })
  @Property({ type: 'double', nullable: true })
  baseValue?: number | null;

  @Field(() => Int, { description: 'The year of baseValue.' })
  @Property({ type: 'integer', default: 2015 })
  baseYear: Opt<number> = 2015;

  /** Stored as chosen; null means the default for the target kind (the API's targetMethod resolves it). */
  @Enum({ items: () => TargetMethod, nullable: true })
  targetMethod?: TargetMethod | null;

  @OneToMany(() => Responsibility, (r) => r.indicator, { orphanRemoval: true })
  responsibilityRows = new Collection<Responsibility>(this);

  @ManyToMany(() => SpecialTarget, (s) => s.indicatorRows)
  specialTargetRows = new Collection<SpecialTarget>(this);
}
