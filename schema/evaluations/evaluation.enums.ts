import { registerEnumType } from 'type-graphql';

export enum EvaluationKind {
  QUARTERLY = 'QUARTERLY',
  INSPECTION = 'INSPECTION',
}
registerEnumType(EvaluationKind, {
  name: 'EvaluationKind',
  description: 'QUARTERLY: the quarterly evaluation (季度评估) of one department for one quarter; INSPECTION: a special inspection (重点督查) with a title and a date.',
});

export enum EvaluationStatus {
  OPEN = 'OPEN',
  RESPONDED = 'RESPONDED',
  CLOSED = 'CLOSED',
}
registerEnumType(EvaluationStatus, {
  name: 'EvaluationStatus',
  description: 'OPEN (the office asked for improvement measures) → RESPONDED (the department answered; it may revise its answer) → CLOSED by the office; the office may reopen a RESPONDED or CLOSED one with a reason (back to OPEN).',
});
