import type { EnumDescriptor, TableDescriptor } from '../common/descriptor';
import { ROW_META } from '../common/plan-item.descriptor';

/**
 * The ledger (电子台账) as a department's spreadsheet carries it: one row per item, department and
 * period. Items are named as the plan numbers them (the kind, the indicator's or special target's 序号,
 * and for a milestone its number within the special target), so a department fills in the sheet
 * without knowing the hub's ids. Registered in schema/descriptors.ts as a file table (FILE_DESCRIPTORS):
 * the transfer import reads it as the LEDGER table (server/transfer/ledger-table.ts) through
 * LedgerService.itemsBySeq and saveMany.
 */

/** LedgerItemKind (ledger.inputs.ts). */
export const LEDGER_ITEM_KIND = {
  INDICATOR: { zh: '指标', en: 'Indicator', synonyms: ['重点绩效指标', '绩效指标'] },
  SPECIAL_TARGET: { zh: '专项目标', en: 'Special target', synonyms: ['重点专项目标', '专项'] },
  MILESTONE: { zh: '里程碑', en: 'Milestone', synonyms: ['专项目标里程碑', '节点目标'] },
} satisfies EnumDescriptor;

/** LedgerState (ledger.enums.ts). */
export const LEDGER_STATE = {
  DRAFT: { zh: '草稿', en: 'Draft', synonyms: ['未提交'] },
  SUBMITTED: { zh: '已提交', en: 'Submitted', synonyms: ['待审核'] },
  APPROVED: { zh: '已审核', en: 'Approved', synonyms: ['审核通过', '已通过'] },
  RETURNED: { zh: '已退回', en: 'Returned', synonyms: ['退回'] },
} satisfies EnumDescriptor;

/** PeriodKind (ledger.enums.ts). */
export const PERIOD_KIND = {
  YEAR: { zh: '年度', en: 'Year' },
  QUARTER: { zh: '季度', en: 'Quarter' },
  MONTH: { zh: '月度', en: 'Month' },
} satisfies EnumDescriptor;

export const LEDGER: TableDescriptor = {
  name: 'ledgerEntries',
  typeName: 'LedgerEntry',
  fileLabel: '电子台账',
  slug: 'ledger',
  fields: [
    { field: 'itemKind', label: { zh: '项目类型', en: 'Item kind' }, aliases: ['类型', '事项类型'], kind: 'enum', enum: 'LedgerItemKind', cell: 'enum', required: true, filter: 'enum', fileWidth: 10 },
    { field: 'itemSeq', label: { zh: '项目序号', en: 'Item No.' }, aliases: ['序号', '指标序号', '专项目标序号', '编号'], kind: 'int', cell: 'int', required: true, fileWidth: 8 },
    { field: 'milestoneSeq', label: { zh: '里程碑序号', en: 'Milestone No.' }, aliases: ['里程碑编号'], kind: 'int', cell: 'int', nullable: true, fileWidth: 8 },
    // Written by an export so a person sees what the row is about; an import reads the item from kind and No.
    { field: 'itemName', label: { zh: '项目名称', en: 'Item' }, aliases: ['指标名称', '专项目标', '里程碑'], kind: 'meta', cell: 'informational', searchable: true },
    // Empty: an editor's own department (the office names it).
    { field: 'department', label: { zh: '填报单位', en: 'Department' }, aliases: ['责任单位', '单位', '部门'], kind: 'text', cell: 'text', nullable: true, searchable: true, filter: 'department', fileWidth: 14 },
    { field: 'period', label: { zh: '期间', en: 'Period' }, aliases: ['报告期', '填报期间', '年月', '时间'], kind: 'text', cell: 'text', required: true, sortable: true, maxLength: 40, fileWidth: 10 },
    { field: 'periodKind', label: { zh: '期间类型', en: 'Period kind' }, kind: 'enum', enum: 'PeriodKind', cell: 'informational', sortable: true, filter: 'enum' },
    { field: 'actualValue', label: { zh: '实际值', en: 'Actual value' }, aliases: ['完成值', '实际完成值', '累计完成'], kind: 'float', cell: 'float', nullable: true, sortable: true, fileWidth: 12 },
    { field: 'progressText', label: { zh: '工作进展', en: 'Progress' }, aliases: ['进展情况', '进展', '完成情况'], kind: 'longText', cell: 'text', nullable: true, searchable: true, maxLength: 5000, fileWidth: 40 },
    { field: 'state', label: { zh: '审核状态', en: 'State' }, aliases: ['状态'], kind: 'enum', enum: 'LedgerState', cell: 'informational', sortable: true, filter: 'enum' },
    { field: 'returnReason', label: { zh: '退回原因', en: 'Return reason' }, kind: 'meta', cell: 'informational' },
    ...ROW_META,
  ],
};
