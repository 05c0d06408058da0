import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { AgGridReact, type CustomCellRendererProps } from 'ag-grid-react';
import type { CellClassParams, CellEditRequestEvent, ColDef, GetRowIdParams, GridApi, ValueParserParams } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { fmt, formatNumber, GRID_TEXT, useI18n, type Lang, type Text } from '../../i18n';
import { useSession, type SessionUser } from '../../api/session';
import { loadYearTargets, type YearTargetIndicator } from '../../api/yearTargets';
import { toProblem } from '../../api/errors';
import { reason } from '../../api/describe';
import { enumKeys, enumLabel } from '../../tables/enums';
import { gridTheme } from '../../grid/theme';
import { EditHint } from '../../grid/EditHint';
import type { GridAccess } from '../../grid/access';
import { usePendingSaveWarning, useUndoShortcuts } from '../../grid/hooks/useUndoShortcuts';
import { FIELD_LABEL, formatTarget, YEARS, yearCol, yearOf, yearOfCol, YearTargetEdits, type InputField } from './edits';
import { YearTargetHistory } from './YearTargetHistory';
import { YEAR_TARGET_TEXT } from './text';
import './year-targets.css';


function access(user: SessionUser | null | undefined): GridAccess {
  if (!user) return { edit: false, rows: false, hint: GRID_TEXT.signInToEdit };
  if (user.role === 'ADMIN') return { edit: true, rows: false, hint: YEAR_TARGET_TEXT.howTo };
  if (user.role === 'VIEWER') return { edit: false, rows: false, hint: GRID_TEXT.viewerReadOnly };
  return { edit: false, rows: false, hint: YEAR_TARGET_TEXT.officeOnly };
}

interface Ctx {
  lang: Lang;
  edit: boolean;
  edits: YearTargetEdits;
  openHistory(row: YearTargetIndicator): void;
}

const stateRules = (col: string) => ({
  'ph-cell-saving': (p: CellClassParams<YearTargetIndicator, unknown, Ctx>) => p.context.edits.cellState(p.data?.id, col) === 'saving',
  'ph-cell-saved': (p: CellClassParams<YearTargetIndicator, unknown, Ctx>) => p.context.edits.cellState(p.data?.id, col) === 'saved',
  'ph-cell-failed': (p: CellClassParams<YearTargetIndicator, unknown, Ctx>) => p.context.edits.cellState(p.data?.id, col) === 'failed',
});

/** Reads a typed number (commas and spaces allowed); an unreadable one comes back as text, refused. */
class Unreadable {
  constructor(readonly typed: string) {}
}
function parseNumber(p: ValueParserParams<YearTargetIndicator, unknown>): unknown {
  const typed = p.newValue == null ? '' : String(p.newValue).trim();
  const n = Number(typed.replace(/[,，\s]/g, ''));
  return typed === '' || !Number.isFinite(n) ? new Unreadable(typed) : n;
}

/** A year's target, with 手动 and ↺ when the office entered it by hand. */
function YearCell(p: CustomCellRendererProps<YearTargetIndicator, number | null, Ctx>) {
  const year = yearOfCol(p.colDef?.colId ?? '')!;
  const cell = yearOf(p.data, year);
  const { lang, edit, edits } = p.context;
  if (!cell || !p.data) return null;
  const t = (x: Text) => x[lang];
  return (
    <span className="yt-cell" data-derived={String(cell.derived)}>
      <span className="yt-value">{formatTarget(cell.targetValue, lang)}</span>
      {!cell.derived && (
        <span className="yt-hand" title={t(YEAR_TARGET_TEXT.handTitle)} data-testid="hand-edited">
          {t(YEAR_TARGET_TEXT.hand)}
        </span>
      )}
      {!cell.derived && edit && (
        <button
          type="button"
          className="yt-reset"
          data-testid="reset-year"
          title={t(YEAR_TARGET_TEXT.reset)}
          aria-label={`${t(YEAR_TARGET_TEXT.reset)} (${year})`}
          onClick={() => edits.resetYear(p.data!.id, year)}
          onMouseDown={(e) => e.stopPropagation()}
        >
          ↺
        </button>
      )}
    </span>
  );
}

