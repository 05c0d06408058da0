import type { EnumDescriptor, TableDescriptor } from '../common/descriptor';
import { OTHERS_INVOLVED, PLAN_CODE, ROW_META, SEQ } from '../common/plan-item.descriptor';
import { RESPONSIBILITIES, RESPONSIBILITY_NOTES } from '../responsibilities/responsibilities.descriptor';

/** RectificationStatus (rectification.enums.ts). */
export const RECTIFICATION_STATUS = {
  OPEN: { zh: '未开始', en: 'Open' },
  IN_PROGRESS: { zh: '整改中', en: 'In progress' },
  DONE: { zh: '已完成', en: 'Done' },
  VERIFIED: { zh: '已验收', en: 'Verified' },
} satisfies EnumDescriptor;

/** FeedbackSource (rectification.enums.ts). */
export const FEEDBACK_SOURCE = {
  OFFICE: { zh: '考评办', en: 'Office' },
  DEPARTMENT: { zh: '责任单位', en: 'Department' },
  PUBLIC: { zh: '公众', en: 'Public' },
} satisfies EnumDescriptor;

const longText = { kind: 'longText', cell: 'text', required: true, column: true, searchable: true, maxLength: 20000 } as const;

/** 热点问题整改: the plan's table 3 (rectification.entity.ts). */
export const RECTIFICATIONS: TableDescriptor = {
  name: 'rectifications',
  typeName: 'Rectification',
  fileLabel: '热点问题整改',
  slug: 'rectifications',
  fields: [
    SEQ,
    { field: 'problem', label: { zh: '问题概要', en: 'Problem' }, aliases: ['问题'], ...longText, fileWidth: 40 },
    { field: 'direction', label: { zh: '整改方向', en: 'Direction' }, ...longText, fileWidth: 30 },
    { field: 'plan', label: { zh: '整改计划', en: 'Plan' }, property: 'planText', ...longText, fileWidth: 40 },
    { field: 'measures', label: { zh: '整改举措及目标', en: 'Measures and goals' }, aliases: ['整改举措'], ...longText, fileWidth: 40 },
    { field: 'expectedOutcomes', label: { zh: '预期成效', en: 'Expected outcomes' }, ...longText, fileWidth: 40 },
    { field: 'deadlineYear', label: { zh: '整改时限（年）', en: 'Deadline (year)' }, aliases: ['整改时限', '整改年份', '时限'], kind: 'year', cell: 'int', nullable: true, column: true, sortable: true, filter: 'year', fileWidth: 10 },
    { field: 'status', label: { zh: '状态', en: 'Status' }, aliases: ['整改状态'], kind: 'enum', enum: 'RectificationStatus', cell: 'enum', column: true, sortable: true, filter: 'enum', fileWidth: 10 },
    OTHERS_INVOLVED,
    RESPONSIBILITIES,
    RESPONSIBILITY_NOTES,
    PLAN_CODE,
    ...ROW_META,
  ],
};
