import { apollo, copy } from '../../api/client';
import { graphql } from '../../api/generated';

graphql(`fragment DatasetView on Dataset {
  id name title query variables columnLabels createdBy version updatedAt
}`);

const DATASETS = graphql(`query Datasets { datasets { ...DatasetView } }`);
const LINK_TOKENS = graphql(`query DatasetLinkTokens($name: String!) { dataset(name: $name) { name linkTokens { id createdBy createdAt revokedAt lastUsedAt } } }`);
const SAVE = graphql(`mutation SaveDataset($input: DatasetInput!, $expectedVersion: Int) { saveDataset(input: $input, expectedVersion: $expectedVersion) { ...DatasetView } }`);
const DELETE = graphql(`mutation DeleteDataset($name: String!, $expectedVersion: Int) { deleteDataset(name: $name, expectedVersion: $expectedVersion) }`);
const CREATE_TOKEN = graphql(`mutation CreateDatasetLinkToken($dataset: String!) { createDatasetLinkToken(dataset: $dataset) { secret linkToken { id } } }`);
const REVOKE_TOKEN = graphql(`mutation RevokeDatasetLinkToken($id: ID!) { revokeDatasetLinkToken(id: $id) }`);

export interface DatasetDraft {
  name: string;
  title: string;
  query: string;
  variables: string;
  columnLabels: string;
}

export async function loadDatasets() {
  const res = await apollo.query({ query: DATASETS, fetchPolicy: 'no-cache' });
  return copy(res.data!.datasets);
}
export type DatasetRow = Awaited<ReturnType<typeof loadDatasets>>[number];

export async function loadLinkTokens(name: string) {
  const res = await apollo.query({ query: LINK_TOKENS, variables: { name }, fetchPolicy: 'no-cache' });
  return copy(res.data!.dataset?.linkTokens ?? []);
}

export async function saveDataset(draft: DatasetDraft, expectedVersion: number | null) {
  const res = await apollo.mutate({ mutation: SAVE, variables: { input: { ...draft, variables: draft.variables.trim() || null, columnLabels: draft.columnLabels.trim() || null }, expectedVersion }, fetchPolicy: 'no-cache' });
  return copy(res.data!.saveDataset);
}

export async function deleteDataset(name: string, expectedVersion: number) {
  await apollo.mutate({ mutation: DELETE, variables: { name, expectedVersion }, fetchPolicy: 'no-cache' });
}

export async function createLinkToken(dataset: string): Promise<string> {
  const res = await apollo.mutate({ mutation: CREATE_TOKEN, variables: { dataset }, fetchPolicy: 'no-cache' });
  return res.data!.createDatasetLinkToken.secret;
}

export async function revokeLinkToken(id: string) {
  await apollo.mutate({ mutation: REVOKE_TOKEN, variables: { id }, fetchPolicy: 'no-cache' });
}

/** The first rows of the saved dataset, as its JSON link gives them (the session cookie signs the request). */
export async function previewRows(name: string, max = 100): Promise<Record<string, unknown>[]> {
  const res = await fetch(`/datasets/${encodeURIComponent(name)}.json`, { credentials: 'same-origin' });
  const body = await res.json();
  if (!res.ok) throw new Error(body?.errors?.[0]?.message ?? `HTTP ${res.status}`);
  return (body as Record<string, unknown>[]).slice(0, max);
}
