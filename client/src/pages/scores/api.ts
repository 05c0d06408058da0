import { apollo, copy } from '../../api/client';
import { graphql } from '../../api/generated';
import type { DepartmentRatingInput, InnovationBonusInput, ScoreRuleInput } from '../../api/generated/graphql';

/** The "3+1" annual score (issue 15): the operations the ranking page uses. */
graphql(`fragment AnnualScoreFields on DepartmentAnnualScore {
  year total rank published publishedAt department { id code name nameEn }
  parts { part score weight weighted inputs { kind label itemKey role attribute status value points weight note } } }`);
graphql(`fragment ScoreRuleFields on ScoreRule {
  id year version stored leadShare supportShare bindingWeight expectedWeight milestoneWeight pointsAchieved pointsOnTrack pointsAtRisk
  pointsOffTrack pointsMissed pointsNoData targetWeight socialWeight leadershipWeight innovationWeight innovationCap }`);

const SCORES = graphql(`query AnnualScores($year: Int!) { annualScores(year: $year) { ...AnnualScoreFields } scorePublication(year: $year) { publishedAt publishedBy } }`);
const OFFICE = graphql(`query ScoreOffice($year: Int!) {
  scoreRule(year: $year) { ...ScoreRuleFields }
  departmentRatings(year: $year) { id version socialScore leadershipScore note department { id code name nameEn } }
  innovationBonuses(year: $year) { id version points note department { id code name nameEn } innovationTopic { id seq title } }
  innovationTopics(limit: 1000) { items { id seq title } }
  departments { id code name nameEn } }`);
const RATINGS = graphql(`mutation SaveDepartmentRatings($year: Int!, $ratings: [DepartmentRatingInput!]!) {
  saveDepartmentRatings(year: $year, ratings: $ratings) { id version socialScore leadershipScore department { id } } }`);
const BONUS = graphql(`mutation SaveInnovationBonus($input: InnovationBonusInput!, $expectedVersion: Int) { saveInnovationBonus(input: $input, expectedVersion: $expectedVersion) { id } }`);
const DELETE_BONUS = graphql(`mutation DeleteInnovationBonus($id: ID!, $expectedVersion: Int!) { deleteInnovationBonus(id: $id, expectedVersion: $expectedVersion) }`);
const RULE = graphql(`mutation SaveScoreRule($year: Int!, $input: ScoreRuleInput!, $expectedVersion: Int) { saveScoreRule(year: $year, input: $input, expectedVersion: $expectedVersion) { ...ScoreRuleFields } }`);
const PUBLISH = graphql(`mutation PublishAnnualScores($year: Int!) { publishAnnualScores(year: $year) { rank } }`);

export async function annualScores(year: number) {
  const res = await apollo.query({ query: SCORES, variables: { year }, fetchPolicy: 'no-cache' });
  return copy(res.data!);
}
export type AnnualScore = Awaited<ReturnType<typeof annualScores>>['annualScores'][number];
export type ScorePart = AnnualScore['parts'][number];

export async function scoreOffice(year: number) {
  const res = await apollo.query({ query: OFFICE, variables: { year }, fetchPolicy: 'no-cache' });
  return copy(res.data!);
}
export type ScoreOffice = Awaited<ReturnType<typeof scoreOffice>>;

export async function saveRatings(year: number, ratings: DepartmentRatingInput[]) {
  const res = await apollo.mutate({ mutation: RATINGS, variables: { year, ratings }, fetchPolicy: 'no-cache' });
  return copy(res.data!.saveDepartmentRatings);
}
export async function saveBonus(input: InnovationBonusInput, expectedVersion?: number | null) {
  await apollo.mutate({ mutation: BONUS, variables: { input, expectedVersion }, fetchPolicy: 'no-cache' });
}
export async function deleteBonus(id: string, expectedVersion: number) {
  await apollo.mutate({ mutation: DELETE_BONUS, variables: { id, expectedVersion }, fetchPolicy: 'no-cache' });
}
export async function saveRule(year: number, input: ScoreRuleInput, expectedVersion: number) {
  const res = await apollo.mutate({ mutation: RULE, variables: { year, input, expectedVersion: expectedVersion || null }, fetchPolicy: 'no-cache' });
  return copy(res.data!.saveScoreRule);
}
export async function publishScores(year: number) {
  await apollo.mutate({ mutation: PUBLISH, variables: { year }, fetchPolicy: 'no-cache' });
}

const IMPORT = graphql(`mutation ImportDepartmentRatings($year: Int!, $file: RatingsFileInput!) { importDepartmentRatings(year: $year, file: $file) { id } }`);

/** A spreadsheet of entered scores (CSV or XLSX: 部门, 社会评价, 领导考评), read and saved by the server all or nothing. */
export async function importRatings(year: number, file: File): Promise<number> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const res = await apollo.mutate({ mutation: IMPORT, variables: { year, file: { filename: file.name, content: btoa(binary), encoding: 'BASE64' } }, fetchPolicy: 'no-cache' });
  return res.data!.importDepartmentRatings.length;
}
