import { useState } from 'react';
import { useI18n, type Text } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { LEDGER_TEXT } from './text';

/** Asks the office for the reason a department will read (退回 / 重新打开); it may not be empty. */
export function ReasonDialog({ title, subject, confirm, onClose, onConfirm }: { title: Text; subject: string; confirm: Text; onClose(): void; onConfirm(reason: string): Promise<string | null> }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!reason.trim()) return setError(t(LEDGER_TEXT.reasonRequired));
    setBusy(true);
    const refused = await onConfirm(reason.trim());
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
            {t(LEDGER_TEXT.cancel)}
          </button>
          <button type="button" className="primary" data-testid="reason-confirm" onClick={() => void run()} disabled={busy}>
            {t(confirm)}
          </button>
        </>
      }
    >
      <p>{subject}</p>
      <label className="form-label" htmlFor="ledger-reason">
        {t(LEDGER_TEXT.reasonLabel)}
        <span className="required" aria-hidden="true">
          {' '}
          *
        </span>
      </label>
      <textarea id="ledger-reason" className="ledger-reason" rows={4} maxLength={2000} required aria-required="true" aria-invalid={!!error || undefined} value={reason} onChange={(e) => setReason(e.target.value)} />
      {error && (
        <p className="field-error" role="alert" data-testid="reason-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
