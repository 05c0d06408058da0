import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useShownStatusYear } from '../ui/statusYear';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef, GetRowIdParams, GridApi, GridReadyEvent, RowSelectionOptions, SelectionColumnDef } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { useI18n } from '../i18n';
import { navigate, useLocation } from '../router';
import { useSession } from '../api/session';
import type { Row, TableSpec } from '../tables/types';
import { buildColumns } from './columns';
import { EditController } from './controller';
import type { GridContext } from './context';
import { gridTheme } from './theme';
import { gridAccess } from './access';
import { PrintView, useGridPrint } from './print';
import { AddRowDialog } from './AddRowDialog';
import { DeleteDialog } from './DeleteDialog';
import { FilterChips } from './FilterChips';
import { GridToolbar } from './GridToolbar';
import { RowPanel } from './RowPanel';
import { StatusBar } from './StatusBar';
import { useGridData } from './hooks/useGridData';
import { useRowFocus } from './hooks/useRowFocus';
import { useClipboard } from './hooks/useClipboard';
import { usePendingSaveWarning, useUndoShortcuts } from './hooks/useUndoShortcuts';
import { useRowActions } from './hooks/useRowActions';
import { useColumnLayout } from './hooks/useColumnLayout';
import { useSessionRefresh } from './hooks/useSessionRefresh';
import { useLiveRows } from './hooks/useLiveRows';
import { useEditClash } from './hooks/useEditClash';
import { EditClash } from './EditClash';
import { usePresence } from './hooks/usePresence';
import { LIVE_TABLE } from '../api/live';
import { PresenceBar } from './PresenceBar';

// Grid options as constants: a new object on every render would make AG Grid re-apply them.
// Header labels wrap onto a second line rather than being cut ("Target val…").
const DEFAULT_COL: ColDef<Row> = { resizable: true, sortable: true, minWidth: 60, wrapHeaderText: true, autoHeaderHeight: true };
const SELECT_ALL: RowSelectionOptions<Row> = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false };
const SELECT_PAGED: RowSelectionOptions<Row> = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false };
const SELECTION_COL: SelectionColumnDef = { pinned: 'left', width: 44, suppressHeaderMenuButton: true };
const PAGED = { rowModelType: 'infinite' as const, cacheBlockSize: 100, maxBlocksInCache: 60, infiniteInitialRowCount: 1, blockLoadDebounceMillis: 60 };
const getRowId = (p: GetRowIdParams<Row>) => String(p.data.id);

/**
 * One table in a spreadsheet grid: edits save at once, paste saves as one batch, undo and redo
 * go to the server, and the layout is remembered. The indicators table pages, sorts and filters on
 * the server (AG Grid's infinite row model); the small tables load whole.
 *
 * This file puts the parts together: the rows and counts (hooks/useGridData), the row a link
 * points at (hooks/useRowFocus), copy and paste (hooks/useClipboard), Ctrl+Z / Ctrl+Y
 * (hooks/useUndoShortcuts), adding and deleting rows (hooks/useRowActions), the toolbar, the
 * status bar and the dialogs.
 */
