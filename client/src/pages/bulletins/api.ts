import { gql } from '@apollo/client';
import { apollo, copy } from '../../api/client';
import { graphql } from '../../api/generated';
import type { BulletinViewFragment } from '../../api/generated/graphql';

/** The monthly bulletin (月度通报) as the page shows and prints it. */
export type BulletinView = BulletinViewFragment;

graphql(`fragment BulletinView on Bulletin {
  month year title periodEnd published publishedAt publishedBy version foreword comparedWith comparedVersion
  totals { total achieved onTrack atRisk offTrack missed noData completionRate }
  departments {
    code name nameEn
    counts { total achieved onTrack atRisk offTrack missed noData }
    items { itemKey kind name unit role status actualValue targetValue ratio provisional explanation previousStatus changed }
    progressTexts { itemKey name text }
    overdueSubmissions { itemKey name state }
    overdueRectifications { id seq problem deadlineYear status role }
    openEvaluations { id kind subject measures status }
  }
  changes { field itemKey name department before after description }
  changedSincePublished { field itemKey name department before after description }
}`);

const BULLETIN = graphql(`query Bulletin($month: String!) { bulletin(month: $month) { ...BulletinView } }`);
const ISSUES = graphql(`query BulletinIssues { bulletinIssues { month version publishedAt publishedBy } }`);
const PUBLISH = graphql(`mutation PublishBulletin($month: String!, $foreword: String, $expectedVersion: Int) {
  publishBulletin(month: $month, foreword: $foreword, expectedVersion: $expectedVersion) { ...BulletinView }
}`);

export async function loadBulletin(month: string): Promise<BulletinView> {
  const res = await apollo.query({ query: BULLETIN, variables: { month }, fetchPolicy: 'no-cache' });
  return copy(res.data!.bulletin);
}

export async function loadIssues() {
  const res = await apollo.query({ query: ISSUES, fetchPolicy: 'no-cache' });
  return copy(res.data!.bulletinIssues);
}

/** Publishes the month (the first issue: expectedVersion 0; a correction: the current issue's version). */
export async function publishBulletin(month: string, foreword: string, expectedVersion: number): Promise<BulletinView> {
  const res = await apollo.mutate({ mutation: PUBLISH, variables: { month, foreword: foreword.trim() || null, expectedVersion }, fetchPolicy: 'no-cache' });
  return copy(res.data!.publishBulletin);
}

/** The latest month with an approved month entry in the ledger (what a first bulletin has figures for), or null. */
export async function latestApprovedMonth(): Promise<string | null> {
  const res = await apollo.query({
    query: gql(`query LatestApprovedMonth { ledgerEntries(filter: { state: APPROVED, periodKind: MONTH }, orderBy: [{ field: "period", direction: DESC }], limit: 1) { items { period } } }`),
    fetchPolicy: 'no-cache',
  });
  return (res.data as { ledgerEntries: { items: { period: string }[] } }).ledgerEntries.items[0]?.period ?? null;
}
