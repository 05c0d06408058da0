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
import { ENUMS, type EnumLabels } from './labels';
import { COLUMN_LABELS, INFORMATIONAL_COLUMNS, type Label } from '../../schema/labels';

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
  | { type: 'planCode' };

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
}

export type TableName = Exclude<TransferTable, TransferTable.ALL>;
export type PlanTableName = Exclude<TableName, TransferTable.PLANS | TransferTable.DEPARTMENTS>;

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
  name: TransferTable.PLANS | TransferTable.DEPARTMENTS;
}
export type TableSpec = PlanTableSpec | KeyedTableSpec;

const text = { type: 'text' } as const;
const int = { type: 'int' } as const;
const float = { type: 'float' } as const;
const bool = { type: 'bool' } as const;

const SEQ: ColumnSpec = { field: 'seq', header: '序号', aliases: ['编号', 'no', 'no.'], kind: int, required: true, width: 6 };
// 规划 was this column's header before the grid and the files shared one set of words.
const OLD_PLAN_HEADER = '规划';
const RESPONSIBILITIES: ColumnSpec = { field: 'responsibilities', header: '责任单位', aliases: ['责任部门', '牵头/配合单位', '责任单位及分工'], kind: { type: 'responsibilities' }, width: 36 };
const NOTES: ColumnSpec = { field: 'responsibilityNotes', header: '责任说明', aliases: ['分工说明', 'notes'], kind: { type: 'notes' }, width: 40 };
const PLAN_CODE: ColumnSpec = { field: 'planCode', header: '所属规划', aliases: [OLD_PLAN_HEADER, '规划代码', 'plan code'], kind: { type: 'planCode' }, width: 16 };

