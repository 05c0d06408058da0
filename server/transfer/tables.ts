import type { EntityName } from '@mikro-orm/core';
import { TransferTable } from '../../schema/transfer/transfer.enums';
import type { ItemKind } from '../../schema/responsibilities/responsibility.entity';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { Rectification } from '../../schema/rectifications/rectification.entity';
import { InnovationTopic } from '../../schema/innovation-topics/innovation-topic.entity';
import { Standard } from '../../schema/standards/standard.entity';
import { IndicatorInput } from '../../schema/indicators/indicator.inputs';
import { SpecialTargetInput } from '../../schema/special-targets/special-target.inputs';
import { RectificationInput } from '../../schema/rectifications/rectification.inputs';
import { InnovationTopicInput } from '../../schema/innovation-topics/innovation-topic.inputs';
import { StandardInput } from '../../schema/standards/standard.inputs';
import { DepartmentInput } from '../../schema/departments/department.inputs';
import { PlanRowInput } from '../../schema/transfer/transfer.inputs';
import { badInput } from '../errors';
import { ENUMS_BY_NAME, type EnumLabels } from './labels';
import { FILE_DESCRIPTORS as DESCRIPTORS } from '../../schema/descriptors';
import { LedgerEntryInput } from '../../schema/ledger/ledger.inputs';
import type { FieldDescriptor, TableDescriptor } from '../../schema/common/descriptor';

export type CellKind =
  | { type: 'text' }
  | { type: 'date' }
  | { type: 'int' }
  | { type: 'float' }
  | { type: 'bool' }
  | { type: 'enum'; enum: EnumLabels }
  | { type: 'enumList'; enum: EnumLabels }
  | { type: 'textList' }
  | { type: 'seqList' }
  | { type: 'responsibilities' }
  | { type: 'notes' }
  | { type: 'planCode' }
  | { type: 'milestones' };

export interface ColumnSpec {
  /** The API field name: the English header and the JSON key. */
  field: string;
  /** The Chinese header exports write. */
  header: string;
  /** More headers a file may use for this column. */
  aliases?: string[];
  kind: CellKind;
  /** A file without this column is refused: rows cannot be created without it. */
  required?: boolean;
  /** An empty cell means null (otherwise: an empty text, the default, or an empty list). */
  nullable?: boolean;
  /** The entity property, where it differs from field. */
  property?: string;
  /** XLSX column width in characters. */
  width?: number;
  /** How the value is stored where the column differs from the API (a list kept as text). */
  stored?: { save(value: unknown): unknown; load(value: unknown): unknown };
  /** JSON files only (a list of objects): CSV and XLSX exports leave it out, and a spreadsheet cannot set it. */
  jsonOnly?: boolean;
}

export type TableName = Exclude<TransferTable, TransferTable.ALL>;
export type PlanTableName = Exclude<TableName, TransferTable.PLANS | TransferTable.DEPARTMENTS | TransferTable.LEDGER>;

interface BaseSpec {
  name: TableName;
  /** Chinese name: XLSX sheet names and messages. */
  label: string;
  /** kebab-case, for file names. */
  slug: string;
  inputClass: new () => object;
  columns: ColumnSpec[];
}

export interface PlanTableSpec extends BaseSpec {
  name: PlanTableName;
  entity: EntityName<object> & (new () => object);
  kind: ItemKind;
  typeName: string;
}
export interface KeyedTableSpec extends BaseSpec {
  name: TransferTable.PLANS | TransferTable.DEPARTMENTS | TransferTable.LEDGER;
}
export type TableSpec = PlanTableSpec | KeyedTableSpec;

/** A descriptor's field as files carry it: its Chinese label is the header exports write; its English label, field name and aliases are read too. */
function columnOf(table: string, f: FieldDescriptor): ColumnSpec {
  const kind: CellKind =
    f.cell === 'enum' || f.cell === 'enumList'
      ? { type: f.cell, enum: ENUMS_BY_NAME[f.enum!] ?? fail(`${table}.${f.field}: no enum ${f.enum}`) }
      : ({ type: f.cell } as CellKind);
  const column: ColumnSpec = { field: f.field, header: f.label.zh, aliases: [...new Set([...(f.aliases ?? []), f.label.en])], kind };
  if (f.fileRequired ?? f.required) column.required = true;
  if (f.nullable) column.nullable = true;
  if (f.property) column.property = f.property;
  if (f.fileWidth) column.width = f.fileWidth;
  const stored = STORED[`${table}.${f.field}`];
  if (stored) column.stored = stored;
  return column;
}
function fail(message: string): never {
  throw new Error(message);
}

/** How the server keeps a column where it differs from the API. */
const STORED: Record<string, ColumnSpec['stored']> = {
  // As SpecialTarget keeps them: distinct names joined by commas.
  'specialTargets.assessmentMethods': { save: (v) => [...new Set(v as string[])].join(','), load: (v) => (v ? String(v).split(',') : []) },
};

/** The columns a file carries, in the descriptor's order (informational ones aside). */
const columnsOf = (d: TableDescriptor): ColumnSpec[] => d.fields.filter((f) => f.cell && f.cell !== 'informational').map((f) => columnOf(d.name, f));

const base = (d: TableDescriptor) => ({ label: d.fileLabel, slug: d.slug, columns: columnsOf(d) });
const plan = (name: PlanTableName, d: TableDescriptor, inputClass: new () => object, entity: PlanTableSpec['entity'], kind: ItemKind): PlanTableSpec => ({
  name,
  ...base(d),
  inputClass,
  entity,
  kind,
  typeName: d.typeName,
});

