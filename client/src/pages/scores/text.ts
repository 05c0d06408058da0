import type { Text } from '../../i18n';
import type { ScoreInputKind, ScorePart } from '../../api/generated/graphql';

/** The "3+1" pages' words, in both languages. */
export const SCORE_TEXT = {
  title: { zh: '“3+1”年度综合考评', en: '"3+1" annual score' },
  intro: {
    zh: '目标考核按牵头、配合事项的完成状态计分；社会评价、领导考评由考评办录入；创新创优为加分。点击任一分数查看其计算依据。',
    en: 'Target assessment scores the completion of the items led and supported; social and leadership evaluations are entered by the office; innovation adds bonus points. Click any number to see its inputs.',
  },
  year: { zh: '年度', en: 'Year' },
  rank: { zh: '名次', en: 'Rank' },
  department: { zh: '部门', en: 'Department' },
  total: { zh: '总分', en: 'Total' },
  published: { zh: '已发布（冻结）', en: 'Published (frozen)' },
  unpublished: { zh: '未发布', en: 'Not published' },
  publish: { zh: '发布并冻结', en: 'Publish and freeze' },
  publishConfirm: { zh: '发布后本年度分数冻结，规则、录入分和加分都不能再修改。确定发布？', en: 'Once published the year is frozen: rules, entered scores and bonuses can no longer change. Publish?' },
  inputsTitle: { zh: '{dept} · {part}：计算依据', en: '{dept} · {part}: inputs' },
  score: { zh: '得分', en: 'Score' },
  weight: { zh: '权重', en: 'Weight' },
  weighted: { zh: '计入总分', en: 'Adds' },
  item: { zh: '事项 / 依据', en: 'Item / input' },
  role: { zh: '角色', en: 'Role' },
  status: { zh: '完成状态', en: 'Status' },
  value: { zh: '数值', en: 'Value' },
  points: { zh: '得分点', en: 'Points' },
  note: { zh: '说明', en: 'Note' },
  close: { zh: '关闭', en: 'Close' },
  office: { zh: '考评办录入', en: 'Office entry' },
  ratings: { zh: '社会评价 / 领导考评', en: 'Social / leadership evaluation' },
  ratingsHint: { zh: '双击单元格录入（0–100），回车保存；或导入 CSV / Excel（列：部门、社会评价、领导考评）。', en: 'Double-click a cell to enter a score (0–100), Enter saves; or import a CSV or Excel file (columns: department, social, leadership).' },
  importCsv: { zh: '导入 CSV / Excel', en: 'Import CSV / Excel' },
  imported: { zh: '已导入 {n} 个部门的分数', en: 'Imported the scores of {n} departments' },
  bonuses: { zh: '创新创优加分', en: 'Innovation bonus points' },
  topic: { zh: '创新选题', en: 'Innovation topic' },
  add: { zh: '添加', en: 'Add' },
  remove: { zh: '删除', en: 'Remove' },
  rules: { zh: '计分规则与权重', en: 'Rules and weights' },
  rulesDefault: { zh: '（当前为默认值，保存后生效）', en: '(the defaults; saving stores them for the year)' },
  save: { zh: '保存', en: 'Save' },
  saved: { zh: '已保存', en: 'Saved' },
  signIn: { zh: '本年度分数尚未发布，登录后可查看。', en: 'This year is not published yet: sign in to see it.' },
} satisfies Record<string, Text>;

export const PART_LABEL: Record<ScorePart, Text> = {
  TARGET: { zh: '目标考核', en: 'Target assessment' },
  SOCIAL: { zh: '社会评价', en: 'Social evaluation' },
  LEADERSHIP: { zh: '领导考评', en: 'Leadership evaluation' },
  INNOVATION: { zh: '创新创优', en: 'Innovation' },
};
export const PARTS: ScorePart[] = ['TARGET', 'SOCIAL', 'LEADERSHIP', 'INNOVATION'];

export const INPUT_KIND_LABEL: Record<ScoreInputKind, Text> = {
  ITEM: { zh: '事项', en: 'Item' },
  ROLE: { zh: '小计', en: 'Subtotal' },
  RATING: { zh: '录入分', en: 'Entered' },
  BONUS: { zh: '加分', en: 'Bonus' },
  CAP: { zh: '上限', en: 'Cap' },
};

export const RULE_LABEL: Record<string, Text> = {
  leadShare: { zh: '牵头事项占比', en: 'Lead share' },
  supportShare: { zh: '配合事项占比', en: 'Support share' },
  bindingWeight: { zh: '约束性指标权重', en: 'Binding weight' },
  expectedWeight: { zh: '预期性指标权重', en: 'Expected weight' },
  milestoneWeight: { zh: '里程碑权重', en: 'Milestone weight' },
  pointsAchieved: { zh: '已完成 得分', en: 'Points: achieved' },
  pointsOnTrack: { zh: '进度正常 得分', en: 'Points: on track' },
  pointsAtRisk: { zh: '略低于进度 得分', en: 'Points: at risk' },
  pointsOffTrack: { zh: '明显滞后 得分', en: 'Points: off track' },
  pointsMissed: { zh: '未完成 得分', en: 'Points: missed' },
  pointsNoData: { zh: '无数据 得分', en: 'Points: no data' },
  targetWeight: { zh: '目标考核权重', en: 'Target weight' },
  socialWeight: { zh: '社会评价权重', en: 'Social weight' },
  leadershipWeight: { zh: '领导考评权重', en: 'Leadership weight' },
  innovationWeight: { zh: '创新创优每分折算', en: 'Innovation weight' },
  innovationCap: { zh: '创新创优上限（空=不限）', en: 'Innovation cap (empty: none)' },
};
