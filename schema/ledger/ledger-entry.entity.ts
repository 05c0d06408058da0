import { Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';
import { Department } from '../departments/department.entity';
import { Indicator } from '../indicators/indicator.entity';
import { SpecialTarget } from '../special-targets/special-target.entity';
import { Milestone } from '../milestones/milestone.entity';
import { User } from '../accounts/user.entity';
import { LedgerState, PeriodKind } from './ledger.enums';

/**
 * One department's record (电子台账) of one item for one period: the actual value, a progress text
 * and evidence files. Exactly one of indicator, specialTarget and milestone is set; `itemKey`
 * ('indicator:12', 'milestone:3') makes "one entry per item, department and period" a plain unique
 * index on both engines (a unique index over nullable foreign keys would let NULLs repeat).
 */
@ObjectType({ description: 'A department’s ledger entry (电子台账) for one item and one period: actual value, progress text, evidence, and its approval state.' })
@Entity()
@Unique({ properties: ['itemKey', 'department', 'period'] })
@Index({ properties: ['state', 'year'] })
@Index({ properties: ['department', 'year'] })
export class LedgerEntry extends BaseRow {
  @ManyToOne(() => Department, { deleteRule: 'cascade' })
  department!: Rel<Department>;

  @ManyToOne(() => Indicator, { nullable: true, deleteRule: 'cascade' })
  indicator?: Rel<Indicator> | null;

  @ManyToOne(() => SpecialTarget, { nullable: true, deleteRule: 'cascade' })
  specialTarget?: Rel<SpecialTarget> | null;

  @ManyToOne(() => Milestone, { nullable: true, deleteRule: 'cascade' })
  milestone?: Rel<Milestone> | null;

  /** `<kind>:<id>` of the one item set above. */
  @Property({ type: 'string', length: 40 })
  itemKey!: string;

  @Field(() => String, { description: 'The period: 2019, 2019-Q2 or 2019-06.' })
  @Property({ type: 'string', length: 10 })
  period!: string;

  @Field(() => PeriodKind)
  @Enum({ items: () => PeriodKind })
  periodKind!: PeriodKind;

  @Field(() => Int, { description: 'The year of the period.' })
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Float, { nullable: true, description: 'The actual value. Months and quarters of flow indicators are year-to-date totals (as statistical reports give them); levels and rates are the period’s own value.' })
  @Property({ type: 'double', nullable: true })
  actualValue?: number | null;

  @Field(() => String, { nullable: true, description: 'What was done in the period (工作进展), in the department’s words.' })
  @Property({ type: 'text', nullable: true })
  progressText?: string | null;

  @Field(() => LedgerState)
  @Enum({ items: () => LedgerState })
  state: LedgerState = LedgerState.DRAFT;

  @Field(() => String, { nullable: true, description: 'Why the office returned the entry (RETURNED), or why it reopened an approved one.' })
  @Property({ type: 'text', nullable: true })
  returnReason?: string | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  submittedBy?: Rel<User> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  submittedAt?: Date | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  decidedBy?: Rel<User> | null;

  @Field(() => Date, { nullable: true, description: 'When the office approved or returned it last.' })
  @Property({ type: 'Date', nullable: true })
  decidedAt?: Date | null;
}
