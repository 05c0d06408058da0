/**
 * Every table's descriptor and every enum's words, in one index: what the services, the transfer code,
 * the GraphQL checks and the generated client module (`npm run descriptors`) read. Plain data.
 */
import type { EnumDescriptor, FieldDescriptor, TableDescriptor } from './common/descriptor';
import { INDICATORS, INDICATOR_ATTRIBUTE, TARGET_KIND, TARGET_METHOD } from './indicators/indicators.descriptor';
import { SPECIAL_TARGETS, ASSESSMENT_METHOD } from './special-targets/special-targets.descriptor';
import { FEEDBACK_SOURCE, RECTIFICATIONS, RECTIFICATION_STATUS } from './rectifications/rectifications.descriptor';
import { INNOVATION_TOPICS, INNOVATION_FIELD } from './innovation-topics/innovation-topics.descriptor';
import { STANDARDS } from './standards/standards.descriptor';
import { DEPARTMENTS } from './departments/departments.descriptor';
import { PLANS } from './plans/plans.descriptor';
import { RESPONSIBILITY_ROLE } from './responsibilities/responsibilities.descriptor';
import { LEDGER, LEDGER_ITEM_KIND, LEDGER_STATE, PERIOD_KIND } from './ledger/ledger.descriptor';

export type * from './common/descriptor';

/** Yes / no cells (是 / 否), shared by every boolean column. */
export const BOOLEAN = {
  true: { zh: '是', en: 'Yes' },
  false: { zh: '否', en: 'No' },
} satisfies EnumDescriptor;

/** Every enum's words by its GraphQL name: one name per value in each language. */
export const ENUMS = {
  IndicatorAttribute: INDICATOR_ATTRIBUTE,
  TargetKind: TARGET_KIND,
  TargetMethod: TARGET_METHOD,
  ResponsibilityRole: RESPONSIBILITY_ROLE,
  AssessmentMethod: ASSESSMENT_METHOD,
  RectificationStatus: RECTIFICATION_STATUS,
  FeedbackSource: FEEDBACK_SOURCE,
  InnovationField: INNOVATION_FIELD,
  Boolean: BOOLEAN,
} satisfies Record<string, EnumDescriptor>;

export type EnumName = keyof typeof ENUMS;

/** The tables by their API name (the transfer table's name, the grid's key). */
export const DESCRIPTORS = {
  plans: PLANS,
  departments: DEPARTMENTS,
  indicators: INDICATORS,
  specialTargets: SPECIAL_TARGETS,
  rectifications: RECTIFICATIONS,
  innovationTopics: INNOVATION_TOPICS,
  standards: STANDARDS,
} satisfies Record<string, TableDescriptor>;

export type DescribedTable = keyof typeof DESCRIPTORS;

/**
 * The tables files carry: the grid tables, and the ledger (电子台账), which a department's spreadsheet
 * names by item kind and plan number rather than as the LedgerEntry type's fields (so it is not one of
 * the grid tables above, whose fields the GraphQL types must have).
 */
export const FILE_DESCRIPTORS = {
  ...DESCRIPTORS,
  ledgerEntries: LEDGER,
} satisfies Record<string, TableDescriptor>;

export type FileTable = keyof typeof FILE_DESCRIPTORS;

/** Every enum's words a file may use: the grid tables' and the ledger's. */
export const FILE_ENUMS = {
  ...ENUMS,
  LedgerItemKind: LEDGER_ITEM_KIND,
  LedgerState: LEDGER_STATE,
  PeriodKind: PERIOD_KIND,
} satisfies Record<string, EnumDescriptor>;

export type FileEnumName = keyof typeof FILE_ENUMS;

/** The input fields a service copies to the entity as they are: whether null is allowed, and the property where it differs. */
export function columnFields(d: TableDescriptor): Record<string, { nullable: boolean; property?: string }> {
  const out: Record<string, { nullable: boolean; property?: string }> = {};
  for (const f of d.fields) if (f.column) out[f.field] = f.property ? { nullable: !!f.nullable, property: f.property } : { nullable: !!f.nullable };
  return out;
}

/** The entity properties whose text a list's `search` looks in. */
export const searchableProperties = (d: TableDescriptor): string[] => d.fields.filter((f) => f.searchable).map((f) => f.property ?? f.field);

/** The fields `orderBy` accepts, mapped to entity properties. */
export function sortableProperties(d: TableDescriptor): Record<string, string> {
  return Object.fromEntries(d.fields.filter((f) => f.sortable).map((f) => [f.field, f.property ?? f.field]));
}

export const fieldOf = (d: TableDescriptor, field: string): FieldDescriptor | undefined => d.fields.find((f) => f.field === field);
