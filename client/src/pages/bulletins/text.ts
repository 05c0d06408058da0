import type { Text } from '../../i18n';

/** The bulletin page's words (月度通报), in both languages. */
export const BULLETIN_TEXT = {
  title: { zh: '月度通报', en: 'Monthly bulletin' },
  intro: {
    zh: '按月通报各单位指标和专项目标的进度、重点工作进展、逾期未报台账和逾期整改；仅采用已审核数据。考评办可添加前言并发布，发布后内容保持原样。',
    en: 'Each month: every unit’s indicators and milestones with their progress, key work progress, overdue ledger submissions and rectifications; approved data only. The evaluation office adds a foreword and publishes it; a published bulletin stays as issued.',
  },
  month: { zh: '月份', en: 'Month' },
  print: { zh: '打印', en: 'Print' },
  download: { zh: '下载', en: 'Download' },
  foreword: { zh: '前言', en: 'Foreword' },
  forewordHint: { zh: '例如：各单位：现将本月指标进度通报如下……', en: 'e.g. To all units: this month’s progress is reported below…' },
  publish: { zh: '发布', en: 'Publish' },
  republish: { zh: '更正重发', en: 'Publish a correction' },
  publishing: { zh: '正在发布…', en: 'Publishing…' },
  published: { zh: '已发布', en: 'Published' },
  draft: { zh: '草稿（未发布）', en: 'Draft (unpublished)' },
  issue: { zh: '第{n}期', en: 'issue {n}' },
  publishedOk: { zh: '{month} 月度通报已发布（第{n}期）', en: 'The bulletin of {month} is published (issue {n})' },
  asOf: { zh: '截至', en: 'As of' },
  printedOn: { zh: '打印日期', en: 'Printed on' },
  totals: { zh: '全部 {total} 项：已完成 {achieved}，进度正常 {onTrack}，略低于进度 {atRisk}，落后于进度 {offTrack}，未完成 {missed}，无数据 {noData}', en: '{total} items: {achieved} achieved, {onTrack} on track, {atRisk} at risk, {offTrack} off track, {missed} missed, {noData} no data' },
  items: { zh: '一、各单位指标和专项目标进度', en: '1. Indicators and milestones by unit' },
  texts: { zh: '二、重点工作进展', en: '2. Key work progress' },
  overdue: { zh: '三、逾期未报送台账', en: '3. Overdue ledger submissions' },
  rectifications: { zh: '四、逾期整改事项', en: '4. Overdue rectifications' },
  evaluations: { zh: '五、未办结的评估与督查', en: '5. Evaluations and inspections not closed' },
  evalKind: { zh: '类别', en: 'Kind' },
  evalSubject: { zh: '评估或督查', en: 'Evaluation or inspection' },
  evalMeasures: { zh: '绩效改进对策措施', en: 'Improvement measures asked for' },
  changes: { zh: '六、与上期通报相比的变化', en: '6. Changes since the last bulletin' },
  drift: { zh: '发布后数据变化', en: 'Changed since publication' },
  driftNote: { zh: '本通报发布后，已审核数据发生以下变化（通报内容保持发布时原样）：', en: 'Approved data changed after publication (the bulletin stays as issued):' },
  noPrevious: { zh: '此前没有已发布的通报，无可比较。', en: 'No bulletin was published before this one.' },
  none: { zh: '无', en: 'None' },
  noTexts: { zh: '本月无已审核的工作进展', en: 'No approved progress texts this month' },
  item: { zh: '事项', en: 'Item' },
  kind: { zh: '类别', en: 'Kind' },
  role: { zh: '角色', en: 'Role' },
  actual: { zh: '年内实际', en: 'Year to date' },
  target: { zh: '目标', en: 'Target' },
  ratio: { zh: '完成度', en: 'Completion' },
  status: { zh: '状态', en: 'Status' },
  previous: { zh: '上期状态', en: 'Previous' },
  explanation: { zh: '说明', en: 'Explanation' },
  unit: { zh: '单位', en: 'Unit' },
  progress: { zh: '工作进展', en: 'Progress' },
  situation: { zh: '情况', en: 'Situation' },
  seq: { zh: '序号', en: 'No.' },
  problem: { zh: '问题', en: 'Problem' },
  deadline: { zh: '整改时限', en: 'Deadline' },
  before: { zh: '上期', en: 'Before' },
  after: { zh: '本期', en: 'Now' },
  notPublished: { zh: '{month} 的通报尚未发布；登录后可查看草稿。', en: 'The bulletin of {month} has not been published; sign in to see its draft.' },
  provisional: { zh: '（暂定）', en: ' (provisional)' },
} satisfies Record<string, Text>;

export const KIND: Record<string, Text> = { INDICATOR: { zh: '指标', en: 'Indicator' }, MILESTONE: { zh: '专项目标', en: 'Milestone' } };
export const ROLE: Record<string, Text> = { LEAD: { zh: '牵头', en: 'Lead' }, SUPPORT: { zh: '配合', en: 'Support' } };
export const LEDGER_STATE: Record<string, Text> = { DRAFT: { zh: '草稿未提交', en: 'Draft, not submitted' }, RETURNED: { zh: '已退回未重报', en: 'Returned, not resubmitted' } };
export const NOT_FILED: Text = { zh: '未填报', en: 'Not filed' };
export const RECT_STATUS: Record<string, Text> = {
  OPEN: { zh: '未开始', en: 'Open' },
  IN_PROGRESS: { zh: '整改中', en: 'In progress' },
  DONE: { zh: '已完成', en: 'Done' },
  VERIFIED: { zh: '已验收', en: 'Verified' },
};
