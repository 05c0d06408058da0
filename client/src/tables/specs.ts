import type { FieldSpec, TableKey, TableSpec } from './types';
import { COLUMN_LABELS } from '../../../schema/labels';

const DEPARTMENT = 'id code name nameEn aliases';
const RESPONSIBILITIES = `responsibilities { id role note noteEn department { ${DEPARTMENT} } }`;
const META = 'planCode version createdAt updatedAt';

/** Columns every plan table shares, after its own. */
const seq: FieldSpec = { name: 'seq', label: COLUMN_LABELS.indicators.seq, kind: 'int', required: true, width: 90 };
const responsibilities: FieldSpec = {
  name: 'responsibilities',
  label: COLUMN_LABELS.indicators.responsibilities,
  kind: 'responsibilities',
  inCreate: true,
  width: 260,
};
const planMeta: FieldSpec[] = [
  { name: 'planCode', label: COLUMN_LABELS.indicators.planCode, kind: 'meta', hidden: true, width: 140 },
  { name: 'version', label: COLUMN_LABELS.indicators.version, kind: 'meta', width: 90 },
  { name: 'updatedAt', label: COLUMN_LABELS.indicators.updatedAt, kind: 'datetime', width: 170 },
  { name: 'createdAt', label: COLUMN_LABELS.indicators.createdAt, kind: 'datetime', hidden: true, width: 170 },
  { name: 'id', label: COLUMN_LABELS.indicators.id, kind: 'id', hidden: true, width: 90 },
];
const othersInvolved: FieldSpec = {
  name: 'othersInvolved',
  label: COLUMN_LABELS.specialTargets.othersInvolved,
  kind: 'bool',
  width: 130,
  hint: { zh: '原文责任单位以“等”结尾', en: 'The plan’s list of units ends in 等 (and others)' },
};
const planSortable = ['seq', 'updatedAt', 'createdAt', 'version', 'id'];

export const indicators: TableSpec = {
  key: 'indicators',
  path: '/indicators',
  label: { zh: '指标', en: 'Indicators' },
  rowNoun: { zh: '指标', en: 'indicator' },
  typeName: 'Indicator',
  single: 'indicator',
  list: 'indicators',
  create: 'createIndicator',
  update: 'updateIndicator',
  remove: 'deleteIndicator',
  inputType: 'IndicatorInput',
  patchType: 'IndicatorPatch',
  filterType: 'IndicatorFilter',
  rowModel: 'infinite',
  titleField: 'name',
  fields: [
    seq,
    { name: 'name', label: COLUMN_LABELS.indicators.name, kind: 'text', required: true, maxLength: 300, width: 240 },
    { name: 'unit', label: COLUMN_LABELS.indicators.unit, kind: 'text', required: true, maxLength: 50, width: 100 },
    {
      name: 'targetText',
      label: COLUMN_LABELS.indicators.targetText,
      kind: 'text',
      required: true,
      maxLength: 200,
      width: 150,
      hint: { zh: '如 1500、13左右、达到68以上、控制在50以内、与GDP同步、市下达目标', en: 'e.g. 1500, 13左右, 达到68以上, 控制在50以内, 与GDP同步, 市下达目标' },
    },
    {
      name: 'targetKind',
      label: COLUMN_LABELS.indicators.targetKind,
      kind: 'enum',
      enumName: 'TargetKind',
      required: true,
      width: 130,
      hint: { zh: '改目标文字时自动识别', en: 'Read again from the target text when it changes' },
    },
    { name: 'targetValue', label: COLUMN_LABELS.indicators.targetValue, kind: 'float', nullable: true, inCreate: true, width: 110 },
    { name: 'annualGrowthPct', label: COLUMN_LABELS.indicators.annualGrowthPct, kind: 'float', nullable: true, inCreate: true, width: 130 },
    { name: 'attribute', label: COLUMN_LABELS.indicators.attribute, kind: 'enum', enumName: 'IndicatorAttribute', required: true, width: 100 },
    { name: 'cumulative', label: COLUMN_LABELS.indicators.cumulative, kind: 'bool', inCreate: true, width: 110, hint: { zh: '规划中标 * 的五年累计数', en: 'Five-year cumulative figure (marked * in the plan)' } },
    responsibilities,
    { name: 'specialTargets', label: COLUMN_LABELS.indicators.specialTargets, kind: 'links', linkTable: 'specialTargets', patchKey: 'specialTargetIds', width: 240 },
    { name: 'unitAsWritten', label: COLUMN_LABELS.indicators.unitAsWritten, kind: 'text', nullable: true, maxLength: 300, hidden: true, width: 200, hint: { zh: '单位需要修复时，原页面上的名称单元格', en: 'The name cell as the source page had it, where the unit had to be repaired' } },
    { name: 'targetAsWritten', label: COLUMN_LABELS.indicators.targetAsWritten, kind: 'text', nullable: true, maxLength: 200, width: 120, hint: { zh: '原文与目标不同时，如“同上”', en: 'Where the plan’s cell differs from the target, e.g. 同上' } },
    ...planMeta,
  ],
  selection: `id seq name unit unitAsWritten targetText targetAsWritten targetKind targetValue annualGrowthPct attribute cumulative ${META} ${RESPONSIBILITIES} specialTargets { id seq title }`,
  sortable: [...planSortable, 'name', 'unit', 'targetText', 'targetValue', 'targetKind', 'annualGrowthPct', 'attribute', 'cumulative'],
  serverFilters: { attribute: 'enum', targetKind: 'enum', cumulative: 'bool', responsibilities: 'department' },
};

