import type { FieldKind, FieldSpec, TableKey, TableSpec } from './types';
import type { EnumName } from './enums';
import { DESCRIPTORS } from './descriptors.generated';

/**
 * The grids: which columns each shows, in what order, how wide, and the help they give. What a field
 * is — its words, kind, enum, rules, whether lists sort and filter by it — comes from the table's
 * descriptor (schema/<table>/<table>.descriptor.ts) through the generated module, as the files and
 * the server take it: one set of words for the grid, its CSV, the server's export and the import.
 */
const DEPARTMENT = 'id code name nameEn aliases';
const RESPONSIBILITIES = `responsibilities { id role note noteEn department { ${DEPARTMENT} } }`;

interface Described {
  field: string;
  label: { zh: string; en: string };
  kind?: FieldKind;
  enum?: string;
  required?: boolean;
  office?: boolean;
  nullable?: boolean;
  maxLength?: number;
  patchKey?: string;
  linkTable?: string;
  sortable?: boolean;
  filter?: string;
  filterArg?: string;
}
const described = (table: TableKey): readonly Described[] => DESCRIPTORS[table].fields;

/** How the grid lays a column out: the rest of its FieldSpec comes from the descriptor. */
type View = Pick<FieldSpec, 'width' | 'hidden' | 'hint' | 'inCreate' | 'readOnly'>;

/** A grid column: the descriptor's field, with the grid's layout. */
function column(table: TableKey, name: string, view: View): FieldSpec {
  const d = described(table).find((f) => f.field === name);
  if (!d?.kind) throw new Error(`${table}.${name}: no such column in the descriptor`);
  const spec: FieldSpec = { name, label: d.label, kind: d.kind };
  if (d.enum) spec.enumName = d.enum as EnumName;
  if (d.patchKey) spec.patchKey = d.patchKey;
  if (d.nullable) spec.nullable = true;
  if (d.required) spec.required = true;
  if (d.office) spec.office = true;
  if (d.maxLength) spec.maxLength = d.maxLength;
  if (d.linkTable) spec.linkTable = d.linkTable as TableKey;
  return { ...spec, ...view };
}
/**
 * The grid's columns: those laid out below, in that order, then any other column the descriptor has
 * (a column added to the entity, its descriptor and a migration shows without an edit here).
 */
function columns(table: TableKey, views: [string, View][]): FieldSpec[] {
  const laid = new Set(views.map(([name]) => name));
  const rest = described(table).filter((f) => f.kind && !laid.has(f.field)).map((f): [string, View] => [f.field, { width: 160 }]);
  return [...views, ...rest].map(([name, view]) => column(table, name, view));
}

/** What a row of a table is named by in a link cell. */
const LINK_TITLE: Partial<Record<TableKey, string>> = { indicators: 'name', specialTargets: 'title', rectifications: 'problem', innovationTopics: 'title', standards: 'name', departments: 'name' };

/** The list query's selection: every column the grid has, links and responsibilities as nested objects. */
function selection(fields: FieldSpec[]): string {
  const parts = fields.map((f) => {
    if (f.kind === 'responsibilities') return RESPONSIBILITIES;
    if (f.kind === 'links') return `${f.name} { id seq ${LINK_TITLE[f.linkTable as TableKey] ?? ''} }`;
    return f.name;
  });
  return [...new Set(['id', ...parts])].join(' ');
}

/** Fields the list query can order by. */
const sortable = (table: TableKey) => described(table).filter((f) => f.sortable).map((f) => f.field);

/** The list filter's arguments a column's filter sets (paged tables filter on the server). */
function serverFilters(table: TableKey): TableSpec['serverFilters'] {
  const out: TableSpec['serverFilters'] = {};
  for (const f of described(table)) if ((f.filter === 'enum' || f.filter === 'bool' || f.filter === 'department') && !f.filterArg) out[f.field] = f.filter;
  return out;
}

const withSelection = (spec: Omit<TableSpec, 'selection'>): TableSpec => ({ ...spec, selection: selection(spec.fields) });

