import { IndicatorAttribute, TargetKind, TargetMethod } from '../../schema/indicators/indicator.enums';
import { AssessmentMethod } from '../../schema/special-targets/special-target.enums';
import { InnovationField } from '../../schema/innovation-topics/innovation-topic.enums';
import { FILE_ENUMS as DESCRIBED, type FileEnumName as EnumName } from '../../schema/descriptors';
import type { EnumValueLabel } from '../../schema/common/descriptor';
import { RectificationStatus } from '../../schema/rectifications/rectification.enums';
import { ResponsibilityRole } from '../../schema/responsibilities/responsibility.enums';
import { LedgerItemKind } from '../../schema/ledger/ledger.inputs';

/**
 * An enum as files write it: the English value (what the API uses) or a Chinese label. Exports
 * write the label, the way the plan's own tables do; imports take either, case-insensitively.
 */
export interface EnumLabels {
  /** Chinese label → value; the first label of a value is the one exports write. */
  labels: Record<string, string>;
  values: string[];
}

/**
 * From the enum's words in its table's descriptor: the Chinese label first (what exports write, as
 * the grid shows it), then its synonyms (older words, still read), then the English label. The
 * descriptor names exactly the GraphQL enum's values, or the server does not start.
 */
function enumLabels(values: Record<string, string>, name: EnumName): EnumLabels {
  const labels: Record<string, string> = {};
  const defs: Record<string, EnumValueLabel> = DESCRIBED[name];
  const described = Object.keys(defs).join(',');
  if (described !== Object.values(values).join(',')) throw new Error(`the ${name} descriptor names ${described}, the enum ${Object.values(values).join(',')}`);
  for (const [value, l] of Object.entries(defs)) labels[l.zh] = value;
  for (const [value, l] of Object.entries(defs)) for (const s of l.synonyms ?? []) labels[s] ??= value;
  for (const [value, l] of Object.entries(defs)) labels[l.en] ??= value;
  return { labels, values: Object.values(values) };
}

export const ENUMS = {
  attribute: enumLabels(IndicatorAttribute, 'IndicatorAttribute'),
  targetKind: enumLabels(TargetKind, 'TargetKind'),
  targetMethod: enumLabels(TargetMethod, 'TargetMethod'),
  assessmentMethod: enumLabels(AssessmentMethod, 'AssessmentMethod'),
  innovationField: enumLabels(InnovationField, 'InnovationField'),
  status: enumLabels(RectificationStatus, 'RectificationStatus'),
  role: enumLabels(ResponsibilityRole, 'ResponsibilityRole'),
  ledgerItemKind: enumLabels(LedgerItemKind, 'LedgerItemKind'),
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

/** The enums by their GraphQL name, as a descriptor's `enum` names them. */
export const ENUMS_BY_NAME: Record<string, EnumLabels> = {
  IndicatorAttribute: ENUMS.attribute,
  TargetKind: ENUMS.targetKind,
  TargetMethod: ENUMS.targetMethod,
  AssessmentMethod: ENUMS.assessmentMethod,
  InnovationField: ENUMS.innovationField,
  RectificationStatus: ENUMS.status,
  ResponsibilityRole: ENUMS.role,
  LedgerItemKind: ENUMS.ledgerItemKind,
};