export const specialTargets: TableSpec = {
  key: 'specialTargets',
  path: '/special-targets',
  label: { zh: '专项目标', en: 'Special targets' },
  rowNoun: { zh: '专项目标', en: 'special target' },
  typeName: 'SpecialTarget',
  single: 'specialTarget',
  list: 'specialTargets',
  create: 'createSpecialTarget',
  update: 'updateSpecialTarget',
  remove: 'deleteSpecialTarget',
  inputType: 'SpecialTargetInput',
  patchType: 'SpecialTargetPatch',
  filterType: 'SpecialTargetFilter',
  rowModel: 'clientSide',
  titleField: 'title',
  fields: [
    seq,
    { name: 'title', label: COLUMN_LABELS.specialTargets.title, kind: 'text', required: true, maxLength: 300, width: 240 },
    { name: 'content', label: COLUMN_LABELS.specialTargets.content, kind: 'longText', required: true, maxLength: 20000, width: 360 },
    { name: 'assessmentMethods', label: COLUMN_LABELS.specialTargets.assessmentMethods, kind: 'enumList', enumName: 'AssessmentMethod', inCreate: true, width: 200 },
    responsibilities,
    othersInvolved,
    { name: 'indicators', label: COLUMN_LABELS.specialTargets.indicators, kind: 'links', linkTable: 'indicators', patchKey: 'indicatorIds', width: 260 },
    ...planMeta,
  ],
  selection: `id seq title content assessmentMethods othersInvolved ${META} ${RESPONSIBILITIES} indicators { id seq name }`,
  sortable: [...planSortable, 'title', 'othersInvolved'],
  serverFilters: {},
};

export const rectifications: TableSpec = {
  key: 'rectifications',
  path: '/rectifications',
  label: { zh: '热点整改', en: 'Rectifications' },
  rowNoun: { zh: '整改事项', en: 'rectification' },
  typeName: 'Rectification',
  single: 'rectification',
  list: 'rectifications',
  create: 'createRectification',
  update: 'updateRectification',
  remove: 'deleteRectification',
  inputType: 'RectificationInput',
  patchType: 'RectificationPatch',
  filterType: 'RectificationFilter',
  rowModel: 'clientSide',
  titleField: 'problem',
  fields: [
    seq,
    { name: 'problem', label: COLUMN_LABELS.rectifications.problem, kind: 'longText', required: true, maxLength: 20000, width: 280 },
    { name: 'direction', label: COLUMN_LABELS.rectifications.direction, kind: 'longText', required: true, maxLength: 20000, width: 220 },
    { name: 'plan', label: COLUMN_LABELS.rectifications.plan, kind: 'longText', required: true, maxLength: 20000, width: 260 },
    { name: 'measures', label: COLUMN_LABELS.rectifications.measures, kind: 'longText', required: true, maxLength: 20000, width: 300 },
    { name: 'expectedOutcomes', label: COLUMN_LABELS.rectifications.expectedOutcomes, kind: 'longText', required: true, maxLength: 20000, width: 260 },
    { name: 'deadlineYear', label: COLUMN_LABELS.rectifications.deadlineYear, kind: 'year', nullable: true, inCreate: true, width: 130 },
    { name: 'status', label: COLUMN_LABELS.rectifications.status, kind: 'enum', enumName: 'RectificationStatus', inCreate: true, width: 110 },
    responsibilities,
    othersInvolved,
    ...planMeta,
  ],
  selection: `id seq problem direction plan measures expectedOutcomes deadlineYear status othersInvolved ${META} ${RESPONSIBILITIES}`,
  sortable: [...planSortable, 'deadlineYear', 'status'],
  serverFilters: {},
};

