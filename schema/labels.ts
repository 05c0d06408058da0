/**
 * The words a person reads for each column and enum value, in Chinese and English: one set, used by
 * the grid's headers and cells, the row panel, the grid's CSV, the server's CSV/XLSX export and the
 * import (which also takes the synonyms: older words, so old files still load). Plain data, no
 * decorators: the client imports it as it is (issue 10, item 7). When issue 12 gives each table one
 * descriptor in schema/<table>/, these entries move into those descriptors unchanged.
 */
export interface Label {
  zh: string;
  en: string;
}
/** An enum value's label, and other words files may use for it (import only). */
export interface EnumValueLabel extends Label {
  synonyms?: string[];
}

export const ENUM_LABELS = {
  IndicatorAttribute: {
    EXPECTED: { zh: '预期性', en: 'Expected' },
    BINDING: { zh: '约束性', en: 'Binding' },
  },
  TargetKind: {
    EXACT: { zh: '确定值', en: 'Exact', synonyms: ['确数'] },
    APPROX: { zh: '左右', en: 'About', synonyms: ['约数'] },
    AT_LEAST: { zh: '以上（不低于）', en: 'At least', synonyms: ['不低于', '以上'] },
    AT_MOST: { zh: '以内（不超过）', en: 'At most', synonyms: ['不超过', '以内'] },
    RELATIVE: { zh: '同步（相对）', en: 'Relative', synonyms: ['同步'] },
    ASSIGNED: { zh: '上级下达', en: 'Assigned' },
  },
  ResponsibilityRole: {
    LEAD: { zh: '牵头', en: 'Lead' },
    SUPPORT: { zh: '配合', en: 'Support' },
  },
  AssessmentMethod: {
    TARGET_ASSESSMENT: { zh: '目标考核', en: 'Target assessment' },
    PERFORMANCE_EVALUATION: { zh: '绩效评估', en: 'Performance evaluation' },
    REGULAR_BULLETIN: { zh: '定期通报', en: 'Regular bulletin' },
    ROUTINE_SPOT_CHECK: { zh: '日常抽查', en: 'Routine spot check' },
    ON_SITE_VERIFICATION: { zh: '实地核查', en: 'On-site verification' },
  },
  RectificationStatus: {
    OPEN: { zh: '未开始', en: 'Open' },
    IN_PROGRESS: { zh: '整改中', en: 'In progress' },
    DONE: { zh: '已完成', en: 'Done' },
  },
  InnovationField: {
    ECONOMY: { zh: '经济建设', en: 'Economy' },
    POLITICS: { zh: '政治建设', en: 'Politics' },
    CULTURE: { zh: '文化建设', en: 'Culture' },
    SOCIETY: { zh: '社会建设', en: 'Society' },
    ECOLOGY: { zh: '生态文明建设', en: 'Ecology' },
    INSTITUTIONS: { zh: '制度建设', en: 'Institutions' },
  },
  Boolean: {
    true: { zh: '是', en: 'Yes' },
    false: { zh: '否', en: 'No' },
  },
} satisfies Record<string, Record<string, EnumValueLabel>>;

export type EnumName = keyof typeof ENUM_LABELS;

/** Columns every plan table has. */
const PLAN_COMMON = {
  seq: { zh: '序号', en: 'No.' },
  responsibilities: { zh: '责任单位', en: 'Responsible units' },
  /** Files only: the notes of the units, one line each (the grid shows them in the row panel). */
  responsibilityNotes: { zh: '责任说明', en: 'Notes on the units' },
  planCode: { zh: '所属规划', en: 'In plan' },
  version: { zh: '版本', en: 'Version' },
  updatedAt: { zh: '更新时间', en: 'Updated' },
  createdAt: { zh: '创建时间', en: 'Created' },
  id: { zh: '内部编号', en: 'ID' },
} satisfies Record<string, Label>;
const OTHERS_INVOLVED: Label = { zh: '另有单位（等）', en: 'Others involved' };

