import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { IsOptional } from 'class-validator';
import { CommentItemKind, CommentState } from './comment.enums';

@InputType({ description: 'The item a comment is about.' })
export class CommentItemInput {
  @Field(() => CommentItemKind)
  kind!: CommentItemKind;

  @Field(() => ID)
  id!: string;
}

@InputType({ description: 'Which comments the office lists: by state, by item, or all.' })
export class CommentFilter {
  @Field(() => CommentState, { nullable: true })
  @IsOptional()
  state?: CommentState | null;

  @Field(() => CommentItemInput, { nullable: true })
  @IsOptional()
  item?: CommentItemInput | null;
}

/** A published comment as everyone sees it: no contact, no address, no moderator. */
@ObjectType({ description: 'A published citizen comment, as the public page shows it. It has no contact field: contacts are for the office only.' })
export class PublicComment {
  @Field(() => ID)
  id!: string;

  @Field(() => CommentItemKind)
  itemKind!: CommentItemKind;

  @Field(() => ID)
  itemId!: string;

  @Field(() => String)
  text!: string;

  @Field(() => Date, { description: 'When it was posted.' })
  createdAt!: Date;
}
