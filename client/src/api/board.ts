import { gql } from '@apollo/client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { apollo, copy } from './client';
import { graphql } from './generated';
import type { BoardIndicatorFragment, ProgressStatus } from './generated/graphql';

/** One indicator on the board (动态监控): its completion in the year and the years' targets and actuals for its trend. */
export type BoardIndicator = BoardIndicatorFragment;
export type { ProgressStatus };

graphql(`fragment BoardIndicator on Indicator {
  id seq name unit attribute baseValue baseYear
  responsibilities { role department { id name nameEn } }
  yearTargets { year targetValue derived }
  progress(year: $year) { year status ratio actualValue targetValue provisional explanation explanationEn }
  p2016: progress(year: 2016) { status actualValue provisional }
  p2017: progress(year: 2017) { status actualValue provisional }
  p2018: progress(year: 2018) { status actualValue provisional }
  p2019: progress(year: 2019) { status actualValue provisional }
  p2020: progress(year: 2020) { status actualValue provisional }
}`);

const BOARD = graphql(`query BoardIndicators($year: Int!, $limit: Int) {
  indicators(orderBy: [{ field: "seq", direction: ASC }], limit: $limit) { totalCount items { ...BoardIndicator } }
}`);

export async function loadBoard(year: number): Promise<BoardIndicator[]> {
  const res = await apollo.query({ query: BOARD, variables: { year, limit: 1000 }, fetchPolicy: 'no-cache' });
  return copy(res.data!.indicators.items);
}

/** The approved actual of a year (the running sum for five-year totals), from the year's progress. */
export function actualOf(i: BoardIndicator, year: number): { value: number | null; provisional: boolean } {
  const p = ({ 2016: i.p2016, 2017: i.p2017, 2018: i.p2018, 2019: i.p2019, 2020: i.p2020 } as Record<number, { status: ProgressStatus; actualValue?: number | null; provisional: boolean } | undefined>)[year];
  if (!p || p.status === 'NO_DATA' || p.actualValue == null) return { value: null, provisional: false };
  return { value: p.actualValue, provisional: p.provisional };
}

// ---- counts: the board's summary (progressSummary), judged at the year or at a month or quarter ----

/** Counts by completion status, as the server gives them for a set of items. */
export interface StatusCounts {
  total: number;
  achieved: number;
  onTrack: number;
  atRisk: number;
  offTrack: number;
  missed: number;
  noData: number;
}

/** One department's counts on the board (DepartmentScore). */
export interface DepartmentCounts extends StatusCounts {
  department: { id: string; name: string; nameEn?: string | null };
  completionRate: number | null;
}

/** The board's counts: every indicator and milestone overall, the indicators by attribute, every department. */
export interface BoardSummary extends StatusCounts {
  byAttribute: (StatusCounts & { attribute: 'BINDING' | 'EXPECTED' })[];
  byDepartment: DepartmentCounts[];
}

const COUNTS = 'total achieved onTrack atRisk offTrack missed noData';
const SUMMARY: TypedDocumentNode<{ progressSummary: BoardSummary }, { year: number; period?: string | null }> = gql(`query BoardSummary($year: Int!, $period: String) {
  progressSummary(year: $year, period: $period) { ${COUNTS} byAttribute { attribute ${COUNTS} } byDepartment { department { id name nameEn } ${COUNTS} completionRate } } }`);

/** The counts for the year, or at the end of a month or quarter of it: one request. */
export async function loadSummary(year: number, period: string | null): Promise<BoardSummary> {
  const res = await apollo.query({ query: SUMMARY, variables: { year, period }, fetchPolicy: 'no-cache' });
  return copy(res.data!.progressSummary);
}

/** A summary's counts by status. */
export function countsOf(c: StatusCounts): Record<ProgressStatus, number> {
  return { ACHIEVED: c.achieved, MISSED: c.missed, ON_TRACK: c.onTrack, AT_RISK: c.atRisk, OFF_TRACK: c.offTrack, NO_DATA: c.noData };
}
