import { useState } from 'react';
import { useI18n } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { enumLabel } from '../../tables/enums';
import { LOOP_TEXT, oneLine, type Move } from './loop';

/** One step of the loop with its required note (开始整改 / 报告完成 / 验收通过 / 退回整改). */
export function AdvanceDialog({ subject, from, move, onClose, onConfirm }: { subject: string; from: string; move: Move; onClose(): void; onConfirm(note: string): Promise<string | null> }) {
  const { t, lang } = useI18n();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    const text = oneLine(note);
    if (!text) return setError(t(LOOP_TEXT.noteRequired));
    setBusy(true);
    const refused = await onConfirm(text);
    setBusy(false);
    if (refused) setError(refused);
  };
  return (
    <Dialog
      title={t(move.label)}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            {t(LOOP_TEXT.cancel)}
          </button>
          <button type="button" className="primary" data-testid="advance-confirm" onClick={() => void run()} disabled={busy}>
            {t(move.label)}
          </button>
        </>
      }
    >
      <p>{subject}</p>
      <p className="muted small">
        {enumLabel('RectificationStatus', from, lang)} → <strong>{enumLabel('RectificationStatus', move.to, lang)}</strong>
      </p>
      <label className="form-label" htmlFor="advance-note">
        {t(LOOP_TEXT.note)}: {t(move.prompt)}
        <span className="required" aria-hidden="true">
          {' '}
          *
        </span>
      </label>
      <textarea id="advance-note" className="ledger-reason" rows={4} maxLength={5000} required aria-required="true" aria-invalid={!!error || undefined} value={note} onChange={(e) => setNote(e.target.value)} />
      {error && (
        <p className="field-error" role="alert" data-testid="advance-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
