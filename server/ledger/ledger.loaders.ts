import DataLoader from 'dataloader';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { Milestone } from '../../schema/milestones/milestone.entity';
import type { Context } from '../context';
import type { Em } from '../orm';

/**
 * Per-request batch loaders for the relation fields of ledger entries (the item and, through the
 * request's department loader, the department): a page of N entries costs one statement per relation
 * asked for, whatever N is. One set per request, never shared, like the request's other loaders.
 */
export interface LedgerLoaders {
  indicator: DataLoader<number, Indicator | null>;
  specialTarget: DataLoader<number, SpecialTarget | null>;
  milestone: DataLoader<number, Milestone | null>;
}

function byId<E extends { id: number }>(em: Em, entity: new () => E) {
  return new DataLoader<number, E | null>(
    async (ids) => {
      const rows = await em.find(entity, { id: { $in: [...new Set(ids)] } } as never);
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    },
    // As the request's other by-id loaders: no cache across levels (the identity map keeps the rows),
    // so a query's statement count depends on its shape only.
    { cache: false },
  );
}

const perRequest = new WeakMap<object, LedgerLoaders>();

export function ledgerLoaders(ctx: Context): LedgerLoaders {
  let loaders = perRequest.get(ctx.em);
  if (!loaders) {
    loaders = { indicator: byId(ctx.em, Indicator), specialTarget: byId(ctx.em, SpecialTarget), milestone: byId(ctx.em, Milestone) };
    perRequest.set(ctx.em, loaders);
  }
  return loaders;
}
