import DataLoader from 'dataloader';
import { InnovationTopic } from '../../schema/innovation-topics/innovation-topic.entity';
import type { Context } from '../context';

/** Per-request batch loader for the bonuses' topics: a list of N bonuses costs one statement for their topics. */
export interface ScoreLoaders {
  innovationTopic: DataLoader<number, InnovationTopic | null>;
}

const perRequest = new WeakMap<object, ScoreLoaders>();

export function scoreLoaders(ctx: Context): ScoreLoaders {
  let loaders = perRequest.get(ctx.em);
  if (!loaders) {
    loaders = {
      innovationTopic: new DataLoader<number, InnovationTopic | null>(
        async (ids) => {
          const rows = await ctx.em.find(InnovationTopic, { id: { $in: [...new Set(ids)] } });
          const map = new Map(rows.map((r) => [r.id, r]));
          return ids.map((id) => map.get(id) ?? null);
        },
        { cache: false },
      ),
    };
    perRequest.set(ctx.em, loaders);
  }
  return loaders;
}
