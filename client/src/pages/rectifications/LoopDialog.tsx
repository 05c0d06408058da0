import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { enumLabel } from '../../tables/enums';
import { departmentName } from '../../tables/values';
import { addFeedback, loadLoop, type RectificationLoop } from '../../api/rectifications';
import { toProblem } from '../../api/errors';
import { reason } from '../../api/describe';
import { useSession } from '../../api/session';
import { LOOP_TEXT, mayGiveFeedback, oneLine } from './loop';
import './rectifications.css';

/** A rectification's loop: every step with its note, who and when; the feedback under it, and a form to add some. */
export function LoopDialog({ rowId, title, onClose }: { rowId: string; title: string; onClose(): void }) {
  const { t, lang } = useI18n();
  const user = useSession();
  const [loop, setLoop] = useState<RectificationLoop | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    loadLoop(rowId)
      .then(setLoop)
      .catch((e) => setError(reason(toProblem(e), lang)));
  }, [rowId, lang]);
  useEffect(load, [load]);
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const send = async () => {
    const clean = oneLine(text);
    if (!clean) return setError(t(LOOP_TEXT.feedbackRequired));
    setBusy(true);
    setError(null);
    try {
      await addFeedback(rowId, clean);
      setText('');
      load();
    } catch (e) {
      setError(reason(toProblem(e), lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`${t(LOOP_TEXT.history)} · ${title}`} onClose={onClose} wide footer={<button type="button" onClick={onClose}>{t(LOOP_TEXT.close)}</button>}>
      {loop && (
        <div className="loop-dialog" data-testid="loop-dialog">
          <p>
            <span className={`loop-status loop-${loop.status.toLowerCase()}`}>{enumLabel('RectificationStatus', loop.status, lang)}</span>
            {loop.overdue && <span className="loop-overdue">{t(LOOP_TEXT.overdue)}</span>}
            {loop.deadlineYear != null && (
              <span className="muted small">
                {' '}
                {t(LOOP_TEXT.deadline)}: {loop.deadlineYear}
              </span>
            )}
          </p>
          <h3>{t(LOOP_TEXT.steps)}</h3>
          {loop.steps.length ? (
            <ol className="loop-steps" data-testid="loop-steps">
              {loop.steps.map((s, i) => (
                <li key={i} data-testid="loop-step">
                  <div>
                    <strong>
                      {enumLabel('RectificationStatus', s.from, lang)} → {enumLabel('RectificationStatus', s.to, lang)}
                    </strong>{' '}
                    <span className="muted small">
                      {when(s.at)} · {s.department ? departmentName(s.department, lang) : t(LOOP_TEXT.office)} · {s.by ?? '—'}
                    </span>
                  </div>
                  <div className="loop-note">{s.note}</div>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">{t(LOOP_TEXT.noSteps)}</p>
          )}
          <h3>{t(LOOP_TEXT.feedback)}</h3>
          {loop.feedback.length ? (
            <ul className="loop-feedback plain" data-testid="loop-feedback">
              {loop.feedback.map((f) => (
                <li key={f.id}>
                  <span className="chip">{enumLabel('FeedbackSource', f.source, lang)}</span>{' '}
                  <span className="muted small">
                    {when(f.createdAt)}
                    {f.department ? ` · ${departmentName(f.department, lang)}` : ''}
                    {f.author ? ` · ${f.author}` : ''}
                  </span>
                  <div className="loop-note">{f.text}</div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t(LOOP_TEXT.noFeedback)}</p>
          )}
          {mayGiveFeedback(user, loop.responsibilities) && (
            <div className="loop-add">
              <label className="form-label" htmlFor="loop-feedback-text">
                {t(LOOP_TEXT.feedbackLabel)}
              </label>
              <textarea id="loop-feedback-text" rows={3} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} />
              <button type="button" className="primary" disabled={busy} onClick={() => void send()} data-testid="feedback-add">
                {t(LOOP_TEXT.addFeedback)}
              </button>
            </div>
          )}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
