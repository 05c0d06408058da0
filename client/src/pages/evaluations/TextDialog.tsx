import { useState } from 'react';
import { useI18n, type Text } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { EVAL_TEXT } from './text';

/**
 * Asks for one text (a response, a reason, a note) and runs the step; a refusal is shown in the
 * dialog, which stays open. `required`: empty text is refused here with `requiredText`.
 */
export function TextDialog({ title, subject, label, confirm, initial = '', required, requiredText, onClose, onConfirm }: {
  title: Text;
  subject: string;
  label: Text;
  confirm: Text;
  initial?: string;
  required: boolean;
  requiredText?: Text;
  onClose(): void;
  onConfirm(text: string): Promise<string | null>;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (required && !text.trim()) return setError(t(requiredText ?? EVAL_TEXT.responseRequired));
    setBusy(true);
    const refused = await onConfirm(text.trim());
    setBusy(false);
    if (refused) setError(refused);
  };
  return (
    <Dialog
      title={t(title)}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            {t(EVAL_TEXT.cancel)}
          </button>
          <button type="button" className="primary" data-testid="text-confirm" onClick={() => void run()} disabled={busy}>
            {t(confirm)}
          </button>
        </>
      }
    >
      <p>{subject}</p>
      <label className="form-label" htmlFor="evaluation-text">
        {t(label)}
        {required && (
          <span className="required" aria-hidden="true">
            {' '}*
          </span>
        )}
      </label>
      <textarea id="evaluation-text" className="evaluation-text" rows={5} maxLength={5000} aria-required={required || undefined} aria-invalid={!!error || undefined} value={text} onChange={(e) => setText(e.target.value)} />
      {error && (
        <p className="field-error" role="alert" data-testid="text-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
