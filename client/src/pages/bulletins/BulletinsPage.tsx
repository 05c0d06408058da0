import { useCallback, useEffect, useState } from 'react';
import { fmt, formatDateTime, useI18n, type Lang } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { useSession } from '../../api/session';
import { toProblem, type Problem } from '../../api/errors';
import { notify } from '../../ui/notify';
import { StatusChip } from '../../ui/status';
import { loadBulletin, loadIssues, latestApprovedMonth, publishBulletin, type BulletinView } from './api';
import { BULLETIN_TEXT as T, KIND, LEDGER_STATE, NOT_FILED, RECT_STATUS, ROLE } from './text';
import './bulletins.css';

const FIRST = '2016-01';
const LAST = '2020-12';
const ITEM_COLUMNS = 9;

const num = (v: number | null | undefined, lang: Lang, unit = '') => (v == null ? '—' : `${v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 })}${unit ? ` ${unit}` : ''}`);
const pct = (r: number | null | undefined) => (r == null ? '—' : `${(r * 100).toFixed(1)}%`);
/** The counts of a total line. */
const counts = ({ total, achieved, onTrack, atRisk, offTrack, missed, noData }: Record<'total' | 'achieved' | 'onTrack' | 'atRisk' | 'offTrack' | 'missed' | 'noData', number>) => ({ total, achieved, onTrack, atRisk, offTrack, missed, noData });
/** The month to open with: the latest published one, else the plan's last month up to today. */
const clampMonth = (m: string) => (m < FIRST ? FIRST : m > LAST ? LAST : m);

/**
 * 月度通报: pick a month, read its bulletin (published: as issued; otherwise the draft, for signed-in
 * users), download it (XLSX, PDF, HTML from /bulletins/<month>.<ext>), print it (the page prints the
 * bulletin alone: title, date and page numbers, no navigation, every row), and — the evaluation
 * office — add a foreword and publish it. The bulletin is a plain table, not a grid: a grid renders
 * only the rows in view, and the printout must hold them all.
 */
export function BulletinsPage() {
  const { lang, t } = useI18n();
  const user = useSession();
  const office = user?.role === 'ADMIN';
  const { query } = useLocation();
  const month = query.get('month') ?? '';
  const [bulletin, setBulletin] = useState<BulletinView | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(false);
  const [foreword, setForeword] = useState('');
  const [publishing, setPublishing] = useState(false);

  const setMonth = useCallback((m: string) => navigate(`/bulletins?month=${encodeURIComponent(m)}`, { replace: true }), []);

  // No month in the address: the latest published one, else the latest month with approved figures,
  // else the plan's last month up to today.
  useEffect(() => {
    if (month) return;
    let live = true;
    const fallback = clampMonth(new Date().toISOString().slice(0, 7));
    loadIssues()
      .then(async (issues) => issues[0]?.month ?? (await latestApprovedMonth().catch(() => null)) ?? fallback)
      .then((m) => live && setMonth(m))
      .catch(() => live && setMonth(fallback));
    return () => {
      live = false;
    };
  }, [month, setMonth]);

  const load = useCallback(async () => {
    if (!month) return;
    setLoading(true);
    setProblem(null);
    try {
      const b = await loadBulletin(month);
      setBulletin(b);
      setForeword(b.foreword ?? '');
    } catch (error) {
      setBulletin(null);
      setProblem(toProblem(error));
    } finally {
      setLoading(false);
    }
  }, [month]);
  useEffect(() => {
    void load();
  }, [load, user?.username]);

  async function publish() {
    if (!bulletin) return;
    setPublishing(true);
    try {
      const b = await publishBulletin(bulletin.month, foreword, bulletin.version ?? 0);
      setBulletin(b);
      setForeword(b.foreword ?? '');
      notify({ kind: 'success', title: fmt(t(T.publishedOk), { month: b.month, n: b.version ?? 1 }) });
    } catch (error) {
      const p = toProblem(error);
      notify({ kind: p.code === 'CONFLICT' ? 'conflict' : 'error', title: t(T.publish), body: p.message });
    } finally {
      setPublishing(false);
    }
  }

  const printDate = new Date().toISOString().slice(0, 10);
  return (
    <div className="page bulletins-page">
      <div className="bulletin-controls">
        <h1>{t(T.title)}</h1>
        <p className="intro">{t(T.intro)}</p>
        <div className="bulletin-toolbar">
          <label>
            {t(T.month)}{' '}
            <input type="month" data-testid="bulletin-month" min={FIRST} max={LAST} value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
          </label>
          <button type="button" data-testid="bulletin-print" disabled={!bulletin} onClick={() => window.print()}>
            {t(T.print)}
          </button>
          {bulletin && (
            <span className="bulletin-downloads">
              {t(T.download)}:{' '}
              {(['xlsx', 'pdf', 'html'] as const).map((ext) => (
                <a key={ext} href={`/bulletins/${bulletin.month}.${ext}`} data-testid={`bulletin-download-${ext}`} {...(ext === 'html' ? { target: '_blank', rel: 'noopener' } : { download: '' })}>
                  {ext.toUpperCase()}
                </a>
              ))}
            </span>
          )}
        </div>
        {office && bulletin && (
          <div className="bulletin-publish">
            <label>
              {t(T.foreword)}
              <textarea data-testid="bulletin-foreword" rows={3} maxLength={5000} placeholder={t(T.forewordHint)} value={foreword} onChange={(e) => setForeword(e.target.value)} />
            </label>
            <button type="button" className="primary" data-testid="bulletin-publish" disabled={publishing} onClick={() => void publish()}>
              {publishing ? t(T.publishing) : bulletin.published ? t(T.republish) : t(T.publish)}
            </button>
          </div>
        )}
        {loading && <p role="status">{lang === 'zh' ? '正在加载…' : 'Loading…'}</p>}
        {problem && (
          <p className="bulletin-problem" role="alert" data-testid="bulletin-problem">
            {problem.code === 'UNAUTHENTICATED' ? fmt(t(T.notPublished), { month }) : problem.message}
          </p>
        )}
      </div>
      {bulletin && <BulletinDocument b={bulletin} printDate={printDate} />}
    </div>
  );
}

