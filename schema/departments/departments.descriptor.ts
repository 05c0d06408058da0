import type { TableDescriptor } from '../common/descriptor';
import { ROW_META } from '../common/plan-item.descriptor';

/** 部门: the departments that answer for rows, under all their spellings (department.entity.ts). */
export const DEPARTMENTS: TableDescriptor = {
  name: 'departments',
  typeName: 'Department',
  fileLabel: '部门',
  slug: 'departments',
  fields: [
    { field: 'code', label: { zh: '代码', en: 'Code' }, aliases: ['部门代码'], kind: 'text', cell: 'text', required: true, maxLength: 64, fileWidth: 22 },
    { field: 'name', label: { zh: '名称', en: 'Name' }, aliases: ['部门名称', '单位名称', '部门'], kind: 'text', cell: 'text', required: true, maxLength: 200, fileWidth: 22 },
    { field: 'nameEn', label: { zh: '英文名称', en: 'English name' }, kind: 'text', cell: 'text', required: true, maxLength: 300, fileWidth: 44 },
    { field: 'aliases', label: { zh: '别名', en: 'Aliases' }, aliases: ['其他名称'], kind: 'stringList', cell: 'textList', fileWidth: 40 },
    // The hub's own, as on the plan tables; departments are not sorted by the list query.
    ...ROW_META.map(({ sortable: _, ...f }) => f),
  ],
};
