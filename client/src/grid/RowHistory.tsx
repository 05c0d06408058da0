import { useCallback, useEffect, useState } from 'react';
import { formatDateTime, useI18n, type Lang } from '../i18n';
import { restoreEntries, restoreEntry, rowHistory, type AuditEntry } from '../api/audit';
import { groupHistory, type HistoryGroup } from './historyGroups';
import { explain, toProblem, type Problem } from '../api/errors';
import { isVersionConflict, reason } from '../api/describe';
import { requestSignIn, signInActions, useSession } from '../api/session';
import { fieldOf } from '../tables/specs';
import { formatValue } from '../tables/values';
import type { Row, TableSpec } from '../tables/types';
import { notify } from '../ui/notify';

const ACTION: Record<AuditEntry['action'], { zh: string; en: string }> = {
  CREATE: { zh: '创建', en: 'Created' },
  UPDATE: { zh: '修改', en: 'Changed' },
  DELETE: { zh: '删除', en: 'Deleted' },
};

function parse(json: string | null): { ok: boolean; value: unknown } {
  if (json == null) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch {
    return { ok: false, value: json };
  }
}

/** An audited value: plain text for words and numbers, labels for enums, pretty JSON for the rest. */
function Value({ spec, field, json, lang }: { spec: TableSpec; field: string | null; json: string | null; lang: Lang }) {
  const { ok, value } = parse(json);
  if (value == null || value === '') return <span className="history-empty">{lang === 'zh' ? '（空）' : '(empty)'}</span>;
  const f = field ? fieldOf(spec, field) : undefined;
  if (ok && f && (f.kind === 'enum' || f.kind === 'enumList' || f.kind === 'bool')) return <span className="history-text">{formatValue(f, value, lang)}</span>;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return <span className="history-text">{String(value)}</span>;
  return <pre className="history-json">{JSON.stringify(value, null, 2)}</pre>;
}

/**
 * A row's audit trail, newest first: when, who, which field, before → after. A field change can be
 * restored (restoreAuditEntry), which saves a new version and is itself audited.
 */
