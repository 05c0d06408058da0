import { registerEnumType } from 'type-graphql';

export enum LedgerState {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
}
registerEnumType(LedgerState, {
  name: 'LedgerState',
  description: 'DRAFT (being filled in by the department) → SUBMITTED → APPROVED by the evaluation office (locked), or RETURNED with a reason and then SUBMITTED again.',
});

export enum PeriodKind {
  YEAR = 'YEAR',
  QUARTER = 'QUARTER',
  MONTH = 'MONTH',
}
registerEnumType(PeriodKind, {
  name: 'PeriodKind',
  description: 'The period a ledger entry covers: YEAR (2019), QUARTER (2019-Q2) or MONTH (2019-06).',
});

/** The kinds of item a ledger entry can be about. */
export type LedgerItemKind = 'indicator' | 'specialTarget' | 'milestone';
