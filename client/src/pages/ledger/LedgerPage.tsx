import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { AgGridReact, type CustomCellRendererProps } from 'ag-grid-react';
import type { CellClassParams, CellEditRequestEvent, ColDef, EditableCallbackParams, GetRowIdParams, GridApi } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { fmt, formatNumber, useI18n, type Lang, type Text } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { signInActions, useSession, type SessionUser } from '../../api/session';
import { toProblem } from '../../api/errors';
import { isVersionConflict } from '../../api/describe';
import { approveLedgerEntry, LEDGER_STATES, listLedgerEntries, reopenLedgerEntry, returnLedgerEntry, submitLedgerEntry, type LedgerEntry, type LedgerFilter, type LedgerState } from '../../api/ledger';
import { notify } from '../../ui/notify';
import { gridTheme } from '../../grid/theme';
import { EditHint } from '../../grid/EditHint';
import type { GridAccess } from '../../grid/access';
import { GRID_TEXT } from '../../i18n';
import { departmentName } from '../../tables/values';
import { EntryDialog } from './EntryDialog';
import { ReasonDialog } from './ReasonDialog';
import { LedgerEdits, parseActual, type LedgerField } from './edits';
import { usePendingSaveWarning, useUndoShortcuts } from '../../grid/hooks/useUndoShortcuts';
import { usePresence } from '../../grid/hooks/usePresence';
import { PresenceBar } from '../../grid/PresenceBar';
import { itemName, LEDGER_TEXT, ledgerReason, periodLabel, STATE_LABEL, unitOf } from './text';
import './ledger.css';

type View = 'entries' | 'queue';

interface Ctx {
  lang: Lang;
  user: SessionUser | null | undefined;
  edits: LedgerEdits;
  act(kind: Action, entry: LedgerEntry): void;
}

/** A draft or returned entry of the user's department (any open one for the office) is typed into in place. */
const canType = (p: EditableCallbackParams<LedgerEntry, unknown, Ctx>) => !!p.data && actionsFor(p.context.user, p.data).includes('edit');
const stateRules = (col: LedgerField) => ({
  'ph-cell-saving': (p: CellClassParams<LedgerEntry, unknown, Ctx>) => p.context.edits.cellState(p.data?.id, col) === 'saving',
  'ph-cell-saved': (p: CellClassParams<LedgerEntry, unknown, Ctx>) => p.context.edits.cellState(p.data?.id, col) === 'saved',
  'ph-cell-failed': (p: CellClassParams<LedgerEntry, unknown, Ctx>) => p.context.edits.cellState(p.data?.id, col) === 'failed',
  'ledger-typeable': (p: CellClassParams<LedgerEntry, unknown, Ctx>) => !!p.data && actionsFor(p.context.user, p.data).includes('edit'),
});
type Action = 'edit' | 'submit' | 'approve' | 'return' | 'reopen';

/** What the user may do with an entry (a hint: the server decides). */
function actionsFor(user: SessionUser | null | undefined, e: LedgerEntry): Action[] {
  if (!user || user.role === 'VIEWER') return [];
  const open = e.state === 'DRAFT' || e.state === 'RETURNED';
  if (user.role === 'ADMIN') {
    if (e.state === 'SUBMITTED') return ['approve', 'return'];
    if (e.state === 'APPROVED') return ['reopen'];
    return ['edit', 'submit'];
  }
  const own = e.department.id === user.department?.id || e.department.name === user.department?.name;
  return own && open ? ['edit', 'submit'] : [];
}

function access(user: SessionUser | null | undefined): GridAccess {
  if (!user) return { edit: false, rows: false, hint: LEDGER_TEXT.readOnlyAnon };
  if (user.role === 'VIEWER') return { edit: false, rows: false, hint: LEDGER_TEXT.readOnlyViewer };
  if (user.role === 'ADMIN') return { edit: true, rows: true, hint: LEDGER_TEXT.adminHint };
  return { edit: true, rows: false, hint: user.department ? LEDGER_TEXT.editorHint : GRID_TEXT.viewerReadOnly };
}