/**
 * A special target's milestones (the numeric aims of its content) travel under it in JSON files, as a
 * list of { seq, text, name, value, unit, year, cumulative }: the whole set of that target (a file
 * without the key leaves the stored milestones alone, as older exports do). Not a column of the grid
 * or of spreadsheets, so not in the table's descriptor; placed after the linked indicators.
 */
export const MILESTONES_COLUMN: ColumnSpec = { field: 'milestones', header: '里程碑', aliases: ['Milestones', '分项目标'], kind: { type: 'milestones' }, jsonOnly: true };

function withMilestones(spec: PlanTableSpec): PlanTableSpec {
  const at = spec.columns.findIndex((c) => c.field === 'indicators') + 1;
  return { ...spec, columns: [...spec.columns.slice(0, at), MILESTONES_COLUMN, ...spec.columns.slice(at)] };
}

/** Each table as files carry it: derived from its descriptor (schema/<table>/<table>.descriptor.ts). */
export const TABLES: Record<TableName, TableSpec> = {
  plans: { name: TransferTable.PLANS, ...base(DESCRIPTORS.plans), inputClass: PlanRowInput },
  departments: { name: TransferTable.DEPARTMENTS, ...base(DESCRIPTORS.departments), inputClass: DepartmentInput },
  indicators: plan(TransferTable.INDICATORS, DESCRIPTORS.indicators, IndicatorInput, Indicator, 'indicator'),
  specialTargets: withMilestones(plan(TransferTable.SPECIAL_TARGETS, DESCRIPTORS.specialTargets, SpecialTargetInput, SpecialTarget, 'specialTarget')),
  rectifications: plan(TransferTable.RECTIFICATIONS, DESCRIPTORS.rectifications, RectificationInput, Rectification, 'rectification'),
  innovationTopics: plan(TransferTable.INNOVATION_TOPICS, DESCRIPTORS.innovationTopics, InnovationTopicInput, InnovationTopic, 'innovationTopic'),
  standards: plan(TransferTable.STANDARDS, DESCRIPTORS.standards, StandardInput, Standard, 'standard'),
  // A department's ledger spreadsheet (ledger-table.ts): not part of a whole-plan document.
  ledgerEntries: { name: TransferTable.LEDGER, ...base(DESCRIPTORS.ledgerEntries), inputClass: LedgerEntryInput },
};

/** The headers of columns a file may carry but does not set (the grid's versions, times, ids), by table. */
function informational(table: TableName): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of DESCRIPTORS[table].fields) {
    if (f.cell !== 'informational') continue;
    for (const h of [f.field, f.label.zh, f.label.en, ...(f.aliases ?? [])]) out.set(headerKey(h), f.field);
  }
  return out;
}
const informationalIndex = new Map<TableName, Map<string, string>>();

/** The field of a column the import accepts and leaves alone (版本, 更新时间, …), or undefined. */
export function informationalColumn(table: TableName, header: string): string | undefined {
  let index = informationalIndex.get(table);
  if (!index) informationalIndex.set(table, (index = informational(table)));
  return index.get(headerKey(header));
}

/** The order a whole-plan document is loaded in: what others point at comes first. */
export const LOAD_ORDER: TableName[] = [
  TransferTable.DEPARTMENTS,
  TransferTable.PLANS,
  TransferTable.INDICATORS,
  TransferTable.SPECIAL_TARGETS,
  TransferTable.RECTIFICATIONS,
  TransferTable.INNOVATION_TOPICS,
  TransferTable.STANDARDS,
];
export const PLAN_TABLES: PlanTableName[] = [
  TransferTable.INDICATORS,
  TransferTable.SPECIAL_TARGETS,
  TransferTable.RECTIFICATIONS,
  TransferTable.INNOVATION_TOPICS,
  TransferTable.STANDARDS,
];

export function isPlanTable(spec: TableSpec): spec is PlanTableSpec {
  return 'entity' in spec;
}

/** A header as typed by people: width, case, spaces, underscores and marks like * or （必填） do not matter. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[(（]\s*(必填|选填|可选|required|optional)\s*[)）]/gi, '')
    .replace(/[\s_\-*:：]/g, '')
    .toLowerCase();
}

const headerIndex = new Map<TableName, Map<string, ColumnSpec>>();

/** The column a header names, or undefined. */
export function columnFor(table: TableName, header: string): ColumnSpec | undefined {
  let index = headerIndex.get(table);
  if (!index) {
    index = new Map();
    for (const c of TABLES[table].columns) for (const h of [c.field, c.header, ...(c.aliases ?? [])]) index.set(headerKey(h), c);
    headerIndex.set(table, index);
  }
  return index.get(headerKey(header));
}

const TABLE_NAMES: Record<string, TransferTable> = {};
for (const t of Object.values(TransferTable)) TABLE_NAMES[headerKey(t)] = t;
for (const [t, spec] of Object.entries(TABLES)) {
  TABLE_NAMES[headerKey(spec.slug)] = t as TransferTable;
  TABLE_NAMES[headerKey(spec.label)] = t as TransferTable;
}
Object.assign(TABLE_NAMES, { plan: TransferTable.ALL, 全部: TransferTable.ALL, 整个规划: TransferTable.ALL });

/** A table named the way the CLI, a sheet or a JSON document may name it: specialTargets, special-targets, 重点专项目标. */
export function parseTableName(name: string, field = 'table'): TransferTable {
  const t = TABLE_NAMES[headerKey(name)];
  if (!t) throw badInput(field, `unknown table "${name}"; use one of ${Object.values(TransferTable).join(', ')}`);
  return t;
}