function HistoryCell(p: CustomCellRendererProps<YearTargetIndicator, unknown, Ctx>) {
  if (!p.data) return null;
  const label = YEAR_TARGET_TEXT.history[p.context.lang];
  return (
    <button type="button" className="open-row" title={label} aria-label={`${label}: ${p.data.name}`} data-history={p.data.id} onClick={() => p.context.openHistory(p.data!)}>
      ⋯
    </button>
  );
}

function columns(lang: Lang, edit: boolean): ColDef<YearTargetIndicator>[] {
  const t = (x: Text) => x[lang];
  const input = (field: InputField): ColDef<YearTargetIndicator> => ({ colId: field, field, headerName: t(FIELD_LABEL[field]), editable: edit, cellClassRules: stateRules(field) });
  return [
    { colId: 'seq', field: 'seq', headerName: t({ zh: '序号', en: 'No.' }), width: 74, pinned: 'left', filter: 'agNumberColumnFilter' },
    { colId: 'name', field: 'name', headerName: t({ zh: '指标名称', en: 'Indicator' }), width: 210, pinned: 'left', filter: 'agTextColumnFilter', tooltipField: 'name' },
    { colId: 'unit', field: 'unit', headerName: t({ zh: '单位', en: 'Unit' }), width: 90 },
    { colId: 'targetText', field: 'targetText', headerName: t({ zh: '2020年目标', en: '2020 target' }), width: 130, tooltipField: 'targetText' },
    {
      ...input('targetMethod'),
      width: 130,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: enumKeys('TargetMethod') },
      valueFormatter: (p) => enumLabel('TargetMethod', p.value, lang),
    },
    {
      ...input('baseValue'),
      headerName: t({ zh: '基期值（2015年）', en: 'Base (2015)' }),
      width: 120,
      type: 'rightAligned',
      cellEditor: 'agTextCellEditor',
      valueFormatter: (p) => formatTarget(p.value as number | null, lang),
      valueParser: parseNumber,
    },
    ...YEARS.map(
      (year): ColDef<YearTargetIndicator> => ({
        colId: yearCol(year),
        headerName: t({ zh: `${year}年`, en: String(year) }),
        width: 120,
        type: 'rightAligned',
        editable: edit,
        valueGetter: (p) => yearOf(p.data, year)?.targetValue ?? null,
        valueFormatter: (p) => formatTarget(p.value as number | null, lang),
        valueParser: parseNumber,
        cellEditor: 'agTextCellEditor',
        cellRenderer: YearCell,
        cellClassRules: { ...stateRules(yearCol(year)), 'yt-hand-cell': (p: CellClassParams<YearTargetIndicator>) => yearOf(p.data, year)?.derived === false },
        comparator: (a, b) => (a ?? -Infinity) - (b ?? -Infinity),
      }),
    ),
    { colId: 'history', headerName: '', width: 56, sortable: false, resizable: false, cellRenderer: HistoryCell, cellClass: 'open-cell', headerTooltip: t(YEAR_TARGET_TEXT.history) },
  ];
}

const DEFAULT_COL: ColDef<YearTargetIndicator> = { resizable: true, sortable: true, wrapHeaderText: true, autoHeaderHeight: true };
const getRowId = (p: GetRowIdParams<YearTargetIndicator>) => p.data.id;

/**
 * 年度目标: one row per indicator, one column per year 2016–2020. The evaluation office (ADMIN)
 * types a year (it is kept by hand from then on) or puts it back (↺), and changes the base value and
 * the method the derived years follow; saves carry versions, refusals and conflicts are explained as
 * in the other grids, Ctrl+Z / Ctrl+Y undo and redo on the server, ⋯ shows a row's history.
 */
