import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact, type CustomCellRendererProps } from 'ag-grid-react';
import type { ColDef, GetRowIdParams } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { fmt, formatNumber, useI18n, type Lang, type Text } from '../../i18n';
import { useSession, type SessionUser } from '../../api/session';
import { toProblem } from '../../api/errors';
import { reason } from '../../api/describe';
import type { EvaluationFilter, EvaluationKind, EvaluationStatus } from '../../api/generated/graphql';
import { gridTheme } from '../../grid/theme';
import { notify } from '../../ui/notify';
import { departmentName } from '../../tables/values';
import { listEvaluations, type Evaluation } from './api';
import { EvaluationDialog } from './EvaluationDialog';
import { ACTION_LABEL, evaluationActions, useEvaluationActions, type EvaluationAction } from './useEvaluationActions';
import { EVAL_TEXT, evaluationLabel, KIND_LABEL, STATUS_LABEL } from './text';
import { StatusBadge } from './StatusBadge';
import './evaluations.css';

interface Ctx {
  lang: Lang;
  user: SessionUser | null | undefined;
  act(action: EvaluationAction, e: Evaluation): void;
}

function StatusCell(p: CustomCellRendererProps<Evaluation, EvaluationStatus, Ctx>) {
  return p.value ? <StatusBadge status={p.value} lang={p.context.lang} /> : null;
}

function ActionsCell(p: CustomCellRendererProps<Evaluation, unknown, Ctx>) {
  if (!p.data) return null;
  const { lang, user, act } = p.context;
  return (
    <span className="evaluation-actions">
      {evaluationActions(user, p.data).map((a) => (
        <button key={a} type="button" className={a === 'respond' || a === 'close' ? 'primary' : ''} data-testid={`evaluation-${a}`} onClick={() => act(a, p.data!)}>
          {ACTION_LABEL[a][lang]}
        </button>
      ))}
    </span>
  );
}

function columns(lang: Lang): ColDef<Evaluation>[] {
  const t = (x: Text) => x[lang];
  return [
    { colId: 'department', headerName: t(EVAL_TEXT.department), valueGetter: (p) => (p.data ? departmentName(p.data.department, lang) : ''), width: 130, pinned: 'left' },
    { colId: 'kind', field: 'kind', headerName: t(EVAL_TEXT.kind), valueFormatter: (p) => (p.value ? t(KIND_LABEL[p.value as EvaluationKind]) : ''), width: 110 },
    { colId: 'period', headerName: t(EVAL_TEXT.period), valueGetter: (p) => (p.data ? evaluationLabel(p.data, lang) : ''), width: 190, tooltipValueGetter: (p) => (p.data ? evaluationLabel(p.data, lang) : '') },
    { colId: 'findings', field: 'findings', headerName: t(EVAL_TEXT.findings), flex: 1, minWidth: 180, tooltipField: 'findings' },
    { colId: 'measures', field: 'measures', headerName: t(EVAL_TEXT.measures), flex: 1, minWidth: 180, tooltipField: 'measures' },
    { colId: 'response', field: 'response', headerName: t(EVAL_TEXT.response), flex: 1, minWidth: 160, tooltipField: 'response' },
    { colId: 'status', field: 'status', headerName: t(EVAL_TEXT.status), width: 100, cellRenderer: StatusCell },
    { colId: 'statusNote', field: 'statusNote', headerName: t(EVAL_TEXT.statusNote), width: 150, tooltipField: 'statusNote' },
    { colId: 'actions', headerName: t(EVAL_TEXT.actions), width: 190, cellRenderer: ActionsCell, cellDataType: false, sortable: false, pinned: 'right' },
  ];
}

const DEFAULT_COL: ColDef<Evaluation> = { resizable: true, sortable: true, wrapHeaderText: true, autoHeaderHeight: true };
const getRowId = (p: GetRowIdParams<Evaluation>) => p.data.id;

/**
 * 季度评估与重点督查: the office creates quarterly evaluations and special inspections and follows
 * them (open ones first); a department's editors respond; the office closes or reopens them.
 */
