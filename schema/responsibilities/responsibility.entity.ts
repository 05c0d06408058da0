import { Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';
import { Department } from '../departments/department.entity';
import { Indicator } from '../indicators/indicator.entity';
import { SpecialTarget } from '../special-targets/special-target.entity';
import { Rectification } from '../rectifications/rectification.entity';
import { InnovationTopic } from '../innovation-topics/innovation-topic.entity';
import { Standard } from '../standards/standard.entity';
import { ResponsibilityRole } from './responsibility.enums';

/**
 * Department + role on one plan item. One table for all item kinds, with one nullable foreign key
 * per kind (exactly one is set), so every link keeps a real foreign key with ON DELETE CASCADE and
 * "everything a department answers for" is one indexed scan.
 */
@ObjectType({ description: 'A department’s part in one plan item.' })
@Entity()
@Index({ properties: ['department', 'role'] })
export class Responsibility extends BaseRow {
  @ManyToOne(() => Department, { deleteRule: 'cascade' })
  department!: Rel<Department>;

  @Field(() => ResponsibilityRole)
  @Enum({ items: () => ResponsibilityRole })
  role!: ResponsibilityRole;

  @Field(() => String, { nullable: true, description: 'Why this unit holds the item, in Chinese, for every reader: e.g. the plan text that puts it in charge.' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @ManyToOne(() => Indicator, { nullable: true, deleteRule: 'cascade' })
  indicator?: Rel<Indicator> | null;

  @ManyToOne(() => SpecialTarget, { nullable: true, deleteRule: 'cascade' })
  specialTarget?: Rel<SpecialTarget> | null;

  @ManyToOne(() => Rectification, { nullable: true, deleteRule: 'cascade' })
  rectification?: Rel<Rectification> | null;

  @ManyToOne(() => InnovationTopic, { nullable: true, deleteRule: 'cascade' })
  innovationTopic?: Rel<InnovationTopic> | null;

  @ManyToOne(() => Standard, { nullable: true, deleteRule: 'cascade' })
  standard?: Rel<Standard> | null;

  // Last: a column added by a migration comes after the others (SQLite's ALTER TABLE ADD COLUMN).
  @Field(() => String, { nullable: true, description: 'The note in English, for the English UI; null where there is none (show note then). Dropped when the note changes without a new one.' })
  @Property({ type: 'text', nullable: true })
  noteEn?: string | null;
}

/** The plan-item kinds a responsibility can point at: property name on Responsibility. */
export type ItemKind = 'indicator' | 'specialTarget' | 'rectification' | 'innovationTopic' | 'standard';
