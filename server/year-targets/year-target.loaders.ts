import DataLoader from 'dataloader';
import { Indicator } from '../../schema/indicators/indicator.entity';
import type { YearTarget } from '../../schema/year-targets/year-target.entity';
import type { ProgressResult } from '../progress/completion';
import { progressByYearLoader } from '../progress/progress.loaders';
import type { Context } from '../context';

/**
 * Per-request batch loaders for year targets and progress, kept beside the request's other loaders
 * (one set per request context, never shared): a page of N indicators costs a fixed number of
 * statements for its yearTargets and its progress(year), whatever N is.
 */
export interface YearTargetLoaders {
  /** The indicator as an entity: list rows come from the read layer as plain rows holding only the columns asked for. */
  indicator: DataLoader<number, Indicator | null>;
  yearTargets: DataLoader<number, YearTarget[]>;
  progress: DataLoader<{ row: Indicator; year: number }, ProgressResult, string>;
}

const perRequest = new WeakMap<object, YearTargetLoaders>();

export function yearTargetLoaders(ctx: Context): YearTargetLoaders {
  let loaders = perRequest.get(ctx.em);
  if (!loaders) {
    loaders = {
      indicator: new DataLoader(async (ids) => {
        const rows = await ctx.em.find(Indicator, { id: { $in: [...new Set(ids)] } });
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      yearTargets: new DataLoader(async (ids) => {
        const groups = await ctx.services.yearTargets.forIndicators(ids);
        return ids.map((id) => groups.get(id) ?? []);
      }),
      progress: progressByYearLoader<Indicator>((rows, year) => ctx.services.progress.forIndicators(rows, year)),
    };
    perRequest.set(ctx.em, loaders);
  }
  return loaders;
}

/** The row as an entity: itself when it is one, else loaded by id (one statement per level of a query). */
export async function indicatorEntity(ctx: Context, row: { id: number }): Promise<Indicator> {
  if (row instanceof Indicator) return row;
  const found = await yearTargetLoaders(ctx).indicator.load(Number(row.id));
  if (!found) throw new Error(`Indicator ${row.id} vanished during the request`);
  return found;
}
