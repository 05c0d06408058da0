import type { FieldDescriptor } from './descriptor';

/** The columns every plan table has (schema/common/plan-item.entity.ts), shared by their descriptors. */
export const SEQ: FieldDescriptor = {
  field: 'seq',
  label: { zh: '序号', en: 'No.' },
  aliases: ['编号', 'no', 'no.'],
  kind: 'int',
  cell: 'int',
  required: true,
  sortable: true,
  fileWidth: 6,
};

// 规划 was this column's header before the grid and the files shared one set of words.
export const PLAN_CODE: FieldDescriptor = {
  field: 'planCode',
  label: { zh: '所属规划', en: 'In plan' },
  aliases: ['规划', '规划代码', 'plan code'],
  kind: 'meta',
  cell: 'planCode',
  fileWidth: 16,
};

/** What the hub keeps about a row: the grid shows them, its CSV carries them, the import leaves them alone. */
export const ROW_META: FieldDescriptor[] = [
  { field: 'version', label: { zh: '版本', en: 'Version' }, kind: 'meta', cell: 'informational', sortable: true },
  { field: 'updatedAt', label: { zh: '更新时间', en: 'Updated' }, kind: 'datetime', cell: 'informational', sortable: true },
  { field: 'createdAt', label: { zh: '创建时间', en: 'Created' }, kind: 'datetime', cell: 'informational', sortable: true },
  { field: 'id', label: { zh: '内部编号', en: 'ID' }, kind: 'id', cell: 'informational', sortable: true },
];

export const OTHERS_INVOLVED: FieldDescriptor = {
  field: 'othersInvolved',
  label: { zh: '另有单位（等）', en: 'Others involved' },
  aliases: ['含其他单位', '等'],
  kind: 'bool',
  cell: 'bool',
  column: true,
  fileWidth: 10,
};
