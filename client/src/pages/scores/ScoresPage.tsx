import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact, type CustomCellRendererProps } from 'ag-grid-react';
import type { ColDef, GetRowIdParams } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { formatDateTime, useI18n, type Lang } from '../../i18n';
import { signInActions, useSession } from '../../api/session';
import { toProblem } from '../../api/errors';
import { reason } from '../../api/describe';
import type { ScorePart } from '../../api/generated/graphql';
import { gridTheme } from '../../grid/theme';
import { notify } from '../../ui/notify';
import { Dialog } from '../../ui/Dialog';
import { departmentName } from '../../tables/values';
import { annualScores, publishScores, type AnnualScore } from './api';
import { InputsDialog } from './InputsDialog';
import { ScoreOfficePanel } from './ScoreOfficePanel';
import { PART_LABEL, PARTS, SCORE_TEXT } from './text';
import './scores.css';

const YEARS = [2016, 2017, 2018, 2019, 2020];

interface Ctx {
  lang: Lang;
  open(score: AnnualScore, part: ScorePart | null): void;
}

/** A number of the ranking as a button that opens its inputs. */
function NumberCell(p: CustomCellRendererProps<AnnualScore, number, Ctx> & { part?: ScorePart }) {
  if (!p.data || p.value == null) return null;
  const part = (p.colDef?.colId === 'total' ? null : p.colDef?.colId) as ScorePart | null;
  return (
    <button type="button" className="link-button score-number" data-testid={`score-${p.colDef?.colId}`} onClick={() => p.context.open(p.data!, part)}>
      {Math.round(p.value * 100) / 100}
    </button>
  );
}

function columns(lang: Lang): ColDef<AnnualScore>[] {
  const t = (x: { zh: string; en: string }) => x[lang];
  return [
    { colId: 'rank', field: 'rank', headerName: t(SCORE_TEXT.rank), width: 80, sort: 'asc' },
    { colId: 'department', headerName: t(SCORE_TEXT.department), valueGetter: (p) => (p.data ? departmentName(p.data.department, lang) : ''), width: 180, pinned: 'left' },
    { colId: 'total', field: 'total', headerName: t(SCORE_TEXT.total), width: 110, cellRenderer: NumberCell, type: 'rightAligned' },
    ...PARTS.map<ColDef<AnnualScore>>((part) => ({
      colId: part,
      headerName: t(PART_LABEL[part]),
      valueGetter: (p) => p.data?.parts.find((x) => x.part === part)?.score ?? null,
      headerTooltip: t(PART_LABEL[part]),
      width: 130,
      cellRenderer: NumberCell,
      type: 'rightAligned',
    })),
  ];
}

const getRowId = (p: GetRowIdParams<AnnualScore>) => p.data.department.id;

/**
 * “3+1”年度综合考评: the ranking of a year, each department's total and parts; every number opens to
 * its inputs (which items, statuses, values, points and weights), so a department can check its
 * own score. The office enters the ratings and bonuses, sets the rules and publishes the year.
 */
export function ScoresPage() {
  const { lang, t } = useI18n();
  const user = useSession();
  const [year, setYear] = useState(2019);
  const [data, setData] = useState<Awaited<ReturnType<typeof annualScores>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<{ score: AnnualScore; part: ScorePart | null } | null>(null);
  const [confirming, setConfirming] = useState(false);

  const load = useCallback(() => {
    setError(null);
    annualScores(year)
      .then(setData)
      .catch((e) => {
        const p = toProblem(e);
        setData(null);
        setError(p.code === 'UNAUTHENTICATED' ? t(SCORE_TEXT.signIn) : reason(p, lang));
      });
  }, [year, lang, t]);
  useEffect(() => {
    if (user !== undefined) load();
  }, [load, user]);

  const context = useMemo<Ctx>(() => ({ lang, open: (score, part) => setOpened({ score, part }) }), [lang]);
  const columnDefs = useMemo(() => columns(lang), [lang]);
  const published = data?.scorePublication;

  const publish = async () => {
    setConfirming(false);
    try {
      await publishScores(year);
      notify({ kind: 'success', title: t(SCORE_TEXT.published), body: String(year) });
    } catch (e) {
      const p = toProblem(e);
      notify({ kind: 'error', title: t(SCORE_TEXT.publish), body: reason(p, lang), actions: signInActions(p, lang) });
    }
    load();
  };

  return (
    <div className="table-view scores-page" data-page="scores">
      <div className="scores-scroll">
      <div className="toolbar">
        <h1 className="scores-title">{t(SCORE_TEXT.title)}</h1>
        <select aria-label={t(SCORE_TEXT.year)} data-testid="score-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {YEARS.map((y) => (
            <option key={y} value={y}>
              {lang === 'zh' ? `${y}年度` : y}
            </option>
          ))}
        </select>
        <span className={published ? 'chip score-published' : 'chip'} data-testid="score-publication">
          {published ? `${t(SCORE_TEXT.published)} · ${formatDateTime(published.publishedAt, lang)}` : t(SCORE_TEXT.unpublished)}
        </span>
        {user?.role === 'ADMIN' && !published && data && (
          <button type="button" className="danger-soft" data-testid="score-publish" onClick={() => setConfirming(true)}>
            {t(SCORE_TEXT.publish)}
          </button>
        )}
        <span className="muted small">{t(SCORE_TEXT.intro)}</span>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="scores-error">
          {error}
        </p>
      )}
      <div className="grid-wrap scores-grid">
        <AgGridReact<AnnualScore>
          key={lang}
          theme={gridTheme}
          localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, sortable: true }}
          context={context}
          getRowId={getRowId}
          rowData={data?.annualScores ?? (error ? [] : null)}
          loading={!data && !error}
        />
      </div>
      {user?.role === 'ADMIN' && !published && <ScoreOfficePanel year={year} onChanged={load} />}
      </div>
      {opened && <InputsDialog score={opened.score} part={opened.part} onClose={() => setOpened(null)} />}
      {confirming && (
        <Dialog
          title={t(SCORE_TEXT.publish)}
          onClose={() => setConfirming(false)}
          footer={
            <>
              <button type="button" onClick={() => setConfirming(false)}>
                {t(SCORE_TEXT.close)}
              </button>
              <button type="button" className="primary" data-testid="score-publish-confirm" onClick={() => void publish()}>
                {t(SCORE_TEXT.publish)}
              </button>
            </>
          }
        >
          <p>{t(SCORE_TEXT.publishConfirm)}</p>
        </Dialog>
      )}
    </div>
  );
}
