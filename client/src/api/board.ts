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
  progress(year: $year) { year status ratio actualValue targetValue provisional explanation }
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

// ---- by department: the scorecard (issue 14), behind this adapter ----------------------------------

/**
 * One department's counts on the board. Written by hand against `scorecard(year, period, department)`
 * as the progress branch declares it (DepartmentScore): the query is not in the committed schema yet,
 * so the board asks for it only when `scorecardAvailable()` says the server has it.
 */
export interface DepartmentCounts {
  department: { id: string; name: string; nameEn?: string | null };
  total: number;
  achieved: number;
  onTrack: number;
  atRisk: number;
  offTrack: number;
  missed: number;
  noData: number;
  completionRate: number | null;
}

const SCORECARD: TypedDocumentNode<{ scorecard: DepartmentCounts[] }, { year: number; period?: string | null }> = gql(`query BoardScorecard($year: Int!, $period: String) {
  scorecard(year: $year, period: $period) { department { id name nameEn } total achieved onTrack atRisk offTrack missed noData completionRate } }`);

const PROBE: TypedDocumentNode<{ __type: { fields: { name: string }[] | null } | null }, Record<string, never>> = gql(`query BoardProbe { __type(name: "Query") { fields { name } } }`);
let probed: Promise<boolean> | null = null;

/** Whether the server has `scorecard` (asked once, by introspection, so a missing field is no failed request). */
export function scorecardAvailable(): Promise<boolean> {
  probed ??= apollo
    .query({ query: PROBE, fetchPolicy: 'no-cache' })
    .then((r) => !!r.data?.__type?.fields?.some((f) => f.name === 'scorecard'))
    .catch(() => false);
  return probed;
}

/** Every department's counts for the year (or at the end of a month or quarter), or null when the server has no scorecard yet. */
export async function loadDepartmentCounts(year: number, period: string | null): Promise<DepartmentCounts[] | null> {
  if (!(await scorecardAvailable())) return null;
  const res = await apollo.query({ query: SCORECARD, variables: { year, period }, fetchPolicy: 'no-cache' });
  return copy(res.data!.scorecard);
}
