/** Where a write comes from; recorded with it once the audit trail exists. */
export type WriteSource = 'graphql' | 'import' | 'cli' | 'seed';

/**
 * Who is acting: every service set is created for one actor. Import and CLI runs pass their own,
 * with a batch id that groups one import's changes.
 */
export interface Actor {
  userId: number | null;
  username: string | null;
  source: WriteSource;
  batchId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: null, source: 'seed' };
