/** The plan's years (十三五). */
export const PLAN_FIRST_YEAR = 2016;
export const PLAN_LAST_YEAR = 2020;

/**
 * The year the grid and the department page judge by: the latest plan year that has begun (the
 * current year while the plan runs, its last year once it has ended — 2020 today), so a row shows
 * where it stands now, or how it finished.
 */
export function statusYear(now = new Date()): number {
  return Math.max(PLAN_FIRST_YEAR, Math.min(PLAN_LAST_YEAR, now.getFullYear()));
}
