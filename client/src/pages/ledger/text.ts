import type { Lang, Text } from '../../i18n';
import type { LedgerEntry, LedgerState, PeriodKind } from '../../api/ledger';
import type { Problem } from '../../api/errors';
import { reason } from '../../api/describe';

/** The ledger page's words (电子台账), in both languages. */
export const LEDGER_TEXT = {
  title: { zh: '电子台账', en: 'Ledger' },
  intro: {
    zh: '各责任单位按月、季或年填报实际值、工作进展和佐证材料，提交后由考评办审核。',
    en: 'Each responsible unit records its actual values, progress and evidence by month, quarter or year; the evaluation office approves them.',
  },
  entries: { zh: '台账', en: 'Entries' },
  queue: { zh: '待审核', en: 'Approval queue' },
  newEntry: { zh: '填报', en: 'New entry' },
  edit: { zh: '编辑', en: 'Edit' },
  submit: { zh: '提交', en: 'Submit' },
  approve: { zh: '通过', en: 'Approve' },
  return: { zh: '退回', en: 'Return' },
  reopen: { zh: '重新打开', en: 'Reopen' },
  item: { zh: '事项', en: 'Item' },
  department: { zh: '填报单位', en: 'Department' },
  period: { zh: '期间', en: 'Period' },
  periodKind: { zh: '周期', en: 'Period kind' },
  year: { zh: '年份', en: 'Year' },
  month: { zh: '月份', en: 'Month' },
  quarter: { zh: '季度', en: 'Quarter' },
  actual: { zh: '实际值', en: 'Actual value' },
  progress: { zh: '工作进展', en: 'Progress' },
  state: { zh: '状态', en: 'State' },
  returnReason: { zh: '退回原因', en: 'Reason returned' },
  evidence: { zh: '佐证材料', en: 'Evidence' },
  actions: { zh: '操作', en: 'Actions' },
  addFiles: { zh: '添加文件（PDF、图片、Office 文档）', en: 'Add files (PDF, images, Office documents)' },
  saveDraft: { zh: '保存草稿', en: 'Save draft' },
  saveSubmit: { zh: '保存并提交', en: 'Save and submit' },
  cancel: { zh: '取消', en: 'Cancel' },
  allYears: { zh: '全部年份', en: 'All years' },
  allStates: { zh: '全部状态', en: 'All states' },
  reload: { zh: '刷新', en: 'Reload' },
  search: { zh: '搜索事项、单位或进展…', en: 'Item, department or progress…' },
  readOnlyAnon: { zh: '未登录只能查看已审核的台账 · 登录后可填报', en: 'Signed out you see approved entries only · sign in to file' },
  readOnlyViewer: { zh: '您的账号只能查看台账，不能填报', en: 'Your account can view the ledger but not file entries' },
  editorHint: { zh: '填报本部门牵头或配合的事项 · 草稿和退回的台账可修改后提交', en: 'File entries for the items your department leads or supports · drafts and returned entries can be changed and submitted' },
  adminHint: { zh: '考评办：审核已提交的台账（通过或填写原因退回），也可代部门填报', en: 'Evaluation office: approve submitted entries or return them with a reason; you can also file for a department' },
  reasonRequired: { zh: '请填写原因', en: 'Give a reason' },
  returnTitle: { zh: '退回台账', en: 'Return the entry' },
  reopenTitle: { zh: '重新打开已通过的台账', en: 'Reopen an approved entry' },
  reasonLabel: { zh: '原因（部门会看到）', en: 'Reason (the department sees it)' },
  demoNone: { zh: '没有符合条件的台账。', en: 'No entries match.' },
} satisfies Record<string, Text>;

export const STATE_LABEL: Record<LedgerState, Text> = {
  DRAFT: { zh: '草稿', en: 'Draft' },
  SUBMITTED: { zh: '已提交', en: 'Submitted' },
  APPROVED: { zh: '已通过', en: 'Approved' },
  RETURNED: { zh: '已退回', en: 'Returned' },
};

export const KIND_LABEL: Record<PeriodKind, Text> = {
  MONTH: { zh: '月度', en: 'Month' },
  QUARTER: { zh: '季度', en: 'Quarter' },
  YEAR: { zh: '年度', en: 'Year' },
};

/** An entry's item in words: 指标 1 地区生产总值, 专项目标 3 …, or a milestone's text. */
export function itemName(e: LedgerEntry, lang: Lang): string {
  if (e.indicator) return `${lang === 'zh' ? '指标' : 'Indicator'} ${e.indicator.seq} ${e.indicator.name}`;
  if (e.milestone) return `${lang === 'zh' ? '里程碑' : 'Milestone'} ${e.milestone.text}`;
  if (e.specialTarget) return `${lang === 'zh' ? '专项目标' : 'Special target'} ${e.specialTarget.seq} ${e.specialTarget.title}`;
  return '';
}

export const unitOf = (e: LedgerEntry) => e.indicator?.unit ?? e.milestone?.unit ?? '';

/** A period as people say it: 2019年6月, 2019年第2季度, 2019年. */
export function periodLabel(period: string, lang: Lang): string {
  const m = /^(\d{4})(?:-(Q)?(\d{1,2}))?$/.exec(period);
  if (!m) return period;
  const [, y, q, n] = m;
  if (!n) return lang === 'zh' ? `${y}年` : y;
  if (q) return lang === 'zh' ? `${y}年第${n}季度` : `${y} Q${n}`;
  return lang === 'zh' ? `${y}年${Number(n)}月` : `${y}-${n}`;
}

const UPLOAD_REASONS: Record<string, Text> = {
  FILE_TOO_LARGE: { zh: '文件太大', en: 'the file is too large' },
  FILE_TYPE_NOT_ALLOWED: { zh: '只接受 PDF、图片和 Office 文档', en: 'only PDF, images and Office documents are accepted' },
  FILE_EMPTY: { zh: '文件是空的', en: 'the file is empty' },
  FILE_NAME_NOT_ALLOWED: { zh: '文件名不能含路径或特殊字符', en: 'the file name must not hold a path or special characters' },
  NO_FILE: { zh: '没有选择文件', en: 'no file was chosen' },
  TOO_MANY_FILES: { zh: '文件太多', en: 'too many files' },
  TOO_MANY_PARTS: { zh: '文件太多', en: 'too many files' },
};

/** Why the server refused, in the reader's words (with the server's own words for what the client has none for). */
export function ledgerReason(p: Problem & { reason?: string }, lang: Lang): string {
  const upload = p.reason ? UPLOAD_REASONS[p.reason] : undefined;
  if (upload) return `${upload[lang]}${lang === 'zh' ? '：' : ': '}${p.message}`;
  if (p.code === 'CONFLICT' && /DUPLICATE|already/i.test(p.message) && p.currentVersion == null) {
    return lang === 'zh' ? '这一事项在该期间已有台账：请在列表中找到它并编辑' : 'this item already has an entry for the period: find it in the list and edit it';
  }
  return reason(p, lang);
}
