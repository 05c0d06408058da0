import type { Text } from '../i18n';
import type { EnumName } from './enums';
import type { DepartmentsQuery, ResponsibilityRole } from '../api/generated/graphql';

export type TableKey = 'indicators' | 'specialTargets' | 'rectifications' | 'innovationTopics' | 'standards' | 'departments';

/**
 * How a field is shown, edited, pasted and sent:
 * - text / longText: strings (longText edits in a large popup);
 * - int (seq), year, float: numbers; int and year only whole numbers;
 * - enum / enumList: one or several values of `enumName`, shown with their labels;
 * - bool: a checkbox;
 * - responsibilities: departments with LEAD / SUPPORT;
 * - stringList: a list of short texts (aliases, sources);
 * - links: rows of another table (indicator ↔ special target);
 * - id / datetime / meta: read only.
 */
export type FieldKind = 'id' | 'text' | 'longText' | 'int' | 'year' | 'float' | 'enum' | 'enumList' | 'bool' | 'responsibilities' | 'stringList' | 'links' | 'datetime' | 'meta';

export interface FieldSpec {
  /** The GraphQL field, also the grid's colId. */
  name: string;
  label: Text;
  kind: FieldKind;
  enumName?: EnumName;
  /** Patch key where it differs from the field, e.g. specialTargets → specialTargetIds. */
  patchKey?: string;
  /** Empty means null (nullable fields only). */
  nullable?: boolean;
  /** Must be given when a row is added. */
  required?: boolean;
  /** Only the evaluation office (ADMIN) changes it; the grid keeps it read-only for editors. */
  office?: boolean;
  /** Never edited in the grid: it changes another way (a rectification's status: through its loop). */
  readOnly?: boolean;
  /** Asked for in the add-row form (required fields always are). */
  inCreate?: boolean;
  maxLength?: number;
  width?: number;
  /** Hidden until the user shows it from the column menu. */
  hidden?: boolean;
  /** For links: the table the ids point at. */
  linkTable?: TableKey;
  /** Extra help shown in the add-row form and header tooltip. */
  hint?: Text;
}

export interface TableSpec {
  key: TableKey;
  path: string;
  label: Text;
  /** One row, for messages: 指标 / indicator. */
  rowNoun: Text;
  typeName: string;
  /** Query and mutation names. */
  single: string;
  list: string;
  create: string;
  update: string;
  remove: string;
  inputType: string;
  patchType: string;
  filterType?: string;
  /** Large tables page, sort and filter on the server (AG Grid's infinite row model). */
  rowModel: 'infinite' | 'clientSide';
  fields: FieldSpec[];
  /** GraphQL selection of one row. */
  selection: string;
  /** The field that names a row in messages and links. */
  titleField: string;
  /** Fields the list query can order by. */
  sortable: string[];
  /** Server filter arguments by column: enum filters, boolean filters, department + role. */
  serverFilters: Record<string, 'enum' | 'bool' | 'department'>;
}

/** A department as the grids and editors know it (the GraphQL type Department, generated from the schema). */
export type Department = Pick<DepartmentsQuery['departments'][number], 'id' | 'code' | 'name' | 'nameEn' | 'aliases'>;

/** A row's department and its role; `id` is absent on one added in an editor and not yet saved. */
export interface Responsibility {
  id?: string;
  role: ResponsibilityRole;
  note?: string | null;
  /** The note in English (the English UI shows it where there is one). */
  noteEn?: string | null;
  department: Department;
}

export interface LinkRef {
  id: string;
  seq: number;
  title?: string;
  name?: string;
}

export type Row = Record<string, any> & { id: string; version: number };
