import { gql } from '@apollo/client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { apollo, copy } from './client';
import type { Problem } from './errors';

/*
 * The ledger (电子台账, issue 14): its operations, written with `gql` and typed by hand with
 * TypedDocumentNode (their selections are built from ENTRY_FIELDS, which the codegen's static
 * `graphql(...)` calls cannot do). The names are the committed schema's (schema/schema.graphql).
 */

export type LedgerState = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'RETURNED';
export type PeriodKind = 'YEAR' | 'QUARTER' | 'MONTH';
export const LEDGER_STATES: LedgerState[] = ['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'];

export interface EvidenceFile {
  id: string;
  fileName: string;
  size: number;
  downloadUrl: string;
}

export interface LedgerEntry {
  id: string;
  period: string;
  periodKind: PeriodKind;
  actualValue: number | null;
  progressText: string | null;
  state: LedgerState;
  returnReason: string | null;
  version: number;
  department: { id: string; name: string; nameEn?: string | null };
  indicator: { id: string; seq: number; name: string; unit: string } | null;
  specialTarget: { id: string; seq: number; title: string } | null;
  milestone: { id: string; text: string; unit: string } | null;
  evidence: EvidenceFile[];
}

export interface LedgerFilter {
  state?: LedgerState;
  department?: string;
  year?: number;
  periodKind?: PeriodKind;
  search?: string;
}

export interface LedgerInput {
  indicatorId?: string;
  specialTargetId?: string;
  milestoneId?: string;
  department?: string;
  period: string;
  actualValue?: number | null;
  progressText?: string | null;
}

const ENTRY_FIELDS = `id period periodKind actualValue progressText state returnReason version
  department { id name nameEn } indicator { id seq name unit } specialTarget { id seq title } milestone { id text unit }
  evidence { id fileName size downloadUrl }`;

const LIST: TypedDocumentNode<
  { ledgerEntries: { items: LedgerEntry[]; totalCount: number } },
  { filter?: LedgerFilter; orderBy?: { field: string; direction: 'ASC' | 'DESC' }[]; limit?: number; offset?: number }
> = gql(`query LedgerEntries($filter: LedgerEntryFilter, $orderBy: [OrderBy!], $limit: Int, $offset: Int) {
  ledgerEntries(filter: $filter, orderBy: $orderBy, limit: $limit, offset: $offset) { totalCount items { ${ENTRY_FIELDS} } } }`);

const SAVE: TypedDocumentNode<{ saveLedgerEntry: LedgerEntry }, { input: LedgerInput; expectedVersion?: number | null }> = gql(`mutation SaveLedgerEntry($input: LedgerEntryInput!, $expectedVersion: Int) {
  saveLedgerEntry(input: $input, expectedVersion: $expectedVersion) { ${ENTRY_FIELDS} } }`);

type Step = 'submitLedgerEntry' | 'approveLedgerEntry';
const stepDoc = (name: Step, op: string): TypedDocumentNode<Record<Step, LedgerEntry>, { id: string; expectedVersion: number }> =>
  gql(`mutation ${op}($id: ID!, $expectedVersion: Int!) { ${name}(id: $id, expectedVersion: $expectedVersion) { ${ENTRY_FIELDS} } }`);
const SUBMIT = stepDoc('submitLedgerEntry', 'SubmitLedgerEntry');
const APPROVE = stepDoc('approveLedgerEntry', 'ApproveLedgerEntry');

type ReasonStep = 'returnLedgerEntry' | 'reopenLedgerEntry';
const reasonDoc = (name: ReasonStep, op: string): TypedDocumentNode<Record<ReasonStep, LedgerEntry>, { id: string; reason: string; expectedVersion: number }> =>
  gql(`mutation ${op}($id: ID!, $reason: String!, $expectedVersion: Int!) { ${name}(id: $id, reason: $reason, expectedVersion: $expectedVersion) { ${ENTRY_FIELDS} } }`);
const RETURN = reasonDoc('returnLedgerEntry', 'ReturnLedgerEntry');
const REOPEN = reasonDoc('reopenLedgerEntry', 'ReopenLedgerEntry');

const ONE: TypedDocumentNode<{ ledgerEntry: LedgerEntry | null }, { id: string }> = gql(`query LedgerEntry($id: ID!) { ledgerEntry(id: $id) { ${ENTRY_FIELDS} } }`);

export async function getLedgerEntry(id: string): Promise<LedgerEntry | null> {
  const res = await apollo.query({ query: ONE, variables: { id }, fetchPolicy: 'no-cache' });
  return copy(res.data!.ledgerEntry);
}

/** What a department answers for: the items it may file entries about. */
export interface LedgerItems {
  indicators: { id: string; seq: number; name: string; unit: string }[];
  specialTargets: { id: string; seq: number; title: string; milestones: { id: string; seq: number; text: string; unit: string }[] }[];
}
const ITEMS: TypedDocumentNode<{ department: (LedgerItems & { id: string; name: string }) | null }, { name: string }> = gql(`query LedgerItems($name: String!) {
  department(name: $name) { id name indicators { id seq name unit } specialTargets { id seq title milestones { id seq text unit } } } }`);