function BulletinDocument({ b, printDate }: { b: BulletinView; printDate: string }) {
  const { lang, t } = useI18n();
  const state = b.published ? `${t(T.published)}（${fmt(t(T.issue), { n: b.version ?? 1 })}，${formatDateTime(b.publishedAt, lang)}，${b.publishedBy ?? ''}）` : t(T.draft);
  const changeText = (c: BulletinView['changes'][number]) => (lang === 'zh' ? c.description : `${c.name}${c.department ? ` (${c.department})` : ''}: ${c.field} ${c.before ?? '—'} → ${c.after ?? '—'}`);
  const empty = (cols: number, text: string) => (
    <tr>
      <td colSpan={cols} className="empty">
        {text}
      </td>
    </tr>
  );
  // The page's header in print: the title and the month's end; the footer: page numbers (bulletins.css).
  const pageCss = `@page { @top-center { content: ${JSON.stringify(`${b.title}（${t(T.asOf)} ${b.periodEnd}）`)}; } }`;
  return (
    <article className="bulletin-doc" data-testid="bulletin">
      <style>{`@media print { ${pageCss} }`}</style>
      <h1 data-testid="bulletin-title">{b.title}</h1>
      <p className="bulletin-meta" data-testid="bulletin-state">
        {t(T.asOf)} {b.periodEnd}　{state}
        <span className="print-only">
          　{t(T.printedOn)} <span data-testid="bulletin-print-date">{printDate}</span>
        </span>
      </p>
      {b.foreword && (
        <p className="bulletin-foreword" data-testid="bulletin-foreword-text">
          {b.foreword}
        </p>
      )}
      <p className="bulletin-totals">{fmt(t(T.totals), counts(b.totals))}</p>

      <h2>{t(T.items)}</h2>
      <table className="bulletin-table bulletin-items" data-testid="bulletin-items">
        <thead>
          <tr>
            {[T.item, T.kind, T.role, T.actual, T.target, T.ratio, T.status, T.previous, T.explanation].map((h) => (
              <th key={h.en}>{t(h)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {b.departments.length === 0 && empty(ITEM_COLUMNS, t(T.none))}
          {b.departments.map((d) => [
            <tr key={d.code} className="dept-row">
              <th colSpan={ITEM_COLUMNS}>
                {lang === 'zh' ? d.name : d.nameEn || d.name}　{fmt(t(T.totals), counts(d.counts))}
              </th>
            </tr>,
            ...d.items.map((i) => (
              <tr key={`${d.code}|${i.itemKey}`} className={i.changed ? 'item-row changed' : 'item-row'} data-item={i.itemKey} data-department={d.code}>
                <td>{i.name}</td>
                <td>{t(KIND[i.kind])}</td>
                <td>{t(ROLE[i.role])}</td>
                <td className="num">{num(i.actualValue, lang, i.unit)}</td>
                <td className="num">{num(i.targetValue, lang, i.unit)}</td>
                <td className="num">{pct(i.ratio)}</td>
                <td>
                  <StatusChip status={i.status} explanation={i.explanation} />
                  {i.provisional ? t(T.provisional) : ''}
                </td>
                <td>{i.previousStatus ? <StatusChip status={i.previousStatus} /> : '—'}</td>
                <td className="explanation">{i.explanation}</td>
              </tr>
            )),
          ])}
        </tbody>
      </table>

      <h2>{t(T.texts)}</h2>
      <table className="bulletin-table" data-testid="bulletin-texts">
        <thead>
          <tr>
            <th>{t(T.unit)}</th>
            <th>{t(T.item)}</th>
            <th>{t(T.progress)}</th>
          </tr>
        </thead>
        <tbody>
          {b.departments.every((d) => !d.progressTexts.length) && empty(3, t(T.noTexts))}
          {b.departments.flatMap((d) =>
            d.progressTexts.map((p) => (
              <tr key={`${d.code}|${p.itemKey}`}>
                <td>{d.name}</td>
                <td>{p.name}</td>
                <td className="text">{p.text}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>

      <h2>{t(T.overdue)}</h2>
      <table className="bulletin-table" data-testid="bulletin-overdue">
        <thead>
          <tr>
            <th>{t(T.unit)}</th>
            <th>{t(T.item)}</th>
            <th>{t(T.situation)}</th>
          </tr>
        </thead>
        <tbody>
          {b.departments.every((d) => !d.overdueSubmissions.length) && empty(3, t(T.none))}
          {b.departments.flatMap((d) =>
            d.overdueSubmissions.map((o) => (
              <tr key={`${d.code}|${o.itemKey}`} data-item={o.itemKey} data-department={d.code}>
                <td>{d.name}</td>
                <td>{o.name}</td>
                <td>{t(o.state ? LEDGER_STATE[o.state] ?? NOT_FILED : NOT_FILED)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>

      <h2>{t(T.rectifications)}</h2>
      <table className="bulletin-table" data-testid="bulletin-rectifications">
        <thead>
          <tr>
            <th>{t(T.unit)}</th>
            <th>{t(T.seq)}</th>
            <th>{t(T.problem)}</th>
            <th>{t(T.deadline)}</th>
            <th>{t(T.status)}</th>
            <th>{t(T.role)}</th>
          </tr>
        </thead>
        <tbody>
          {b.departments.every((d) => !d.overdueRectifications.length) && empty(6, t(T.none))}
          {b.departments.flatMap((d) =>
            d.overdueRectifications.map((r) => (
              <tr key={`${d.code}|${r.id}`}>
                <td>{d.name}</td>
                <td>{r.seq}</td>
                <td>{r.problem}</td>
                <td>{r.deadlineYear ?? ''}</td>
                <td>{t(RECT_STATUS[r.status] ?? { zh: r.status, en: r.status })}</td>
                <td>{t(ROLE[r.role])}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>

      <h2>{t(T.evaluations)}</h2>
      <table className="bulletin-table" data-testid="bulletin-evaluations">
        <thead>
          <tr>
            <th>{t(T.unit)}</th>
            <th>{t(T.evalKind)}</th>
            <th>{t(T.evalSubject)}</th>
            <th>{t(T.evalMeasures)}</th>
            <th>{t(T.status)}</th>
          </tr>
        </thead>
        <tbody>
          {b.departments.every((d) => !d.openEvaluations.length) && empty(5, t(T.none))}
          {b.departments.flatMap((d) =>
            d.openEvaluations.map((e) => (
              <tr key={`${d.code}|${e.id}`}>
                <td>{d.name}</td>
                <td>{t(e.kind === 'QUARTERLY' ? { zh: '季度评估', en: 'Quarterly evaluation' } : { zh: '重点督查', en: 'Inspection' })}</td>
                <td>{e.subject}</td>
                <td>{e.measures}</td>
                <td>{t(e.status === 'RESPONDED' ? { zh: '已反馈', en: 'Responded' } : { zh: '待反馈', en: 'Awaiting response' })}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>

      <h2>
        {t(T.changes)}
        {b.comparedWith ? `（${b.comparedWith}，${fmt(t(T.issue), { n: b.comparedVersion ?? 1 })}）` : ''}
      </h2>
      {b.comparedWith ? (
        <ul className="bulletin-changes" data-testid="bulletin-changes">
          {b.changes.length === 0 && <li className="empty">{t(T.none)}</li>}
          {b.changes.map((c) => (
            <li key={`${c.field}|${c.itemKey}`}>{changeText(c)}</li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t(T.noPrevious)}</p>
      )}

      {!!b.changedSincePublished?.length && (
        <section className="bulletin-drift" data-testid="bulletin-drift">
          <h2>{t(T.drift)}</h2>
          <p>{t(T.driftNote)}</p>
          <ul>
            {b.changedSincePublished.map((c) => (
              <li key={`${c.field}|${c.itemKey}|${c.department}`}>{changeText(c)}</li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
