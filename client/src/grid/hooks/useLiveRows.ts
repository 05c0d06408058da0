import { useEffect, useRef, type RefObject } from 'react';
import type { GridApi, IRowNode } from 'ag-grid-community';
import { LIVE_TABLE, watchRows, type RowsChanged } from '../../api/live';
import { listRows, MAX_PAGE } from '../../api/rows';
import type { Row, TableSpec } from '../../tables/types';
import type { EditController } from '../controller';
import type { GridData } from './useGridData';

/**
 * Applies what others change to the grid in place (issue 17): rows that changed are read again,
 * all of a change set in one request (the list query with `filter.ids`), and flash; created and
 * deleted rows refresh the paged cache (the scroll position and selection stay: rows are known by
 * id) or are added to / taken out of a whole-loaded table. A row whose cell this user is editing,
 * or whose typed value is still being saved, is not touched: it is marked (`changedElsewhere`),
 * and the save then meets the server's version check (CONFLICT, with the newer row on offer).
 * `reload` (a bulk import, or changes too old to list) reads the table again.
 */
export function useLiveRows(spec: TableSpec, apiRef: RefObject<GridApi<Row> | null>, controller: EditController, data: GridData) {
  /** Rows changed by someone else while this user was editing them. */
  const changedElsewhere = useRef(new Set<string>());
  const dataRef = useRef(data);
  dataRef.current = data;

  useEffect(() => {
    let queue: Promise<void> = Promise.resolve();
    const apply = async (change: RowsChanged) => {
      const api = apiRef.current;
      if (!api || api.isDestroyed()) return;
      if (change.reload || spec.key === 'departments') {
        await dataRef.current.reloadAll();
        return;
      }
      const editing = new Set(api.getEditingCells().map((c) => api.getDisplayedRowAtIndex(c.rowIndex)?.id).filter(Boolean) as string[]);
      const busy = (id: string) => editing.has(id) || controller.hasPendingEdits(id);
      const updated = change.rows.filter((r) => r.kind === 'UPDATED').filter((r) => {
        const held = api.getRowNode(r.id)?.data;
        // Not in the grid (another page) or already this version (this user's own save): nothing to do.
        return held && (r.version == null || held.version == null || held.version < r.version);
      });
      const created = change.rows.filter((r) => r.kind === 'CREATED').filter((r) => !api.getRowNode(r.id));
      const deleted = change.rows.filter((r) => r.kind === 'DELETED').filter((r) => api.getRowNode(r.id));
      const marked = updated.filter((r) => busy(r.id));
      for (const r of marked) changedElsewhere.current.add(r.id);
      const fetchIds = [...updated.filter((r) => !busy(r.id)), ...(spec.rowModel === 'clientSide' ? created : [])].map((r) => r.id);
      const fresh = fetchIds.length ? (await listRows(spec, { filter: { ids: fetchIds.slice(0, MAX_PAGE) }, limit: MAX_PAGE, offset: 0 })).items : [];
      if (api.isDestroyed()) return;
      const flash: IRowNode<Row>[] = [];
      const createdIds = new Set(created.map((r) => r.id));
      const added: Row[] = [];
      for (const row of fresh) {
        if (createdIds.has(row.id)) {
          added.push(row);
          continue;
        }
        if (busy(row.id)) {
          changedElsewhere.current.add(row.id);
          continue;
        }
        changedElsewhere.current.delete(row.id);
        controller.applyServerRow(row);
        const node = api.getRowNode(row.id);
        if (node) flash.push(node);
      }
      if (spec.rowModel === 'clientSide') {
        // Checked again now: this user's own create or delete may have come first while the rows were read.
        const remove = deleted.filter((r) => !busy(r.id)).map((r) => api.getRowNode(r.id)?.data).filter(Boolean) as Row[];
        added.splice(0, added.length, ...added.filter((r) => !api.getRowNode(r.id)));
        if (added.length || remove.length) {
          const result = api.applyTransaction({ add: added, remove });
          flash.push(...(result?.add ?? []));
        }
      } else if (created.length || deleted.length) {
        // The server knows where new rows fall in the sort and filter; the cache reads its blocks again.
        await dataRef.current.reloadAll();
      }
      if (flash.length) api.flashCells({ rowNodes: flash });
      // Marked now on the rendered row (a redraw would close the open editor); rowClassRules keep the mark on later renders.
      for (const r of marked) document.querySelectorAll(`.ag-row[row-id="${CSS.escape(r.id)}"]`).forEach((el) => el.classList.add('row-changed-elsewhere'));
      dataRef.current.updateCounts();
    };
    const stop = watchRows(LIVE_TABLE[spec.key], null, (change) => {
      queue = queue.then(() => apply(change)).catch(() => {});
    });
    return stop;
  }, [spec, apiRef, controller]);

  return changedElsewhere;
}
