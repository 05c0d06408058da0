import { useI18n, type Text } from '../../i18n';
import { TextDialog as AskText } from '../../ui/TextDialog';
import { EVAL_TEXT } from './text';

/** An evaluation's step with its text (a response, a reason, a note): ui/TextDialog with the evaluations' words. */
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
  return (
    <AskText
      title={t(title)}
      subject={subject}
      label={t(label)}
      confirm={t(confirm)}
      initial={initial}
      required={required}
      requiredText={t(requiredText ?? EVAL_TEXT.responseRequired)}
      rows={5}
      className="evaluation-text"
      testId="text"
      inputId="evaluation-text"
      onClose={onClose}
      onConfirm={onConfirm}
    />
  );
}
