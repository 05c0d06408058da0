import { useEffect, useSyncExternalStore } from 'react';
import { listDepartments } from './rows';
import type { Department } from '../tables/types';

/**
 * All departments, loaded once and shared: the responsibilities editor searches them as the user
 * types, paste resolves names with them. Refreshed after edits to the departments table.
 */
let departments: Department[] = [];
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

export function refreshDepartments(): Promise<void> {
  loading = listDepartments()
    .then((rows) => {
      departments = rows as unknown as Department[];
      listeners.forEach((l) => l());
    })
    .catch(() => {
      loading = null; // tried again on next use
    });
  return loading;
}

export function getDepartments(): Department[] {
  if (!loading) void refreshDepartments();
  return departments;
}

export function useDepartments(): Department[] {
  const list = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => departments,
  );
  useEffect(() => {
    if (!loading) void refreshDepartments();
  }, []);
  return list;
}

/** Name, English name, code or any alias containing the text (case-insensitive). */
export function searchDepartments(all: Department[], text: string, limit = 12): Department[] {
  const t = text.trim().toLowerCase();
  if (!t) return all.slice(0, limit);
  const score = (d: Department) => {
    const names = [d.name, ...d.aliases].map((x) => x.toLowerCase());
    if (names.some((n) => n === t) || d.code === t) return 0;
    if (names.some((n) => n.startsWith(t))) return 1;
    if (names.some((n) => n.includes(t))) return 2;
    if (d.code.includes(t) || d.nameEn.toLowerCase().includes(t)) return 3;
    return 9;
  };
  return all
    .map((d) => [score(d), d] as const)
    .filter(([s]) => s < 9)
    .sort((a, b) => a[0] - b[0])
    .slice(0, limit)
    .map(([, d]) => d);
}

function longestCommon(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (a[i + k] !== undefined && a[i + k] === b[j + k]) k++;
      best = Math.max(best, k);
    }
  }
  return best;
}

/** Departments whose names share at least two characters in a row with the text (住建委 → 区住建局). */
export function similarDepartments(all: Department[], text: string, limit = 6): Department[] {
  const t = text.trim().toLowerCase();
  const direct = searchDepartments(all, t, limit);
  if (direct.length || t.length < 2) return direct;
  return all
    .map((d) => [Math.max(...[d.name, ...d.aliases, d.code, d.nameEn].map((n) => longestCommon(t, n.toLowerCase()))), d] as const)
    .filter(([score]) => score >= 2)
    .sort((a, b) => b[0] - a[0])
    .slice(0, limit)
    .map(([, d]) => d);
}
