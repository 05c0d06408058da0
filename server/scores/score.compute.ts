import type { Department } from '../../schema/departments/department.entity';
import { IndicatorAttribute } from '../../schema/indicators/indicator.enums';
import { ProgressStatus } from '../../schema/progress/progress.enums';
import { ResponsibilityRole } from '../../schema/responsibilities/responsibility.enums';
import type { ScoreRuleValues } from '../../schema/scores/score-rule.entity';
import { ScoreInputKind, ScorePart } from '../../schema/scores/score.enums';
import { AnnualScorePart, DepartmentAnnualScore, ScoreInput } from '../../schema/scores/score.types';

/** Rounded to 2 decimals, as every number of the score is shown (and summed). */
export const round2 = (x: number) => Math.round((x + Math.sign(x) * Number.EPSILON) * 100) / 100;

/** An item a department leads or supports, with its completion (ProgressService.scorecard). */
export interface ScoredItem {
  itemKey: string;
  name: string;
  role: ResponsibilityRole;
  attribute: IndicatorAttribute | null;
  status: ProgressStatus;
  ratio: number | null;
  explanation: string;
}

export interface DepartmentInputs {
  department: Department;
  items: ScoredItem[];
  rating: { socialScore: number | null; leadershipScore: number | null; note: string | null } | null;
  bonuses: { topicId: number; title: string; points: number; note: string | null }[];
}

const ROLE_LABEL: Record<ResponsibilityRole, string> = {
  [ResponsibilityRole.LEAD]: '牵头 Lead',
  [ResponsibilityRole.SUPPORT]: '配合 Support',
};

function input(fields: Partial<ScoreInput> & Pick<ScoreInput, 'kind' | 'label'>): ScoreInput {
  return Object.assign(new ScoreInput(), { itemKey: null, role: null, attribute: null, status: null, value: null, points: null, weight: null, note: null }, fields);
}

export function pointsOf(rule: ScoreRuleValues, status: ProgressStatus): number {
  switch (status) {
    case ProgressStatus.ACHIEVED: return rule.pointsAchieved;
    case ProgressStatus.ON_TRACK: return rule.pointsOnTrack;
    case ProgressStatus.AT_RISK: return rule.pointsAtRisk;
    case ProgressStatus.OFF_TRACK: return rule.pointsOffTrack;
    case ProgressStatus.MISSED: return rule.pointsMissed;
    case ProgressStatus.NO_DATA: return rule.pointsNoData;
  }
}

export function weightOf(rule: ScoreRuleValues, attribute: IndicatorAttribute | null): number {
  if (attribute === IndicatorAttribute.BINDING) return rule.bindingWeight;
  if (attribute === IndicatorAttribute.EXPECTED) return rule.expectedWeight;
  return rule.milestoneWeight;
}

/**
 * 目标考核: per role, the weighted mean of the items' points (Σ weight × points / Σ weight); the two
 * means combined by the role shares, a role without items (or whose items all weigh 0) leaving its
 * share to the other; 0 when there is nothing to judge.
 */
function targetPart(rule: ScoreRuleValues, items: ScoredItem[]): { score: number; inputs: ScoreInput[] } {
  const inputs: ScoreInput[] = [];
  const means: { role: ResponsibilityRole; mean: number; share: number }[] = [];
  for (const role of [ResponsibilityRole.LEAD, ResponsibilityRole.SUPPORT]) {
    let weights = 0;
    let sum = 0;
    for (const item of items.filter((i) => i.role === role)) {
      const weight = weightOf(rule, item.attribute);
      const points = pointsOf(rule, item.status);
      weights += weight;
      sum += weight * points;
      inputs.push(input({ kind: ScoreInputKind.ITEM, label: item.name, itemKey: item.itemKey, role, attribute: item.attribute, status: item.status, value: item.ratio, points, weight, note: item.explanation }));
    }
    if (weights > 0) means.push({ role, mean: sum / weights, share: role === ResponsibilityRole.LEAD ? rule.leadShare : rule.supportShare });
  }
  const shares = means.reduce((s, m) => s + m.share, 0);
  let score = 0;
  for (const m of means) {
    const applied = shares > 0 ? m.share / shares : 0;
    score += applied * m.mean;
    inputs.push(input({ kind: ScoreInputKind.ROLE, label: ROLE_LABEL[m.role], role: m.role, value: round2(m.mean), weight: round2(applied * 10000) / 10000, note: `Σ(weight × points) / Σ weight of the ${m.role === ResponsibilityRole.LEAD ? 'led' : 'supported'} items` }));
  }
  return { score: round2(score), inputs };
}

function part(part: ScorePart, score: number, weight: number, inputs: ScoreInput[]): AnnualScorePart {
  return Object.assign(new AnnualScorePart(), { part, score, weight, weighted: round2(score * weight), inputs });
}

/**
 * The "3+1" score of each department: the parts' scores (rounded to 2 decimals), each times its
 * weight (rounded), summed into the total; ranked by total, equal totals sharing a rank (1, 1, 3),
 * then by department code.
 */
export function computeAnnualScores(year: number, rule: ScoreRuleValues, departments: DepartmentInputs[]): DepartmentAnnualScore[] {
  const scores = departments.map((d) => {
    const target = targetPart(rule, d.items);
    const social = d.rating?.socialScore ?? null;
    const leadership = d.rating?.leadershipScore ?? null;
    const rated = (label: string, value: number | null) =>
      input({ kind: ScoreInputKind.RATING, label, value, note: value == null ? '未录入 not entered: counts 0' : d.rating?.note ?? null });
    const bonusInputs = d.bonuses.map((b) => input({ kind: ScoreInputKind.BONUS, label: b.title, itemKey: `innovationTopic:${b.topicId}`, value: b.points, note: b.note }));
    const bonusSum = d.bonuses.reduce((s, b) => s + b.points, 0);
    let bonus = round2(bonusSum);
    if (rule.innovationCap != null && bonusSum > rule.innovationCap) {
      bonus = rule.innovationCap;
      bonusInputs.push(input({ kind: ScoreInputKind.CAP, label: '上限 Cap', value: rule.innovationCap, note: `${round2(bonusSum)} points granted, at most ${rule.innovationCap} count` }));
    }
    const parts = [
      part(ScorePart.TARGET, target.score, rule.targetWeight, target.inputs),
      part(ScorePart.SOCIAL, round2(social ?? 0), rule.socialWeight, [rated('社会评价 Social evaluation', social)]),
      part(ScorePart.LEADERSHIP, round2(leadership ?? 0), rule.leadershipWeight, [rated('领导考评 Leadership evaluation', leadership)]),
      part(ScorePart.INNOVATION, bonus, rule.innovationWeight, bonusInputs),
    ];
    const total = round2(parts.reduce((s, p) => s + p.weighted, 0));
    return Object.assign(new DepartmentAnnualScore(), { department: d.department, year, total, rank: 0, parts, published: false, publishedAt: null });
  });
  for (const s of scores) s.rank = 1 + scores.filter((o) => o.total > s.total).length;
  return scores.sort((a, b) => a.rank - b.rank || a.department.code.localeCompare(b.department.code));
}