/** Column labels by table and field (the field is the GraphQL field, the grid's column id, the JSON key). */
export const COLUMN_LABELS = {
  indicators: {
    ...PLAN_COMMON,
    name: { zh: '指标名称', en: 'Indicator' },
    unit: { zh: '单位', en: 'Unit' },
    targetText: { zh: '2020年目标', en: 'Target (2020)' },
    targetKind: { zh: '目标类型', en: 'Target kind' },
    targetValue: { zh: '目标数值', en: 'Target value' },
    annualGrowthPct: { zh: '年均增长（%）', en: 'Annual growth (%)' },
    attribute: { zh: '属性', en: 'Attribute' },
    cumulative: { zh: '五年累计', en: 'Five-year total' },
    specialTargets: { zh: '关联专项目标', en: 'Special targets' },
    unitAsWritten: { zh: '名称原文', en: 'Name as written' },
    targetAsWritten: { zh: '目标原文', en: 'Target as written' },
  },
  specialTargets: {
    ...PLAN_COMMON,
    title: { zh: '专项目标', en: 'Target' },
    content: { zh: '主要内容', en: 'Content' },
    assessmentMethods: { zh: '考核方式', en: 'Assessment methods' },
    othersInvolved: OTHERS_INVOLVED,
    indicators: { zh: '关联指标', en: 'Indicators' },
  },
  rectifications: {
    ...PLAN_COMMON,
    problem: { zh: '问题概要', en: 'Problem' },
    direction: { zh: '整改方向', en: 'Direction' },
    plan: { zh: '整改计划', en: 'Plan' },
    measures: { zh: '整改举措及目标', en: 'Measures and goals' },
    expectedOutcomes: { zh: '预期成效', en: 'Expected outcomes' },
    deadlineYear: { zh: '整改时限（年）', en: 'Deadline (year)' },
    status: { zh: '状态', en: 'Status' },
    othersInvolved: OTHERS_INVOLVED,
  },
  innovationTopics: {
    ...PLAN_COMMON,
    field: { zh: '申报方向', en: 'Field' },
    title: { zh: '选题', en: 'Topic' },
    problem: { zh: '需要突破和解决的问题', en: 'Problem to solve' },
    path: { zh: '创新路径', en: 'Path' },
    sources: { zh: '依据文件', en: 'Sources' },
  },
  standards: {
    ...PLAN_COMMON,
    name: { zh: '标准名称', en: 'Standard' },
    releaseYear: { zh: '出台年份', en: 'Release year' },
  },
  departments: {
    name: { zh: '名称', en: 'Name' },
    code: { zh: '代码', en: 'Code' },
    nameEn: { zh: '英文名称', en: 'English name' },
    aliases: { zh: '别名', en: 'Aliases' },
    version: PLAN_COMMON.version,
    updatedAt: PLAN_COMMON.updatedAt,
    createdAt: PLAN_COMMON.createdAt,
    id: PLAN_COMMON.id,
  },
  plans: {
    code: { zh: '代码', en: 'Code' },
    name: { zh: '名称', en: 'Name' },
    nameEn: { zh: '英文名称', en: 'English name' },
    startYear: { zh: '起始年份', en: 'Start year' },
    endYear: { zh: '结束年份', en: 'End year' },
    publishedOn: { zh: '发布日期', en: 'Published on' },
    source: { zh: '来源', en: 'Source' },
  },
} satisfies Record<string, Record<string, Label>>;

export type LabelledTable = keyof typeof COLUMN_LABELS;

/**
 * Columns a grid shows and its CSV carries that a file does not set: the import accepts them and
 * leaves them alone (versions and times are the hub's; an indicator's special targets are set from
 * the special targets' 关联指标 column).
 */
export const INFORMATIONAL_COLUMNS: Partial<Record<LabelledTable, string[]>> = {
  indicators: ['version', 'updatedAt', 'createdAt', 'id', 'specialTargets'],
  specialTargets: ['version', 'updatedAt', 'createdAt', 'id'],
  rectifications: ['version', 'updatedAt', 'createdAt', 'id'],
  innovationTopics: ['version', 'updatedAt', 'createdAt', 'id'],
  standards: ['version', 'updatedAt', 'createdAt', 'id'],
  departments: ['version', 'updatedAt', 'createdAt', 'id'],
};