export function RowHistory({ spec, row, onRestored }: { spec: TableSpec; row: Row; onRestored(row: Row): void }) {
  const { lang, t } = useI18n();
  const user = useSession();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => {
    if (!user) return;
    setProblem(null);
    rowHistory(spec, row.id)
      .then(setEntries)
      .catch((e) => setProblem(toProblem(e)));
  }, [spec, row.id, user]);
  // Again whenever the row moves on (an edit in the grid, a restore).
  useEffect(load, [load, row.version]);

  if (user === null) {
    return (
      <section className="row-history" data-testid="row-history">
        <p className="muted">{t({ zh: '修改历史需要登录后查看。', en: 'Sign in to see the history.' })}</p>
        <button type="button" onClick={() => requestSignIn(t({ zh: '登录后可查看修改历史。', en: 'Sign in to see the history.' }))}>
          {t({ zh: '登录', en: 'Sign in' })}
        </button>
      </section>
    );
  }

  const restore = async (group: HistoryGroup) => {
    const entry = group.main;
    const f = entry.field ? fieldOf(spec, entry.field) : undefined;
    const label = f ? f.label[lang] : (entry.field ?? '');
    setBusy(entry.id);
    try {
      // One action, one restore: the fields derived with it go back together, in one version.
      const saved = group.entries.length > 1 ? await restoreEntries(spec, group.entries.map((e) => e.id), row.version) : await restoreEntry(spec, entry.id, row.version);
      onRestored(saved);
      notify({ kind: 'success', title: t({ zh: '已恢复', en: 'Restored' }), body: t({ zh: `「${label}」已恢复为修改前的值（第 ${saved.version} 版）`, en: `${label} is back to its earlier value (version ${saved.version})` }) });
    } catch (e) {
      const p = toProblem(e);
      notify({
        kind: isVersionConflict(p) ? 'conflict' : 'error',
        title: t({ zh: `未能恢复「${label}」`, en: `Could not restore ${label}` }),
        body: explain(p, lang, reason(p, lang), (name) => fieldOf(spec, name)?.label[lang]),
        actions: signInActions(p, lang),
      });
      load();
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="row-history" data-testid="row-history" aria-label={t({ zh: '修改历史', en: 'History' })}>
      <div className="row-history-head">
        <span className="muted small">{t({ zh: '最新的在前', en: 'Newest first' })}</span>
        <button type="button" onClick={load}>
          {t({ zh: '刷新', en: 'Reload' })}
        </button>
      </div>
      {problem && <p className="field-error">{reason(problem, lang)}</p>}
      {entries == null && !problem && <p className="muted">{t({ zh: '正在加载…', en: 'Loading…' })}</p>}
      {entries?.length === 0 && <p className="muted">{t({ zh: '还没有修改记录。', en: 'No changes recorded yet.' })}</p>}
      <ol className="plain history-list">
        {entries && groupHistory(entries, spec).map((g) => {
          const e = g.main;
          const f = e.field ? fieldOf(spec, e.field) : undefined;
          const restorable = e.action === 'UPDATE' && !!e.field;
          return (
            <li key={e.id} className={`history-entry history-${e.action.toLowerCase()}`} data-testid="history-entry" data-field={e.field ?? ''} data-entry-id={e.id}>
              <div className="history-meta">
                <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
                <span className="history-user" data-testid="history-user">
                  {e.username ?? e.source}
                </span>
                <span className="history-action">{ACTION[e.action][lang]}</span>
                {e.field && <strong className="history-field">{f ? f.label[lang] : e.field}</strong>}
                {e.batchId && <span className="muted small" title={e.batchId}>{t({ zh: '批量', en: 'batch' })}</span>}
              </div>
              {e.action === 'UPDATE' ? (
                <div className="history-change">
                  <span className="history-before" data-testid="history-before">
                    <Value spec={spec} field={e.field} json={e.before} lang={lang} />
                  </span>
                  <span className="history-arrow" aria-label={t({ zh: '改为', en: 'changed to' })}>
                    →
                  </span>
                  <span className="history-after" data-testid="history-after">
                    <Value spec={spec} field={e.field} json={e.after} lang={lang} />
                  </span>
                </div>
              ) : (
                <details className="history-row">
                  <summary>{t({ zh: '整行数据', en: 'The whole row' })}</summary>
                  <Value spec={spec} field={null} json={e.action === 'CREATE' ? e.after : e.before} lang={lang} />
                </details>
              )}
              {g.derived.length > 0 && (
                <ul className="plain history-derived" aria-label={t({ zh: '同时更新', en: 'Changed with it' })}>
                  {g.derived.map((d) => {
                    const df = d.field ? fieldOf(spec, d.field) : undefined;
                    return (
                      <li key={d.id} data-testid="history-derived" data-field={d.field ?? ''}>
                        <span className="muted small">{t({ zh: '同时更新', en: 'with it' })}</span> <strong className="history-field">{df ? df.label[lang] : d.field}</strong>{' '}
                        <Value spec={spec} field={d.field} json={d.before} lang={lang} /> → <Value spec={spec} field={d.field} json={d.after} lang={lang} />
                      </li>
                    );
                  })}
                </ul>
              )}
              {restorable && (
                <button
                  type="button"
                  className="history-restore"
                  data-testid="restore"
                  disabled={busy != null}
                  title={g.derived.length ? t({ zh: '把这次修改涉及的各项一起恢复为修改前的值', en: 'Put every field of this change back to its earlier value' }) : t({ zh: '把这一项恢复为修改前的值', en: 'Put this field back to its value before this change' })}
                  onClick={() => void restore(g)}
                >
                  {busy === e.id ? t({ zh: '正在恢复…', en: 'Restoring…' }) : t({ zh: '恢复', en: 'Restore' })}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
