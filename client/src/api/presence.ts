import { print } from 'graphql';
import { liveSocket } from './client';
import { graphql } from './generated';
import type { PresenceSubscription } from './generated/graphql';

/**
 * Presence (issue 17): who else has a live table open, and the row each edits. Both operations go on
 * the page's one WebSocket (api/client.ts liveSocket): the server ties setEditing to the connection
 * that holds the presence subscription, and releases everything when that connection ends.
 */
const PRESENCE = print(
  graphql(`
    subscription Presence($table: LiveTable!, $planCode: String) {
      presence(table: $table, planCode: $planCode) { key username role department departmentEn since rowId editingSince }
    }
  `),
);
const SET_EDITING = print(graphql(`mutation SetEditing($table: LiveTable!, $planCode: String, $rowId: ID) { setEditing(table: $table, planCode: $planCode, rowId: $rowId) }`));

export type PresenceEntry = PresenceSubscription['presence'][number];

/** Follows who is on `table`; graphql-ws subscribes again by itself after a reconnect. Returns the function that leaves. */
export function watchPresence(table: string, planCode: string | null, onList: (entries: PresenceEntry[]) => void): () => void {
  return liveSocket.subscribe<PresenceSubscription>({ query: PRESENCE, variables: { table, planCode } }, {
    next: (m) => m.data && onList(m.data.presence),
    error: () => {}, // signed out where anonymous reading is off: nobody is shown
    complete: () => {},
  });
}

/** Tells the others on `table` which row this page edits (null: none). A refusal (signed out, a row gone) changes nothing shown here. */
export function announceEditing(table: string, planCode: string | null, rowId: string | null): void {
  liveSocket.subscribe({ query: SET_EDITING, variables: { table, planCode, rowId } }, { next: () => {}, error: () => {}, complete: () => {} });
}

/** Calls `fn` each time the socket connects again after it was lost (a new connection has forgotten this page's editing mark). */
export function onReconnect(fn: () => void): () => void {
  let lost = false;
  const offClosed = liveSocket.on('closed', () => (lost = true));
  const offConnected = liveSocket.on('connected', () => {
    if (lost) fn();
    lost = false;
  });
  return () => {
    offClosed();
    offConnected();
  };
}