/** Columns every plan table shares. */
const seq: [string, View] = ['seq', { width: 90 }];
const responsibilities: [string, View] = ['responsibilities', { inCreate: true, width: 260 }];
const planMeta: [string, View][] = [
  ['planCode', { hidden: true, width: 140 }],
  ['version', { width: 90 }],
  ['updatedAt', { width: 170 }],
  ['createdAt', { hidden: true, width: 170 }],
  ['id', { hidden: true, width: 90 }],
];
const othersInvolved: [string, View] = ['othersInvolved', { width: 130, hint: { zh: '原文责任单位以“等”结尾', en: 'The plan’s list of units ends in 等 (and others)' } }];
export const indicators: TableSpec = withSelection({
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
  fields: columns('indicators', [
    seq,
    ['name', { width: 240 }],
    ['unit', { width: 100 }],
    ['targetText', { width: 150, hint: { zh: '如 1500、13左右、达到68以上、控制在50以内、与GDP同步、市下达目标', en: 'e.g. 1500, 13左右, 达到68以上, 控制在50以内, 与GDP同步, 市下达目标' } }],
    ['targetKind', { width: 130, hint: { zh: '改目标文字时自动识别', en: 'Read again from the target text when it changes' } }],
    ['targetValue', { inCreate: true, width: 110 }],
    ['annualGrowthPct', { inCreate: true, width: 130 }],
    ['attribute', { width: 100 }],
    ['cumulative', { inCreate: true, width: 110, hint: { zh: '规划中标 * 的五年累计数', en: 'Five-year cumulative figure (marked * in the plan)' } }],
    responsibilities,
    ['specialTargets', { width: 240 }],
    ['unitAsWritten', { hidden: true, width: 200, hint: { zh: '单位需要修复时，原页面上的名称单元格', en: 'The name cell as the source page had it, where the unit had to be repaired' } }],
    ['targetAsWritten', { width: 120, hint: { zh: '原文与目标不同时，如“同上”', en: 'Where the plan’s cell differs from the target, e.g. 同上' } }],
    ...planMeta,
  ]),
  sortable: sortable('indicators'),
  serverFilters: serverFilters('indicators'),
});

export const specialTargets: TableSpec = withSelection({
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
  fields: columns('specialTargets', [
    seq,
    ['title', { width: 240 }],
    ['content', { width: 360 }],
    ['assessmentMethods', { inCreate: true, width: 200 }],
    responsibilities,
    othersInvolved,
    ['indicators', { width: 260 }],
    ...planMeta,
  ]),
  sortable: sortable('specialTargets'),
  serverFilters: serverFilters('specialTargets'),
});

export const rectifications: TableSpec = withSelection({
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
  fields: columns('rectifications', [
    seq,
    ['problem', { width: 280 }],
    ['direction', { width: 220 }],
    ['plan', { width: 260 }],
    ['measures', { width: 300 }],
    ['expectedOutcomes', { width: 260 }],
    ['deadlineYear', { inCreate: true, width: 130 }],
    // Moves through the loop only (整改进程 column: advanceRectification with a note), never by an edit.
    ['status', { width: 110, readOnly: true, hint: { zh: '通过“整改进程”推进，需填写说明', en: 'Moved through the loop column, with a note' } }],
    responsibilities,
    othersInvolved,
    ...planMeta,
  ]),
  sortable: sortable('rectifications'),
  serverFilters: serverFilters('rectifications'),
});

export const innovationTopics: TableSpec = withSelection({
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
  fields: columns('innovationTopics', [
    seq,
    ['field', { width: 130 }],
    ['title', { width: 220 }],
    ['problem', { width: 300 }],
    ['path', { width: 300 }],
    ['sources', { inCreate: true, width: 220, hint: { zh: '每行一个文件', en: 'One document per line' } }],
    responsibilities,
    ...planMeta,
  ]),
  sortable: sortable('innovationTopics'),
  serverFilters: serverFilters('innovationTopics'),
});

export const standards: TableSpec = withSelection({
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
  fields: columns('standards', [
    seq,
    ['name', { width: 320 }],
    ['releaseYear', { width: 110 }],
    responsibilities,
    ...planMeta,
  ]),
  sortable: sortable('standards'),
  serverFilters: serverFilters('standards'),
});

export const departments: TableSpec = withSelection({
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
  fields: columns('departments', [
    ['name', { width: 200 }],
    ['code', { width: 180, hint: { zh: '小写字母、数字和连字符，如 housing', en: 'Lowercase letters, digits and -, e.g. housing' } }],
    ['nameEn', { width: 300 }],
    ['aliases', { inCreate: true, width: 280, hint: { zh: '文件中出现过的其他写法，每行一个', en: 'Other spellings met in plan documents, one per line' } }],
    ['version', { width: 90 }],
    ['updatedAt', { width: 170 }],
    ['createdAt', { hidden: true, width: 170 }],
    ['id', { hidden: true, width: 90 }],
  ]),
  sortable: sortable('departments'),
  serverFilters: serverFilters('departments'),
});

export const TABLES: TableSpec[] = [indicators, specialTargets, rectifications, innovationTopics, standards, departments];
export const TABLE_BY_KEY = Object.fromEntries(TABLES.map((t) => [t.key, t])) as Record<TableKey, TableSpec>;

export const isEditable = (f: FieldSpec) => !f.readOnly && !['id', 'datetime', 'meta'].includes(f.kind);
export const fieldOf = (spec: TableSpec, name: string) => spec.fields.find((f) => f.name === name || f.patchKey === name);
