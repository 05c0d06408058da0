import type { Lang, Text } from '../../i18n';
import type { EvaluationKind, EvaluationStatus } from '../../api/generated/graphql';
import type { Evaluation } from './api';

/** The evaluation pages' words (季度评估 / 重点督查), in both languages. */
export const EVAL_TEXT = {
  title: { zh: '季度评估与重点督查', en: 'Evaluations and inspections' },
  intro: {
    zh: '考评办每季度评估各单位并不定期开展重点督查，提出绩效改进对策措施；责任单位反馈整改情况，考评办确认后关闭。未关闭的列入下期通报。',
    en: 'The office evaluates each unit every quarter and inspects key work, asking for improvement measures; the unit responds and the office closes it. Open ones are listed in the next bulletin.',
  },
  sectionTitle: { zh: '季度评估与督查', en: 'Evaluations and inspections' },
  none: { zh: '暂无评估或督查记录。', en: 'No evaluations or inspections yet.' },
  signIn: { zh: '登录后可查看评估与督查记录。', en: 'Sign in to see evaluations and inspections.' },
  newEvaluation: { zh: '新建评估 / 督查', en: 'New evaluation' },
  editTitle: { zh: '编辑评估', en: 'Edit evaluation' },
  department: { zh: '被评估单位', en: 'Department' },
  kind: { zh: '类型', en: 'Kind' },
  period: { zh: '季度 / 督查', en: 'Quarter / inspection' },
  year: { zh: '年份', en: 'Year' },
  quarter: { zh: '季度', en: 'Quarter' },
  inspectionTitle: { zh: '督查事项', en: 'Inspection subject' },
  date: { zh: '督查日期', en: 'Date' },
  findings: { zh: '评估发现', en: 'Findings' },
  measures: { zh: '绩效改进对策措施', en: 'Improvement measures asked for' },
  response: { zh: '单位反馈', en: 'Department’s response' },
  status: { zh: '跟踪状态', en: 'Follow-up' },
  statusNote: { zh: '考评办意见', en: 'Office’s note' },
  actions: { zh: '操作', en: 'Actions' },
  respond: { zh: '反馈', en: 'Respond' },
  close: { zh: '关闭', en: 'Close' },
  reopen: { zh: '重新打开', en: 'Reopen' },
  edit: { zh: '编辑', en: 'Edit' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  allStatuses: { zh: '全部状态', en: 'All statuses' },
  allKinds: { zh: '全部类型', en: 'All kinds' },
  allYears: { zh: '全部年份', en: 'All years' },
  reload: { zh: '刷新', en: 'Reload' },
  respondTitle: { zh: '反馈整改情况', en: 'Respond to the evaluation' },
  closeTitle: { zh: '关闭评估', en: 'Close the evaluation' },
  reopenTitle: { zh: '重新打开（不予认可）', en: 'Reopen (response not accepted)' },
  noteOptional: { zh: '意见（可选）', en: 'Note (optional)' },
  reasonRequired: { zh: '请填写理由，责任单位会看到。', en: 'Give the reason; the department sees it.' },
  responseRequired: { zh: '请填写反馈内容。', en: 'Write the response.' },
  required: { zh: '必填', en: 'required' },
  count: { zh: '共 {n} 条', en: '{n} records' },
} satisfies Record<string, Text>;

export const KIND_LABEL: Record<EvaluationKind, Text> = {
  QUARTERLY: { zh: '季度评估', en: 'Quarterly evaluation' },
  INSPECTION: { zh: '重点督查', en: 'Special inspection' },
};

export const STATUS_LABEL: Record<EvaluationStatus, Text> = {
  OPEN: { zh: '待反馈', en: 'Open' },
  RESPONDED: { zh: '已反馈', en: 'Responded' },
  CLOSED: { zh: '已关闭', en: 'Closed' },
};

/** 2019年第2季度 / 2019 Q2, or the inspection's title and date. */
export function evaluationLabel(e: Pick<Evaluation, 'kind' | 'year' | 'quarter' | 'title' | 'inspectionDate'>, lang: Lang): string {
  if (e.kind === 'QUARTERLY') return lang === 'zh' ? `${e.year}年第${e.quarter}季度` : `${e.year} Q${e.quarter}`;
  return `${e.title ?? ''} (${e.inspectionDate ?? ''})`;
}
