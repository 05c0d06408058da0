import { registerEnumType } from 'type-graphql';

export enum AuditAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(AuditAction, { name: 'AuditAction' });
