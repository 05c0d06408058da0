import { gql, type DocumentNode } from '@apollo/client';
import { apollo, copy } from './client';
import { rowSelection } from './rows';
import { graphql } from './generated';
import type { AuditEntryFieldsFragment } from './generated/graphql';
import type { Row, TableSpec } from '../tables/types';

/** One audit entry; `before` and `after` are JSON text. */
export type AuditEntry = AuditEntryFieldsFragment;

graphql(`fragment AuditEntryFields on AuditEntry { id at action entity entityId field before after username source batchId }`);
const AUDIT_LOG = graphql(`query RowHistory($entity: String!, $entityId: ID!, $limit: Int) {
  auditLog(entity: $entity, entityId: $entityId, limit: $limit) { ...AuditEntryFields } }`);

/** A row's audit entries, newest first. */
export async function rowHistory(spec: TableSpec, rowId: string, limit = 200): Promise<AuditEntry[]> {
  const res = await apollo.query({ query: AUDIT_LOG, variables: { entity: spec.typeName, entityId: rowId, limit }, fetchPolicy: 'no-cache' });
  return copy(res.data!.auditLog);
}

const restoreDocs = new Map<string, DocumentNode>();

/** Puts a field back to its value before the entry; returns the row as saved (a new version). */
export async function restoreEntry(spec: TableSpec, entryId: string, expectedVersion: number | null): Promise<Row> {
  let mutation = restoreDocs.get(spec.key);
  if (!mutation) {
    const source = `mutation Restore${spec.typeName}($entryId: ID!, $expectedVersion: Int) {
      restoreAuditEntry(entryId: $entryId, expectedVersion: $expectedVersion) { entity row { ... on ${spec.typeName} { ${rowSelection(spec)} } } } }`;
    mutation = gql(source);
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
    const source = `mutation RestoreAction${spec.typeName}($entryIds: [ID!]!, $expectedVersion: Int) {
      restoreAuditEntries(entryIds: $entryIds, expectedVersion: $expectedVersion) { entity row { ... on ${spec.typeName} { ${rowSelection(spec)} } } } }`;
    mutation = gql(source);
    restoreGroupDocs.set(spec.key, mutation);
  }
  const res = await apollo.mutate<{ restoreAuditEntries: { entity: string; row: Row } }>({ mutation, variables: { entryIds, expectedVersion }, fetchPolicy: 'no-cache' });
  return copy(res.data!.restoreAuditEntries.row);
}
