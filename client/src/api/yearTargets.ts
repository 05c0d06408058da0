import { apollo, copy } from './client';
import { graphql } from './generated';
import type { TargetMethod, YearTargetFieldsFragment, YearTargetIndicatorFragment } from './generated/graphql';
import { MAX_PAGE } from './rows';

/** One year's target of an indicator (issue 14): `derived: false` when the office entered it by hand. */
export type YearTargetCell = YearTargetFieldsFragment;
/** An indicator with what its year targets are derived from, and the year targets. */
export type YearTargetIndicator = YearTargetIndicatorFragment;

graphql(`fragment YearTargetFields on YearTarget { id year targetValue derived version }`);
graphql(`fragment YearTargetIndicator on Indicator {
  id seq name unit targetText targetKind targetValue targetMethod baseValue baseYear annualGrowthPct cumulative version
  yearTargets { ...YearTargetFields }
}`);

const LIST = graphql(`query YearTargetIndicators($limit: Int, $offset: Int) {
  indicators(orderBy: [{ field: "seq", direction: ASC }], limit: $limit, offset: $offset) { totalCount items { ...YearTargetIndicator } }
}`);
const ONE = graphql(`query YearTargetIndicator($id: ID!) { indicator(id: $id) { ...YearTargetIndicator } }`);
const UPDATE_YEAR = graphql(`mutation UpdateYearTarget($id: ID!, $patch: YearTargetPatch!, $expectedVersion: Int) {
  updateYearTarget(id: $id, patch: $patch, expectedVersion: $expectedVersion) { ...YearTargetFields }
}`);
const UPDATE_INPUTS = graphql(`mutation UpdateYearTargetInputs($id: ID!, $patch: IndicatorPatch!, $expectedVersion: Int) {
  updateIndicator(id: $id, patch: $patch, expectedVersion: $expectedVersion) { ...YearTargetIndicator }
}`);
const HISTORY = graphql(`query YearTargetHistory($entity: String!, $entityId: ID!, $limit: Int) {
  auditLog(entity: $entity, entityId: $entityId, limit: $limit) { ...AuditEntryFields }
}`);

/** Every indicator with its year targets, in plan order (a page of the API's maximum at a time). */
export async function loadYearTargets(): Promise<YearTargetIndicator[]> {
  const rows: YearTargetIndicator[] = [];
  for (let offset = 0; ; offset += MAX_PAGE) {
    const res = await apollo.query({ query: LIST, variables: { limit: MAX_PAGE, offset }, fetchPolicy: 'no-cache' });
    const page = res.data!.indicators;
    rows.push(...copy(page.items));
    if (rows.length >= page.totalCount || page.items.length === 0) return rows;
  }
}

export async function loadYearTargetIndicator(id: string): Promise<YearTargetIndicator | null> {
  const res = await apollo.query({ query: ONE, variables: { id }, fetchPolicy: 'no-cache' });
  return copy(res.data!.indicator ?? null);
}

/** A year entered by hand (`{ targetValue }`) or put back to the derived value (`{ derived: true }`). */
export async function updateYearTarget(id: string, patch: { targetValue?: number | null; derived?: boolean }, expectedVersion: number): Promise<YearTargetCell> {
  const res = await apollo.mutate({ mutation: UPDATE_YEAR, variables: { id, patch, expectedVersion }, fetchPolicy: 'no-cache' });
  return copy(res.data!.updateYearTarget);
}

/** The inputs the derived years follow (ADMIN): base value, base year, method. */
export async function updateTargetInputs(id: string, patch: { baseValue?: number | null; targetMethod?: TargetMethod | null }, expectedVersion: number): Promise<YearTargetIndicator> {
  const res = await apollo.mutate({ mutation: UPDATE_INPUTS, variables: { id, patch, expectedVersion }, fetchPolicy: 'no-cache' });
  return copy(res.data!.updateIndicator);
}

/** The audit entries of one year target or of the indicator, newest first. */
export async function auditOf(entity: 'YearTarget' | 'Indicator', entityId: string, limit = 100) {
  const res = await apollo.query({ query: HISTORY, variables: { entity, entityId, limit }, fetchPolicy: 'no-cache' });
  return copy(res.data!.auditLog);
}
