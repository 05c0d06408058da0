import type { TableDescriptor } from '../common/descriptor';
import { PLAN_CODE, ROW_META, SEQ } from '../common/plan-item.descriptor';
import { RESPONSIBILITIES, RESPONSIBILITY_NOTES } from '../responsibilities/responsibilities.descriptor';

/** 公共治理标准: the plan's table 5 (standard.entity.ts). */
export const STANDARDS: TableDescriptor = {
  name: 'standards',
  typeName: 'Standard',
  fileLabel: '公共治理标准',
  slug: 'standards',
  fields: [
    SEQ,
    { field: 'name', label: { zh: '标准名称', en: 'Standard' }, aliases: ['名称', '标准'], kind: 'text', cell: 'text', required: true, column: true, searchable: true, sortable: true, maxLength: 300, fileWidth: 40 },
    { field: 'releaseYear', label: { zh: '出台年份', en: 'Release year' }, aliases: ['发布年份', '年份', '出台时间'], kind: 'year', cell: 'int', required: true, column: true, sortable: true, filter: 'year', fileWidth: 10 },
    RESPONSIBILITIES,
    RESPONSIBILITY_NOTES,
    PLAN_CODE,
    ...ROW_META,
  ],
};
