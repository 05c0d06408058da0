import { useLiveRefresh } from '../../api/live';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { fmt, useI18n, type Lang } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { countsOf, loadBoard, loadSummary, type BoardIndicator, type BoardSummary, type ProgressStatus } from '../../api/board';
import { toProblem } from '../../api/errors';
import { reason } from '../../api/describe';
import { enumLabel } from '../../tables/enums';
import { departmentName } from '../../tables/values';
import { BOARD_TEXT, STATUS_LABEL, STATUS_RANK, STATUSES } from './text';
import './board.css';

// AG Charts comes with the first chart, not with the board's counts.
const TrendChart = lazy(() => import('./TrendChart'));

const YEARS = [2016, 2017, 2018, 2019, 2020];
const PERIODS = ['', 'Q1', 'Q2', 'Q3', 'Q4', ...Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'))];

const periodName = (p: string, lang: Lang) => (!p ? (lang === 'zh' ? '全年' : 'Whole year') : p.startsWith('Q') ? (lang === 'zh' ? `第${p[1]}季度末` : `end of ${p}`) : lang === 'zh' ? `${Number(p)}月末` : `end of month ${p}`);
const pct = (r: number | null | undefined, lang: Lang) => (r == null ? '—' : `${(r * 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 })}%`);

function countBy(list: BoardIndicator[]): Record<ProgressStatus, number> {
  const c = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ProgressStatus, number>;
  for (const i of list) c[i.progress.status]++;
  return c;
}

function Counts({ counts, label, testid }: { counts: Record<ProgressStatus, number>; label: string; testid?: string }) {
  const { t } = useI18n();
  return (
    <ul className="plain board-counts" aria-label={label} data-testid={testid}>
      {STATUSES.map((s) => (
        <li key={s} className={`board-count status-${s.toLowerCase()}`} data-status={s}>
          <span className="board-count-n">{counts[s]}</span>
          <span className="board-count-label">{t(STATUS_LABEL[s])}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * 动态监控: a year (and, for the departments, the end of a month or quarter): how many indicators are
 * achieved, on track, at risk, off track or without data — overall, by attribute (约束性/预期性) and by
 * department; the indicators with the ones needing attention first, each with its explanation; and
 * an indicator's trend (year targets against approved actuals, 2015–2020) as a chart.
 */
export function BoardPage() {
  const { lang, t } = useI18n();
  const { query } = useLocation();
  const year = YEARS.includes(Number(query.get('year'))) ? Number(query.get('year')) : 2019;
  const part = PERIODS.includes(query.get('period') ?? '') ? (query.get('period') ?? '') : '';
  const period = part ? `${year}-${part}` : null;
  const [items, setItems] = useState<BoardIndicator[] | null>(null);
  const [summary, setSummary] = useState<BoardSummary | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);

  // A change in the ledger, the year targets or the indicators reads the figures again, in place.
  const [tick, setTick] = useState(0);
  useLiveRefresh(['LEDGER', 'YEAR_TARGETS', 'INDICATORS'], () => setTick((n) => n + 1));
  useEffect(() => {
    if (!tick) return;
    let live = true;
    loadBoard(year).then((r) => live && setItems(r), () => {});
    loadSummary(year, period).then((r) => live && setSummary(r), () => {});
    return () => {
      live = false;
    };
  }, [tick]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    let live = true;
    setItems(null);
    setError(null);
    loadBoard(year)
      .then((r) => live && setItems(r))
      .catch((e) => live && setError(reason(toProblem(e), lang)));
    setSummary(undefined);
    loadSummary(year, period)
      .then((r) => live && setSummary(r))
      .catch((e) => live && (setSummary(null), setError(reason(toProblem(e), lang))));
    return () => {
      live = false;
    };
  }, [year, period]); // eslint-disable-line react-hooks/exhaustive-deps

  const sorted = useMemo(() => (items ? [...items].sort((a, b) => STATUS_RANK[a.progress.status] - STATUS_RANK[b.progress.status] || a.seq - b.seq) : []), [items]);
  const selected = sorted.find((i) => i.id === chosen) ?? sorted.find((i) => i.progress.status !== 'NO_DATA') ?? sorted[0];
  const go = (next: { year?: number; period?: string }) => {
    const p = new URLSearchParams();
    p.set('year', String(next.year ?? year));
    const np = next.period ?? part;
    if (np) p.set('period', np);
    navigate(`/board?${p.toString()}`, { replace: true });
  };

  return (
    <div className="page board-page" data-page="board">
      <div className="board-head">
        <h1>{t(BOARD_TEXT.title)}</h1>
        <label>
          {t(BOARD_TEXT.year)}{' '}
          <select value={year} data-testid="board-year" onChange={(e) => go({ year: Number(e.target.value) })}>
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {lang === 'zh' ? `${y}年` : y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(BOARD_TEXT.period)}{' '}
          <select value={part} data-testid="board-period" onChange={(e) => go({ period: e.target.value })}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {periodName(p, lang)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {!items && !error && (
        <p className="muted" role="status">
          {t({ zh: '正在加载…', en: 'Loading…' })}
        </p>
      )}
      {items && (
        <>
          <section className="board-section" aria-labelledby="board-overall">
            <h2 id="board-overall">
              {t(BOARD_TEXT.overall)}{' '}
              <span className="muted small">
                {summary
                  ? fmt(t({ zh: '{n} 项指标和里程碑 · {p}', en: '{n} indicators and milestones · {p}' }), { n: summary.total, p: period ? periodName(part, lang) + ' ' + year : String(year) })
                  : fmt(t({ zh: '{n} 项指标 · {y}年', en: '{n} indicators · {y}' }), { n: items.length, y: year })}
              </span>
            </h2>
            <Counts counts={summary ? countsOf(summary) : countBy(items)} label={t(BOARD_TEXT.overall)} testid="board-overall" />
          </section>
          <section className="board-section" aria-labelledby="board-attr">
            <h2 id="board-attr">{t(BOARD_TEXT.byAttribute)}</h2>
            <div className="board-attrs">
              {(['BINDING', 'EXPECTED'] as const).map((a) => (
                <div key={a} className="board-attr">
                  <h3>{enumLabel('IndicatorAttribute', a, lang)}</h3>
                  <Counts counts={summary ? countsOf(summary.byAttribute.find((x) => x.attribute === a) ?? { total: 0, achieved: 0, onTrack: 0, atRisk: 0, offTrack: 0, missed: 0, noData: 0 }) : countBy(items.filter((i) => i.attribute === a))} label={enumLabel('IndicatorAttribute', a, lang)} />
                </div>
              ))}
            </div>
          </section>
          <section className="board-section" aria-labelledby="board-dept">
            <h2 id="board-dept">
              {t(BOARD_TEXT.byDepartment)} {period && <span className="muted small">{periodName(part, lang)}</span>}
            </h2>
            {summary && (
              // Scrolls when there are many departments: reachable by keyboard, named for screen readers.
              <div className="board-table-wrap" tabIndex={0} role="region" aria-labelledby="board-dept">
                <table className="board-table" data-testid="board-departments">
                  <thead>
                    <tr>
                      <th scope="col">{t(BOARD_TEXT.department)}</th>
                      {STATUSES.map((s) => (
                        <th key={s} scope="col" className="num">
                          {t(STATUS_LABEL[s])}
                        </th>
                      ))}
                      <th scope="col" className="num">
                        {t(BOARD_TEXT.total)}
                      </th>
                      <th scope="col" className="num">
                        {t(BOARD_TEXT.completion)}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...summary.byDepartment]
                      .sort((a, b) => b.offTrack + b.missed + b.atRisk - (a.offTrack + a.missed + a.atRisk) || a.department.name.localeCompare(b.department.name, 'zh'))
                      .map((d) => (
                        <tr key={d.department.id}>
                          <th scope="row">{departmentName(d.department, lang)}</th>
                          {STATUSES.map((s) => {
                            const n = { ACHIEVED: d.achieved, MISSED: d.missed, ON_TRACK: d.onTrack, AT_RISK: d.atRisk, OFF_TRACK: d.offTrack, NO_DATA: d.noData }[s];
                            return (
                              <td key={s} className={`num${n && s !== 'ACHIEVED' && s !== 'ON_TRACK' && s !== 'NO_DATA' ? ' board-alert' : ''}`}>
                                {n}
                              </td>
                            );
                          })}
                          <td className="num">{d.total}</td>
                          <td className="num">{pct(d.completionRate, lang)}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <div className="board-split">
            <section className="board-section board-items" aria-labelledby="board-items">
              <h2 id="board-items">{t(BOARD_TEXT.attention)}</h2>
              <ol className="plain board-list" data-testid="board-items">
                {sorted.map((i) => (
                  <li key={i.id} className={`board-item${selected?.id === i.id ? ' selected' : ''}`} data-status={i.progress.status} data-indicator={i.id}>
                    <button type="button" className="board-item-button" aria-pressed={selected?.id === i.id} onClick={() => setChosen(i.id)} title={t(BOARD_TEXT.showTrend)}>
                      <span className={`board-status status-${i.progress.status.toLowerCase()}`}>{t(STATUS_LABEL[i.progress.status])}</span>
                      <span className="board-item-name">
                        {i.seq} {i.name}
                      </span>
                      <span className="board-item-ratio">{pct(i.progress.ratio, lang)}</span>
                    </button>
                    <p className="board-explanation small">
                      {(lang === 'en' && i.progress.explanationEn) || i.progress.explanation}
                      {i.progress.provisional ? t({ zh: '（年内暂估）', en: ' (provisional, during the year)' }) : ''}
                    </p>
                  </li>
                ))}
              </ol>
            </section>
            <section className="board-section board-trend" aria-labelledby="board-trend">
              <h2 id="board-trend">{t(BOARD_TEXT.trend)}</h2>
              {selected ? (
                <Suspense fallback={<p className="muted">{t({ zh: '正在加载图表…', en: 'Loading the chart…' })}</p>}>
                  <TrendChart indicator={selected} />
                </Suspense>
              ) : (
                <p className="muted">{t(BOARD_TEXT.pick)}</p>
              )}
            </section>
          </div>
        </>
      )}
    </div>
  );
}
