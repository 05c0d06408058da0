import { ATTRIBUTE_LABELS, IndicatorAttribute, TargetKind } from '../../schema/indicators/indicator.enums';
import { ASSESSMENT_METHOD_LABELS, AssessmentMethod } from '../../schema/special-targets/special-target.enums';
import { INNOVATION_FIELD_LABELS, InnovationField } from '../../schema/innovation-topics/innovation-topic.enums';
import { RectificationStatus } from '../../schema/rectifications/rectification.enums';
import { ResponsibilityRole } from '../../schema/responsibilities/responsibility.enums';

/**
 * An enum as files write it: the English value (what the API uses) or a Chinese label. Exports
 * write the label, the way the plan's own tables do; imports take either, case-insensitively.
 */
export interface EnumLabels {
  /** Chinese label → value; the first label of a value is the one exports write. */
  labels: Record<string, string>;
  values: string[];
}

function enumLabels(values: Record<string, string>, labels: Record<string, string>): EnumLabels {
  return { labels, values: Object.values(values) };
}

/** The plan's tables have no words for these two; these are the words the district's sheets use. */
const TARGET_KIND_LABELS: Record<string, TargetKind> = {
  确数: TargetKind.EXACT,
  约数: TargetKind.APPROX,
  不低于: TargetKind.AT_LEAST,
  不超过: TargetKind.AT_MOST,
  同步: TargetKind.RELATIVE,
  上级下达: TargetKind.ASSIGNED,
};
const STATUS_LABELS: Record<string, RectificationStatus> = {
  未开始: RectificationStatus.OPEN,
  整改中: RectificationStatus.IN_PROGRESS,
  已完成: RectificationStatus.DONE,
};
const ROLE_LABELS: Record<string, ResponsibilityRole> = { 牵头: ResponsibilityRole.LEAD, 配合: ResponsibilityRole.SUPPORT };

export const ENUMS = {
  attribute: enumLabels(IndicatorAttribute, ATTRIBUTE_LABELS),
  targetKind: enumLabels(TargetKind, TARGET_KIND_LABELS),
  assessmentMethod: enumLabels(AssessmentMethod, ASSESSMENT_METHOD_LABELS),
  innovationField: enumLabels(InnovationField, INNOVATION_FIELD_LABELS),
  status: enumLabels(RectificationStatus, STATUS_LABELS),
  role: enumLabels(ResponsibilityRole, ROLE_LABELS),
} satisfies Record<string, EnumLabels>;

const lookups = new WeakMap<EnumLabels, Map<string, string>>();

/** The enum value a cell names, or null. */
export function enumValue(e: EnumLabels, text: string): string | null {
  let map = lookups.get(e);
  if (!map) {
    map = new Map();
    for (const v of e.values) map.set(v.toLowerCase(), v);
    for (const [label, v] of Object.entries(e.labels)) map.set(label.normalize('NFKC').toLowerCase(), v);
    lookups.set(e, map);
  }
  return map.get(text.normalize('NFKC').trim().toLowerCase()) ?? null;
}

/** The label exports write for a value (the value itself where there is none). */
export function enumLabel(e: EnumLabels, value: string): string {
  for (const [label, v] of Object.entries(e.labels)) if (v === value) return label;
  return value;
}

/** For messages: 预期性 or 约束性 (EXPECTED, BINDING). */
export function enumChoices(e: EnumLabels): string {
  const labels = e.values.map((v) => enumLabel(e, v));
  return `${labels.join(', ')} (${e.values.join(', ')})`;
}
