import { gql } from '@apollo/client';
import { useEffect, useRef } from 'react';
import { apollo, liveSocket } from './client';
import type { TableKey } from '../tables/types';

/**
 * Live changes (issue 17): rowsChanged through Apollo's GraphQLWsLink (api/client.ts sends
 * subscriptions over the WebSocket, everything else over HTTP).
 */
export const ROWS_CHANGED = gql`
  subscription RowsChanged($table: LiveTable!, $planCode: String, $since: String) {
    rowsChanged(table: $table, planCode: $planCode, since: $since) { table generation reload rows { id version kind } }
  }
`;

export type RowChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';
export interface RowsChanged {
  table: string;
  generation: string;
  reload: boolean;
  rows: { id: string; version: number | null; kind: RowChangeKind }[];
}

/** The live table each grid follows. */
export const LIVE_TABLE: Record<TableKey, string> = {
  indicators: 'INDICATORS',
  specialTargets: 'SPECIAL_TARGETS',
  rectifications: 'RECTIFICATIONS',
  innovationTopics: 'INNOVATION_TOPICS',
  standards: 'STANDARDS',
  departments: 'DEPARTMENTS',
};

/**
 * Follows a table: `onChange` gets each change set. After the socket reconnects the subscription
 * is made again with `since` (the last generation seen), so nothing committed while away is missed
 * (the server answers what changed, or reload). Returns the function that stops following.
 */
export function watchRows(table: string, planCode: string | null, onChange: (change: RowsChanged) => void): () => void {
  let since: string | null = null;
  let stop: (() => void) | null = null;
  let first = true;
  const start = () => {
    stop?.();
    const sub = apollo.subscribe<{ rowsChanged: RowsChanged }>({ query: ROWS_CHANGED, variables: { table, planCode, since }, fetchPolicy: 'no-cache' }).subscribe({
      next: (m) => {
        const change = m.data?.rowsChanged;
        if (!change) return;
        since = change.generation;
        onChange(change);
      },
      error: () => {}, // the socket retries by itself; `connected` below makes the subscription again
    });
    stop = () => sub.unsubscribe();
  };
  const off = liveSocket.on('connected', () => {
    if (first) {
      first = false;
      return;
    }
    // A new connection: the server forgot this subscription's place; take it up from `since`.
    if (since !== null) start();
  });
  start();
  return () => {
    off();
    stop?.();
  };
}

/**
 * Reads a page's figures again when the data under them changes (issue 17: the department page, the
 * monitoring board, the public page): follows these live tables and calls `refresh` once a burst of
 * changes has settled (300 ms), never on the first connection. Subscriptions the server refuses
 * (signed out where anonymous reading is off) simply deliver nothing.
 */
export function useLiveRefresh(tables: readonly string[], refresh: () => void, enabled = true) {
  const latest = useRef(refresh);
  latest.current = refresh;
  const key = tables.join(',');
  useEffect(() => {
    if (!enabled || !key) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stops = key.split(',').map((table) =>
      watchRows(table, null, () => {
        clearTimeout(timer);
        timer = setTimeout(() => latest.current(), 300);
      }),
    );
    return () => {
      clearTimeout(timer);
      for (const stop of stops) stop();
    };
  }, [key, enabled]);
}
