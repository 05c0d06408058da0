import type { EnumDescriptor, TableDescriptor } from '../common/descriptor';
import { PLAN_CODE, ROW_META, SEQ } from '../common/plan-item.descriptor';
import { RESPONSIBILITIES, RESPONSIBILITY_NOTES } from '../responsibilities/responsibilities.descriptor';

/** 预期性 / 约束性: IndicatorAttribute (indicator.enums.ts). */
export const INDICATOR_ATTRIBUTE = {
  EXPECTED: { zh: '预期性', en: 'Expected' },
  BINDING: { zh: '约束性', en: 'Binding' },
} satisfies EnumDescriptor;

/** How the plan states a target: TargetKind (indicator.enums.ts). The synonyms are older words, still read. */
export const TARGET_KIND = {
  EXACT: { zh: '确定值', en: 'Exact', synonyms: ['确数'] },
  APPROX: { zh: '左右', en: 'About', synonyms: ['约数'] },
  AT_LEAST: { zh: '以上（不低于）', en: 'At least', synonyms: ['不低于', '以上'] },
  AT_MOST: { zh: '以内（不超过）', en: 'At most', synonyms: ['不超过', '以内'] },
  RELATIVE: { zh: '同步（相对）', en: 'Relative', synonyms: ['同步'] },
  ASSIGNED: { zh: '上级下达', en: 'Assigned' },
} satisfies EnumDescriptor;

/** How year targets are derived: TargetMethod (indicator.enums.ts). */
export const TARGET_METHOD = {
  GEOMETRIC: { zh: '等比（几何）', en: 'Geometric' },
  GROWTH_RATE: { zh: '按年均增长', en: 'Annual growth' },
  LINEAR: { zh: '线性', en: 'Linear' },
  EVEN_SPLIT: { zh: '五年均分', en: 'Even split' },
  FINAL: { zh: '终期值', en: 'Final value' },
  MANUAL: { zh: '逐年录入', en: 'Entered yearly' },
} satisfies EnumDescriptor;

/** 重点绩效指标: the plan's table 1 (indicator.entity.ts). */
export const INDICATORS: TableDescriptor = {
  name: 'indicators',
  typeName: 'Indicator',
  fileLabel: '重点绩效指标',
  slug: 'indicators',
  fields: [
    SEQ,
    { field: 'name', label: { zh: '指标名称', en: 'Indicator' }, aliases: ['指标'], kind: 'text', cell: 'text', required: true, column: true, searchable: true, sortable: true, maxLength: 300, fileWidth: 30 },
    { field: 'unit', label: { zh: '单位', en: 'Unit' }, kind: 'text', cell: 'text', required: true, column: true, searchable: true, sortable: true, maxLength: 50, fileWidth: 8 },
    { field: 'targetText', label: { zh: '2020年目标', en: 'Target (2020)' }, aliases: ['目标值', '目标', '规划目标'], kind: 'text', cell: 'text', required: true, column: true, searchable: true, sortable: true, maxLength: 200, fileWidth: 14 },
    // A file may leave the kind out: the import reads it from the target text, as an edit does.
    { field: 'targetKind', label: { zh: '目标类型', en: 'Target kind' }, kind: 'enum', enum: 'TargetKind', cell: 'enum', required: true, fileRequired: false, column: true, sortable: true, filter: 'enum', fileWidth: 10 },
    { field: 'targetValue', label: { zh: '目标数值', en: 'Target value' }, kind: 'float', cell: 'float', nullable: true, column: true, sortable: true, fileWidth: 10 },
    { field: 'annualGrowthPct', label: { zh: '年均增长（%）', en: 'Annual growth (%)' }, aliases: ['年均增长', '年均增长%', '年均增长率'], kind: 'float', cell: 'float', nullable: true, column: true, sortable: true, fileWidth: 12 },
    { field: 'attribute', label: { zh: '属性', en: 'Attribute' }, aliases: ['指标属性'], kind: 'enum', enum: 'IndicatorAttribute', cell: 'enum', required: true, column: true, sortable: true, filter: 'enum', fileWidth: 10 },
    { field: 'cumulative', label: { zh: '五年累计', en: 'Five-year total' }, aliases: ['累计'], kind: 'bool', cell: 'bool', column: true, sortable: true, filter: 'bool', fileWidth: 10 },
    { field: 'baseValue', office: true, label: { zh: '基期值', en: 'Base value' }, aliases: ['基数', '2015年基数'], kind: 'float', cell: 'float', nullable: true, column: true, sortable: true, fileWidth: 10 },
    { field: 'baseYear', office: true, label: { zh: '基期年份', en: 'Base year' }, aliases: ['基年'], kind: 'year', cell: 'int', column: true, sortable: true, fileWidth: 8 },
    // Empty: the default for the target kind (the API's targetMethod says which).
    { field: 'targetMethod', office: true, label: { zh: '分解方法', en: 'Target method' }, aliases: ['年度目标分解方法'], kind: 'enum', enum: 'TargetMethod', cell: 'enum', nullable: true, column: true, fileWidth: 12 },
    RESPONSIBILITIES,
    RESPONSIBILITY_NOTES,
    { field: 'unitAsWritten', label: { zh: '名称原文', en: 'Name as written' }, aliases: ['原文指标名称'], kind: 'text', cell: 'text', nullable: true, column: true, maxLength: 300, fileWidth: 30 },
    { field: 'targetAsWritten', label: { zh: '目标原文', en: 'Target as written' }, aliases: ['原文目标值'], kind: 'text', cell: 'text', nullable: true, column: true, maxLength: 200, fileWidth: 12 },
    PLAN_CODE,
    // Set from the special targets' 关联指标 column: a file may carry it, the import leaves it alone.
    { field: 'specialTargets', label: { zh: '关联专项目标', en: 'Special targets' }, kind: 'links', cell: 'informational', patchKey: 'specialTargetIds', linkTable: 'specialTargets' },
    ...ROW_META,
  ],
};