export const innovationTopics: TableSpec = {
  key: 'innovationTopics',
  path: '/innovation-topics',
  label: { zh: '创新指南', en: 'Innovation topics' },
  rowNoun: { zh: '创新选题', en: 'innovation topic' },
  typeName: 'InnovationTopic',
  single: 'innovationTopic',
  list: 'innovationTopics',
  create: 'createInnovationTopic',
  update: 'updateInnovationTopic',
  remove: 'deleteInnovationTopic',
  inputType: 'InnovationTopicInput',
  patchType: 'InnovationTopicPatch',
  filterType: 'InnovationTopicFilter',
  rowModel: 'clientSide',
  titleField: 'title',
  fields: [
    seq,
    { name: 'field', label: COLUMN_LABELS.innovationTopics.field, kind: 'enum', enumName: 'InnovationField', required: true, width: 130 },
    { name: 'title', label: COLUMN_LABELS.innovationTopics.title, kind: 'text', required: true, maxLength: 300, width: 220 },
    { name: 'problem', label: COLUMN_LABELS.innovationTopics.problem, kind: 'longText', required: true, maxLength: 20000, width: 300 },
    { name: 'path', label: COLUMN_LABELS.innovationTopics.path, kind: 'longText', required: true, maxLength: 20000, width: 300 },
    { name: 'sources', label: COLUMN_LABELS.innovationTopics.sources, kind: 'stringList', inCreate: true, width: 220, hint: { zh: '每行一个文件', en: 'One document per line' } },
    responsibilities,
    ...planMeta,
  ],
  selection: `id seq field title problem path sources ${META} ${RESPONSIBILITIES}`,
  sortable: [...planSortable, 'field', 'title'],
  serverFilters: {},
};

export const standards: TableSpec = {
  key: 'standards',
  path: '/standards',
  label: { zh: '标准', en: 'Standards' },
  rowNoun: { zh: '标准', en: 'standard' },
  typeName: 'Standard',
  single: 'standard',
  list: 'standards',
  create: 'createStandard',
  update: 'updateStandard',
  remove: 'deleteStandard',
  inputType: 'StandardInput',
  patchType: 'StandardPatch',
  filterType: 'StandardFilter',
  rowModel: 'clientSide',
  titleField: 'name',
  fields: [
    seq,
    { name: 'name', label: COLUMN_LABELS.standards.name, kind: 'text', required: true, maxLength: 300, width: 320 },
    { name: 'releaseYear', label: COLUMN_LABELS.standards.releaseYear, kind: 'year', required: true, width: 110 },
    responsibilities,
    ...planMeta,
  ],
  selection: `id seq name releaseYear ${META} ${RESPONSIBILITIES}`,
  sortable: [...planSortable, 'name', 'releaseYear'],
  serverFilters: {},
};

export const departments: TableSpec = {
  key: 'departments',
  path: '/departments',
  label: { zh: '部门', en: 'Departments' },
  rowNoun: { zh: '部门', en: 'department' },
  typeName: 'Department',
  single: 'department',
  list: 'departments',
  create: 'createDepartment',
  update: 'updateDepartment',
  remove: 'deleteDepartment',
  inputType: 'DepartmentInput',
  patchType: 'DepartmentPatch',
  rowModel: 'clientSide',
  titleField: 'name',
  fields: [
    { name: 'name', label: COLUMN_LABELS.departments.name, kind: 'text', required: true, maxLength: 200, width: 200 },
    { name: 'code', label: COLUMN_LABELS.departments.code, kind: 'text', required: true, maxLength: 64, width: 180, hint: { zh: '小写字母、数字和连字符，如 housing', en: 'Lowercase letters, digits and -, e.g. housing' } },
    { name: 'nameEn', label: COLUMN_LABELS.departments.nameEn, kind: 'text', required: true, maxLength: 300, width: 300 },
    { name: 'aliases', label: COLUMN_LABELS.departments.aliases, kind: 'stringList', inCreate: true, width: 280, hint: { zh: '文件中出现过的其他写法，每行一个', en: 'Other spellings met in plan documents, one per line' } },
    { name: 'version', label: COLUMN_LABELS.departments.version, kind: 'meta', width: 90 },
    { name: 'updatedAt', label: COLUMN_LABELS.departments.updatedAt, kind: 'datetime', width: 170 },
    { name: 'createdAt', label: COLUMN_LABELS.departments.createdAt, kind: 'datetime', hidden: true, width: 170 },
    { name: 'id', label: COLUMN_LABELS.departments.id, kind: 'id', hidden: true, width: 90 },
  ],
  selection: 'id code name nameEn aliases version createdAt updatedAt',
  sortable: [],
  serverFilters: {},
};

export const TABLES: TableSpec[] = [indicators, specialTargets, rectifications, innovationTopics, standards, departments];
export const TABLE_BY_KEY = Object.fromEntries(TABLES.map((t) => [t.key, t])) as Record<TableKey, TableSpec>;

export const isEditable = (f: FieldSpec) => !['id', 'datetime', 'meta'].includes(f.kind);
export const fieldOf = (spec: TableSpec, name: string) => spec.fields.find((f) => f.name === name || f.patchKey === name);
