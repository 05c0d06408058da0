import { useI18n } from '../../i18n';
import { TextDialog } from '../../ui/TextDialog';
import { enumLabel } from '../../tables/enums';
import { LOOP_TEXT, oneLine, type Move } from './loop';

/** One step of the loop with its required note (开始整改 / 报告完成 / 验收通过 / 退回整改). */
export function AdvanceDialog({ subject, from, move, onClose, onConfirm }: { subject: string; from: string; move: Move; onClose(): void; onConfirm(note: string): Promise<string | null> }) {
  const { t, lang } = useI18n();
  return (
    <TextDialog
      title={t(move.label)}
      subject={subject}
      detail={
        <p className="muted small">
          {enumLabel('RectificationStatus', from, lang)} → <strong>{enumLabel('RectificationStatus', move.to, lang)}</strong>
        </p>
      }
      label={`${t(LOOP_TEXT.note)}: ${t(move.prompt)}`}
      confirm={t(move.label)}
      required
      requiredText={t(LOOP_TEXT.noteRequired)}
      className="ledger-reason"
      testId="advance"
      inputId="advance-note"
      normalise={oneLine}
      onClose={onClose}
      onConfirm={onConfirm}
    />
  );
}
