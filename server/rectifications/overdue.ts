import { RectificationStatus } from '../../schema/rectifications/rectification.enums';

/** What the overdue rule reads of a rectification. */
export interface DeadlineFacts {
  status: RectificationStatus;
  /** The year it is due by (整改时限; 2020 in the plan): due at the end of that year. */
  deadlineYear?: number | null;
}

/**
 * Statuses that end the loop's clock: the lead department reported it done (the office may still send
 * it back, and then the clock runs again), or the office verified it.
 */
const FINISHED = new Set<RectificationStatus>([RectificationStatus.DONE, RectificationStatus.VERIFIED]);

/** When a deadline year ends: 1 January of the next year, 00:00 Beijing time (UTC+8). */
export function deadlineEnd(deadlineYear: number): Date {
  return new Date(Date.UTC(deadlineYear + 1, 0, 1) - 8 * 3600_000);
}

/**
 * Whether a rectification is overdue at `asOf`: its deadline has passed and it is not finished. The
 * one rule for the grid, the department page and the bulletin (issue 15); no deadline, never overdue.
 */
export function isOverdue(r: DeadlineFacts, asOf: Date): boolean {
  if (r.deadlineYear == null || FINISHED.has(r.status)) return false;
  return asOf.getTime() >= deadlineEnd(r.deadlineYear).getTime(); // after 31 Dec, Beijing time
}
