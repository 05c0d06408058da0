import { Ctx, Query, Resolver } from 'type-graphql';
import { HubInfo } from '../../schema/demo/hub-info.types';
import type { Context } from '../context';

@Resolver(() => HubInfo)
export class HubInfoResolver {
  @Query(() => HubInfo, { description: 'Facts about the hub as a whole, e.g. whether the demo data set is loaded (the UI then says so on every page).' })
  async hubInfo(@Ctx() ctx: Context): Promise<HubInfo> {
    return { demoData: await ctx.services.demo.present() };
  }
}
