import type { EnumDescriptor, TableDescriptor } from '../common/descriptor';
import { PLAN_CODE, ROW_META, SEQ } from '../common/plan-item.descriptor';
import { RESPONSIBILITIES, RESPONSIBILITY_NOTES } from '../responsibilities/responsibilities.descriptor';

/** InnovationField (innovation-topic.enums.ts). */
export const INNOVATION_FIELD = {
  ECONOMY: { zh: '经济建设', en: 'Economy' },
  POLITICS: { zh: '政治建设', en: 'Politics' },
  CULTURE: { zh: '文化建设', en: 'Culture' },
  SOCIETY: { zh: '社会建设', en: 'Society' },
  ECOLOGY: { zh: '生态文明建设', en: 'Ecology' },
  INSTITUTIONS: { zh: '制度建设', en: 'Institutions' },
} satisfies EnumDescriptor;

/** 创新指引课题: the plan's table 4 (innovation-topic.entity.ts). */
export const INNOVATION_TOPICS: TableDescriptor = {
  name: 'innovationTopics',
  typeName: 'InnovationTopic',
  fileLabel: '创新指引课题',
  slug: 'innovation-topics',
  fields: [
    SEQ,
    { field: 'field', label: { zh: '申报方向', en: 'Field' }, aliases: ['方向', '领域'], kind: 'enum', enum: 'InnovationField', cell: 'enum', required: true, column: true, sortable: true, filter: 'enum', fileWidth: 12 },
    { field: 'title', label: { zh: '选题', en: 'Topic' }, aliases: ['课题'], kind: 'text', cell: 'text', required: true, column: true, searchable: true, sortable: true, maxLength: 300, fileWidth: 30 },
    { field: 'problem', label: { zh: '需要突破和解决的问题', en: 'Problem to solve' }, aliases: ['问题'], kind: 'longText', cell: 'text', required: true, column: true, searchable: true, maxLength: 20000, fileWidth: 50 },
    { field: 'path', label: { zh: '创新路径', en: 'Path' }, kind: 'longText', cell: 'text', required: true, column: true, searchable: true, maxLength: 20000, fileWidth: 50 },
    { field: 'sources', label: { zh: '依据文件', en: 'Sources' }, aliases: ['依据', '来源'], kind: 'stringList', cell: 'textList', column: true, fileWidth: 30 },
    RESPONSIBILITIES,
    RESPONSIBILITY_NOTES,
    PLAN_CODE,
    ...ROW_META,
  ],
};
