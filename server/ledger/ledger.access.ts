import type { Actor } from '../common/actor';
import { Role } from '../../schema/accounts/account.enums';
import { LedgerState } from '../../schema/ledger/ledger.enums';

/**
 * Who may see a ledger entry, written once for every path that shows one (the list, a single entry,
 * its evidence files and their downloads):
 * - signed out: approved entries only (public supervision sees what the office has accepted);
 * - the evaluation office (ADMIN) and the operator (SYSTEM): everything;
 * - any other account or API token: everything but another department's drafts (a draft is the
 *   department's own working copy until it is submitted).
 */
export function canReadEntry(actor: Actor, entry: { state: LedgerState; departmentId: number }): boolean {
  if (actor.role === null) return entry.state === LedgerState.APPROVED;
  if (actor.role === Role.ADMIN || actor.role === 'SYSTEM') return true;
  return entry.state !== LedgerState.DRAFT || actor.departmentId === entry.departmentId;
}

/**
 * The same rule as a filter for list queries: null means no restriction; otherwise the entry must
 * match one of the alternatives (SQL: `state = 'APPROVED'`, or `state <> 'DRAFT' or department_id = ?`).
 */
export function readableFilter(actor: Actor): { states?: LedgerState[]; orOwnDepartment?: number | null } | null {
  if (actor.role === null) return { states: [LedgerState.APPROVED] };
  if (actor.role === Role.ADMIN || actor.role === 'SYSTEM') return null;
  return { states: [LedgerState.SUBMITTED, LedgerState.APPROVED, LedgerState.RETURNED], orOwnDepartment: actor.departmentId };
}
