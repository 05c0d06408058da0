import { useLiveRefresh } from '../../api/live';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { fmt, formatDateTime, useI18n } from '../../i18n';
import { StatusChip, statusYear, PLAN_FIRST_YEAR, PLAN_LAST_YEAR } from '../../ui/status';
import { forTrendChart, loadPublic, type PublicData, type PublicIndicator } from './api';
import { CommentBox } from './CommentBox';
import { PUBLIC_TEXT as T, RECT_STATUS } from './text';
import './public.css';

const TrendChart = lazy(() => import('../board/TrendChart'));
const YEARS = Array.from({ length: PLAN_LAST_YEAR - PLAN_FIRST_YEAR + 1 }, (_, i) => PLAN_FIRST_YEAR + i);

const number = (v: number | null | undefined, lang: 'zh' | 'en') => (v == null ? '—' : v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 }));
const percent = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);

/** A button that shows its content below it; the content is mounted only while open. */
function Reveal({ label, openLabel, children, testid }: { label: string; openLabel?: string; children: ReactNode; testid?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="linkish" aria-expanded={open} data-testid={testid} onClick={() => setOpen(!open)}>
        {open && openLabel ? openLabel : label}
      </button>
      {open && <div className="public-reveal">{children}</div>}
    </>
  );
}

/**
 * The public page (公众监督): read-only, for anyone, in its own plain layout (no staff tabs, no
 * editing). Everything on it comes from publicOverview: approved values only.
 */
