import type { SessionUser } from '../../api/session';
import type { RectificationStatus } from '../../api/rectifications';
import type { Text } from '../../i18n';

/**
 * The loop's moves as the UI offers them (the server decides: RectificationLoopService). The lead
 * department's editors report progress and completion; the evaluation office (ADMIN) verifies or
 * sends back, and may take every step.
 */
export interface Move {
  to: RectificationStatus;
  label: Text;
  /** What the note should say. */
  prompt: Text;
  office: boolean;
}

const MOVES: Record<RectificationStatus, Move[]> = {
  OPEN: [{ to: 'IN_PROGRESS', office: false, label: { zh: '开始整改', en: 'Start' }, prompt: { zh: '整改已启动：写明采取的措施', en: 'Work has started: what is being done' } }],
  IN_PROGRESS: [{ to: 'DONE', office: false, label: { zh: '报告完成', en: 'Report done' }, prompt: { zh: '写明完成情况和成效', en: 'What was done and achieved' } }],
  DONE: [
    { to: 'VERIFIED', office: true, label: { zh: '验收通过', en: 'Verify' }, prompt: { zh: '验收意见', en: 'The office’s verification note' } },
    { to: 'IN_PROGRESS', office: true, label: { zh: '退回整改', en: 'Send back' }, prompt: { zh: '写明不予验收的原因，牵头单位将看到', en: 'Why it is not accepted: the lead department reads it' } },
  ],
  VERIFIED: [],
};

/** A row's responsibilities, as the grid's rows carry them. */
interface Held {
  role: string;
  department: { id: string };
}

/** The moves this user may take on a rectification at this status. */
export function movesFor(user: SessionUser | null | undefined, status: RectificationStatus, held: Held[] | null | undefined): Move[] {
  if (!user) return [];
  if (user.role === 'ADMIN') return MOVES[status];
  if (user.role !== 'EDITOR' || !user.department) return [];
  const leads = (held ?? []).some((r) => r.role === 'LEAD' && r.department.id === user.department!.id);
  return leads ? MOVES[status].filter((m) => !m.office) : [];
}

/** Whether this user may add feedback: the office, or an editor of a department that leads or supports it. */
export function mayGiveFeedback(user: SessionUser | null | undefined, held: Held[] | null | undefined): boolean {
  if (!user) return false;
  if (user.role === 'ADMIN') return true;
  return user.role === 'EDITOR' && !!user.department && (held ?? []).some((r) => r.department.id === user.department!.id);
}

/** Notes and feedback go through single-line arguments: line breaks become spaces. */
export const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

export const LOOP_TEXT = {
  column: { zh: '整改进程', en: 'Loop' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  overdueHint: { zh: '已过整改时限且未完成', en: 'Past its deadline and not done' },
  history: { zh: '进程与反馈', en: 'Steps and feedback' },
  steps: { zh: '整改进程', en: 'Steps' },
  feedback: { zh: '反馈', en: 'Feedback' },
  noSteps: { zh: '尚无进程记录', en: 'No steps yet' },
  noFeedback: { zh: '尚无反馈', en: 'No feedback yet' },
  addFeedback: { zh: '添加反馈', en: 'Add feedback' },
  feedbackLabel: { zh: '反馈内容', en: 'Feedback' },
  feedbackRequired: { zh: '请填写反馈内容', en: 'Write the feedback first' },
  note: { zh: '说明', en: 'Note' },
  noteRequired: { zh: '请填写说明：它会随这一步保存', en: 'Write a note: it is kept with the step' },
  cancel: { zh: '取消', en: 'Cancel' },
  close: { zh: '关闭', en: 'Close' },
  by: { zh: '操作人', en: 'By' },
  office: { zh: '考评办', en: 'Office' },
  deadline: { zh: '整改时限', en: 'Deadline' },
} satisfies Record<string, Text>;
