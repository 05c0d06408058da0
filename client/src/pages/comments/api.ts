import { apollo, copy } from '../../api/client';
import { graphql } from '../../api/generated';
import type { CommentState, OfficeCommentsQuery } from '../../api/generated/graphql';

/* The office's moderation of citizen comments (issue 15): the list with contacts (ADMIN only) and the decision. */
const LIST = graphql(`query OfficeComments($filter: CommentFilter) { comments(filter: $filter) { id itemKind itemId text contact state version createdAt moderatedAt moderatedBy } }`);
const MODERATE = graphql(`mutation ModerateComment($id: ID!, $publish: Boolean!, $expectedVersion: Int) { moderateComment(id: $id, publish: $publish, expectedVersion: $expectedVersion) { id state version moderatedAt moderatedBy } }`);
/** The items' names, from the public page's own (cached) query: what the comments are about. */
const NAMES = graphql(`query CommentItemNames { publicOverview { indicators { id seq name } specialTargets { id seq title } rectifications { id seq problem } } }`);

export type OfficeComment = OfficeCommentsQuery['comments'][number];
export type { CommentState };

export async function loadOfficeComments(state: CommentState | null): Promise<OfficeComment[]> {
  const res = await apollo.query({ query: LIST, variables: { filter: state ? { state } : null }, fetchPolicy: 'no-cache' });
  return copy(res.data!.comments);
}

export async function moderate(c: OfficeComment, publish: boolean) {
  const res = await apollo.mutate({ mutation: MODERATE, variables: { id: c.id, publish, expectedVersion: c.version } });
  return res.data!.moderateComment;
}

/** `KIND:id` → "指标 20 环境空气质量优良率". */
export async function loadItemNames(): Promise<Map<string, { seq: number; name: string }>> {
  const res = await apollo.query({ query: NAMES, fetchPolicy: 'no-cache' });
  const o = res.data!.publicOverview;
  const out = new Map<string, { seq: number; name: string }>();
  for (const i of o.indicators) out.set(`INDICATOR:${i.id}`, { seq: i.seq, name: i.name });
  for (const s of o.specialTargets) out.set(`SPECIAL_TARGET:${s.id}`, { seq: s.seq, name: s.title });
  for (const r of o.rectifications) out.set(`RECTIFICATION:${r.id}`, { seq: r.seq, name: r.problem });
  return out;
}
