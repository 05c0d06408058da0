import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Rectification } from './rectification.entity';
import { Department } from '../departments/department.entity';
import { User } from '../accounts/user.entity';
import { RectificationStatus } from './rectification.enums';

/** One step of a rectification's loop: who moved it from what to what, when, and why. Written once, never changed. */
@ObjectType({ description: 'A step of the rectification loop (评价—整改—反馈): from, to, the note, who and when.' })
@Entity()
export class RectificationStep {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Rectification, { deleteRule: 'cascade' })
  rectification!: Rel<Rectification>;

  @Field(() => RectificationStatus, { name: 'from' })
  @Enum({ items: () => RectificationStatus })
  fromStatus!: RectificationStatus;

  @Field(() => RectificationStatus, { name: 'to' })
  @Enum({ items: () => RectificationStatus })
  toStatus!: RectificationStatus;

  @Field(() => String, { description: 'What was done, or why the office sent it back.' })
  @Property({ type: 'text' })
  note!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  user?: Rel<User> | null;

  /** Kept as it was at the time (as the audit trail keeps it), so a renamed or deleted account still reads. */
  @Field(() => String, { nullable: true, name: 'by', description: 'The account that took the step.' })
  @Property({ type: 'string', length: 100, nullable: true })
  username?: string | null;

  /** The department the step was taken as: an editor's own; null for the office. */
  @ManyToOne(() => Department, { nullable: true, deleteRule: 'set null' })
  department?: Rel<Department> | null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  at: Date = new Date();
}
