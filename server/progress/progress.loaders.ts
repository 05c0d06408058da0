import DataLoader from 'dataloader';
import { Milestone } from '../../schema/milestones/milestone.entity';
import type { Context } from '../context';
import type { ProgressResult } from './completion';

/**
 * Per-request loaders for milestones' progress (an indicator's live beside its year targets,
 * server/year-targets/year-target.loaders.ts): N milestones in one answer cost a fixed number of
 * statements for progress(year), whatever N is. One set per request, never shared.
 */
interface MilestoneLoaders {
  milestone: DataLoader<number, Milestone | null>;
  progress: DataLoader<{ row: Milestone; year: number }, ProgressResult, string>;
}

const perRequest = new WeakMap<object, MilestoneLoaders>();

export function milestoneLoaders(ctx: Context): MilestoneLoaders {
  let loaders = perRequest.get(ctx.em);
  if (!loaders) {
    loaders = {
      milestone: new DataLoader(async (ids) => {
        const rows = await ctx.em.find(Milestone, { id: { $in: [...new Set(ids)] } });
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      progress: progressByYearLoader<Milestone>((rows, year) => ctx.services.progress.forMilestones(rows, year)),
    };
    perRequest.set(ctx.em, loaders);
  }
  return loaders;
}

/** The row as an entity: itself when it is one, else loaded by id (a read-layer row holds only the columns asked for). */
export async function milestoneEntity(ctx: Context, row: { id: number }): Promise<Milestone> {
  if (row instanceof Milestone) return row;
  const found = await milestoneLoaders(ctx).milestone.load(Number(row.id));
  if (!found) throw new Error(`Milestone ${row.id} vanished during the request`);
  return found;
}

/**
 * progress(year) for a batch of rows: one computation per year asked for in the batch (each row once),
 * an error of a year's computation given to that year's rows only. Indicators and milestones alike.
 */
export function progressByYearLoader<R extends { id: number }>(compute: (rows: R[], year: number) => Promise<ProgressResult[]>): DataLoader<{ row: R; year: number }, ProgressResult, string> {
  return new DataLoader(
    async (keys) => {
      const out = new Map<string, ProgressResult | Error>();
      for (const year of new Set(keys.map((k) => k.year))) {
        const rows = [...new Map(keys.filter((k) => k.year === year).map((k) => [k.row.id, k.row])).values()];
        try {
          const results = await compute(rows, year);
          rows.forEach((r, i) => out.set(`${r.id}:${year}`, results[i]));
        } catch (error) {
          for (const r of rows) out.set(`${r.id}:${year}`, error as Error);
        }
      }
      return keys.map((k) => out.get(`${k.row.id}:${k.year}`)!);
    },
    { cacheKeyFn: (k) => `${k.row.id}:${k.year}` },
  );
}
