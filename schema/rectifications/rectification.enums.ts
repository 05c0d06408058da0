import { registerEnumType } from 'type-graphql';

export enum RectificationStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
}
registerEnumType(RectificationStatus, { name: 'RectificationStatus' });