export default function PublicSite() {
  const { lang, setLang, t } = useI18n();
  const [year, setYear] = useState(() => statusYear());
  const [data, setData] = useState<PublicData | null>(null);
  const [error, setError] = useState(false);
  const [trend, setTrend] = useState<string | null>(null);

  // Approvals, new year targets and the plan tables' changes show without reloading the page.
  const [tick, setTick] = useState(0);
  useLiveRefresh(['LEDGER', 'YEAR_TARGETS', 'INDICATORS', 'SPECIAL_TARGETS', 'RECTIFICATIONS'], () => setTick((n) => n + 1));
  useEffect(() => {
    if (!tick) return;
    let live = true;
    loadPublic(year).then((d) => live && setData(d), () => {});
    return () => {
      live = false;
    };
  }, [tick]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    let live = true;
    setError(false);
    loadPublic(year).then(
      (d) => live && setData(d),
      () => live && setError(true),
    );
    return () => {
      live = false;
    };
  }, [year]);

  const trendOf = (i: PublicIndicator) => (
    <Suspense fallback={<p className="muted">{t(T.loading)}</p>}>
      <TrendChart indicator={forTrendChart(i)} />
    </Suspense>
  );

  return (
    <div className="public-site" data-page="public">
      <header className="public-header">
        <div>
          <h1>{t(T.title)}</h1>
          {data && <p className="public-plan">{lang === 'zh' ? data.planName : data.planNameEn}</p>}
        </div>
        <div className="public-header-end">
          <div className="lang-switch" role="group" aria-label="Language / 语言">
            <button type="button" className={lang === 'zh' ? 'on' : ''} aria-pressed={lang === 'zh'} onClick={() => setLang('zh')}>
              中文
            </button>
            <button type="button" className={lang === 'en' ? 'on' : ''} aria-pressed={lang === 'en'} onClick={() => setLang('en')}>
              English
            </button>
          </div>
          <a className="public-staff" href="/indicators">
            {t(T.staff)}
          </a>
        </div>
      </header>
      <main className="public-main">
        <p className="public-intro">{t(T.intro)}</p>
        <label className="public-year">
          {t(T.year)}{' '}
          <select value={year} data-testid="public-year" onChange={(e) => setYear(Number(e.target.value))}>
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {lang === 'zh' ? `${y}年` : y}
              </option>
            ))}
          </select>{' '}
          <span className="muted small">{t(T.approvedOnly)}</span>
        </label>
        {error && (
          <p className="field-error" role="alert">
            {t(T.loadFailed)}
          </p>
        )}
        {!data && !error && (
          <p className="muted" role="status">
            {t(T.loading)}
          </p>
        )}
        {data && (
          <>
            <section aria-labelledby="public-indicators">
              <h2 id="public-indicators">{t(T.indicators)}</h2>
              <table className="public-table" data-testid="public-indicators">
                <thead>
                  <tr>
                    <th>{t(T.seq)}</th>
                    <th>{t(T.name)}</th>
                    <th>{t(T.target2020)}</th>
                    <th>{fmt(t({ zh: '{y}年目标', en: '{y} target' }), { y: year })}</th>
                    <th>{t(T.actual)}</th>
                    <th>{t(T.completion)}</th>
                    <th>{t(T.status)}</th>
                    <th>{t(T.trend)}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.indicators.map((i) => (
                    <IndicatorRow key={i.id} i={i} open={trend === i.id} onToggle={() => setTrend(trend === i.id ? null : i.id)} chart={trendOf(i)} />
                  ))}
                </tbody>
              </table>
            </section>

            <section aria-labelledby="public-special">
              <h2 id="public-special">{t(T.specialTargets)}</h2>
              {data.specialTargets.map((s) => (
                <article key={s.id} className="public-card" data-testid={`public-special-${s.seq}`}>
                  <h3>
                    {s.seq}. {s.title}
                  </h3>
                  <p className="public-content">{s.content}</p>
                  {s.milestones.length > 0 && (
                    <table className="public-table compact">
                      <thead>
                        <tr>
                          <th>{t(T.milestones)}</th>
                          <th>{t(T.actual)}</th>
                          <th>{t(T.completion)}</th>
                          <th>{t(T.status)}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {s.milestones.map((m) => (
                          <tr key={m.id} data-testid="public-milestone">
                            <td>
                              {m.text} <span className="muted small">({m.year})</span>
                            </td>
                            <td>
                              {number(m.progress.actualValue, lang)} {m.progress.actualValue != null ? m.unit : ''}
                            </td>
                            <td>{percent(m.progress.ratio)}</td>
                            <td>
                              <StatusChip status={m.progress.status} explanation={m.progress.explanation} explanationEn={m.progress.explanationEn} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  <Reveal label={t(T.commentCount)} testid={`comment-toggle-SPECIAL_TARGET-${s.id}`}>
                    <CommentBox item={{ kind: 'SPECIAL_TARGET', id: s.id }} label={s.title} />
                  </Reveal>
                </article>
              ))}
            </section>

            <section aria-labelledby="public-rect">
              <h2 id="public-rect">{t(T.rectifications)}</h2>
              {data.rectifications.map((r) => (
                <article key={r.id} className="public-card" data-testid={`public-rect-${r.seq}`}>
                  <h3>
                    {r.seq}. {r.problem}
                  </h3>
                  <dl className="public-facts">
                    <dt>{t(T.measures)}</dt>
                    <dd>{r.measures}</dd>
                    <dt>{t(T.deadline)}</dt>
                    <dd>{r.deadlineYear ?? '—'}</dd>
                    <dt>{t(T.rectStatus)}</dt>
                    <dd>
                      <span className={`rect-status rect-${r.status.toLowerCase()}`} data-status={r.status}>
                        {t(RECT_STATUS[r.status] ?? { zh: r.status, en: r.status })}
                      </span>
                    </dd>
                    <dt>{t(T.feedback)}</dt>
                    <dd data-testid="latest-feedback">{r.latestFeedback ? `${r.latestFeedback.text}（${formatDateTime(r.latestFeedback.at, lang)}）` : t(T.noFeedback)}</dd>
                  </dl>
                  <Reveal label={t(T.commentCount)} testid={`comment-toggle-RECTIFICATION-${r.id}`}>
                    <CommentBox item={{ kind: 'RECTIFICATION', id: r.id }} label={r.problem} />
                  </Reveal>
                </article>
              ))}
            </section>
          </>
        )}
      </main>
    </div>
  );
}

function IndicatorRow({ i, open, onToggle, chart }: { i: PublicIndicator; open: boolean; onToggle(): void; chart: ReactNode }) {
  const { lang, t } = useI18n();
  const [comments, setComments] = useState(false);
  const p = i.progress;
  return (
    <>
      <tr data-testid="public-indicator" data-seq={i.seq}>
        <td>{i.seq}</td>
        <td>
          {i.name} <span className="muted small">({i.unit})</span>
        </td>
        <td>{i.targetText}</td>
        <td>{number(p.targetValue, lang)}</td>
        <td data-testid="public-actual">{number(p.actualValue, lang)}</td>
        <td>{percent(p.ratio)}</td>
        <td>
          <StatusChip status={p.status} explanation={p.explanation} explanationEn={p.explanationEn} />
        </td>
        <td>
          <button type="button" className="linkish" aria-expanded={open} onClick={onToggle}>
            {open ? t(T.hideTrend) : t(T.showTrend)}
          </button>{' '}
          <button type="button" className="linkish" aria-expanded={comments} data-testid={`comment-toggle-INDICATOR-${i.id}`} onClick={() => setComments(!comments)}>
            {t(T.comments)}
          </button>
        </td>
      </tr>
      {(open || comments) && (
        <tr className="public-detail">
          <td colSpan={8}>
            {open && chart}
            {comments && <CommentBox item={{ kind: 'INDICATOR', id: i.id }} label={i.name} />}
          </td>
        </tr>
      )}
    </>
  );
}