const ACTION_LABEL: Record<Action, Text> = { edit: LEDGER_TEXT.edit, submit: LEDGER_TEXT.submit, approve: LEDGER_TEXT.approve, return: LEDGER_TEXT.return, reopen: LEDGER_TEXT.reopen };

function StateCell(p: CustomCellRendererProps<LedgerEntry, LedgerState, Ctx>) {
  if (!p.value) return null;
  return (
    <span className={`ledger-state ledger-state-${p.value.toLowerCase()}`} data-state={p.value}>
      {STATE_LABEL[p.value][p.context.lang]}
    </span>
  );
}

function EvidenceCell(p: CustomCellRendererProps<LedgerEntry, LedgerEntry['evidence'], Ctx>) {
  return (
    <span className="ledger-evidence">
      {(p.value ?? []).map((f) => (
        <a key={f.id} href={f.downloadUrl} download className="chip chip-link" data-testid="evidence-link" title={f.fileName} onMouseDown={(e) => e.stopPropagation()}>
          {f.fileName}
        </a>
      ))}
    </span>
  );
}

function ActionsCell(p: CustomCellRendererProps<LedgerEntry, unknown, Ctx>) {
  if (!p.data) return null;
  const { lang, user, act } = p.context;
  const list = actionsFor(user, p.data);
  const subject = `${itemName(p.data, lang)} · ${periodLabel(p.data.period, lang)}`;
  return (
    <span className="ledger-actions">
      {list.map((a) => (
        <button
          key={a}
          type="button"
          className={a === 'approve' || a === 'submit' ? 'primary' : a === 'return' || a === 'reopen' ? 'danger-soft' : ''}
          data-testid={`entry-${a}`}
          aria-label={`${ACTION_LABEL[a][lang]}: ${subject}`}
          onClick={() => act(a, p.data!)}
        >
          {ACTION_LABEL[a][lang]}
        </button>
      ))}
    </span>
  );
}

function columns(lang: Lang): ColDef<LedgerEntry>[] {
  const t = (x: Text) => x[lang];
  return [
    { colId: 'item', headerName: t(LEDGER_TEXT.item), valueGetter: (p) => (p.data ? itemName(p.data, lang) : ''), width: 260, tooltipValueGetter: (p) => (p.data ? itemName(p.data, lang) : ''), pinned: 'left' },
    { colId: 'department', headerName: t(LEDGER_TEXT.department), valueGetter: (p) => (p.data ? departmentName(p.data.department, lang) : ''), width: 130 },
    { colId: 'period', field: 'period', headerName: t(LEDGER_TEXT.period), valueFormatter: (p) => periodLabel(p.value ?? '', lang), width: 130 },
    {
      colId: 'actualValue',
      field: 'actualValue',
      headerName: t(LEDGER_TEXT.actual),
      type: 'rightAligned',
      width: 130,
      valueFormatter: (p) => (p.value == null ? '' : `${(p.value as number).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 4 })} ${p.data ? unitOf(p.data) : ''}`.trim()),
      editable: canType,
      cellEditor: 'agTextCellEditor',
      valueParser: (p) => parseActual(p.newValue),
      cellClassRules: stateRules('actualValue'),
    },
    {
      colId: 'progressText',
      field: 'progressText',
      headerName: t(LEDGER_TEXT.progress),
      flex: 1,
      minWidth: 200,
      tooltipField: 'progressText',
      editable: canType,
      cellEditor: 'agLargeTextCellEditor',
      cellEditorPopup: true,
      cellEditorParams: { maxLength: PROGRESS_TEXT_MAX, rows: 8, cols: 60 },
      cellClassRules: stateRules('progressText'),
    },
    { colId: 'state', field: 'state', headerName: t(LEDGER_TEXT.state), width: 100, cellRenderer: StateCell },
    { colId: 'returnReason', field: 'returnReason', headerName: t(LEDGER_TEXT.returnReason), width: 180, tooltipField: 'returnReason' },
    { colId: 'evidence', field: 'evidence', headerName: t(LEDGER_TEXT.evidence), width: 180, cellRenderer: EvidenceCell, cellDataType: false, sortable: false },
    { colId: 'actions', headerName: t(LEDGER_TEXT.actions), width: 170, cellRenderer: ActionsCell, cellDataType: false, sortable: false, pinned: 'right' },
  ];
}

