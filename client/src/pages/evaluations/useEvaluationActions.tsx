import { useCallback, useState, type ReactNode } from 'react';
import { useI18n, type Text } from '../../i18n';
import { signInActions, type SessionUser } from '../../api/session';
import { toProblem } from '../../api/errors';
import { isVersionConflict, reason } from '../../api/describe';
import { notify } from '../../ui/notify';
import { departmentName } from '../../tables/values';
import { closeEvaluation, reopenEvaluation, respondToEvaluation, type Evaluation } from './api';
import { EVAL_TEXT, evaluationLabel, STATUS_LABEL } from './text';
import { TextDialog } from './TextDialog';

export type EvaluationAction = 'respond' | 'close' | 'reopen' | 'edit';

/** What the user may do with an evaluation (a hint: the server decides). */
export function evaluationActions(user: SessionUser | null | undefined, e: Evaluation): EvaluationAction[] {
  if (!user || user.role === 'VIEWER') return [];
  if (user.role === 'ADMIN') {
    if (e.status === 'OPEN') return ['edit', 'respond', 'close'];
    if (e.status === 'RESPONDED') return ['edit', 'close', 'reopen'];
    return ['reopen'];
  }
  const own = e.department.id === user.department?.id;
  return own && e.status !== 'CLOSED' ? ['respond'] : [];
}

export const ACTION_LABEL: Record<EvaluationAction, Text> = { respond: EVAL_TEXT.respond, close: EVAL_TEXT.close, reopen: EVAL_TEXT.reopen, edit: EVAL_TEXT.edit };

/**
 * The respond / close / reopen steps with their dialog, shared by the evaluations page and the
 * department page: `ask(action, evaluation)` opens the dialog; `dialog` renders it; `reload` runs
 * after a step (saved or refused, so a conflict shows the newer state).
 */
export function useEvaluationActions(reload: () => void): { ask(action: Exclude<EvaluationAction, 'edit'>, e: Evaluation): void; dialog: ReactNode } {
  const { lang, t } = useI18n();
  const [asking, setAsking] = useState<{ action: Exclude<EvaluationAction, 'edit'>; e: Evaluation } | null>(null);
  const ask = useCallback((action: Exclude<EvaluationAction, 'edit'>, e: Evaluation) => setAsking({ action, e }), []);
  let dialog: ReactNode = null;
  if (asking) {
    const { action, e } = asking;
    const subject = `${departmentName(e.department, lang)} · ${evaluationLabel(e, lang)}`;
    const run = action === 'respond' ? respondToEvaluation : action === 'close' ? closeEvaluation : reopenEvaluation;
    dialog = (
      <TextDialog
        title={action === 'respond' ? EVAL_TEXT.respondTitle : action === 'close' ? EVAL_TEXT.closeTitle : EVAL_TEXT.reopenTitle}
        subject={subject}
        label={action === 'respond' ? EVAL_TEXT.response : action === 'close' ? EVAL_TEXT.noteOptional : EVAL_TEXT.statusNote}
        confirm={ACTION_LABEL[action]}
        initial={action === 'respond' ? (e.response ?? '') : ''}
        required={action !== 'close'}
        requiredText={action === 'reopen' ? EVAL_TEXT.reasonRequired : EVAL_TEXT.responseRequired}
        onClose={() => setAsking(null)}
        onConfirm={async (text) => {
          try {
            const saved = await run(e, text);
            setAsking(null);
            notify({ kind: 'success', title: `${t(ACTION_LABEL[action])} · ${subject}`, body: t(STATUS_LABEL[saved.status]) });
            reload();
            return null;
          } catch (error) {
            const p = toProblem(error);
            notify({ kind: isVersionConflict(p) ? 'conflict' : 'error', title: `${t(ACTION_LABEL[action])} · ${subject}`, body: reason(p, lang), actions: signInActions(p, lang) });
            reload();
            return reason(p, lang);
          }
        }}
      />
    );
  }
  return { ask, dialog };
}
