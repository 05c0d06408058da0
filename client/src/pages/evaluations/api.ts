import { apollo, copy } from '../../api/client';
import { graphql } from '../../api/generated';
import type { EvaluationFieldsFragment, EvaluationFilter, EvaluationInput } from '../../api/generated/graphql';

/** Quarterly evaluations and special inspections (issue 15): the operations the pages use. */
export type Evaluation = EvaluationFieldsFragment;

graphql(`fragment EvaluationFields on Evaluation {
  id kind year quarter quarterKey title inspectionDate findings measures response respondedBy respondedAt status statusNote closedAt version updatedAt
  department { id code name nameEn } }`);

const LIST = graphql(`query Evaluations($filter: EvaluationFilter, $limit: Int, $offset: Int) {
  evaluations(filter: $filter, limit: $limit, offset: $offset) { totalCount items { ...EvaluationFields } } }`);
const SAVE = graphql(`mutation SaveEvaluation($input: EvaluationInput!, $expectedVersion: Int) {
  saveEvaluation(input: $input, expectedVersion: $expectedVersion) { ...EvaluationFields } }`);
const RESPOND = graphql(`mutation RespondToEvaluation($id: ID!, $response: String!, $expectedVersion: Int!) {
  respondToEvaluation(id: $id, response: $response, expectedVersion: $expectedVersion) { ...EvaluationFields } }`);
const CLOSE = graphql(`mutation CloseEvaluation($id: ID!, $note: String, $expectedVersion: Int!) {
  closeEvaluation(id: $id, note: $note, expectedVersion: $expectedVersion) { ...EvaluationFields } }`);
const REOPEN = graphql(`mutation ReopenEvaluation($id: ID!, $reason: String!, $expectedVersion: Int!) {
  reopenEvaluation(id: $id, reason: $reason, expectedVersion: $expectedVersion) { ...EvaluationFields } }`);

/** Text arguments are single-line on the server (only input fields may be free text): line breaks become spaces. */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

export async function listEvaluations(filter: EvaluationFilter, limit = 1000) {
  const res = await apollo.query({ query: LIST, variables: { filter, limit }, fetchPolicy: 'no-cache' });
  return copy(res.data!.evaluations);
}

export async function saveEvaluation(input: EvaluationInput, expectedVersion?: number | null): Promise<Evaluation> {
  const res = await apollo.mutate({ mutation: SAVE, variables: { input, expectedVersion }, fetchPolicy: 'no-cache' });
  return copy(res.data!.saveEvaluation);
}

export async function respondToEvaluation(e: Pick<Evaluation, 'id' | 'version'>, response: string): Promise<Evaluation> {
  const res = await apollo.mutate({ mutation: RESPOND, variables: { id: e.id, response: oneLine(response), expectedVersion: e.version }, fetchPolicy: 'no-cache' });
  return copy(res.data!.respondToEvaluation);
}

export async function closeEvaluation(e: Pick<Evaluation, 'id' | 'version'>, note: string): Promise<Evaluation> {
  const res = await apollo.mutate({ mutation: CLOSE, variables: { id: e.id, note: oneLine(note) || null, expectedVersion: e.version }, fetchPolicy: 'no-cache' });
  return copy(res.data!.closeEvaluation);
}

export async function reopenEvaluation(e: Pick<Evaluation, 'id' | 'version'>, reason: string): Promise<Evaluation> {
  const res = await apollo.mutate({ mutation: REOPEN, variables: { id: e.id, reason: oneLine(reason), expectedVersion: e.version }, fetchPolicy: 'no-cache' });
  return copy(res.data!.reopenEvaluation);
}
