import { gql, type DocumentNode } from '@apollo/client';
import { apollo, copy } from './client';
import type { Row, TableSpec } from '../tables/types';

export interface AuditEntry {
  id: string;
  at: string;
  action: 'CREATE' | 'UPDATE' | 'DELETE';
  entity: string;
  entityId: string;
  field: string | null;
  /** JSON text. */
  before: string | null;
  after: string | null;
  username: string | null;
  source: string;
  batchId: string | null;
}

const AUDIT_LOG = gql`query RowHistory($entity: String!, $entityId: ID!, $limit: Int) {
  auditLog(entity: $entity, entityId: $entityId, limit: $limit) { id at action entity entityId field before after username source batchId } }`;

/** A row's audit entries, newest first. */
export async function rowHistory(spec: TableSpec, rowId: string, limit = 200): Promise<AuditEntry[]> {
  const res = await apollo.query<{ auditLog: AuditEntry[] }>({ query: AUDIT_LOG, variables: { entity: spec.typeName, entityId: rowId, limit }, fetchPolicy: 'no-cache' });
  return copy(res.data!.auditLog);
}

const restoreDocs = new Map<string, DocumentNode>();

/** Puts a field back to its value before the entry; returns the row as saved (a new version). */
export async function restoreEntry(spec: TableSpec, entryId: string, expectedVersion: number | null): Promise<Row> {
  let mutation = restoreDocs.get(spec.key);
  if (!mutation) {
    mutation = gql(`mutation Restore${spec.typeName}($entryId: ID!, $expectedVersion: Int) {
      restoreAuditEntry(entryId: $entryId, expectedVersion: $expectedVersion) { entity row { ... on ${spec.typeName} { ${spec.selection} } } } }`);
    restoreDocs.set(spec.key, mutation);
  }
  const res = await apollo.mutate<{ restoreAuditEntry: { entity: string; row: Row } }>({ mutation, variables: { entryId, expectedVersion }, fetchPolicy: 'no-cache' });
  return copy(res.data!.restoreAuditEntry.row);
}

const restoreGroupDocs = new Map<string, DocumentNode>();

/** Puts back every field of one action (its audit entries) in one update; returns the saved row. */
export async function restoreEntries(spec: TableSpec, entryIds: string[], expectedVersion: number | null): Promise<Row> {
  let mutation = restoreGroupDocs.get(spec.key);
  if (!mutation) {
    mutation = gql(`mutation RestoreAction${spec.typeName}($entryIds: [ID!]!, $expectedVersion: Int) {
      restoreAuditEntries(entryIds: $entryIds, expectedVersion: $expectedVersion) { entity row { ... on ${spec.typeName} { ${spec.selection} } } } }`);
    restoreGroupDocs.set(spec.key, mutation);
  }
  const res = await apollo.mutate<{ restoreAuditEntries: { entity: string; row: Row } }>({ mutation, variables: { entryIds, expectedVersion }, fetchPolicy: 'no-cache' });
  return copy(res.data!.restoreAuditEntries.row);
}
