import { useCallback, useEffect, useState } from 'react';
import { formatDateTime, useI18n, type Text } from '../../i18n';
import { toProblem } from '../../api/errors';
import { requestSignIn, useSession } from '../../api/session';
import { notify } from '../../ui/notify';
import '../public/public.css';
import { loadItemNames, loadOfficeComments, moderate, type CommentState, type OfficeComment } from './api';

const STATES: (CommentState | 'ALL')[] = ['PENDING', 'PUBLISHED', 'REJECTED', 'ALL'];
const STATE_LABEL: Record<CommentState | 'ALL', Text> = {
  PENDING: { zh: '待审核', en: 'Waiting' },
  PUBLISHED: { zh: '已公开', en: 'Published' },
  REJECTED: { zh: '不予公开', en: 'Rejected' },
  ALL: { zh: '全部', en: 'All' },
};
const KIND_LABEL: Record<string, Text> = {
  INDICATOR: { zh: '指标', en: 'Indicator' },
  SPECIAL_TARGET: { zh: '专项目标', en: 'Special target' },
  RECTIFICATION: { zh: '整改事项', en: 'Rectification' },
};

/**
 * 公众留言审核: the evaluation office reads citizen comments (with the contact, which only it sees)
 * and publishes or rejects them. Others are told that this is the office's page.
 */
export function CommentsPage() {
  const { lang, t } = useI18n();
  const user = useSession();
  const [state, setState] = useState<CommentState | 'ALL'>('PENDING');
  const [rows, setRows] = useState<OfficeComment[] | null>(null);
  const [names, setNames] = useState<Map<string, { seq: number; name: string }>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const admin = user?.role === 'ADMIN';

  const load = useCallback(async () => {
    if (!admin) return;
    setProblem(null);
    try {
      setRows(await loadOfficeComments(state === 'ALL' ? null : state));
    } catch (error) {
      setProblem(toProblem(error).message);
    }
  }, [admin, state]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (admin) loadItemNames().then(setNames, () => undefined);
  }, [admin]);

  const decide = async (c: OfficeComment, publish: boolean) => {
    try {
      await moderate(c, publish);
      notify({ kind: 'success', title: publish ? t({ zh: '已公开', en: 'Published' }) : t({ zh: '已设为不予公开', en: 'Rejected' }) });
    } catch (error) {
      const p = toProblem(error);
      notify({ kind: p.code === 'CONFLICT' ? 'conflict' : 'error', title: p.code === 'CONFLICT' ? t({ zh: '这条留言刚被别人处理过，已刷新列表。', en: 'Someone else has just moderated this comment: the list is reloaded.' }) : p.message });
    }
    await load();
  };

  if (user === undefined) return <div className="page">{t({ zh: '正在加载…', en: 'Loading…' })}</div>;
  if (!admin) {
    return (
      <div className="page" data-page="comments">
        <h1>{t({ zh: '公众留言审核', en: 'Citizen comments' })}</h1>
        <p>{t({ zh: '只有考评办（管理员）可以审核公众留言。', en: 'Only the evaluation office (ADMIN) moderates citizen comments.' })}</p>
        {!user && (
          <button type="button" onClick={() => requestSignIn()}>
            {t({ zh: '登录', en: 'Sign in' })}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="page" data-page="comments">
      <div className="board-head">
        <h1>{t({ zh: '公众留言审核', en: 'Citizen comments' })}</h1>
        <label>
          {t({ zh: '状态', en: 'State' })}{' '}
          <select value={state} data-testid="comments-state" onChange={(e) => setState(e.target.value as CommentState | 'ALL')}>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(STATE_LABEL[s])}
              </option>
            ))}
          </select>
        </label>
        <a href="/public" target="_blank" rel="noreferrer" style={{ marginLeft: '1rem' }}>
          {t({ zh: '查看公众页面', en: 'Open the public page' })}
        </a>
      </div>
      <p className="muted small">{t({ zh: '联系方式只在此页显示，不会公开或导出。', en: 'Contacts show on this page only: they are never published or exported.' })}</p>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted">{t({ zh: '没有留言。', en: 'No comments.' })}</p>}
      {rows && rows.length > 0 && (
        <table className="public-table" data-testid="comments-table" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th>{t({ zh: '时间', en: 'Posted' })}</th>
              <th>{t({ zh: '条目', en: 'Item' })}</th>
              <th>{t({ zh: '留言', en: 'Comment' })}</th>
              <th>{t({ zh: '联系方式', en: 'Contact' })}</th>
              <th>{t({ zh: '状态', en: 'State' })}</th>
              <th>{t({ zh: '操作', en: 'Action' })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const item = names.get(`${c.itemKind}:${c.itemId}`);
              return (
                <tr key={c.id} data-testid="office-comment" data-id={c.id} data-state={c.state}>
                  <td>{formatDateTime(c.createdAt, lang)}</td>
                  <td>
                    {t(KIND_LABEL[c.itemKind])} {item ? `${item.seq} ${item.name}` : `#${c.itemId}`}
                  </td>
                  <td>{c.text}</td>
                  <td>{c.contact ?? '—'}</td>
                  <td>
                    {t(STATE_LABEL[c.state])}
                    {c.moderatedBy && <span className="muted small"> · {c.moderatedBy}</span>}
                  </td>
                  <td>
                    {c.state !== 'PUBLISHED' && (
                      <button type="button" data-testid="publish" onClick={() => void decide(c, true)}>
                        {t({ zh: '公开', en: 'Publish' })}
                      </button>
                    )}{' '}
                    {c.state !== 'REJECTED' && (
                      <button type="button" data-testid="reject" onClick={() => void decide(c, false)}>
                        {c.state === 'PUBLISHED' ? t({ zh: '撤回', en: 'Withdraw' }) : t({ zh: '不予公开', en: 'Reject' })}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
