import { gql } from '@apollo/client';
import { apollo, copy } from './client';
import { graphql } from './generated';
import type { RectificationStatus } from './generated/graphql';
import type { Row, TableSpec } from '../tables/types';
import { rowSelection } from './rows';

/** The rectification loop (评价—整改—反馈, issue 15): its steps, its feedback, and the moves. */

export type { RectificationStatus };

const LOOP = graphql(`
  query RectificationLoop($id: ID!) {
    rectification(id: $id) {
      id
      seq
      status
      version
      overdue
      deadlineYear
      responsibilities { role department { id name nameEn } }
      steps { from to note by at department { id name nameEn } }
      feedback { id text source author createdAt department { id name nameEn } }
    }
  }
`);

const ADD_FEEDBACK = graphql(`
  mutation AddRectificationFeedback($rectificationId: ID!, $text: String!) {
    addRectificationFeedback(rectificationId: $rectificationId, text: $text) { id }
  }
`);

export type RectificationLoop = NonNullable<Awaited<ReturnType<typeof loadLoop>>>;

export async function loadLoop(id: string) {
  const res = await apollo.query({ query: LOOP, variables: { id }, fetchPolicy: 'no-cache' });
  return res.data?.rectification ? copy(res.data.rectification) : null;
}

export async function addFeedback(rectificationId: string, text: string): Promise<void> {
  await apollo.mutate({ mutation: ADD_FEEDBACK, variables: { rectificationId, text }, fetchPolicy: 'no-cache' });
}

/** One step of the loop; answers the row as the grid shows it, so the grid updates it in place. */
export async function advanceRectification(spec: TableSpec, row: Pick<Row, 'id' | 'version'>, to: RectificationStatus, note: string): Promise<Row> {
  const mutation = gql(`mutation AdvanceRectification($id: ID!, $to: RectificationStatus!, $note: String!, $expectedVersion: Int!) {
    advanceRectification(id: $id, to: $to, note: $note, expectedVersion: $expectedVersion) { ${rowSelection(spec)} } }`);
  const res = await apollo.mutate<{ advanceRectification: Row }>({ mutation, variables: { id: row.id, to, note, expectedVersion: row.version }, fetchPolicy: 'no-cache' });
  return copy(res.data!.advanceRectification);
}