export function YearTargetsPage() {
  const { lang, t } = useI18n();
  const user = useSession();
  const apiRef = useRef<GridApi<YearTargetIndicator> | null>(null);
  const langRef = useRef(lang);
  langRef.current = lang;
  const [, bump] = useReducer((x: number) => x + 1, 0);
  const edits = useMemo(() => new YearTargetEdits({ api: () => apiRef.current, lang: () => langRef.current, changed: bump }), []);
  const [rows, setRows] = useState<YearTargetIndicator[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [history, setHistory] = useState<string | null>(null);
  const a = access(user);

  const load = useCallback(() => {
    setError(null);
    loadYearTargets()
      .then(setRows)
      .catch((e) => setError(reason(toProblem(e), langRef.current)));
  }, []);
  useEffect(load, [load]);

  useUndoShortcuts(apiRef, edits);
  usePendingSaveWarning(edits.pending > 0);

  const context = useMemo<Ctx>(() => ({ lang, edit: a.edit, edits, openHistory: (r) => setHistory(r.id) }), [lang, a.edit, edits]);
  const columnDefs = useMemo(() => columns(lang, a.edit), [lang, a.edit]);
  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<YearTargetIndicator>) => {
      const col = e.column.getColId();
      const id = e.data?.id;
      if (!id) return;
      if (e.newValue instanceof Unreadable) return edits.refuse(id, col, e.newValue.typed);
      const year = yearOfCol(col);
      if (year != null) edits.editYear(id, year, e.newValue as number);
      else if (col === 'baseValue' || col === 'targetMethod') edits.editInput(id, col, e.newValue);
    },
    [edits],
  );
  const shown = rows?.length ?? 0;
  const historyRow = history ? (apiRef.current?.getRowNode(history)?.data ?? rows?.find((r) => r.id === history)) : undefined;

  return (
    <div className={`table-view year-targets${a.edit ? '' : ' table-readonly'}`} data-page="year-targets">
      <div className="toolbar">
        <h1 className="yt-title">{t(YEAR_TARGET_TEXT.title)}</h1>
        <input
          type="search"
          className="quick-search"
          placeholder={t(YEAR_TARGET_TEXT.search)}
          aria-label={t({ zh: '快速搜索', en: 'Quick search' })}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="toolbar-sep" />
        {a.edit && (
          <>
            <button type="button" data-testid="undo" disabled={!edits.canUndo} onClick={() => void edits.undo()} title="Ctrl+Z">
              {t(YEAR_TARGET_TEXT.undo)}
            </button>
            <button type="button" data-testid="redo" disabled={!edits.canRedo} onClick={() => void edits.redo()} title="Ctrl+Y">
              {t(YEAR_TARGET_TEXT.redo)}
            </button>
          </>
        )}
        <button type="button" onClick={load}>
          {t(YEAR_TARGET_TEXT.reload)}
        </button>
        <span className="muted small yt-intro">{t(YEAR_TARGET_TEXT.intro)}</span>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="grid-and-panel">
        <div className="grid-wrap">
          <AgGridReact<YearTargetIndicator>
            key={lang}
            theme={gridTheme}
            localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN}
            columnDefs={columnDefs}
            defaultColDef={DEFAULT_COL}
            context={context}
            getRowId={getRowId}
            rowData={rows}
            loading={rows == null && !error}
            quickFilterText={search}
            readOnlyEdit
            onCellEditRequest={onCellEditRequest}
            stopEditingWhenCellsLoseFocus
            suppressColumnVirtualisation
            tooltipShowDelay={400}
            onGridReady={(e) => {
              apiRef.current = e.api;
            }}
            onGridPreDestroyed={() => {
              apiRef.current = null;
            }}
          />
        </div>
        {historyRow && <YearTargetHistory row={historyRow} onClose={() => setHistory(null)} />}
      </div>
      <div className="status-bar" role="status" data-testid="status-bar">
        <span data-testid="status-count">{fmt(t({ zh: '共 {n} 项指标', en: '{n} indicators' }), { n: formatNumber(shown, lang) })}</span>
        <span className={`save-state${edits.pending ? ' busy' : ''}`} data-testid="save-state">
          {edits.pending ? fmt(t({ zh: '正在保存 {n} 项…', en: 'Saving {n}…' }), { n: edits.pending }) : t({ zh: '所有修改已保存', en: 'All changes saved' })}
        </span>
        <EditHint access={a} />
      </div>
    </div>
  );
}
