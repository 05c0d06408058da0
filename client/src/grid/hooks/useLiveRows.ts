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
 * A row with an open editor is read again too (in the same request) and handed, with the way to
 * apply or drop the mark, to `onEditedRowChanged` (the editor's "keep typing / take the new value",
 * hooks/useEditClash); one deleted under an open editor stays until the editor closes.
 * `reload` (a bulk import, or changes too old to list) reads the table again.
 */
export function useLiveRows(spec: TableSpec, apiRef: RefObject<GridApi<Row> | null>, controller: EditController, data: GridData, onEditedRowChanged?: (change: EditedRowChange) => void | Promise<void>) {
  /** Rows changed by someone else while this user was editing them. */
  const changedElsewhere = useRef(new Set<string>());
  const dataRef = useRef(data);
  dataRef.current = data;
  const onEdited = useRef(onEditedRowChanged);
  onEdited.current = onEditedRowChanged;

  useEffect(() => {
    let queue: Promise<void> = Promise.resolve();
    /**
     * Reads the whole table again, but never under an open editor or a save in flight: the rows
     * would take the newer versions there, and the typed value would then be saved over the other
     * change without a conflict. Put off until the grid is idle; the save meanwhile goes against the
     * version the user started from, so a row changed elsewhere meets the usual conflict.
     */
    let deferred: ReturnType<typeof setInterval> | null = null;
    const busyGrid = () => {
      const api = apiRef.current;
      return !!api && !api.isDestroyed() && (api.getEditingCells().length > 0 || controller.pending > 0);
    };
    const reloadAll = async () => {
      if (!busyGrid()) return dataRef.current.reloadAll();
      deferred ??= setInterval(() => {
        if (busyGrid()) return;
        clearInterval(deferred!);
        deferred = null;
        queue = queue.then(() => reloadAll()).catch(() => {});
      }, 300);
    };
    const apply = async (change: RowsChanged) => {
      const api = apiRef.current;
      if (!api || api.isDestroyed()) return;
      if (change.reload || spec.key === 'departments') {
        await reloadAll();
        return;
      }
      const editing = editingRows(api);
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
      const deletedEdited = deleted.filter((r) => editing.has(r.id));
      for (const r of deletedEdited) changedElsewhere.current.add(r.id);
      // Rows with an open editor are read too: the editor shows what changed.
      const fetchIds = [...updated.filter((r) => !busy(r.id) || editing.has(r.id)), ...(spec.rowModel === 'clientSide' ? created : [])].map((r) => r.id);
      const fresh = fetchIds.length ? (await listRows(spec, { filter: { ids: fetchIds.slice(0, MAX_PAGE) }, limit: MAX_PAGE, offset: 0 })).items : [];
      if (api.isDestroyed()) return;
      const flash: IRowNode<Row>[] = [];
      const createdIds = new Set(created.map((r) => r.id));
      const added: Row[] = [];
      const edited: Row[] = [];
      for (const row of fresh) {
        if (createdIds.has(row.id)) {
          added.push(row);
          continue;
        }
        if (busy(row.id)) {
          changedElsewhere.current.add(row.id);
          if (editing.has(row.id)) edited.push(row);
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
      } else if (created.length || deleted.length > deletedEdited.length) {
        // The server knows where new rows fall in the sort and filter; the cache reads its blocks again.
        await reloadAll();
      }
      if (flash.length) api.flashCells({ rowNodes: flash });
      for (const r of [...marked, ...deletedEdited]) markRow(r.id, true);
      dataRef.current.updateCounts();
      const tell = (c: EditedRowChange) => void Promise.resolve(onEdited.current?.(c)).catch(() => {});
      for (const row of edited) tell({ rowId: row.id, fresh: row, settle: settle(row.id) });
      for (const r of deletedEdited) tell({ rowId: r.id, fresh: null, settle: settle(r.id) });
    };
    /** Drops a row's mark; `gone` takes a deleted row out of the grid (its editor has closed). */
    const settle = (id: string) => (gone?: boolean) => {
      changedElsewhere.current.delete(id);
      markRow(id, false);
      const api = apiRef.current;
      if (!gone || !api || api.isDestroyed()) return;
      if (spec.rowModel === 'clientSide') {
        const held = api.getRowNode(id)?.data;
        if (held) api.applyTransaction({ remove: [held] });
        dataRef.current.updateCounts();
      } else void reloadAll();
    };
    const stop = watchRows(LIVE_TABLE[spec.key], null, (change) => {
      queue = queue.then(() => apply(change)).catch(() => {});
    });
    return () => {
      stop();
      if (deferred) clearInterval(deferred);
    };
  }, [spec, apiRef, controller]);

  return changedElsewhere;
}

/** A change to a row this user has an editor open on. */
export interface EditedRowChange {
  rowId: string;
  /** The row as the server has it now; null: deleted. */
  fresh: Row | null;
  /** Drops the row's changed-elsewhere mark; `gone`: also takes the (deleted) row out of the grid. */
  settle(gone?: boolean): void;
}

/** The ids of the rows with an open cell editor. */
export function editingRows(api: GridApi<Row>): Set<string> {
  return new Set(api.getEditingCells().map((c) => api.getDisplayedRowAtIndex(c.rowIndex)?.id).filter(Boolean) as string[]);
}

/** Marked now on the rendered row (a redraw would close the open editor); rowClassRules keep the mark on later renders. */
function markRow(id: string, on: boolean) {
  document.querySelectorAll(`.ag-row[row-id="${CSS.escape(id)}"]`).forEach((el) => el.classList.toggle('row-changed-elsewhere', on));
}