export const TABLES: Record<TableName, TableSpec> = {
  plans: {
    name: TransferTable.PLANS,
    label: '规划',
    slug: 'plans',
    inputClass: PlanRowInput,
    columns: [
      { field: 'code', header: '代码', aliases: ['规划代码'], kind: text, required: true, width: 18 },
      { field: 'name', header: '名称', aliases: ['规划名称'], kind: text, required: true, width: 50 },
      { field: 'nameEn', header: '英文名称', kind: text, required: true, width: 50 },
      { field: 'startYear', header: '起始年份', aliases: ['开始年份'], kind: int, required: true, width: 10 },
      { field: 'endYear', header: '结束年份', kind: int, required: true, width: 10 },
      { field: 'publishedOn', header: '发布日期', kind: { type: 'date' }, nullable: true, width: 12 },
      { field: 'source', header: '来源', kind: text, nullable: true, width: 40 },
    ],
  },
  departments: {
    name: TransferTable.DEPARTMENTS,
    label: '部门',
    slug: 'departments',
    inputClass: DepartmentInput,
    columns: [
      { field: 'code', header: '代码', aliases: ['部门代码'], kind: text, required: true, width: 22 },
      { field: 'name', header: '名称', aliases: ['部门名称', '单位名称', '部门'], kind: text, required: true, width: 22 },
      { field: 'nameEn', header: '英文名称', kind: text, required: true, width: 44 },
      { field: 'aliases', header: '别名', aliases: ['其他名称'], kind: { type: 'textList' }, width: 40 },
    ],
  },
  indicators: {
    name: TransferTable.INDICATORS,
    label: '重点绩效指标',
    slug: 'indicators',
    inputClass: IndicatorInput,
    entity: Indicator,
    kind: 'indicator',
    typeName: 'Indicator',
    columns: [
      SEQ,
      { field: 'name', header: '指标名称', aliases: ['指标'], kind: text, required: true, width: 30 },
      { field: 'unit', header: '单位', kind: text, required: true, width: 8 },
      { field: 'targetText', header: '2020年目标', aliases: ['目标值', '目标', '规划目标'], kind: text, required: true, width: 14 },
      { field: 'targetKind', header: '目标类型', kind: { type: 'enum', enum: ENUMS.targetKind }, width: 10 },
      { field: 'targetValue', header: '目标数值', kind: float, nullable: true, width: 10 },
      { field: 'annualGrowthPct', header: '年均增长（%）', aliases: ['年均增长', '年均增长%', '年均增长率'], kind: float, nullable: true, width: 12 },
      { field: 'attribute', header: '属性', aliases: ['指标属性'], kind: { type: 'enum', enum: ENUMS.attribute }, required: true, width: 10 },
      { field: 'cumulative', header: '五年累计', aliases: ['累计'], kind: bool, width: 10 },
      RESPONSIBILITIES,
      NOTES,
      { field: 'unitAsWritten', header: '名称原文', aliases: ['原文指标名称'], kind: text, nullable: true, width: 30 },
      { field: 'targetAsWritten', header: '目标原文', aliases: ['原文目标值'], kind: text, nullable: true, width: 12 },
      PLAN_CODE,
    ],
  },
  specialTargets: {
    name: TransferTable.SPECIAL_TARGETS,
    label: '重点专项目标',
    slug: 'special-targets',
    inputClass: SpecialTargetInput,
    entity: SpecialTarget,
    kind: 'specialTarget',
    typeName: 'SpecialTarget',
    columns: [
      SEQ,
      { field: 'title', header: '专项目标', aliases: ['目标', '标题', '目标名称', '重点专项目标'], kind: text, required: true, width: 30 },
      { field: 'content', header: '主要内容', aliases: ['目标内容', '内容'], kind: text, required: true, width: 60 },
      {
        field: 'assessmentMethods',
        header: '考核方式',
        kind: { type: 'enumList', enum: ENUMS.assessmentMethod },
        width: 20,
        property: 'assessmentMethodList',
        // As SpecialTarget keeps them: distinct names joined by commas.
        stored: { save: (v) => [...new Set(v as string[])].join(','), load: (v) => (v ? String(v).split(',') : []) },
      },
      { field: 'othersInvolved', header: '另有单位（等）', aliases: ['含其他单位', '等'], kind: bool, width: 10 },
      { ...RESPONSIBILITIES, aliases: [...RESPONSIBILITIES.aliases!, '考核牵头部门'] },
      NOTES,
      { field: 'indicators', header: '关联指标', aliases: ['关联指标序号', 'indicatorSeqs'], kind: { type: 'seqList' }, width: 14 },
      PLAN_CODE,
    ],
  },
  rectifications: {
    name: TransferTable.RECTIFICATIONS,
    label: '热点问题整改',
    slug: 'rectifications',
    inputClass: RectificationInput,
    entity: Rectification,
    kind: 'rectification',
    typeName: 'Rectification',
    columns: [
      SEQ,
      { field: 'problem', header: '问题概要', aliases: ['问题'], kind: text, required: true, width: 40 },
      { field: 'direction', header: '整改方向', kind: text, required: true, width: 30 },
      { field: 'plan', header: '整改计划', property: 'planText', kind: text, required: true, width: 40 },
      { field: 'measures', header: '整改举措及目标', aliases: ['整改举措'], kind: text, required: true, width: 40 },
      { field: 'expectedOutcomes', header: '预期成效', kind: text, required: true, width: 40 },
      { field: 'deadlineYear', header: '整改时限（年）', aliases: ['整改时限', '整改年份', '时限'], kind: int, nullable: true, width: 10 },
      { field: 'status', header: '状态', aliases: ['整改状态'], kind: { type: 'enum', enum: ENUMS.status }, width: 10 },
      { field: 'othersInvolved', header: '另有单位（等）', aliases: ['含其他单位', '等'], kind: bool, width: 10 },
      RESPONSIBILITIES,
      NOTES,
      PLAN_CODE,
    ],
  },
  innovationTopics: {
    name: TransferTable.INNOVATION_TOPICS,
    label: '创新指引课题',
    slug: 'innovation-topics',
    inputClass: InnovationTopicInput,
    entity: InnovationTopic,
    kind: 'innovationTopic',
    typeName: 'InnovationTopic',
    columns: [
      SEQ,
      { field: 'field', header: '申报方向', aliases: ['方向', '领域'], kind: { type: 'enum', enum: ENUMS.innovationField }, required: true, width: 12 },
      { field: 'title', header: '选题', aliases: ['课题'], kind: text, required: true, width: 30 },
      { field: 'problem', header: '需要突破和解决的问题', aliases: ['问题'], kind: text, required: true, width: 50 },
      { field: 'path', header: '创新路径', kind: text, required: true, width: 50 },
      { field: 'sources', header: '依据文件', aliases: ['依据', '来源'], kind: { type: 'textList' }, width: 30 },
      RESPONSIBILITIES,
      NOTES,
      PLAN_CODE,
    ],
  },
  standards: {
    name: TransferTable.STANDARDS,
    label: '公共治理标准',
    slug: 'standards',
    inputClass: StandardInput,
    entity: Standard,
    kind: 'standard',
    typeName: 'Standard',
    columns: [
      SEQ,
      { field: 'name', header: '标准名称', aliases: ['名称', '标准'], kind: text, required: true, width: 40 },
      { field: 'releaseYear', header: '出台年份', aliases: ['发布年份', '年份', '出台时间'], kind: int, required: true, width: 10 },
      RESPONSIBILITIES,
      NOTES,
      PLAN_CODE,
    ],
  },
};

// One set of words: each column's header is the shared label (schema/labels.ts), which the grid shows;
// its English label and field name are read too. A header that drifts from the label fails here, at load.
for (const [name, spec] of Object.entries(TABLES)) {
  const labels: Record<string, Label> = COLUMN_LABELS[name as TableName];
  for (const c of spec.columns) {
    const label = labels[c.field];
    if (!label || label.zh !== c.header) throw new Error(`transfer column ${name}.${c.field}: header ${c.header} is not its label ${label?.zh}`);
    c.aliases = [...new Set([...(c.aliases ?? []), label.en])];
  }
}

/** The headers of columns a file may carry but does not set (the grid's versions, times, ids), by table. */
function informational(table: TableName): Map<string, string> {
  const labels: Record<string, Label> = COLUMN_LABELS[table];
  const out = new Map<string, string>();
  for (const field of INFORMATIONAL_COLUMNS[table] ?? []) for (const h of [field, labels[field].zh, labels[field].en]) out.set(headerKey(h), field);
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
