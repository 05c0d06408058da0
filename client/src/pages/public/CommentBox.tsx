import { useEffect, useState, type FormEvent } from 'react';
import { fmt, formatDateTime, useI18n } from '../../i18n';
import { toProblem } from '../../api/errors';
import { LIMITS, loadComments, postComment, type ItemRef } from './api';
import { PUBLIC_TEXT as T } from './text';

type Published = Awaited<ReturnType<typeof loadComments>>;

/**
 * An item's published comments and the form to add one. The form has a honeypot: a field named
 * "website" that people do not see (off screen, out of the tab order) and robots fill in; the server
 * drops a comment that fills it. Line breaks are sent as spaces (comments are one paragraph).
 */
export function CommentBox({ item, label }: { item: ItemRef; label: string }) {
  const { lang, t } = useI18n();
  const [published, setPublished] = useState<Published | null>(null);
  const [text, setText] = useState('');
  const [contact, setContact] = useState('');
  const [website, setWebsite] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'sending' | 'sent' } | { kind: 'error'; message: string }>({ kind: 'idle' });

  useEffect(() => {
    let live = true;
    loadComments(item).then((c) => live && setPublished(c), () => live && setPublished([]));
    return () => {
      live = false;
    };
  }, [item.kind, item.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const length = [...text.trim()].length;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = text.replace(/\s+/g, ' ').trim();
    if ([...body].length < LIMITS.minText) return setState({ kind: 'error', message: fmt(t(T.tooShort), { n: LIMITS.minText }) });
    if ([...body].length > LIMITS.text) return setState({ kind: 'error', message: fmt(t(T.tooLong), { n: LIMITS.text }) });
    setState({ kind: 'sending' });
    try {
      await postComment(item, body, contact, website);
      setText('');
      setContact('');
      setState({ kind: 'sent' });
    } catch (error) {
      const p = toProblem(error);
      const message =
        p.code === 'TOO_MANY_REQUESTS' ? t(T.tooMany)
        : p.code === 'BAD_USER_INPUT' && p.field === 'contact' ? fmt(t(T.contactTooLong), { n: LIMITS.contact })
        : p.code === 'BAD_USER_INPUT' && /at least/.test(p.message) ? fmt(t(T.tooShort), { n: LIMITS.minText })
        : p.code === 'BAD_USER_INPUT' && /at most/.test(p.message) ? fmt(t(T.tooLong), { n: LIMITS.text })
        : t(T.failed);
      setState({ kind: 'error', message });
    }
  };

  return (
    <div className="public-comments" data-testid={`comments-${item.kind}-${item.id}`}>
      <h4>{t(T.comments)}</h4>
      {published == null ? (
        <p className="muted small">{t(T.loading)}</p>
      ) : published.length === 0 ? (
        <p className="muted small">{t(T.noComments)}</p>
      ) : (
        <ul className="public-comment-list">
          {published.map((c) => (
            <li key={c.id} data-testid="public-comment">
              <span className="muted small">{formatDateTime(c.createdAt, lang)}</span> {c.text}
            </li>
          ))}
        </ul>
      )}
      <form className="public-comment-form" onSubmit={submit} aria-label={`${t(T.yourComment)}: ${label}`}>
        <label>
          {t(T.yourComment)}
          <textarea name="text" rows={3} maxLength={LIMITS.text} value={text} onChange={(e) => setText(e.target.value)} required />
          <span className="muted small">{fmt(t(T.chars), { n: length, max: LIMITS.text })}</span>
        </label>
        <label>
          {t(T.contact)}
          <input name="contact" type="text" maxLength={LIMITS.contact} value={contact} onChange={(e) => setContact(e.target.value)} autoComplete="off" />
        </label>
        <label className="public-honeypot" aria-hidden="true">
          {t(T.website)}
          <input name="website" type="text" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
        </label>
        <button type="submit" disabled={state.kind === 'sending'}>
          {state.kind === 'sending' ? t(T.sending) : t(T.send)}
        </button>
        {state.kind === 'sent' && (
          <p className="public-thanks" role="status">
            {t(T.thanks)}
          </p>
        )}
        {state.kind === 'error' && (
          <p className="field-error" role="alert">
            {state.message}
          </p>
        )}
      </form>
    </div>
  );
}
