import { useSyncExternalStore } from 'react';

/** The plan's years (十三五). */
export const PLAN_FIRST_YEAR = 2016;
export const PLAN_LAST_YEAR = 2020;
export const PLAN_YEARS = [2016, 2017, 2018, 2019, 2020] as const;

/**
 * The year the grid and the department page judge by unless the user picks another: the latest plan
 * year that has begun (the current year while the plan runs, its last year once it has ended — 2020
 * today), so a row shows where it stands now, or how it finished.
 */
export function statusYear(now = new Date()): number {
  return Math.max(PLAN_FIRST_YEAR, Math.min(PLAN_LAST_YEAR, now.getFullYear()));
}

const KEY = 'planhub.statusYear';
const listeners = new Set<() => void>();
let chosen: number | null = readChosen();

function readChosen(): number | null {
  try {
    const v = Number(globalThis.localStorage?.getItem(KEY));
    return Number.isInteger(v) && v >= PLAN_FIRST_YEAR && v <= PLAN_LAST_YEAR ? v : null;
  } catch {
    return null;
  }
}

/** The year the status column and the department page show: the one picked (kept in this browser), else statusYear(). */
export function shownStatusYear(): number {
  return chosen ?? statusYear();
}

/** Picks the year the status column shows (null: back to the default); every grid and page using it follows. */
export function setShownStatusYear(year: number | null) {
  chosen = year != null && year >= PLAN_FIRST_YEAR && year <= PLAN_LAST_YEAR ? year : null;
  try {
    if (chosen == null) globalThis.localStorage?.removeItem(KEY);
    else globalThis.localStorage?.setItem(KEY, String(chosen));
  } catch {
    // private mode: the choice lasts for this page only
  }
  for (const l of listeners) l();
}

/** The shown status year, re-rendering when it is picked. */
export function useShownStatusYear(): number {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    shownStatusYear,
  );
}
