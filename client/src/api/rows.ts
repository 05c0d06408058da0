import { gql, type DocumentNode } from '@apollo/client';
import { apollo, copy } from './client';
import { graphql } from './generated';
import type { Row, TableKey, TableSpec } from '../tables/types';
import { shownStatusYear } from '../ui/statusYear';

/**
 * What the grid asks for of a row: the table's columns (spec.selection), and for indicators their
 * completion status in the year the grid judges by (the 完成状态 column), so every page, saved row
 * and restored row carries it; the server batches progress, a page stays one request.
 */
export function rowSelection(spec: TableSpec): string {
  if (spec.key === 'rectifications') return `${spec.selection} overdue`; // the loop column's badge (pages/rectifications)
  return spec.key === 'indicators' ? `${spec.selection} progress(year: ${shownStatusYear()}) { year status explanation explanationEn }` : spec.selection;
}

/** Documents per table, built once from the table's selection. */
const docs = new Map<string, DocumentNode>();
function doc(key: string, source: () => string): DocumentNode {
  // The indicators' selection names the status column's year: one document per year shown.
  const k = key.endsWith(':indicators') ? `${key}:${shownStatusYear()}` : key;
  let d = docs.get(k);
  if (!d) docs.set(k, (d = gql(source())));
  return d;
}

export interface ListArgs {
  filter?: Record<string, unknown>;
  orderBy?: { field: string; direction: 'ASC' | 'DESC' }[];
  limit: number;
  offset: number;
}

export interface Page {
  items: Row[];
  totalCount: number;
}

/** The API's page-size cap. */
export const MAX_PAGE = 1000;

export async function listRows(spec: TableSpec, args: ListArgs): Promise<Page> {
  if (spec.key === 'departments') {
    const all = await listDepartments(typeof args.filter?.search === 'string' ? args.filter.search : undefined);
    return { items: all.slice(args.offset, args.offset + args.limit), totalCount: all.length };
  }
  const query = doc(`list:${spec.key}`, () => `query List${spec.typeName}($filter: ${spec.filterType}, $orderBy: [OrderBy!], $limit: Int, $offset: Int) {
    ${spec.list}(filter: $filter, orderBy: $orderBy, limit: $limit, offset: $offset) { totalCount items { ${rowSelection(spec)} } } }`);
  const res = await apollo.query<Record<string, Page>>({ query, variables: args, fetchPolicy: 'no-cache' });
  return copy(res.data![spec.list]);
}

/** Every row of a small table, a page of the API's maximum at a time. */
export async function loadAll(spec: TableSpec, filter?: Record<string, unknown>): Promise<Row[]> {
  const rows: Row[] = [];
  for (let offset = 0; ; offset += MAX_PAGE) {
    const page = await listRows(spec, { filter, limit: MAX_PAGE, offset });
    rows.push(...page.items);
    if (rows.length >= page.totalCount || page.items.length === 0) return rows;
  }
}

const DEPARTMENTS_QUERY = graphql(`query Departments($search: String) { departments(search: $search) { id code name nameEn aliases version createdAt updatedAt } }`);

export async function listDepartments(search?: string): Promise<Row[]> {
  const res = await apollo.query({ query: DEPARTMENTS_QUERY, variables: { search: search || undefined }, fetchPolicy: 'network-only' });
  return copy(res.data!.departments);
}

export async function getRow(spec: TableSpec, id: string): Promise<Row | null> {
  if (spec.key === 'departments') {
    // department(code|name) takes no id: find it in the (short) list.
    const all = await listDepartments();
    return all.find((d) => d.id === id) ?? null;
  }
  const query = doc(`get:${spec.key}`, () => `query Get${spec.typeName}($id: ID!) { ${spec.single}(id: $id) { ${rowSelection(spec)} } }`);
  const res = await apollo.query<Record<string, Row | null>>({ query, variables: { id }, fetchPolicy: 'no-cache' });
  return copy(res.data![spec.single]);
}

export async function updateRow(spec: TableSpec, id: string, patch: Record<string, unknown>, expectedVersion: number | null): Promise<Row> {
  const mutation = doc(`update:${spec.key}`, () => `mutation Update${spec.typeName}($id: ID!, $patch: ${spec.patchType}!, $expectedVersion: Int) {
    ${spec.update}(id: $id, patch: $patch, expectedVersion: $expectedVersion) { ${rowSelection(spec)} } }`);
  const res = await apollo.mutate<Record<string, Row>>({ mutation, variables: { id, patch, expectedVersion }, fetchPolicy: 'no-cache' });
  return copy(res.data![spec.update]);
}

export async function createRow(spec: TableSpec, input: Record<string, unknown>): Promise<Row> {
  const mutation = doc(`create:${spec.key}`, () => `mutation Create${spec.typeName}($input: ${spec.inputType}!) { ${spec.create}(input: $input) { ${rowSelection(spec)} } }`);
  const res = await apollo.mutate<Record<string, Row>>({ mutation, variables: { input }, fetchPolicy: 'no-cache' });
  return copy(res.data![spec.create]);
}

export async function deleteRow(spec: TableSpec, id: string, expectedVersion: number | null): Promise<void> {
  const mutation = doc(`delete:${spec.key}`, () => `mutation Delete${spec.typeName}($id: ID!, $expectedVersion: Int) { ${spec.remove}(id: $id, expectedVersion: $expectedVersion) }`);
  await apollo.mutate({ mutation, variables: { id, expectedVersion }, fetchPolicy: 'no-cache' });
}

export interface Edit {
  id: string;
  expectedVersion: number | null;
  patch: Record<string, unknown>;
}

/** Many row edits of one table as ONE batchUpdate: one request, one transaction, all or nothing. */
export async function batchUpdate(spec: TableSpec, edits: Edit[]): Promise<Row[]> {
  const mutation = doc(`batch:${spec.key}`, () => `mutation Batch${spec.typeName}($input: BatchEditInput!) { batchUpdate(input: $input) { ${spec.list} { ${rowSelection(spec)} } } }`);
  const res = await apollo.mutate<{ batchUpdate: Record<TableKey, Row[]> }>({ mutation, variables: { input: { [spec.list]: edits } }, fetchPolicy: 'no-cache' });
  return copy(res.data!.batchUpdate[spec.key]);
}
