import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import { getRow } from '../../api/rows';
import type { Row, TableSpec } from '../../tables/types';
import type { EditController } from '../controller';
import type { GridData } from './useGridData';
import { linkFilterModel } from '../serverQuery';

/**
 * The row a link points at (`?row=…`): brought into view, focused and flashed, with its side panel
 * open. A paged table may not hold the row yet: then it is focused when its block arrives, or found
 * by a search for its name. Links from the department page also carry column filters
 * (`?department=住建&role=LEAD&attribute=BINDING`), applied when the grid starts.
 */
export function useRowFocus(spec: TableSpec, apiRef: RefObject<GridApi<Row> | null>, controller: EditController, data: GridData, query: URLSearchParams) {
  const [panel, setPanel] = useState<{ id: string; version: number } | null>(query.get('row') ? { id: query.get('row')!, version: 0 } : null);
  const focusAfterLoad = useRef<string | null>(null);
  const { firstBlock, setSearch } = data;

  const locate = useCallback(
    (id: string) => {
      const a = apiRef.current;
      const node = a?.getRowNode(id);
      if (!a || !node || node.rowIndex == null) return false;
      a.ensureNodeVisible(node, 'middle');
      const firstCol = a.getAllDisplayedColumns().find((c) => !c.getColId().startsWith('_') && c.getColId() !== 'ag-Grid-SelectionColumn');
      if (firstCol) a.setFocusedCell(node.rowIndex, firstCol);
      a.flashCells({ rowNodes: [node] });
      return true;
    },
    [apiRef],
  );

  /** Brings a row into view; a paged table searches for it by its name first. */
  const showRow = useCallback(
    async (id: string) => {
      if (locate(id)) return;
      focusAfterLoad.current = id;
      if (spec.rowModel === 'infinite') {
        try {
          const [row] = await Promise.all([getRow(spec, id), firstBlock.done]);
          // The first block often holds the row: then it is shown where it is. Searching for it
          // would reload the grid, closing any editor the user has opened in the meantime.
          if (locate(id)) {
            focusAfterLoad.current = null;
            return;
          }
          if (row && !apiRef.current?.getEditingCells().length) setSearch(String(row[spec.titleField] ?? ''));
        } catch (e) {
          controller.reportLoadError(e);
        }
      }
    },
    [spec, apiRef, locate, controller, firstBlock, setSearch],
  );

  // After each load: the row waiting to be shown, if it has arrived.
  data.onLoaded.current = () => {
    const pending = focusAfterLoad.current;
    if (!pending) return;
    // A user who already started editing keeps the editor: moving the focus to the linked row now
    // would close it (stopEditingWhenCellsLoseFocus) and throw away what they type.
    if (apiRef.current?.getEditingCells().length) focusAfterLoad.current = null;
    else if (locate(pending)) focusAfterLoad.current = null;
  };

  // A link to another row of this table while it is open.
  const rowParam = query.get('row');
  useEffect(() => {
    if (!rowParam || !apiRef.current) return;
    setPanel({ id: rowParam, version: 0 });
    void showRow(rowParam);
  }, [rowParam]); // eslint-disable-line react-hooks/exhaustive-deps

  /** When the grid starts: the link's column filters… */
  const applyLinkFilters = (api: GridApi<Row>) => {
    const model = linkFilterModel(spec, query);
    if (Object.keys(model).length) api.setFilterModel(model);
  };
  /** …and, once the first load is on its way, the row it points at. */
  const showLinkedRow = () => {
    const row = query.get('row');
    if (row) void showRow(row);
  };

  /** Focuses the row once the next load has brought it (a row just added to a paged table). */
  const focusWhenLoaded = (id: string) => {
    focusAfterLoad.current = id;
  };

  return { panel, setPanel, locate, showRow, applyLinkFilters, showLinkedRow, focusWhenLoaded };
}
