import DataLoader from 'dataloader';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import type { Milestone } from '../../schema/milestones/milestone.entity';
import type { Context } from '../context';

/**
 * Per-request batch loaders for milestones (one set per request context, never shared): a page of N
 * special targets costs one statement for all their milestones, and N milestones one statement for
 * their special targets, whatever N is.
 */
export interface MilestoneLoaders {
  milestones: DataLoader<number, Milestone[]>;
  specialTarget: DataLoader<number, SpecialTarget | null>;
}

const perRequest = new WeakMap<object, MilestoneLoaders>();

export function milestoneLoaders(ctx: Context): MilestoneLoaders {
  let loaders = perRequest.get(ctx.em);
  if (!loaders) {
    loaders = {
      milestones: new DataLoader(async (ids) => {
        const groups = await ctx.services.milestones.forSpecialTargets(ids);
        return ids.map((id) => groups.get(id) ?? []);
      }),
      specialTarget: new DataLoader(async (ids) => {
        const rows = await ctx.em.find(SpecialTarget, { id: { $in: [...new Set(ids)] } });
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    };
    perRequest.set(ctx.em, loaders);
  }
  return loaders;
}
