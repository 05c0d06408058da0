import { Collection, Entity, ManyToMany, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { PlanItem } from '../common/plan-item.entity';
import { Indicator } from '../indicators/indicator.entity';
import { Responsibility } from '../responsibilities/responsibility.entity';
import { AssessmentMethod } from './special-target.enums';

@ObjectType({ description: 'Table 2: key special assessment targets.' })
@Entity()
@Unique({ properties: ['plan', 'seq'] })
export class SpecialTarget extends PlanItem {
  @Field(() => String, { description: 'The two title lines, joined by a comma.' })
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  content!: string;

  /**
   * Stored as comma-separated enum names: a plain text column filters the same way on SQLite and
   * PostgreSQL (no enum value is a substring of another), where arrays and JSON would not.
   */
  @Property({ type: 'string', length: 200 })
  assessmentMethodList: string = '';

  @Field(() => [AssessmentMethod])
  get assessmentMethods(): AssessmentMethod[] {
    return this.assessmentMethodList ? (this.assessmentMethodList.split(',') as AssessmentMethod[]) : [];
  }
  set assessmentMethods(methods: AssessmentMethod[]) {
    this.assessmentMethodList = [...new Set(methods)].join(',');
  }

  @Field(() => Boolean, { description: 'True where the plan’s department list ends in 等 (and others).' })
  @Property({ type: 'boolean' })
  othersInvolved: boolean = false;

  @OneToMany(() => Responsibility, (r) => r.specialTarget, { orphanRemoval: true })
  responsibilityRows = new Collection<Responsibility>(this);

  @ManyToMany(() => Indicator, (i) => i.specialTargetRows, { owner: true, pivotTable: 'special_target_indicator' })
  indicatorRows = new Collection<Indicator>(this);
}
