/**
 * The words a person reads for each column and enum value, in Chinese and English, as the older
 * callers name them: derived from the table descriptors (schema/<table>/<table>.descriptor.ts, indexed
 * in schema/descriptors.ts), where they are written once.
 */
import { DESCRIPTORS, ENUMS, type DescribedTable } from './descriptors';
import type { Label } from './common/descriptor';

export type { EnumValueLabel, Label } from './common/descriptor';
export type { EnumName } from './descriptors';

export const ENUM_LABELS = ENUMS;

export type LabelledTable = DescribedTable;

/** Column labels by table and field (the field is the GraphQL field, the grid's column id, the JSON key). */
export const COLUMN_LABELS = Object.fromEntries(
  Object.entries(DESCRIPTORS).map(([table, d]) => [table, Object.fromEntries(d.fields.map((f) => [f.field, f.label]))]),
) as Record<LabelledTable, Record<string, Label>>;

/**
 * Columns a grid shows and its CSV carries that a file does not set: the import accepts them and
 * leaves them alone (versions and times are the hub's; an indicator's special targets are set from
 * the special targets' 关联指标 column).
 */
export const INFORMATIONAL_COLUMNS: Partial<Record<LabelledTable, string[]>> = Object.fromEntries(
  Object.entries(DESCRIPTORS)
    .map(([table, d]) => [table, d.fields.filter((f) => f.cell === 'informational').map((f) => f.field)] as const)
    .filter(([, fields]) => fields.length),
);
