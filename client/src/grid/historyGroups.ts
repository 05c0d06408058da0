import type { AuditEntry } from '../api/audit';
import type { TableSpec } from '../tables/types';

/** One user action in a row's history: the field the user changed, and what changed with it. */
export interface HistoryGroup {
  key: string;
  main: AuditEntry;
  /** Fields changed by the same action (e.g. 目标类型 and 目标数值 read from a new 2020年目标). */
  derived: AuditEntry[];
  entries: AuditEntry[];
}

const iso = (at: string) => new Date(at).toISOString();

/**
 * Groups a row's audit entries (newest first) into user actions: the field entries of one change
 * share the timestamp, the user and the batch (the server writes them together). The field the
 * user edited leads; fields derived from it follow.
 */
export function groupHistory(entries: AuditEntry[], spec: TableSpec): HistoryGroup[] {
  const groups: HistoryGroup[] = [];
  const keyOf = (e: AuditEntry) => (e.action === 'UPDATE' ? `${iso(e.at)}|${e.username ?? e.source}|${e.batchId ?? ''}` : `${e.action}|${e.id}`);
  for (const e of entries) {
    const last = groups[groups.length - 1];
    if (last && last.key === keyOf(e)) last.entries.push(e);
    else groups.push({ key: keyOf(e), main: e, derived: [], entries: [e] });
  }
  const order = (field: string | null) => {
    // The target text leads what is read from it; otherwise the grid's column order.
    if (field === 'targetText') return -1;
    const i = spec.fields.findIndex((f) => f.name === field || f.patchKey === field);
    return i < 0 ? 999 : i;
  };
  for (const g of groups) {
    const sorted = [...g.entries].sort((a, b) => order(a.field) - order(b.field));
    g.main = sorted[0];
    g.derived = sorted.slice(1);
  }
  return groups;
}