export function DataGrid({ spec }: { spec: TableSpec }) {
  const { lang } = useI18n();
  const { query } = useLocation();
  const user = useSession();
  const apiRef = useRef<GridApi<Row> | null>(null);
  const [api, setApi] = useState<GridApi<Row> | null>(null);
  const langRef = useRef(lang);
  langRef.current = lang;
  const [, bump] = useReducer((x: number) => x + 1, 0);
  const controller = useMemo(
    () => new EditController({ spec, api: () => apiRef.current, lang: () => langRef.current, changed: bump }),
    [spec],
  );

  const data = useGridData(spec, apiRef, controller, langRef, query.get('search') ?? '');
  const focus = useRowFocus(spec, apiRef, controller, data, query);
  const clipboard = useClipboard(spec, apiRef, controller, user, langRef);
  const rows = useRowActions(spec, apiRef, controller, data, focus);
  const layout = useColumnLayout(spec, apiRef);
  useUndoShortcuts(apiRef, controller);
  usePendingSaveWarning(controller.pending > 0);
  useSessionRefresh(apiRef, user);
  const clash = useEditClash(spec, apiRef, controller, langRef);
  const changedElsewhere = useLiveRows(spec, apiRef, controller, data, clash.onEditedRowChanged);
  const presence = usePresence(LIVE_TABLE[spec.key] ?? null); // who else is here, and the row this page edits
  // A row someone else changed while this user edits it: marked, not overwritten (hooks/useLiveRows).
  const rowClassRules = useMemo(() => ({ 'row-changed-elsewhere': (p: { data?: Row }) => !!p.data && changedElsewhere.current.has(p.data.id) }), [changedElsewhere]);

  const { setPanel } = focus;
  const context = useMemo<GridContext>(
    () => ({
      spec,
      lang,
      user,
      controller,
      openRow: (row: Row) => {
        if (spec.key === 'departments') navigate(`/department?name=${encodeURIComponent(row.name)}`);
        else setPanel({ id: row.id, version: row.version });
      },
    }),
    [spec, lang, controller, user, setPanel],
  );
  // The indicators' status column follows the year picked above the grid: new header, rows read again.
  const shownYear = useShownStatusYear();
  const columnDefs = useMemo(() => buildColumns(spec, lang), [spec, lang, shownYear]); // eslint-disable-line react-hooks/exhaustive-deps
  const yearLoaded = useRef(shownYear);
  useEffect(() => {
    if (spec.key !== 'indicators' || yearLoaded.current === shownYear) return;
    yearLoaded.current = shownYear;
    void data.reloadAll();
  }, [shownYear]); // eslint-disable-line react-hooks/exhaustive-deps
  const onCellEditRequest = useCallback((e: CellEditRequestEvent<Row>) => e.data && controller.editCell(e.data.id, e.column.getColId(), e.newValue), [controller]);

  const onGridReady = useCallback(
    (e: GridReadyEvent<Row>) => {
      apiRef.current = e.api;
      setApi(e.api);
      layout.restore(e.api);
      focus.applyLinkFilters(e.api);
      void data.reloadAll();
      void data.countAll();
      focus.showLinkedRow();
    },
    [spec], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const printing = useGridPrint(api, spec, lang, useCallback(() => data.searchRef.current, []), useCallback(() => data.lastQuery.current, [])); // eslint-disable-line react-hooks/exhaustive-deps

  const infinite = spec.rowModel === 'infinite';
  const access = gridAccess(user, spec);
  const { panel } = focus;

  return (
    <div className={`table-view${access.edit ? '' : ' table-readonly'}`} data-table={spec.key} data-presence={spec.key}>
      <GridToolbar
        spec={spec}
        api={api}
        controller={controller}
        access={access}
        search={data.search}
        onSearch={data.setSearch}
        onAdd={() => rows.setAdding(true)}
        onDelete={rows.askDelete}
        onPaste={clipboard.pasteFromButton}
        lastQuery={() => data.lastQuery.current}
        printing={printing}
        onResetColumns={() => layout.reset(api)}
        onReload={() => void data.reloadAll()}
      />
      <FilterChips api={api} spec={spec} />
      <PresenceBar scope={spec.key} titleField={spec.titleField} api={api} others={presence.others} />
      <div className="grid-and-panel">
        <div className="grid-wrap" onPaste={clipboard.onPaste} onCopy={clipboard.onCopy}>
          <AgGridReact<Row>
            key={lang}
            theme={gridTheme}
            localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN}
            columnDefs={columnDefs}
            defaultColDef={DEFAULT_COL}
            context={context}
            getRowId={getRowId}
            rowClassRules={rowClassRules}
            readOnlyEdit
            onCellEditRequest={onCellEditRequest}
            onCellEditingStarted={presence.onCellEditingStarted}
            onCellEditingStopped={presence.onCellEditingStopped}
            stopEditingWhenCellsLoseFocus
            enterNavigatesVerticallyAfterEdit
            rowSelection={infinite ? SELECT_PAGED : SELECT_ALL}
            selectionColumnDef={SELECTION_COL}
            // Under twenty columns: render them all, so the browser's find and screen readers see every cell.
            suppressColumnVirtualisation
            tooltipShowDelay={400}
            tooltipInteraction
            loading={data.loading}
            {...(infinite ? { ...PAGED, datasource: data.datasource } : { rowModelType: 'clientSide' as const, quickFilterText: data.appliedSearch })}
            onGridReady={onGridReady}
            // A destroyed grid's API answers undefined: timers and loads that outlive the grid
            // (the user moved to another table) must find no API rather than a dead one.
            onGridPreDestroyed={() => {
              apiRef.current = null;
            }}
            onModelUpdated={data.afterLoad}
            onSelectionChanged={data.updateCounts}
            onColumnResized={(e) => e.finished && layout.remember()}
            onColumnMoved={(e) => e.finished && layout.remember()}
            onColumnVisible={layout.remember}
            onColumnPinned={layout.remember}
            onSortChanged={layout.remember}
          />
        </div>
        {panel && spec.key !== 'departments' && (
          <RowPanel
            spec={spec}
            rowId={panel.id}
            version={api?.getRowNode(panel.id)?.data?.version ?? panel.version}
            onClose={() => {
              setPanel(null);
              if (query.get('row')) navigate(spec.path, { replace: true });
            }}
            onLocate={(row) => void focus.showRow(row.id)}
            onRestored={(row) => {
              controller.applyServerRow(row);
              bump();
            }}
          />
        )}
      </div>
      <StatusBar counts={data.counts} infinite={infinite} pending={controller.pending} access={access} />
      <PrintView job={printing.job} />
      <EditClash state={clash} />
      {rows.adding && <AddRowDialog spec={spec} onClose={() => rows.setAdding(false)} onCreated={rows.onCreated} />}
      {rows.deleting && <DeleteDialog spec={spec} rows={rows.deleting} onCancel={() => rows.setDeleting(null)} onConfirm={() => void rows.doDelete(rows.deleting!)} />}
    </div>
  );
}
