import { apollo, copy } from '../../api/client';
import { graphql } from '../../api/generated';
import type { CommentItemKind, PublicOverviewQuery } from '../../api/generated/graphql';
import type { BoardIndicator } from '../../api/board';

/*
 * The public page (公众监督, issue 15): one query for the whole page (served from the server's answer
 * cache, and answered without signing in even where anonymous reading is off), the published
 * comments of an item, and posting a comment.
 */
graphql(`fragment PublicProgress on Progress { year status actualValue targetValue ratio provisional explanation explanationEn }`);
graphql(`fragment PublicYearPoint on Progress { status actualValue provisional }`);

const OVERVIEW = graphql(`query PublicOverview($year: Int!) { publicOverview {
  planCode planName planNameEn startYear endYear
  indicators {
    id seq name unit attribute targetText cumulative baseValue baseYear
    yearTargets { year targetValue derived }
    progress(year: $year) { ...PublicProgress }
    p2016: progress(year: 2016) { ...PublicYearPoint }
    p2017: progress(year: 2017) { ...PublicYearPoint }
    p2018: progress(year: 2018) { ...PublicYearPoint }
    p2019: progress(year: 2019) { ...PublicYearPoint }
    p2020: progress(year: 2020) { ...PublicYearPoint }
  }
  specialTargets { id seq title content milestones { id seq text value unit year cumulative progress(year: $year) { ...PublicProgress } } }
  rectifications { id seq problem direction measures expectedOutcomes deadlineYear status latestFeedback { text at } }
} }`);

export type PublicData = PublicOverviewQuery['publicOverview'];
export type PublicIndicator = PublicData['indicators'][number];
export type PublicSpecialTarget = PublicData['specialTargets'][number];
export type PublicRectification = PublicData['rectifications'][number];

/** What the board's trend chart (pages/board/TrendChart.tsx) reads of an indicator: a public indicator has all of it. */
type TrendFields = Pick<BoardIndicator, 'seq' | 'name' | 'unit' | 'baseValue' | 'baseYear' | 'yearTargets' | 'p2016' | 'p2017' | 'p2018' | 'p2019' | 'p2020'>;
/** The chart takes a BoardIndicator but reads only TrendFields (checked here at compile time). */
export const forTrendChart = (i: PublicIndicator): BoardIndicator => (i satisfies TrendFields) as unknown as BoardIndicator;

export async function loadPublic(year: number): Promise<PublicData> {
  const res = await apollo.query({ query: OVERVIEW, variables: { year }, fetchPolicy: 'no-cache' });
  return copy(res.data!.publicOverview);
}

const COMMENTS = graphql(`query PublicComments($item: CommentItemInput!) { publicComments(item: $item) { id text createdAt } }`);
const POST = graphql(`mutation PostComment($item: CommentItemInput!, $text: String!, $contact: String, $website: String) { postComment(item: $item, text: $text, contact: $contact, website: $website) }`);

export interface ItemRef {
  kind: CommentItemKind;
  id: string;
}

export async function loadComments(item: ItemRef) {
  const res = await apollo.query({ query: COMMENTS, variables: { item }, fetchPolicy: 'no-cache' });
  return copy(res.data!.publicComments);
}

/** Posts a comment; `website` is the hidden honeypot field's value (empty from a person). */
export async function postComment(item: ItemRef, text: string, contact: string, website: string): Promise<void> {
  await apollo.mutate({ mutation: POST, variables: { item, text, contact: contact.trim() || null, website: website || null } });
}

/** The longest texts the server takes (schema/comments/comment.entity.ts COMMENT_LIMITS). */
export const LIMITS = { text: 500, minText: 5, contact: 100 };
