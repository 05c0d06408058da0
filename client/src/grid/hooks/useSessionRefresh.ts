import { useEffect, type RefObject } from 'react';
import type { GridApi, IRowNode } from 'ag-grid-community';
import type { SessionUser } from '../../api/session';
import type { Row } from '../../tables/types';

/**
 * Signing in or out changes which rows look editable: the cells are drawn again.
 * The session often resolves just after the rows appear: a forced refresh of a row being edited
 * would close its editor and lose what the user is typing, so that row is left as it is.
 */
export function useSessionRefresh(apiRef: RefObject<GridApi<Row> | null>, user: SessionUser | null | undefined) {
  useEffect(() => {
    const a = apiRef.current;
    if (!a || a.isDestroyed()) return;
    const editing = new Set(a.getEditingCells().map((c) => c.rowIndex));
    if (!editing.size) {
      a.refreshCells({ force: true });
      return;
    }
    const rowNodes: IRowNode<Row>[] = [];
    a.forEachNode((n) => {
      if (n.rowIndex != null && !editing.has(n.rowIndex)) rowNodes.push(n);
    });
    a.refreshCells({ force: true, rowNodes });
  }, [user]); // eslint-disable-line react-hooks/exhaustive-deps
}