/** The server's limit on a progress text (schema/ledger/ledger.inputs.ts PROGRESS_TEXT_MAX). */
const PROGRESS_TEXT_MAX = 5000;

const DEFAULT_COL: ColDef<LedgerEntry> = { resizable: true, sortable: true, wrapHeaderText: true, autoHeaderHeight: true };
const getRowId = (p: GetRowIdParams<LedgerEntry>) => p.data.id;

/**
 * 电子台账: the entries the user may see (a department its own and the submitted ones; signed out the
 * approved ones), and for the evaluation office the approval queue (待审核: the submitted entries) with
 * 通过 and 退回 (a reason is required); an approved entry is locked until the office reopens it.
 * A department files an entry (item, period, value, progress, evidence files) and submits it; a
 * returned one shows why and is changed and submitted again.
 */
export function LedgerPage() {
  const { lang, t } = useI18n();
  const user = useSession();
  const { query } = useLocation();
  const office = user?.role === 'ADMIN';
  const view: View = office && query.get('view') === 'queue' ? 'queue' : 'entries';
  const [year, setYear] = useState<number | ''>('');
  const [state, setState] = useState<LedgerState | ''>('');
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<LedgerEntry[] | null>(null);
  const [total, setTotal] = useState(0);
  const [queueCount, setQueueCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<LedgerEntry | 'new' | null>(null);
  const [asking, setAsking] = useState<{ kind: 'return' | 'reopen'; entry: LedgerEntry } | null>(null);
  const a = access(user);
  const apiRef = useRef<GridApi<LedgerEntry> | null>(null);
  // Who else has the ledger open, and the entry each is typing into (issue 17, as on the plan tables' grids).
  const presence = usePresence('LEDGER');
  const langRef = useRef(lang);
  langRef.current = lang;
  const [, bump] = useReducer((x: number) => x + 1, 0);
  const edits = useMemo(
    () =>
      new LedgerEdits({
        api: () => apiRef.current,
        lang: () => langRef.current,
        changed: bump,
        saved: (entry) => setRows((list) => list?.map((r) => (r.id === entry.id ? entry : r)) ?? list),
      }),
    [],
  );
  useUndoShortcuts(apiRef, edits);
  usePendingSaveWarning(edits.pending > 0);
  const onCellEditRequest = useCallback((e: CellEditRequestEvent<LedgerEntry>) => e.data && edits.edit(e.data.id, e.column.getColId() as LedgerField, e.newValue), [edits]);

  const filter = useMemo<LedgerFilter>(() => {
    const f: LedgerFilter = {};
    if (view === 'queue') f.state = 'SUBMITTED';
    else if (state) f.state = state;
    if (year) f.year = year;
    if (search.trim()) f.search = search.trim();
    return f;
  }, [view, state, year, search]);

  const load = useCallback(() => {
    setError(null);
    listLedgerEntries(filter)
      .then((page) => {
        setRows(page.items);
        setTotal(page.totalCount);
      })
      .catch((e) => setError(ledgerReason(toProblem(e), lang)));
    if (office)
      listLedgerEntries({ state: 'SUBMITTED' }, 1)
        .then((p) => setQueueCount(p.totalCount))
        .catch(() => setQueueCount(null));
  }, [filter, lang, office]);
  useEffect(() => {
    if (user !== undefined) load();
  }, [load, user]);

  const done = useCallback(
    (saved: LedgerEntry, title: Text) => {
      notify({ kind: 'success', title: t(title), body: `${itemName(saved, lang)} · ${periodLabel(saved.period, lang)} → ${t(STATE_LABEL[saved.state])}` });
      load();
    },
    [lang, load, t],
  );

  const refused = useCallback(
    (e: unknown, what: Text, entry: LedgerEntry) => {
      const p = toProblem(e);
      notify({
        kind: isVersionConflict(p) ? 'conflict' : 'error',
        title: `${t(what)}${lang === 'zh' ? '未完成：' : ' failed: '}${itemName(entry, lang)} · ${periodLabel(entry.period, lang)}`,
        body: ledgerReason(p, lang) + (isVersionConflict(p) ? t({ zh: '。列表已刷新，请查看最新状态后再操作。', en: '. The list was reloaded: check the newer state and try again.' }) : ''),
        actions: signInActions(p, lang),
      });
      load();
      return ledgerReason(p, lang);
    },
    [lang, load, t],
  );

  const context = useMemo<Ctx>(
    () => ({
      lang,
      user,
      edits,
      act: (kind, entry) => {
        if (kind === 'edit') return setEditing(entry);
        if (kind === 'return' || kind === 'reopen') return setAsking({ kind, entry });
        const run = kind === 'submit' ? submitLedgerEntry : approveLedgerEntry;
        const label = kind === 'submit' ? { zh: '已提交', en: 'Submitted' } : { zh: '已通过', en: 'Approved' };
        run(entry).then(
          (saved) => done(saved, label),
          (e) => refused(e, ACTION_LABEL[kind], entry),
        );
      },
    }),
    [lang, user, edits, done, refused],
  );
  const columnDefs = useMemo(() => columns(lang), [lang]);
  const setView = (v: View) => navigate(v === 'queue' ? '/ledger?view=queue' : '/ledger');

  return (
    <div className="table-view ledger-page" data-page="ledger">
      <div className="toolbar">
        <h1 className="ledger-title">{t(LEDGER_TEXT.title)}</h1>
        {office && (
          <span className="segmented" role="group" aria-label={t(LEDGER_TEXT.title)}>
            <button type="button" className={view === 'entries' ? 'on' : ''} aria-pressed={view === 'entries'} onClick={() => setView('entries')}>
              {t(LEDGER_TEXT.entries)}
            </button>
            <button type="button" className={view === 'queue' ? 'on' : ''} aria-pressed={view === 'queue'} data-testid="queue-tab" onClick={() => setView('queue')}>
              {t(LEDGER_TEXT.queue)}
              {queueCount != null && <span className="ledger-count" data-testid="queue-count"> {queueCount}</span>}
            </button>
          </span>
        )}
        <input type="search" className="quick-search" placeholder={t(LEDGER_TEXT.search)} aria-label={t({ zh: '快速搜索', en: 'Quick search' })} value={search} onChange={(e) => setSearch(e.target.value)} />
        <select aria-label={t(LEDGER_TEXT.year)} value={year} onChange={(e) => setYear(e.target.value ? Number(e.target.value) : '')}>
          <option value="">{t(LEDGER_TEXT.allYears)}</option>
          {[2016, 2017, 2018, 2019, 2020].map((y) => (
            <option key={y} value={y}>
              {lang === 'zh' ? `${y}年` : y}
            </option>
          ))}
        </select>
        {view === 'entries' && (
          <select aria-label={t(LEDGER_TEXT.state)} data-testid="state-filter" value={state} onChange={(e) => setState(e.target.value as LedgerState | '')}>
            <option value="">{t(LEDGER_TEXT.allStates)}</option>
            {LEDGER_STATES.map((s) => (
              <option key={s} value={s}>
                {t(STATE_LABEL[s])}
              </option>
            ))}
          </select>
        )}
        {a.edit && (
          <>
            <button type="button" data-testid="undo" disabled={!edits.canUndo} onClick={() => void edits.undo()} title="Ctrl+Z">
              {t({ zh: '撤销', en: 'Undo' })}
            </button>
            <button type="button" data-testid="redo" disabled={!edits.canRedo} onClick={() => void edits.redo()} title="Ctrl+Y">
              {t({ zh: '重做', en: 'Redo' })}
            </button>
          </>
        )}
        <button type="button" onClick={load}>
          {t(LEDGER_TEXT.reload)}
        </button>
        {a.edit && (user?.role === 'ADMIN' || user?.department) && (
          <button type="button" className="primary" data-testid="new-entry" onClick={() => setEditing('new')}>
            {t(LEDGER_TEXT.newEntry)}
          </button>
        )}
        <span className="muted small ledger-intro">{t(LEDGER_TEXT.intro)}</span>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="ledger-error">
          {error}
        </p>
      )}
      <PresenceBar scope="ledger" titleField="item" api={apiRef.current} others={presence.others} nameOf={(e) => `${itemName(e, lang)} · ${periodLabel(e.period, lang)}`} />
      <div className="grid-and-panel">
        <div className="grid-wrap" data-presence="ledger">
          <AgGridReact<LedgerEntry>
            key={lang}
            theme={gridTheme}
            localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN}
            columnDefs={columnDefs}
            defaultColDef={DEFAULT_COL}
            context={context}
            getRowId={getRowId}
            rowData={rows}
            loading={rows == null && !error}
            overlayNoRowsTemplate={`<span class="muted">${t(LEDGER_TEXT.demoNone)}</span>`}
            suppressColumnVirtualisation
            tooltipShowDelay={400}
            readOnlyEdit
            onCellEditRequest={onCellEditRequest}
            onCellEditingStarted={presence.onCellEditingStarted}
            onCellEditingStopped={presence.onCellEditingStopped}
            stopEditingWhenCellsLoseFocus
            onGridReady={(e) => {
              apiRef.current = e.api;
            }}
            onGridPreDestroyed={() => {
              apiRef.current = null;
            }}
          />
        </div>
      </div>
      <div className="status-bar" role="status" data-testid="status-bar">
        <span data-testid="status-count">{fmt(t({ zh: '共 {n} 条台账', en: '{n} entries' }), { n: formatNumber(total, lang) })}</span>
        {a.edit && (
          <span className={`save-state${edits.pending ? ' busy' : ''}`} data-testid="save-state">
            {edits.pending ? fmt(t({ zh: '正在保存 {n} 项…', en: 'Saving {n}…' }), { n: edits.pending }) : t({ zh: '所有修改已保存', en: 'All changes saved' })}
          </span>
        )}
        <EditHint access={a} />
      </div>
      {editing && (
        <EntryDialog
          entry={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            done(saved, saved.state === 'SUBMITTED' ? { zh: '已提交', en: 'Submitted' } : { zh: '已保存', en: 'Saved' });
          }}
        />
      )}
      {asking && (
        <ReasonDialog
          title={asking.kind === 'return' ? LEDGER_TEXT.returnTitle : LEDGER_TEXT.reopenTitle}
          confirm={asking.kind === 'return' ? LEDGER_TEXT.return : LEDGER_TEXT.reopen}
          subject={`${itemName(asking.entry, lang)} · ${departmentName(asking.entry.department, lang)} · ${periodLabel(asking.entry.period, lang)}`}
          onClose={() => setAsking(null)}
          onConfirm={async (reason) => {
            const { kind, entry } = asking;
            try {
              const saved = await (kind === 'return' ? returnLedgerEntry : reopenLedgerEntry)(entry, reason);
              setAsking(null);
              done(saved, kind === 'return' ? { zh: '已退回', en: 'Returned' } : { zh: '已重新打开', en: 'Reopened' });
              return null;
            } catch (e) {
              return refused(e, ACTION_LABEL[kind], entry);
            }
          }}
        />
      )}
    </div>
  );
}
