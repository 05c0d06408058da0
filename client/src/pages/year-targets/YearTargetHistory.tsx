import { useCallback, useEffect, useState } from 'react';
import { formatDateTime, useI18n, type Lang } from '../../i18n';
import { auditOf, type YearTargetIndicator } from '../../api/yearTargets';
import type { AuditEntry } from '../../api/audit';
import { toProblem } from '../../api/errors';
import { reason } from '../../api/describe';
import { requestSignIn, useSession } from '../../api/session';
import { enumLabel } from '../../tables/enums';
import { FIELD_LABEL, formatTarget, type InputField } from './edits';
import { YEAR_TARGET_TEXT } from './text';

/** What the history shows for each entry: which year or input, and the two values. */
interface Line {
  entry: AuditEntry;
  what: string;
}

const INPUTS = new Set(['baseValue', 'baseYear', 'targetMethod']);

function value(json: string | null, field: string | null, lang: Lang): string {
  if (json == null) return lang === 'zh' ? '（空）' : '(empty)';
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return json;
  }
  if (v == null || v === '') return lang === 'zh' ? '（空）' : '(empty)';
  if (field === 'derived') return v ? (lang === 'zh' ? '推算' : 'derived') : lang === 'zh' ? '手动' : 'by hand';
  if (field === 'targetMethod') return enumLabel('TargetMethod', v, lang);
  if (typeof v === 'number') return formatTarget(v, lang);
  return String(v);
}

/**
 * The row's history beside the grid, newest first: every change of its five year targets (by hand,
 * put back) and of the inputs they follow (base value, method), with who and when.
 */
export function YearTargetHistory({ row, onClose }: { row: YearTargetIndicator; onClose(): void }) {
  const { lang, t } = useI18n();
  const user = useSession();
  const [lines, setLines] = useState<Line[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stamp = row.yearTargets.map((y) => y.version).join(',') + `:${row.version}`;

  const load = useCallback(() => {
    if (!user) return;
    setError(null);
    const years = row.yearTargets.map((y) => auditOf('YearTarget', y.id).then((list) => list.map((entry) => ({ entry, what: lang === 'zh' ? `${y.year}年` : String(y.year) }))));
    const inputs = auditOf('Indicator', row.id).then((list) =>
      list.filter((e) => e.field && INPUTS.has(e.field)).map((entry) => ({ entry, what: entry.field === 'baseYear' ? t({ zh: '基期年份', en: 'Base year' }) : FIELD_LABEL[entry.field as InputField][lang] })),
    );
    Promise.all([...years, inputs])
      .then((all) => setLines(all.flat().sort((a, b) => (a.entry.at < b.entry.at ? 1 : a.entry.at > b.entry.at ? -1 : Number(b.entry.id) - Number(a.entry.id)))))
      .catch((e) => setError(reason(toProblem(e), lang)));
  }, [row.id, stamp, user, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(load, [load]);

  return (
    <aside className="row-panel" aria-label={`${t(YEAR_TARGET_TEXT.history)}: ${row.name}`} data-testid="year-target-history">
      <header>
        <h2>
          {row.seq} {row.name}
        </h2>
        <button type="button" className="icon" aria-label={t({ zh: '关闭', en: 'Close' })} onClick={onClose}>
          ×
        </button>
      </header>
      <p className="muted small">{t({ zh: '年度目标和基期值、分解方法的修改，最新的在前。', en: 'Changes of the year targets, the base value and the method, newest first.' })}</p>
      {user === null && (
        <p>
          <button type="button" onClick={() => requestSignIn()}>
            {t({ zh: '登录后可查看修改历史', en: 'Sign in to see the history' })}
          </button>
        </p>
      )}
      {error && <p className="field-error">{error}</p>}
      {user && lines == null && !error && <p className="muted">{t({ zh: '正在加载…', en: 'Loading…' })}</p>}
      {lines?.length === 0 && <p className="muted">{t({ zh: '还没有修改记录。', en: 'No changes recorded yet.' })}</p>}
      <ol className="plain history-list">
        {lines?.map(({ entry: e, what }) => (
          <li key={e.id} className="history-entry" data-testid="history-entry" data-field={e.field ?? ''}>
            <div className="history-meta">
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
              <span className="history-user">{e.username ?? e.source}</span>
              <strong className="history-field">
                {what}
                {e.field === 'derived' ? t({ zh: '（来源）', en: ' (source)' }) : ''}
              </strong>
            </div>
            <div className="history-change">
              <span className="history-before">{value(e.before, e.field, lang)}</span>
              <span className="history-arrow" aria-label={t({ zh: '改为', en: 'changed to' })}>
                →
              </span>
              <span className="history-after">{value(e.after, e.field, lang)}</span>
            </div>
          </li>
        ))}
      </ol>
    </aside>
  );
}
