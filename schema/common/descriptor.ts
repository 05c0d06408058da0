/**
 * The shape of a table descriptor (schema/<table>/<table>.descriptor.ts): each table described once —
 * its fields, their words in Chinese and English, the words of their enum values, what is searchable,
 * sortable, required, and how a file carries each — and every layer takes it from there: the services'
 * field registries, the transfer code (server/transfer/tables.ts, labels.ts), and the client's grids
 * (through client/src/tables/descriptors.generated.ts, written by `npm run descriptors`).
 *
 * Plain data and types only: no decorators, no entity classes, no server code.
 */
export interface Label {
  zh: string;
  en: string;
}

/** An enum value's words: the one name per language shown and written, and older words files may use (read only). */
export interface EnumValueLabel extends Label {
  synonyms?: string[];
}

/** An enum: its values, in the plan's order, with their words. */
export type EnumDescriptor = Record<string, EnumValueLabel>;

/**
 * How the grid shows and edits a value:
 * - text / longText: strings (longText edits in a large popup);
 * - int (seq), year, float: numbers; int and year only whole numbers;
 * - enum / enumList: one or several values of the field's `enum`, shown with their labels;
 * - bool: a checkbox;
 * - responsibilities: departments with LEAD / SUPPORT;
 * - stringList: a list of short texts (aliases, sources);
 * - links: rows of another table (indicator ↔ special target);
 * - id / datetime / meta: read only.
 */
export type FieldKind = 'id' | 'text' | 'longText' | 'int' | 'year' | 'float' | 'enum' | 'enumList' | 'bool' | 'responsibilities' | 'stringList' | 'links' | 'datetime' | 'meta';

/**
 * How a file (CSV, XLSX, JSON) carries a column, read and written by server/transfer/cells.ts:
 * - text, date, int, float, bool: one value;
 * - enum / enumList: the field's `enum`, written with its Chinese label, read in any of its words;
 * - textList: texts one per line; seqList: the 序号 of linked rows;
 * - responsibilities: 牵头：…；配合：…; notes: the units' notes (责任说明); planCode: the plan's code;
 * - informational: a column a file may carry (the grid's CSV does) that the import leaves alone.
 */
export type CellType = 'text' | 'date' | 'int' | 'float' | 'bool' | 'enum' | 'enumList' | 'textList' | 'seqList' | 'responsibilities' | 'notes' | 'planCode' | 'informational';

export interface FieldDescriptor {
  /** The GraphQL field: the grid's column id, the JSON key, a header files may use. */
  field: string;
  label: Label;
  /** More headers a file may use for this column (older words, the plan's own). */
  aliases?: string[];
  /** How the grid shows and edits it; absent where the grid has no such column (责任说明). */
  kind?: FieldKind;
  /** For enum / enumList values: the enum's name (a key of the descriptors' enums). */
  enum?: string;
  /** How a file carries it; absent where files do not. */
  cell?: CellType;
  /** A new row must have it: the add-row form asks for it, and a file without this column is refused. */
  required?: boolean;
  /** Where the file rule differs from `required`: false for a column the import can do without. */
  fileRequired?: boolean;
  /** An empty value means null (otherwise: an empty text, the default, or an empty list). */
  nullable?: boolean;
  /** The entity property, where it differs from field. */
  property?: string;
  /** A plain column: the service copies the input's value to the entity property as it is. */
  column?: boolean;
  /** Only the evaluation office (ADMIN) changes it (an indicator's base and target method); editors read it. */
  office?: boolean;
  /** The list filter's `search` looks in it. */
  searchable?: boolean;
  /** Lists can be ordered by it (`orderBy: [{ field }]`). */
  sortable?: boolean;
  /** The list filter (`<Type>Filter`) has an argument for it: equal to a value, or held by a department (with a role). */
  filter?: 'enum' | 'bool' | 'year' | 'department';
  /** The filter argument's name, where it differs from field (one value of a list: assessmentMethod). */
  filterArg?: string;
  maxLength?: number;
  /** For links: the patch key (specialTargets → specialTargetIds) and the table the ids point at. */
  patchKey?: string;
  linkTable?: string;
  /** XLSX column width in characters. */
  fileWidth?: number;
}

export interface TableDescriptor {
  /** The API's name of the table: the list query, the transfer table (camelCase). */
  name: string;
  /** The GraphQL type of a row. */
  typeName: string;
  /** Its name in files and messages (XLSX sheet names): 重点绩效指标. */
  fileLabel: string;
  /** kebab-case: file names, URL paths. */
  slug: string;
  /** Columns, in the order files write them; the grid's order is the client's (client/src/tables/specs.ts). */
  fields: FieldDescriptor[];
}