export function EvaluationsPage() {
  const { lang, t } = useI18n();
  const user = useSession();
  const [year, setYear] = useState<number | ''>('');
  const [status, setStatus] = useState<EvaluationStatus | ''>('');
  const [kind, setKind] = useState<EvaluationKind | ''>('');
  const [department, setDepartment] = useState('');
  const [rows, setRows] = useState<Evaluation[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Evaluation | 'new' | null>(null);

  const filter = useMemo<EvaluationFilter>(() => {
    const f: EvaluationFilter = {};
    if (year) f.year = year;
    if (status) f.status = status;
    if (kind) f.kind = kind;
    if (department.trim()) f.department = department.trim();
    return f;
  }, [year, status, kind, department]);

  const load = useCallback(() => {
    if (!user) {
      setRows([]);
      setError(t(EVAL_TEXT.signIn));
      return;
    }
    setError(null);
    listEvaluations(filter)
      .then((page) => {
        setRows(page.items);
        setTotal(page.totalCount);
      })
      .catch((e) => setError(reason(toProblem(e), lang)));
  }, [filter, lang, t, user]);
  useEffect(() => {
    if (user !== undefined) load();
  }, [load, user]);

  const { ask, dialog } = useEvaluationActions(load);
  const context = useMemo<Ctx>(() => ({ lang, user, act: (a, e) => (a === 'edit' ? setEditing(e) : ask(a, e)) }), [lang, user, ask]);
  const columnDefs = useMemo(() => columns(lang), [lang]);

  return (
    <div className="table-view evaluations-page" data-page="evaluations">
      <div className="toolbar">
        <h1 className="evaluations-title">{t(EVAL_TEXT.title)}</h1>
        <input type="search" className="quick-search" placeholder={t(EVAL_TEXT.department)} aria-label={t(EVAL_TEXT.department)} value={department} onChange={(e) => setDepartment(e.target.value)} />
        <select aria-label={t(EVAL_TEXT.year)} value={year} onChange={(e) => setYear(e.target.value ? Number(e.target.value) : '')}>
          <option value="">{t(EVAL_TEXT.allYears)}</option>
          {[2016, 2017, 2018, 2019, 2020].map((y) => (
            <option key={y} value={y}>
              {lang === 'zh' ? `${y}年` : y}
            </option>
          ))}
        </select>
        <select aria-label={t(EVAL_TEXT.kind)} value={kind} onChange={(e) => setKind(e.target.value as EvaluationKind | '')}>
          <option value="">{t(EVAL_TEXT.allKinds)}</option>
          {(['QUARTERLY', 'INSPECTION'] as const).map((k) => (
            <option key={k} value={k}>
              {t(KIND_LABEL[k])}
            </option>
          ))}
        </select>
        <select aria-label={t(EVAL_TEXT.status)} data-testid="evaluation-status-filter" value={status} onChange={(e) => setStatus(e.target.value as EvaluationStatus | '')}>
          <option value="">{t(EVAL_TEXT.allStatuses)}</option>
          {(['OPEN', 'RESPONDED', 'CLOSED'] as const).map((s) => (
            <option key={s} value={s}>
              {t(STATUS_LABEL[s])}
            </option>
          ))}
        </select>
        <button type="button" onClick={load}>
          {t(EVAL_TEXT.reload)}
        </button>
        {user?.role === 'ADMIN' && (
          <button type="button" className="primary" data-testid="new-evaluation" onClick={() => setEditing('new')}>
            {t(EVAL_TEXT.newEvaluation)}
          </button>
        )}
        <span className="muted small">{t(EVAL_TEXT.intro)}</span>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="evaluations-error">
          {error}
        </p>
      )}
      <div className="grid-and-panel">
        <div className="grid-wrap">
          <AgGridReact<Evaluation>
            key={lang}
            theme={gridTheme}
            localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN}
            columnDefs={columnDefs}
            defaultColDef={DEFAULT_COL}
            context={context}
            getRowId={getRowId}
            rowData={rows}
            loading={rows == null && !error}
            overlayNoRowsTemplate={`<span class="muted">${t(EVAL_TEXT.none)}</span>`}
            tooltipShowDelay={400}
          />
        </div>
      </div>
      <div className="status-bar" role="status" data-testid="status-bar">
        <span data-testid="status-count">{fmt(t(EVAL_TEXT.count), { n: formatNumber(total, lang) })}</span>
      </div>
      {editing && (
        <EvaluationDialog
          evaluation={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            notify({ kind: 'success', title: t({ zh: '已保存', en: 'Saved' }), body: `${departmentName(saved.department, lang)} · ${evaluationLabel(saved, lang)}` });
            load();
          }}
        />
      )}
      {dialog}
    </div>
  );
}
