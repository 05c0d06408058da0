import { useCallback, useEffect, useRef, useState } from 'react';
import { announceEditing, onReconnect, watchPresence, type PresenceEntry } from '../../api/presence';

/** The server lets an editing mark go after 60 s (LIVE_PRESENCE_EDIT_MS) unless renewed: renew well within. */
const RENEW_MS = 20_000;
/** Moving to the next cell of the same row stops one editor and starts another: no release in between. */
const RELEASE_AFTER_MS = 400;

/** What presence reads of any grid's cellEditingStarted event: the row's id. */
type EditingStarted = { data?: { id?: unknown } | null; node: { id?: string | null } };

export interface Presence {
  /** The others who have this table open (not this user), with the row each edits. */
  others: PresenceEntry[];
  onCellEditingStarted(e: EditingStarted): void;
  onCellEditingStopped(): void;
}

/**
 * Presence on a grid (issue 17): follows who else has the table open, and tells them which row this
 * page edits — from the editor opening until it closes, renewed while it stays open, announced
 * again after a reconnect. Leaving the page (or the table) ends the subscription, which releases it.
 */
export function usePresence(table: string | null): Presence {
  const [others, setOthers] = useState<PresenceEntry[]>([]);
  const editing = useRef<string | null>(null);
  const release = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    setOthers([]);
    if (!table) return;
    const leave = watchPresence(table, null, setOthers);
    const renew = setInterval(() => editing.current && announceEditing(table, null, editing.current), RENEW_MS);
    const offReconnect = onReconnect(() => editing.current && announceEditing(table, null, editing.current));
    return () => {
      leave();
      clearInterval(renew);
      clearTimeout(release.current);
      offReconnect();
      editing.current = null;
    };
  }, [table]);

  const onCellEditingStarted = useCallback(
    (e: EditingStarted) => {
      const id = (e.data?.id != null ? String(e.data.id) : null) ?? e.node.id ?? null;
      clearTimeout(release.current);
      if (!table || !id || id === editing.current) return;
      editing.current = id;
      announceEditing(table, null, id);
    },
    [table],
  );
  const onCellEditingStopped = useCallback(() => {
    clearTimeout(release.current);
    if (!table || editing.current === null) return;
    release.current = setTimeout(() => {
      editing.current = null;
      announceEditing(table, null, null);
    }, RELEASE_AFTER_MS);
  }, [table]);

  return { others, onCellEditingStarted, onCellEditingStopped };
}
