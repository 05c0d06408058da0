import type { TableDescriptor } from '../common/descriptor';

/** 规划: a plan the tables belong to (plan.entity.ts); files only, no grid. */
export const PLANS: TableDescriptor = {
  name: 'plans',
  typeName: 'Plan',
  fileLabel: '规划',
  slug: 'plans',
  fields: [
    { field: 'code', label: { zh: '代码', en: 'Code' }, aliases: ['规划代码'], kind: 'text', cell: 'text', required: true, fileWidth: 18 },
    { field: 'name', label: { zh: '名称', en: 'Name' }, aliases: ['规划名称'], kind: 'text', cell: 'text', required: true, fileWidth: 50 },
    { field: 'nameEn', label: { zh: '英文名称', en: 'English name' }, kind: 'text', cell: 'text', required: true, fileWidth: 50 },
    { field: 'startYear', label: { zh: '起始年份', en: 'Start year' }, aliases: ['开始年份'], kind: 'year', cell: 'int', required: true, fileWidth: 10 },
    { field: 'endYear', label: { zh: '结束年份', en: 'End year' }, kind: 'year', cell: 'int', required: true, fileWidth: 10 },
    { field: 'publishedOn', label: { zh: '发布日期', en: 'Published on' }, kind: 'text', cell: 'date', nullable: true, fileWidth: 12 },
    { field: 'source', label: { zh: '来源', en: 'Source' }, kind: 'text', cell: 'text', nullable: true, fileWidth: 40 },
  ],
};
