import { Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';
import { Indicator } from '../indicators/indicator.entity';
import { SpecialTarget } from '../special-targets/special-target.entity';
import { Rectification } from '../rectifications/rectification.entity';
import { CommentItemKind, CommentState } from './comment.enums';

/** The longest comment text and contact accepted (characters). */
export const COMMENT_LIMITS = { text: 500, minText: 5, contact: 100 } as const;

/**
 * A citizen's comment on an item of the public page (公众监督), posted without signing in. It waits
 * for the office (PENDING) and is shown only once PUBLISHED. The contact is for the office alone:
 * this type (the office's view) carries it; the public sees PublicComment, which has no such field.
 * One nullable foreign key per item kind (exactly one set), as Responsibility does, so a comment
 * goes with its item. Table `citizen_comment` (COMMENT is an SQL keyword).
 */
@ObjectType({ description: 'A citizen comment as the evaluation office sees it (with the contact). Only ADMIN reads these; the public reads PublicComment.' })
@Entity({ tableName: 'citizen_comment' })
@Index({ properties: ['clientKey', 'createdAt'] })
@Index({ properties: ['state', 'createdAt'] })
export class Comment extends BaseRow {
  @Field(() => CommentItemKind)
  @Enum({ items: () => CommentItemKind })
  itemKind!: CommentItemKind;

  @ManyToOne(() => Indicator, { nullable: true, deleteRule: 'cascade' })
  indicator?: Rel<Indicator> | null;

  @ManyToOne(() => SpecialTarget, { nullable: true, deleteRule: 'cascade' })
  specialTarget?: Rel<SpecialTarget> | null;

  @ManyToOne(() => Rectification, { nullable: true, deleteRule: 'cascade' })
  rectification?: Rel<Rectification> | null;

  @Field(() => String)
  @Property({ type: 'text' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'How to reach the author (phone, e-mail…), as given; never shown to the public, never exported.' })
  @Property({ type: 'string', length: COMMENT_LIMITS.contact, nullable: true })
  contact?: string | null;

  @Field(() => CommentState)
  @Enum({ items: () => CommentState })
  state: CommentState = CommentState.PENDING;

  /** SHA-256 of the client address (not the address itself): what the rate limit counts by. */
  @Property({ type: 'string', length: 64 })
  clientKey!: string;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  moderatedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The office user who published or rejected it.' })
  @Property({ type: 'string', length: 100, nullable: true })
  moderatedBy?: string | null;

  @Field(() => ID, { description: 'The id of the indicator, special target or rectification.' })
  get itemId(): string {
    const ref = this.indicator ?? this.specialTarget ?? this.rectification;
    return String(ref?.id ?? '');
  }
}