export async function listLedgerEntries(filter: LedgerFilter, limit = 1000, offset = 0) {
  const res = await apollo.query({ query: LIST, variables: { filter, limit, offset, orderBy: [{ field: 'updatedAt', direction: 'DESC' }] }, fetchPolicy: 'no-cache' });
  return copy(res.data!.ledgerEntries);
}

export async function saveLedgerEntry(input: LedgerInput, expectedVersion?: number | null): Promise<LedgerEntry> {
  const res = await apollo.mutate({ mutation: SAVE, variables: { input, expectedVersion }, fetchPolicy: 'no-cache' });
  return copy(res.data!.saveLedgerEntry);
}

export async function submitLedgerEntry(e: Pick<LedgerEntry, 'id' | 'version'>): Promise<LedgerEntry> {
  const res = await apollo.mutate({ mutation: SUBMIT, variables: { id: e.id, expectedVersion: e.version }, fetchPolicy: 'no-cache' });
  return copy(res.data!.submitLedgerEntry);
}

export async function approveLedgerEntry(e: Pick<LedgerEntry, 'id' | 'version'>): Promise<LedgerEntry> {
  const res = await apollo.mutate({ mutation: APPROVE, variables: { id: e.id, expectedVersion: e.version }, fetchPolicy: 'no-cache' });
  return copy(res.data!.approveLedgerEntry);
}

export async function returnLedgerEntry(e: Pick<LedgerEntry, 'id' | 'version'>, reason: string): Promise<LedgerEntry> {
  const res = await apollo.mutate({ mutation: RETURN, variables: { id: e.id, reason, expectedVersion: e.version }, fetchPolicy: 'no-cache' });
  return copy(res.data!.returnLedgerEntry);
}

export async function reopenLedgerEntry(e: Pick<LedgerEntry, 'id' | 'version'>, reason: string): Promise<LedgerEntry> {
  const res = await apollo.mutate({ mutation: REOPEN, variables: { id: e.id, reason, expectedVersion: e.version }, fetchPolicy: 'no-cache' });
  return copy(res.data!.reopenLedgerEntry);
}

export async function ledgerItems(department: string): Promise<LedgerItems | null> {
  const res = await apollo.query({ query: ITEMS, variables: { name: department }, fetchPolicy: 'no-cache' });
  return copy(res.data!.department);
}

/** A refused upload: the server's JSON refusal `{ errors: [{ message, extensions: { code, field, reason } }] }`. */
export class UploadProblem extends Error {
  constructor(readonly problem: Problem & { reason?: string }) {
    super(problem.message);
  }
}

/**
 * Attaches files to an entry: `POST /ledger/:id/evidence`, multipart, one `file` part per file, with
 * the session cookie and the header that makes a browser ask first (the server's CSRF check, as
 * Apollo's for GraphQL). Returns the entry's new evidence.
 */
export async function uploadEvidence(entryId: string, files: File[]): Promise<EvidenceFile[]> {
  const body = new FormData();
  for (const f of files) body.append('file', f, f.name);
  let res: Response;
  try {
    res = await fetch(`/ledger/${encodeURIComponent(entryId)}/evidence`, { method: 'POST', body, credentials: 'include', headers: { 'Apollo-Require-Preflight': 'true' } });
  } catch (e) {
    throw new UploadProblem({ code: 'NETWORK', message: e instanceof Error ? e.message : String(e) });
  }
  const json = (await res.json().catch(() => null)) as { evidence?: EvidenceFile[]; errors?: { message?: string; extensions?: Record<string, unknown> }[] } | null;
  if (res.ok && json?.evidence) return json.evidence;
  const first = json?.errors?.[0];
  const ext = first?.extensions ?? {};
  throw new UploadProblem({
    code: typeof ext.code === 'string' ? ext.code : res.status >= 500 ? 'SERVER' : 'BAD_USER_INPUT',
    message: first?.message ?? `HTTP ${res.status}`,
    field: typeof ext.field === 'string' ? ext.field : undefined,
    reason: typeof ext.reason === 'string' ? ext.reason : undefined,
  });
}

/** Files the server takes (PDF, images, Office documents): the picker's filter; the server decides. */
export const EVIDENCE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.wps,.et,.dps,application/pdf,image/*';

/** The period string of a kind, year and month or quarter: 2019, 2019-Q2, 2019-06. */
export function periodOf(kind: PeriodKind, year: number, part: number): string {
  if (kind === 'YEAR') return String(year);
  if (kind === 'QUARTER') return `${year}-Q${part}`;
  return `${year}-${String(part).padStart(2, '0')}`;
}
