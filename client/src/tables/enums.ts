import type { Lang, Text } from '../i18n';

/** Every enum of the schema with its labels; the Chinese ones are the plan's own words. */
export type EnumDef = Record<string, Text>;

export const ENUMS = {
  IndicatorAttribute: {
    EXPECTED: { zh: '预期性', en: 'Expected' },
    BINDING: { zh: '约束性', en: 'Binding' },
  },
  TargetKind: {
    EXACT: { zh: '确定值', en: 'Exact' },
    APPROX: { zh: '左右', en: 'About' },
    AT_LEAST: { zh: '以上（不低于）', en: 'At least' },
    AT_MOST: { zh: '以内（不超过）', en: 'At most' },
    RELATIVE: { zh: '同步（相对）', en: 'Relative' },
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
} satisfies Record<string, EnumDef>;

export type EnumName = keyof typeof ENUMS;

export function enumLabel(name: EnumName, value: unknown, lang: Lang): string {
  if (value == null || value === '') return '';
  const def: EnumDef = ENUMS[name];
  return def[String(value)]?.[lang] ?? String(value);
}

/**
 * Reads a value as typed or pasted: the key (BINDING), or its label in either language (约束性,
 * binding). Returns undefined when nothing matches.
 */
export function parseEnum(name: EnumName, text: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  const def: EnumDef = ENUMS[name];
  for (const [key, label] of Object.entries(def)) {
    if (key.toLowerCase() === t || label.zh.toLowerCase() === t || label.en.toLowerCase() === t) return key;
  }
  if (name === 'Boolean') {
    if (['y', 'yes', '1', '√', '✓', 'true', '是', '对'].includes(t)) return 'true';
    if (['n', 'no', '0', '×', '✗', 'false', '否', '不'].includes(t)) return 'false';
  }
  return undefined;
}

export const enumKeys = (name: EnumName) => Object.keys(ENUMS[name]);
