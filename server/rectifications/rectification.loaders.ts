import DataLoader from 'dataloader';
import { Rectification } from '../../schema/rectifications/rectification.entity';
import type { RectificationStep } from '../../schema/rectifications/rectification-step.entity';
import type { RectificationFeedback } from '../../schema/rectifications/rectification-feedback.entity';
import type { Context } from '../context';
import type { Comment } from '../../schema/comments/comment.entity';
import { FeedbackSource } from '../../schema/rectifications/rectification.enums';

/**
 * Per-request batch loaders of the loop's relations (one set per request, never shared): a page of N
 * rectifications costs one statement for all their steps, one for all their feedback and one for
 * the columns `overdue` reads from rows the read layer answered, whatever N is.
 */
interface RectificationLoaders {
  rectification: DataLoader<number, Rectification | null>;
  steps: DataLoader<number, RectificationStep[]>;
  feedback: DataLoader<number, RectificationFeedback[]>;
}

const perRequest = new WeakMap<object, RectificationLoaders>();

export function rectificationLoaders(ctx: Context): RectificationLoaders {
  let loaders = perRequest.get(ctx.em);
  if (!loaders) {
    loaders = {
      rectification: new DataLoader(async (ids) => {
        const rows = await ctx.em.find(Rectification, { id: { $in: [...new Set(ids)] } });
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      steps: new DataLoader(async (ids) => {
        const groups = await ctx.services.rectificationLoop.stepsOf(ids);
        return ids.map((id) => groups.get(id) ?? []);
      }),
      feedback: new DataLoader(async (ids) => {
        const [groups, comments] = await Promise.all([ctx.services.rectificationLoop.feedbackOf(ids), ctx.services.comments.publishedOnRectifications(ids)]);
        return ids.map((id) => withPublicComments(groups.get(id) ?? [], comments.get(id) ?? []));
      }),
    };
    perRequest.set(ctx.em, loaders);
  }
  return loaders;
}

/** The row as an entity: itself when it is one, else loaded by id (a read-layer row holds only the columns asked for). */
export async function rectificationEntity(ctx: Context, row: { id: number }): Promise<Rectification> {
  if (row instanceof Rectification) return row;
  const found = await rectificationLoaders(ctx).rectification.load(Number(row.id));
  if (!found) throw new Error(`Rectification ${row.id} vanished during the request`);
  return found;
}

/**
 * The feedback under a rectification: the office's and the departments' entries, and the citizens'
 * comments on it once the office published them (source PUBLIC, no author, never a contact), in time
 * order. The comments stay where they are (citizen_comment): withdrawing one takes it out here too.
 */
export function withPublicComments(entries: RectificationFeedback[], comments: Comment[]): RectificationFeedback[] {
  if (!comments.length) return entries;
  const fromPublic = comments.map(
    (c) => ({ id: `comment-${c.id}`, text: c.text, source: FeedbackSource.PUBLIC, username: null, user: null, department: null, createdAt: c.moderatedAt ?? c.createdAt }) as unknown as RectificationFeedback,
  );
  return [...entries, ...fromPublic].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
