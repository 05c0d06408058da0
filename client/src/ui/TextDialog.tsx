import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Dialog } from './Dialog';

/**
 * Asks for one text that a step needs (a reason, a note, a response) and runs the step; a refusal is
 * shown in the dialog, which stays open. `required`: an empty text is refused here with
 * `requiredText`, nothing sent. The ledger's reasons, the rectification loop's notes and the
 * evaluations' responses all use it; `testId` names its confirm button, error and text box.
 */
export function TextDialog({
  title,
  subject,
  detail,
  label,
  confirm,
  initial = '',
  required,
  requiredText,
  maxLength = 5000,
  rows = 4,
  className,
  testId,
  inputId = `${testId}-text`,
  normalise = (s) => s.trim(),
  onClose,
  onConfirm,
}: {
  title: string;
  subject: string;
  /** Shown under the subject (the loop's from → to). */
  detail?: ReactNode;
  label: string;
  confirm: string;
  initial?: string;
  required: boolean;
  requiredText?: string;
  maxLength?: number;
  rows?: number;
  className?: string;
  testId: string;
  /** The text box's id (its label points at it). */
  inputId?: string;
  /** What is sent: trimmed by default (the loop also folds line breaks, which arguments refuse). */
  normalise?: (text: string) => string;
  onClose(): void;
  onConfirm(text: string): Promise<string | null>;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    const value = normalise(text);
    if (required && !value) return setError(requiredText ?? t({ zh: '请填写内容', en: 'Fill this in' }));
    setBusy(true);
    const refused = await onConfirm(value);
    setBusy(false);
    if (refused) setError(refused);
  };
  const id = inputId;
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            {t({ zh: '取消', en: 'Cancel' })}
          </button>
          <button type="button" className="primary" data-testid={`${testId}-confirm`} onClick={() => void run()} disabled={busy}>
            {confirm}
          </button>
        </>
      }
    >
      <p>{subject}</p>
      {detail}
      <label className="form-label" htmlFor={id}>
        {label}
        {required && (
          <span className="required" aria-hidden="true">
            {' '}*
          </span>
        )}
      </label>
      <textarea
        id={id}
        className={className}
        rows={rows}
        maxLength={maxLength}
        aria-required={required || undefined}
        aria-invalid={!!error || undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {error && (
        <p className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </Dialog>
  );
}
