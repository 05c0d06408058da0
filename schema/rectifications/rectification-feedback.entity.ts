import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Rectification } from './rectification.entity';
import { Department } from '../departments/department.entity';
import { User } from '../accounts/user.entity';
import { FeedbackSource } from './rectification.enums';

/** A feedback entry (反馈) under a rectification: from the office, a lead or supporting department, or the public once moderated. */
@ObjectType({ description: 'Feedback (反馈) under a rectification: the office’s, a responsible department’s, or a moderated public comment.' })
@Entity()
export class RectificationFeedback {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Rectification, { deleteRule: 'cascade' })
  rectification!: Rel<Rectification>;

  @Field(() => String)
  @Property({ type: 'text' })
  text!: string;

  @Field(() => FeedbackSource)
  @Enum({ items: () => FeedbackSource })
  source!: FeedbackSource;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  user?: Rel<User> | null;

  /** The account's name as it was; null for a public comment (a citizen's contact is never kept here). */
  @Field(() => String, { nullable: true, name: 'author', description: 'The account that wrote it; null for a public comment.' })
  @Property({ type: 'string', length: 100, nullable: true })
  username?: string | null;

  @ManyToOne(() => Department, { nullable: true, deleteRule: 'set null' })
  department?: Rel<Department> | null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();
}
