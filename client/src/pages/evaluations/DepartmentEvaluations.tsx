import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { useSession } from '../../api/session';
import { toProblem } from '../../api/errors';
import { reason } from '../../api/describe';
import { Link } from '../../router';
import { listEvaluations, type Evaluation } from './api';
import { ACTION_LABEL, evaluationActions, useEvaluationActions } from './useEvaluationActions';
import { StatusBadge } from './StatusBadge';
import { EVAL_TEXT, evaluationLabel, KIND_LABEL } from './text';
import './evaluations.css';

/**
 * The department page's section: the department's evaluations and inspections, the open ones first
 * (as the server orders them), with its editors' 反馈 button. Signed out: a hint to sign in.
 */
export function DepartmentEvaluations({ department }: { department: string }) {
  const { lang, t } = useI18n();
  const user = useSession();
  const [rows, setRows] = useState<Evaluation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    if (!user) return;
    listEvaluations({ department }, 200)
      .then((page) => {
        setRows(page.items);
        setError(null);
      })
      .catch((e) => setError(reason(toProblem(e), lang)));
  }, [department, lang, user]);
  useEffect(() => load(), [load]);
  const { ask, dialog } = useEvaluationActions(load);

  return (
    <section className="dept-section dept-evaluations" data-testid="section-evaluations" aria-labelledby="evaluations-title">
      <h2 id="evaluations-title">
        {t(EVAL_TEXT.sectionTitle)} <Link to={`/evaluations`} className="small">→</Link>
      </h2>
      {!user && <p className="muted">{t(EVAL_TEXT.signIn)}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {user && rows && rows.length === 0 && <p className="muted">{t(EVAL_TEXT.none)}</p>}
      {user && rows && rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t(EVAL_TEXT.period)}</th>
              <th>{t(EVAL_TEXT.findings)}</th>
              <th>{t(EVAL_TEXT.measures)}</th>
              <th>{t(EVAL_TEXT.response)}</th>
              <th>{t(EVAL_TEXT.status)}</th>
              <th>{t(EVAL_TEXT.actions)}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id} data-testid="evaluation-row" data-id={e.id} data-status={e.status}>
                <td>
                  <div className="small muted">{t(KIND_LABEL[e.kind])}</div>
                  {evaluationLabel(e, lang)}
                </td>
                <td>{e.findings}</td>
                <td>{e.measures}</td>
                <td data-testid="evaluation-response">{e.response}</td>
                <td>
                  <StatusBadge status={e.status} lang={lang} />
                  {e.statusNote && <div className="small muted">{e.statusNote}</div>}
                </td>
                <td className="evaluation-actions">
                  {evaluationActions(user, e)
                    .filter((a) => a !== 'edit')
                    .map((a) => (
                      <button key={a} type="button" className={a === 'respond' ? 'primary' : ''} data-testid={`evaluation-${a}`} onClick={() => ask(a as 'respond' | 'close' | 'reopen', e)}>
                        {ACTION_LABEL[a][lang]}
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog}
    </section>
  );
}
