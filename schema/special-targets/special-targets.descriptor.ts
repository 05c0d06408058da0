import type { EnumDescriptor, TableDescriptor } from '../common/descriptor';
import { OTHERS_INVOLVED, PLAN_CODE, ROW_META, SEQ } from '../common/plan-item.descriptor';
import { RESPONSIBILITIES, RESPONSIBILITY_NOTES } from '../responsibilities/responsibilities.descriptor';

/** AssessmentMethod (special-target.enums.ts). */
export const ASSESSMENT_METHOD = {
  TARGET_ASSESSMENT: { zh: '目标考核', en: 'Target assessment' },
  PERFORMANCE_EVALUATION: { zh: '绩效评估', en: 'Performance evaluation' },
  REGULAR_BULLETIN: { zh: '定期通报', en: 'Regular bulletin' },
  ROUTINE_SPOT_CHECK: { zh: '日常抽查', en: 'Routine spot check' },
  ON_SITE_VERIFICATION: { zh: '实地核查', en: 'On-site verification' },
} satisfies EnumDescriptor;

/** 重点专项目标: the plan's table 2 (special-target.entity.ts). */
export const SPECIAL_TARGETS: TableDescriptor = {
  name: 'specialTargets',
  typeName: 'SpecialTarget',
  fileLabel: '重点专项目标',
  slug: 'special-targets',
  fields: [
    SEQ,
    { field: 'title', label: { zh: '专项目标', en: 'Target' }, aliases: ['目标', '标题', '目标名称', '重点专项目标'], kind: 'text', cell: 'text', required: true, column: true, searchable: true, sortable: true, maxLength: 300, fileWidth: 30 },
    { field: 'content', label: { zh: '主要内容', en: 'Content' }, aliases: ['目标内容', '内容'], kind: 'longText', cell: 'text', required: true, column: true, searchable: true, maxLength: 20000, fileWidth: 60 },
    // Kept as distinct names joined by commas (property assessmentMethodList); the service writes it.
    { field: 'assessmentMethods', label: { zh: '考核方式', en: 'Assessment methods' }, kind: 'enumList', enum: 'AssessmentMethod', cell: 'enumList', property: 'assessmentMethodList', filter: 'enum', filterArg: 'assessmentMethod', fileWidth: 20 },
    { ...OTHERS_INVOLVED, sortable: true },
    { ...RESPONSIBILITIES, aliases: [...RESPONSIBILITIES.aliases!, '考核牵头部门'] },
    RESPONSIBILITY_NOTES,
    { field: 'indicators', label: { zh: '关联指标', en: 'Indicators' }, aliases: ['关联指标序号', 'indicatorSeqs'], kind: 'links', cell: 'seqList', patchKey: 'indicatorIds', linkTable: 'indicators', fileWidth: 14 },
    PLAN_CODE,
    ...ROW_META,
  ],
};
