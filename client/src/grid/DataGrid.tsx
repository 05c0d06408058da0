import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type ClipboardEvent } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef, GetRowIdParams, GridApi, GridReadyEvent, IDatasource, IGetRowsParams, IRowNode, RowSelectionOptions, SelectionColumnDef } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { fmt, formatNumber, useI18n } from '../i18n';
import { useLocation } from '../router';
import { navigate } from '../router';
import { deleteRow, listRows, loadAll, getRow } from '../api/rows';
import { explain, toProblem } from '../api/errors';
import { reason } from '../api/describe';
import { getDepartments, refreshDepartments } from '../api/departments';
import { notify } from '../ui/notify';
import { signInActions, useSession } from '../api/session';
import { Dialog } from '../ui/Dialog';
import type { Row, TableSpec } from '../tables/types';
import { buildColumns } from './columns';
import { EditController } from './controller';
import type { GridContext } from './context';
import { copyText, parseTsv, planPaste, PasteProblem } from './clipboard';
import { exportCsv } from './csv';
import { clearColumnState, loadColumnState, saveColumnState } from './columnState';
import { ColumnsMenu } from './ColumnsMenu';
import { AddRowDialog } from './AddRowDialog';
import { RowPanel } from './RowPanel';
import { rowLabel } from './labels';
import { gridTheme } from './theme';
import { searchPlaceholder } from './search';
import { gridAccess } from './access';
import { EditHint } from './EditHint';
import { FilterChips } from './FilterChips';
import { ServerExportMenu } from '../pages/ImportPage';
import type { DepartmentFilterModel, EnumFilterModel } from './filters';
import { PrintView, useGridPrint } from './print';

interface Counts {
  /** Rows in the table (all plans, no filter). */
  all: number | null;
  /** Rows the filters and search let through. */
  matching: number;
  /** Rows held in the browser (paged tables load blocks as they scroll). */
  loaded: number;
  selected: number;
}

type ServerQuery = { filter: Record<string, unknown>; orderBy: { field: string; direction: 'ASC' | 'DESC' }[] };

/** The list query's filter from the grid's column filters and the quick search. */
function serverFilter(spec: TableSpec, filterModel: Record<string, unknown> | null | undefined, search: string): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (search.trim()) filter.search = search.trim();
  for (const [col, model] of Object.entries(filterModel ?? {})) {
    const kind = spec.serverFilters[col];
    if (kind === 'enum') filter[col] = (model as EnumFilterModel).value;
    if (kind === 'bool') filter[col] = (model as EnumFilterModel).value === 'true';
    if (kind === 'department') {
      const m = model as DepartmentFilterModel;
      filter.department = m.department;
      if (m.role) filter.role = m.role;
    }
  }
  return filter;
}

// Grid options as constants: a new object on every render would make AG Grid re-apply them.
// Header labels wrap onto a second line rather than being cut ("Target val…").
const DEFAULT_COL: ColDef<Row> = { resizable: true, sortable: true, minWidth: 60, wrapHeaderText: true, autoHeaderHeight: true };
const SELECT_ALL: RowSelectionOptions<Row> = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false };
const SELECT_PAGED: RowSelectionOptions<Row> = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false };
const SELECTION_COL: SelectionColumnDef = { pinned: 'left', width: 44, suppressHeaderMenuButton: true };
const PAGED = { rowModelType: 'infinite' as const, cacheBlockSize: 100, maxBlocksInCache: 60, infiniteInitialRowCount: 1, blockLoadDebounceMillis: 60 };
const getRowId = (p: GetRowIdParams<Row>) => String(p.data.id);

const isTyping = (el: EventTarget | null) => el instanceof HTMLElement && !!el.closest('input, textarea, select, [contenteditable="true"], .ag-popup, .dialog');

/**
 * One table in a spreadsheet grid: edits save at once, paste saves as one batch, undo and redo
 * go to the server, and the layout is remembered. The indicators table pages, sorts and filters on
 * the server (AG Grid's infinite row model); the small tables load whole.
 */
