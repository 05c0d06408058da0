import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Bulletin, BulletinIssue } from '../../schema/bulletins/bulletin.types';
import type { Context } from '../context';

/** The monthly bulletin's API: thin, every rule is in BulletinService. */
@Resolver(() => Bulletin)
export class BulletinResolver {
  @Query(() => Bulletin, {
    description:
      'The monthly bulletin (月度通报) of a month (2019-06; 2019-6, 2019年6月 are read too). Published: the content as issued (its latest issue, or issue `version`), with changedSincePublished. ' +
      'Unpublished: the draft from the approved data now, for signed-in users and API tokens only (UNAUTHENTICATED signed out). A month that is not one of the plan’s is BAD_USER_INPUT.',
  })
  bulletin(@Arg('month', () => String) month: string, @Arg('version', () => Int, { nullable: true }) version: number | null, @Ctx() ctx: Context): Promise<Bulletin> {
    return ctx.services.bulletins.get(month, version);
  }

  @Query(() => [BulletinIssue], { description: 'Every published issue of a bulletin, newest month first.' })
  bulletinIssues(@Ctx() ctx: Context): Promise<BulletinIssue[]> {
    return ctx.services.bulletins.issues();
  }

  @Mutation(() => Bulletin, {
    description:
      'Publishes the month’s bulletin (ADMIN): its content is frozen as issued, with the foreword, who and when (audited); later bulletins compare against it. ' +
      'A month already published is issued again (a correction, the next version; earlier issues are kept) only with expectedVersion = its current version, otherwise CONFLICT (reason ALREADY_PUBLISHED, or STALE).',
  })
  publishBulletin(
    @Arg('month', () => String) month: string,
    @Arg('foreword', () => String, { nullable: true }) foreword: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Bulletin> {
    return ctx.services.bulletins.publish(month, foreword, expectedVersion);
  }
}
