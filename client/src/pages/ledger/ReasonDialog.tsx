import { useI18n, type Text } from '../../i18n';
import { TextDialog } from '../../ui/TextDialog';
import { LEDGER_TEXT } from './text';

/** Asks the office for the reason a department will read (退回 / 重新打开); it may not be empty. */
export function ReasonDialog({ title, subject, confirm, onClose, onConfirm }: { title: Text; subject: string; confirm: Text; onClose(): void; onConfirm(reason: string): Promise<string | null> }) {
  const { t } = useI18n();
  return (
    <TextDialog
      title={t(title)}
      subject={subject}
      label={t(LEDGER_TEXT.reasonLabel)}
      confirm={t(confirm)}
      required
      requiredText={t(LEDGER_TEXT.reasonRequired)}
      maxLength={2000}
      className="ledger-reason"
      testId="reason"
      inputId="ledger-reason"
      onClose={onClose}
      onConfirm={onConfirm}
    />
  );
}