export function DataGrid({ spec }: { spec: TableSpec }) {
  const { lang, t } = useI18n();
  const { query } = useLocation();
  const apiRef = useRef<GridApi<Row> | null>(null);
  const [api, setApi] = useState<GridApi<Row> | null>(null);
  const langRef = useRef(lang);
  langRef.current = lang;
  const [, bump] = useReducer((x: number) => x + 1, 0);
  const controller = useMemo(
    () => new EditController({ spec, api: () => apiRef.current, lang: () => langRef.current, changed: bump }),
    [spec],
  );
  const [search, setSearch] = useState(query.get('search') ?? '');
  const [appliedSearch, setAppliedSearch] = useState(search);
  const searchRef = useRef(appliedSearch);
  const [counts, setCounts] = useState<Counts>({ all: null, matching: 0, loaded: 0, selected: 0 });
  const [loading, setLoading] = useState(spec.rowModel === 'clientSide');
  const [panel, setPanel] = useState<{ id: string; version: number } | null>(query.get('row') ? { id: query.get('row')!, version: 0 } : null);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Row[] | null>(null);
  const lastQuery = useRef<ServerQuery>({ filter: {}, orderBy: [] });
  const focusAfterLoad = useRef<string | null>(null);
  /** Settles when the infinite model's first block has come back (or failed). */
  const firstBlock = useMemo(() => {
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    return { done, settle };
  }, [spec]);
  const allCount = useRef<number | null>(null);

  const user = useSession();
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
    [spec, lang, controller, user],
  );
  // Signing in or out changes which rows look editable.
  // The session often resolves just after the rows appear: a forced refresh of a row being edited
  // would close its editor and lose what the user is typing, so that row is left as it is.
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
  }, [user]);
  const columnDefs = useMemo(() => buildColumns(spec, lang), [spec, lang]);
  const onCellEditRequest = useCallback((e: CellEditRequestEvent<Row>) => e.data && controller.editCell(e.data.id, e.column.getColId(), e.newValue), [controller]);

  // ---- counts for the status bar -----------------------------------------------------------------

  const updateCounts = useCallback(() => {
    const a = apiRef.current;
    if (!a || a.isDestroyed()) return;
    let held = 0;
    a.forEachNode((n) => {
      if (n.data) held++;
    });
    const selected = a.getSelectedNodes().length;
    const next = (c: Counts): Counts =>
      spec.rowModel === 'clientSide' ? { all: held, matching: a.getDisplayedRowCount(), loaded: held, selected } : { ...c, all: allCount.current, loaded: held, selected };
    setCounts((c) => {
      const n = next(c);
      return n.all === c.all && n.matching === c.matching && n.loaded === c.loaded && n.selected === c.selected ? c : n;
    });
  }, [spec]);

  const countAll = useCallback(async () => {
    if (spec.rowModel !== 'infinite') return;
    try {
      allCount.current = (await listRows(spec, { limit: 1, offset: 0 })).totalCount;
      setCounts((c) => ({ ...c, all: allCount.current }));
    } catch {
      // the status bar shows the matching count only
    }
  }, [spec]);

  // ---- locating a row ------------------------------------------------------------------------------

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
    [],
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
    [spec, locate, controller, firstBlock],
  );

  const loadingRef = useRef(loading);
  loadingRef.current = loading;
  const afterLoad = useCallback(() => {
    updateCounts();
    // Not while the loading overlay is up: hiding it takes the focus away again.
    const pending = focusAfterLoad.current;
    if (!pending || loadingRef.current) return;
    // A user who already started editing keeps the editor: moving the focus to the linked row now
    // would close it (stopEditingWhenCellsLoseFocus) and throw away what they type.
    if (apiRef.current?.getEditingCells().length) focusAfterLoad.current = null;
    else if (locate(pending)) focusAfterLoad.current = null;
  }, [updateCounts, locate]);
  useEffect(() => {
    if (!loading) afterLoad();
  }, [loading, afterLoad]);

  // ---- data ----------------------------------------------------------------------------------------

  const datasource = useMemo<IDatasource | undefined>(
    () =>
      spec.rowModel !== 'infinite'
        ? undefined
        : {
            getRows: async (p: IGetRowsParams) => {
              const filter = serverFilter(spec, p.filterModel, searchRef.current);
              const orderBy = p.sortModel.map((s) => ({ field: s.colId, direction: s.sort === 'desc' ? ('DESC' as const) : ('ASC' as const) }));
              lastQuery.current = { filter, orderBy };
              try {
                const page = await listRows(spec, { filter, orderBy, limit: p.endRow - p.startRow, offset: p.startRow });
                p.successCallback(page.items, page.totalCount);
                firstBlock.settle();
                setCounts((c) => (c.matching === page.totalCount ? c : { ...c, matching: page.totalCount }));
                setTimeout(afterLoad, 0);
              } catch (e) {
                p.failCallback();
                firstBlock.settle();
                const problem = toProblem(e);
                notify({ kind: 'error', title: t({ zh: '加载失败', en: 'Could not load' }), body: reason(problem, langRef.current) });
              }
            },
          },
    [spec], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const reloadAll = useCallback(async () => {
    const a = apiRef.current;
    if (!a) return;
    if (spec.rowModel === 'infinite') {
      a.refreshInfiniteCache();
      void countAll();
      return;
    }
    setLoading(true);
    try {
      const rows = await loadAll(spec);
      a.setGridOption('rowData', rows);
      setTimeout(afterLoad, 0);
    } catch (e) {
      controller.reportLoadError(e);
    } finally {
      setLoading(false);
    }
  }, [spec, afterLoad, controller, countAll]);

  const onGridReady = useCallback(
    (e: GridReadyEvent<Row>) => {
      apiRef.current = e.api;
      setApi(e.api);
      const state = loadColumnState(spec.key);
      if (state) e.api.applyColumnState({ state, applyOrder: true });
      // Links from the department page arrive with their filters: ?department=住建&role=LEAD&attribute=BINDING
      const model: Record<string, unknown> = {};
      const department = query.get('department');
      if (department && spec.fields.some((f) => f.kind === 'responsibilities')) model.responsibilities = { department, ...(query.get('role') ? { role: query.get('role') } : {}) };
      for (const f of spec.fields) {
        const v = query.get(f.name);
        if (v && (f.kind === 'enum' || f.kind === 'bool')) model[f.name] = { value: v };
      }
      if (Object.keys(model).length) e.api.setFilterModel(model);
      void reloadAll();
      void countAll();
      const row = query.get('row');
      if (row) void showRow(row);
    },
    [spec], // eslint-disable-line react-hooks/exhaustive-deps
  );

  // A link to another row of this table while it is open.
  const rowParam = query.get('row');
  useEffect(() => {
    if (!rowParam || !apiRef.current) return;
    setPanel({ id: rowParam, version: 0 });
    void showRow(rowParam);
  }, [rowParam]); // eslint-disable-line react-hooks/exhaustive-deps

  // Quick search: typed, then applied after a pause (the server is asked once, not per key).
  useEffect(() => {
    const timer = setTimeout(() => setAppliedSearch(search), spec.rowModel === 'infinite' ? 350 : 150);
    return () => clearTimeout(timer);
  }, [search, spec]);
  useEffect(() => {
    if (searchRef.current === appliedSearch) return;
    searchRef.current = appliedSearch;
    const a = apiRef.current;
    if (a && spec.rowModel === 'infinite') {
      a.ensureIndexVisible(0, 'top');
      a.purgeInfiniteCache();
    }
  }, [appliedSearch, spec]);

  // ---- layout memory -------------------------------------------------------------------------------

  const rememberLayout = useCallback(() => {
    if (apiRef.current) saveColumnState(spec.key, apiRef.current);
  }, [spec]);

  // ---- keyboard: undo / redo -------------------------------------------------------------------------

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target) || apiRef.current?.getEditingCells().length) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        void controller.undo();
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        void controller.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);

  // Leaving while a save is on its way would lose it without a word: the browser asks first.
  const pending = controller.pending > 0;
  useEffect(() => {
    if (!pending) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [pending]);

  // ---- clipboard -----------------------------------------------------------------------------------

  const pasteText = useCallback(
    (text: string) => {
      const a = apiRef.current;
      if (!a || !text) return;
      const block = parseTsv(text);
      if (!block.length) return;
      try {
        const { changes, skipped } = planPaste(a, spec, block, langRef.current, getDepartments());
        if (skipped.length) notify({ kind: 'info', title: t({ zh: '只读列未粘贴', en: 'Read-only columns skipped' }), body: skipped.join(lang === 'zh' ? '、' : ', ') });
        if (!changes.length) {
          notify({ kind: 'info', title: t({ zh: '没有变化', en: 'Nothing changed' }), body: t({ zh: '粘贴的内容与现有值相同。', en: 'The pasted values equal the current ones.' }) });
          return;
        }
        void controller.paste(changes);
      } catch (e) {
        if (!(e instanceof PasteProblem)) throw e;
        if (e.rowId && e.colId) controller.markFailed(e.rowId, e.colId, e.message);
        notify({
          kind: 'error',
          title: t({ zh: '粘贴未保存', en: 'Paste not saved' }),
          body: e.message + t({ zh: '。整块都没有保存，请改正后重新粘贴。', en: '. Nothing was saved; correct it and paste again.' }),
        });
      }
    },
    [spec, controller, t, lang],
  );

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const a = apiRef.current;
    if (!a || a.getEditingCells().length || isTyping(e.target)) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    if (!gridAccess(user, spec).edit) return;
    pasteText(text);
  };

  const onCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    const a = apiRef.current;
    if (!a || a.getEditingCells().length || isTyping(e.target) || window.getSelection()?.toString()) return;
    const text = copyText(a, spec, lang);
    if (text == null) return;
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
  };

  // ---- rows ------------------------------------------------------------------------------------------

  const askDelete = () => {
    const a = apiRef.current;
    if (!a) return;
    let rows = a.getSelectedRows();
    if (!rows.length) {
      const f = a.getFocusedCell();
      const node = f ? a.getDisplayedRowAtIndex(f.rowIndex) : undefined;
      if (node?.data) rows = [node.data];
    }
    if (!rows.length) {
      notify({ kind: 'info', title: t({ zh: '请先选择要删除的行', en: 'Select the rows to delete first' }), body: t({ zh: '勾选行首的复选框，或点选一个单元格。', en: 'Tick the boxes at the start of the rows, or click a cell.' }) });
      return;
    }
    setDeleting(rows);
  };

  const doDelete = async (rows: Row[]) => {
    setDeleting(null);
    const a = apiRef.current;
    const removed: Row[] = [];
    for (const row of rows) {
      try {
        await deleteRow(spec, row.id, row.version);
        removed.push(row);
      } catch (e) {
        const p = toProblem(e);
        notify({
          kind: 'error',
          title: t({ zh: `未能删除${rowLabel(spec, row, 'zh')}`, en: `Could not delete ${rowLabel(spec, row, 'en')}` }),
          body: explain(p, lang, reason(p, lang)),
          actions: p.code === 'CONFLICT' && p.currentVersion != null ? [{ label: t({ zh: '加载最新数据', en: 'Load the newer row' }), run: () => controller.reload([row.id]) }] : signInActions(p, lang),
        });
      }
    }
    if (!removed.length || !a) return;
    if (spec.rowModel === 'clientSide') a.applyTransaction({ remove: removed });
    else {
      a.deselectAll();
      a.refreshInfiniteCache();
      void countAll();
    }
    if (spec.key === 'departments') void refreshDepartments();
    if (panel && removed.some((r) => r.id === panel.id)) setPanel(null);
    notify({ kind: 'success', title: t({ zh: `已删除 ${removed.length} 行`, en: `Deleted ${removed.length} row(s)` }) });
    setTimeout(updateCounts, 0);
  };

  const onCreated = (row: Row) => {
    setAdding(false);
    const a = apiRef.current;
    if (!a) return;
    if (spec.rowModel === 'clientSide') {
      a.applyTransaction({ add: [row] });
      setTimeout(() => {
        updateCounts();
        locate(row.id);
      }, 0);
    } else {
      focusAfterLoad.current = row.id;
      a.refreshInfiniteCache();
      void countAll();
    }
    if (spec.key === 'departments') void refreshDepartments();
    else setPanel({ id: row.id, version: row.version });
  };

  const doExport = async () => {
    const a = apiRef.current;
    if (!a) return;
    try {
      const n = await exportCsv(a, spec, lang, lastQuery.current);
      notify({ kind: 'success', title: t({ zh: '已导出 CSV', en: 'CSV exported' }), body: fmt(t({ zh: '{n} 行', en: '{n} rows' }), { n: formatNumber(n, lang) }) });
    } catch (e) {
      controller.reportLoadError(e);
    }
  };

  const pasteFromButton = async () => {
    try {
      pasteText(await navigator.clipboard.readText());
    } catch {
      notify({ kind: 'info', title: t({ zh: '请用 Ctrl+V 粘贴', en: 'Paste with Ctrl+V' }), body: t({ zh: '浏览器不允许按钮读取剪贴板：点选起始单元格后按 Ctrl+V。', en: 'The browser does not let the button read the clipboard: click the first cell, then press Ctrl+V.' }) });
    }
  };

  const printing = useGridPrint(api, spec, lang, useCallback(() => searchRef.current, []), useCallback(() => lastQuery.current, []));

  const infinite = spec.rowModel === 'infinite';
  const access = gridAccess(user, spec);
  const filtered = counts.all != null && counts.matching !== counts.all;

  return (
    <div className={`table-view${access.edit ? '' : ' table-readonly'}`} data-table={spec.key}>
      <div className="toolbar" role="toolbar" aria-label={t({ zh: '表格工具栏', en: 'Grid toolbar' })}>
        <input
          type="search"
          className="quick-search"
          placeholder={t(searchPlaceholder(spec))}
          aria-label={t({ zh: '快速搜索', en: 'Quick search' })}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        {access.rows && (
          <>
            <button type="button" onClick={() => setAdding(true)} data-testid="add-row">
              ＋ {t({ zh: '添加行', en: 'Add row' })}
            </button>
            <button type="button" onClick={askDelete} data-testid="delete-rows">
              {t({ zh: '删除行', en: 'Delete rows' })}
            </button>
          </>
        )}
        <span className="toolbar-sep" />
        <button type="button" onClick={() => void controller.undo()} disabled={!controller.history.canUndo} title="Ctrl+Z" data-testid="undo">
          ↶ {t({ zh: '撤销', en: 'Undo' })}
        </button>
        <button type="button" onClick={() => void controller.redo()} disabled={!controller.history.canRedo} title="Ctrl+Y" data-testid="redo">
          ↷ {t({ zh: '重做', en: 'Redo' })}
        </button>
        <button type="button" onClick={pasteFromButton} disabled={!access.edit} data-testid="paste" title={t({ zh: '从 Excel 复制一块单元格，点选起始单元格后按 Ctrl+V', en: 'Copy a block of cells in Excel, click the first cell here and press Ctrl+V' })}>
          {t({ zh: '粘贴', en: 'Paste' })}
        </button>
        <span className="toolbar-sep" />
        <button type="button" onClick={doExport} data-testid="export-csv">
          {t({ zh: '导出 CSV', en: 'Export CSV' })}
        </button>
        <ServerExportMenu tableKey={spec.key} />
        <button type="button" onClick={() => printing.print().catch((e) => controller.reportLoadError(e))} disabled={printing.busy} data-testid="print">
          {t({ zh: '打印', en: 'Print' })}
        </button>
        <ColumnsMenu
          api={api}
          onReset={() => {
            clearColumnState(spec.key);
            api?.resetColumnState();
          }}
        />
        <button type="button" onClick={() => void reloadAll()} title={t({ zh: '从服务器重新加载', en: 'Load again from the server' })}>
          ⟳ {t({ zh: '刷新', en: 'Reload' })}
        </button>
      </div>
      <FilterChips api={api} spec={spec} />
      <div className="grid-and-panel">
        <div className="grid-wrap" onPaste={onPaste} onCopy={onCopy}>
          <AgGridReact<Row>
            key={lang}
            theme={gridTheme}
            localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN}
            columnDefs={columnDefs}
            defaultColDef={DEFAULT_COL}
            context={context}
            getRowId={getRowId}
            readOnlyEdit
            onCellEditRequest={onCellEditRequest}
            stopEditingWhenCellsLoseFocus
            enterNavigatesVerticallyAfterEdit
            rowSelection={infinite ? SELECT_PAGED : SELECT_ALL}
            selectionColumnDef={SELECTION_COL}
            // Under twenty columns: render them all, so the browser's find and screen readers see every cell.
            suppressColumnVirtualisation
            tooltipShowDelay={400}
            tooltipInteraction
            loading={loading}
            {...(infinite ? { ...PAGED, datasource } : { rowModelType: 'clientSide' as const, quickFilterText: appliedSearch })}
            onGridReady={onGridReady}
            // A destroyed grid's API answers undefined: timers and loads that outlive the grid
            // (the user moved to another table) must find no API rather than a dead one.
            onGridPreDestroyed={() => {
              apiRef.current = null;
            }}
            onModelUpdated={afterLoad}
            onSelectionChanged={updateCounts}
            onColumnResized={(e) => e.finished && rememberLayout()}
            onColumnMoved={(e) => e.finished && rememberLayout()}
            onColumnVisible={rememberLayout}
            onColumnPinned={rememberLayout}
            onSortChanged={rememberLayout}
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
            onLocate={(row) => void showRow(row.id)}
            onRestored={(row) => {
              controller.applyServerRow(row);
              bump();
            }}
          />
        )}
      </div>
      <div className="status-bar" role="status" data-testid="status-bar">
        <span data-testid="status-count">
          {filtered
            ? fmt(t({ zh: '共 {all} 行，筛选后 {n} 行', en: '{n} of {all} rows match' }), { all: formatNumber(counts.all!, lang), n: formatNumber(counts.matching, lang) })
            : fmt(t({ zh: '共 {n} 行', en: '{n} rows' }), { n: formatNumber(counts.all ?? counts.matching, lang) })}
        </span>
        {infinite && <span data-testid="status-loaded">{fmt(t({ zh: '已加载 {n} 行', en: '{n} loaded' }), { n: formatNumber(counts.loaded, lang) })}</span>}
        {counts.selected > 0 && <span>{fmt(t({ zh: '已选 {n} 行', en: '{n} selected' }), { n: formatNumber(counts.selected, lang) })}</span>}
        <span className={`save-state${controller.pending ? ' busy' : ''}`} data-testid="save-state">
          {controller.pending ? fmt(t({ zh: '正在保存 {n} 项…', en: 'Saving {n}…' }), { n: controller.pending }) : t({ zh: '所有修改已保存', en: 'All changes saved' })}
        </span>
        <EditHint access={access} />
      </div>
      <PrintView job={printing.job} />
      {adding && <AddRowDialog spec={spec} onClose={() => setAdding(false)} onCreated={onCreated} />}
      {deleting && (
        <Dialog
          title={t({ zh: '确认删除', en: 'Delete rows?' })}
          onClose={() => setDeleting(null)}
          footer={
            <>
              <button type="button" onClick={() => setDeleting(null)}>
                {t({ zh: '取消', en: 'Cancel' })}
              </button>
              <button type="button" className="danger primary" onClick={() => void doDelete(deleting)} data-testid="confirm-delete">
                {fmt(t({ zh: '删除 {n} 行', en: 'Delete {n} row(s)' }), { n: deleting.length })}
              </button>
            </>
          }
        >
          <p>{t({ zh: '以下各行将连同其责任单位和关联一起删除，删除后不能撤销：', en: 'These rows will be deleted with their responsibilities and links. This cannot be undone:' })}</p>
          <ul className="plain delete-list">
            {deleting.slice(0, 12).map((r) => (
              <li key={r.id}>
                <strong>{rowLabel(spec, r, lang)}</strong> {spec.key === 'departments' ? '' : String(r[spec.titleField] ?? '')}
              </li>
            ))}
            {deleting.length > 12 && <li className="muted">{fmt(t({ zh: '…另有 {n} 行', en: '…and {n} more' }), { n: deleting.length - 12 })}</li>}
          </ul>
        </Dialog>
      )}
    </div>
  );
}
