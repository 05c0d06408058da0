import { userInfo } from 'node:os';
import { Role } from '../../schema/accounts/account.enums';

/** Where a write comes from; recorded in the audit trail with it. */
export type WriteSource = 'graphql' | 'import' | 'cli' | 'seed';

/**
 * Who is acting. Every service set is created for one actor, and the services check what it may
 * do, so GraphQL, imports and the CLI pass the same checks. SYSTEM is the operator of the machine
 * (seed and CLI runs: whoever can run them can already open the database file).
 */
export interface Actor {
  userId: number | null;
  username: string | null;
  /** null: anonymous. */
  role: Role | 'SYSTEM' | null;
  /** The department an EDITOR works for. */
  departmentId: number | null;
  /** API tokens read only, whoever made them. */
  readOnly: boolean;
  source: WriteSource;
  /** Groups one import's (or one batch's) audit entries. */
  batchId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'seed', role: 'SYSTEM', departmentId: null, readOnly: false, source: 'seed' };
export const ANONYMOUS: Actor = { userId: null, username: null, role: null, departmentId: null, readOnly: true, source: 'graphql' };

export function cliActor(batchId: string | null = null, source: WriteSource = 'cli'): Actor {
  let who = 'operator';
  try {
    who = userInfo().username;
  } catch {
    /* no passwd entry: keep "operator" */
  }
  return { userId: null, username: `cli:${who}`, role: 'SYSTEM', departmentId: null, readOnly: false, source, batchId };
}
