import { registerEnumType } from 'type-graphql';

export enum Role {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
  VIEWER = 'VIEWER',
}
registerEnumType(Role, { name: 'Role', description: 'ADMIN: the evaluation office, everything. EDITOR: one department’s rows. VIEWER: read only.' });

export enum CredentialKind {
  /** A signed-in person: from login, sent as a cookie or a bearer token; expires. */
  SESSION = 'SESSION',
  /** A read-only token for BI tools, made by an admin; shown once. */
  API_TOKEN = 'API_TOKEN',
}
registerEnumType(CredentialKind, { name: 'CredentialKind' });
