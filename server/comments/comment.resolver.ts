import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Comment } from '../../schema/comments/comment.entity';
import { CommentFilter, CommentItemInput, PublicComment } from '../../schema/comments/comment.types';
import { withArgument } from '../errors';
import type { Context } from '../context';

@Resolver(() => Comment)
export class CommentResolver {
  @Mutation(() => Boolean, {
    description:
      'A citizen’s comment on an indicator, special target or rectification of the public page (公众监督), without signing in. It waits for the evaluation office and is shown only once published. text: 5–500 characters; contact (optional, at most 100): kept for the office only, never shown or exported. website: the form’s hidden honeypot field, to be left empty — a comment that fills it is silently dropped (the answer is still true). At most 5 comments per client address in 10 minutes (TOO_MANY_REQUESTS). Answers true when received.',
  })
  postComment(
    @Arg('item', () => CommentItemInput) item: CommentItemInput,
    @Arg('text', () => String) text: string,
    @Arg('contact', () => String, { nullable: true }) contact: string | null,
    @Arg('website', () => String, { nullable: true }) website: string | null,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return withArgument('item', () => ctx.services.comments.post(item, text, contact, website, ctx.http?.address), ['text', 'contact', 'item.id']);
  }

  @Mutation(() => Comment, { description: 'Publishes (true) or rejects (false) a citizen comment (ADMIN only); a published one can be withdrawn the same way. A stale expectedVersion is refused with CONFLICT.' })
  moderateComment(
    @Arg('id', () => ID) id: string,
    @Arg('publish', () => Boolean) publish: boolean,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Comment> {
    return ctx.services.comments.moderate(id, publish, expectedVersion);
  }

  @Query(() => [Comment], { description: 'Citizen comments for the evaluation office (ADMIN only), newest first, with contacts: by state and/or item; limit 1–1000 (200).' })
  comments(
    @Arg('filter', () => CommentFilter, { nullable: true }) filter: CommentFilter | null,
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Ctx() ctx: Context,
  ): Promise<Comment[]> {
    return ctx.services.comments.list(filter ?? {}, limit);
  }

  @Query(() => [PublicComment], { description: 'The published comments on an item, oldest first, for everyone (no contacts). Answered without signing in, whatever ANONYMOUS_READ says.' })
  publicComments(@Arg('item', () => CommentItemInput) item: CommentItemInput, @Ctx() ctx: Context): Promise<PublicComment[]> {
    return ctx.services.comments.published(item);
  }
}
