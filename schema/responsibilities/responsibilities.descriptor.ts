import type { EnumDescriptor, FieldDescriptor } from '../common/descriptor';

/** 牵头 / 配合: ResponsibilityRole (responsibility.enums.ts). */
export const RESPONSIBILITY_ROLE = {
  LEAD: { zh: '牵头', en: 'Lead' },
  SUPPORT: { zh: '配合', en: 'Support' },
} satisfies EnumDescriptor;

/**
 * The nested column every plan table shares: the departments that answer for a row, each leading or
 * supporting. Files write it as 牵头：…；配合：…, the notes of the units in a column of their own.
 */
export const RESPONSIBILITIES: FieldDescriptor = {
  field: 'responsibilities',
  label: { zh: '责任单位', en: 'Responsible units' },
  aliases: ['责任部门', '牵头/配合单位', '责任单位及分工'],
  kind: 'responsibilities',
  cell: 'responsibilities',
  filter: 'department',
  fileWidth: 36,
};

/** Files only: the notes of the units, one line each (the grid shows them in the row panel). */
export const RESPONSIBILITY_NOTES: FieldDescriptor = {
  field: 'responsibilityNotes',
  label: { zh: '责任说明', en: 'Notes on the units' },
  aliases: ['分工说明', 'notes'],
  cell: 'notes',
  fileWidth: 40,
};
