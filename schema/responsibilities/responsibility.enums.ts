import { registerEnumType } from 'type-graphql';

export enum ResponsibilityRole {
  LEAD = 'LEAD',
  SUPPORT = 'SUPPORT',
}
registerEnumType(ResponsibilityRole, { name: 'ResponsibilityRole', description: '牵头 (LEAD) or 配合 (SUPPORT).' });
