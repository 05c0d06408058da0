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

/**
 * A spreadsheet of entered scores saved as CSV (UTF-8, Excel's 另存为 CSV): a header row naming the
 * department column (部门 / 单位 / department) and 社会评价 / social and 领导考评 / leadership, then
 * one row per department. Empty cells leave a score as it is. Returns the rows, or the problem with
 * its line.
 */
export function parseRatingsCsv(text: string): { rows: DepartmentRatingInput[] } | { error: { zh: string; en: string } } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim());
  if (lines.length < 2) return { error: { zh: '文件没有数据行', en: 'the file has no data rows' } };
  const cells = (line: string) => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
        else if (c === '"') quoted = false;
        else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ',' || c === '\t') out.push(cur.trim()), (cur = '');
      else cur += c;
    }
    out.push(cur.trim());
    return out;
  };
  const header = cells(lines[0]).map((h) => h.toLowerCase());
  const find = (names: string[]) => header.findIndex((h) => names.some((n) => h.includes(n)));
  const dept = find(['部门', '单位', 'department']);
  const social = find(['社会评价', 'social']);
  const leadership = find(['领导考评', 'leadership']);
  if (dept < 0) return { error: { zh: '表头缺少“部门”列', en: 'the header has no department column' } };
  if (social < 0 && leadership < 0) return { error: { zh: '表头缺少“社会评价”或“领导考评”列', en: 'the header has no social or leadership column' } };
  const rows: DepartmentRatingInput[] = [];
  for (const [i, line] of lines.slice(1).entries()) {
    const c = cells(line);
    const num = (k: number, label: string) => {
      if (k < 0 || c[k] === undefined || c[k] === '') return { value: undefined };
      const n = Number(c[k]);
      if (!Number.isFinite(n) || n < 0 || n > 100) return { error: { zh: `第 ${i + 2} 行${label}“${c[k]}”不是 0–100 的数`, en: `line ${i + 2}: ${label} "${c[k]}" is not a number from 0 to 100` } };
      return { value: n };
    };
    const s = num(social, '社会评价');
    const l = num(leadership, '领导考评');
    if ('error' in s) return { error: s.error! };
    if ('error' in l) return { error: l.error! };
    if (!c[dept]) return { error: { zh: `第 ${i + 2} 行缺少部门`, en: `line ${i + 2} has no department` } };
    rows.push({ department: c[dept], ...(s.value !== undefined ? { socialScore: s.value } : {}), ...(l.value !== undefined ? { leadershipScore: l.value } : {}) });
  }
  return { rows };
}
