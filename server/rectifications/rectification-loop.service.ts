import type { Em } from '../orm';
import type { Permissions } from '../accounts/permissions';
import type { AuditService } from '../audit/audit.service';
import { Role } from '../../schema/accounts/account.enums';
import { User } from '../../schema/accounts/user.entity';
import { Department } from '../../schema/departments/department.entity';
import { Responsibility } from '../../schema/responsibilities/responsibility.entity';
import { ResponsibilityRole } from '../../schema/responsibilities/responsibility.enums';
import { Rectification } from '../../schema/rectifications/rectification.entity';
import { RectificationStep } from '../../schema/rectifications/rectification-step.entity';
import { RectificationFeedback } from '../../schema/rectifications/rectification-feedback.entity';
import { FeedbackSource, RectificationStatus } from '../../schema/rectifications/rectification.enums';
import { AppError, ErrorCode, badInput, conflict, notFound } from '../errors';
import { parseId } from '../common/ids';
import { inTransaction } from '../common/transaction';

const { OPEN, IN_PROGRESS, DONE, VERIFIED } = RectificationStatus;

/** The loop's steps (评价—整改—反馈): where each status may go next. */
export const NEXT: Record<RectificationStatus, readonly RectificationStatus[]> = {
  [OPEN]: [IN_PROGRESS],
  [IN_PROGRESS]: [DONE],
  [DONE]: [VERIFIED, IN_PROGRESS],
  [VERIFIED]: [],
};

/** Steps the lead department's editors report; the others (verify, send back) are the office's. */
const REPORTED_BY_LEAD = new Set([`${OPEN}>${IN_PROGRESS}`, `${IN_PROGRESS}>${DONE}`]);

/** The longest note or feedback text kept. */
export const LOOP_TEXT_MAX = 5000;

/** What a feedback entry records beside its text: where it comes from, and for whom it speaks. */
export interface FeedbackOrigin {
  source: FeedbackSource;
  /** The department that speaks (a responsible department's feedback); null for the office and the public. */
  departmentId?: number | null;
  /** The account that wrote it; null for a public comment (its author is not an account, and stays private). */
  userId?: number | null;
  username?: string | null;
}

/**
 * The rectification loop (评价—整改—反馈, issue 15): a rectification moves OPEN → IN_PROGRESS → DONE →
 * VERIFIED, or DONE → IN_PROGRESS when the evaluation office does not accept it; every step carries a
 * note, is kept as a RectificationStep and audited. The lead department's editors report progress
 * and completion; the office (ADMIN) verifies or sends back, and may take every step. This is the only
 * way a status changes: an edit or an import that changes it is refused (RectificationService).
 * Feedback entries hang under a rectification: the office's, the responsible departments', and public
 * comments copied in once moderated (addFeedback).
 */
export class RectificationLoopService {
  constructor(
    private readonly em: Em,
    private readonly permissions: Permissions,
    private readonly audit: AuditService,
  ) {}

  private get actor() {
    return this.permissions.actor;
  }

  /** Moves a rectification one step along the loop, with a note; CONFLICT (INVALID_STATE) for a step the loop has not, FORBIDDEN for a step that is not the actor's. */
  advance(id: string | number, to: RectificationStatus, note: string, expectedVersion: number): Promise<Rectification> {
    return inTransaction(this.em, async () => {
      this.permissions.assertWrite('advance rectifications');
      const row = await this.em.findOne(Rectification, { id: parseId(id, 'id') });
      if (!row) throw notFound('Rectification', id);
      const lead = this.permissions.isAdmin ? false : await this.holds(row.id, [ResponsibilityRole.LEAD]);
      if (!this.permissions.isAdmin && !lead) {
        throw new AppError(ErrorCode.FORBIDDEN, `Rectification ${row.seq} is not led by your department: only the lead department’s editors report its progress, and the evaluation office verifies it.`, { id: String(row.id) });
      }
      const text = cleanText(note, 'note', `say what was done${to === IN_PROGRESS && row.status === DONE ? ', or why the office does not accept it' : ''}: the note is kept with the step`);
      if (row.version !== expectedVersion) {
        throw conflict(`Rectification ${row.id} is at version ${row.version}, not ${expectedVersion}: someone else saved it first`, { currentVersion: row.version, expectedVersion });
      }
      const from = row.status;
      if (!NEXT[from].includes(to)) {
        const allowed = NEXT[from].length ? `from ${from} it goes to ${NEXT[from].join(' or ')}` : 'it is verified, the end of the loop';
        throw conflict(`Rectification ${row.seq} cannot go from ${from} to ${to}: ${allowed}`, { reason: 'INVALID_STATE', state: from, currentVersion: row.version });
      }
      if (!this.permissions.isAdmin && !REPORTED_BY_LEAD.has(`${from}>${to}`)) {
        const what = to === VERIFIED ? 'verify a done rectification' : 'send a done rectification back';
        throw new AppError(ErrorCode.FORBIDDEN, `Only the evaluation office (ADMIN) can ${what}; the lead department reports progress and completion.`, { id: String(row.id) });
      }
      row.status = to;
      row.updatedAt = new Date();
      const step = this.em.create(RectificationStep, {
        rectification: row,
        fromStatus: from,
        toStatus: to,
        note: text,
        user: this.userRef(),
        username: this.actor.username,
        department: this.permissions.isAdmin || this.actor.departmentId == null ? null : this.em.getReference(Department, this.actor.departmentId),
        at: new Date(),
      });
      this.em.persist(step);
      await this.em.flush(); // the step's id, for its audit entry
      this.audit.updated('Rectification', row.id, [{ field: 'status', before: from, after: to }]);
      this.audit.created('RectificationStep', step.id, { rectificationId: String(row.id), from, to, note: text, department: step.department?.id ?? null });
      return row;
    });
  }

  /** Feedback from the office (ADMIN) or an editor of a department that leads or supports the rectification. */
  addByActor(rectificationId: string | number, text: string): Promise<RectificationFeedback> {
    return inTransaction(this.em, async () => {
      this.permissions.assertWrite('add feedback to rectifications');
      const row = await this.em.findOne(Rectification, { id: parseId(rectificationId, 'rectificationId') });
      if (!row) throw notFound('Rectification', rectificationId);
      if (this.permissions.isAdmin) return this.addFeedback(row.id, text, { source: FeedbackSource.OFFICE, userId: this.actor.userId, username: this.actor.username });
      if (this.actor.role !== Role.EDITOR || !(await this.holds(row.id, [ResponsibilityRole.LEAD, ResponsibilityRole.SUPPORT]))) {
        throw new AppError(ErrorCode.FORBIDDEN, `Rectification ${row.seq} is not one of your department’s: feedback comes from the evaluation office and the departments that lead or support it.`, { id: String(row.id) });
      }
      return this.addFeedback(row.id, text, { source: FeedbackSource.DEPARTMENT, departmentId: this.actor.departmentId, userId: this.actor.userId, username: this.actor.username });
    });
  }

  /**
   * Stores a feedback entry as given and audits it, with no permission check of its own: the caller
   * has decided it may be added (addByActor for accounts; the office's moderation of a public comment,
   * which copies it in as source PUBLIC with no account and no contact).
   */
  addFeedback(rectificationId: number, text: string, origin: FeedbackOrigin): Promise<RectificationFeedback> {
    return inTransaction(this.em, async () => {
      const clean = cleanText(text, 'text', 'write the feedback first');
      const row = await this.em.findOne(Rectification, { id: rectificationId });
      if (!row) throw notFound('Rectification', rectificationId);
      const entry = this.em.create(RectificationFeedback, {
        rectification: row,
        text: clean,
        source: origin.source,
        user: origin.userId == null ? null : this.em.getReference(User, origin.userId),
        username: origin.username ?? null,
        department: origin.departmentId == null ? null : this.em.getReference(Department, origin.departmentId),
        createdAt: new Date(),
      });
      this.em.persist(entry);
      await this.em.flush();
      this.audit.created('RectificationFeedback', entry.id, { rectificationId: String(row.id), text: clean, source: origin.source, department: origin.departmentId ?? null });
      return entry;
    });
  }

  /** The steps of these rectifications, oldest first, grouped by rectification: one statement. */
  async stepsOf(ids: readonly number[]): Promise<Map<number, RectificationStep[]>> {
    const rows = ids.length ? await this.em.find(RectificationStep, { rectification: { $in: [...new Set(ids)] } }, { orderBy: { at: 'asc', id: 'asc' } }) : [];
    return groupByRectification(rows);
  }

  /** The feedback under these rectifications, oldest first, grouped by rectification: one statement. */
  async feedbackOf(ids: readonly number[]): Promise<Map<number, RectificationFeedback[]>> {
    const rows = ids.length ? await this.em.find(RectificationFeedback, { rectification: { $in: [...new Set(ids)] } }, { orderBy: { createdAt: 'asc', id: 'asc' } }) : [];
    return groupByRectification(rows);
  }

  /** Whether the actor's department holds one of these roles for the rectification. */
  private async holds(rectificationId: number, roles: ResponsibilityRole[]): Promise<boolean> {
    if (this.actor.role !== Role.EDITOR || this.actor.departmentId == null) return false;
    return (await this.em.count(Responsibility, { rectification: rectificationId, department: this.actor.departmentId, role: { $in: roles } })) > 0;
  }

  private userRef() {
    return this.actor.userId == null ? null : this.em.getReference(User, this.actor.userId);
  }
}

function groupByRectification<T extends { rectification: { id: number } }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.rectification.id);
    if (list) list.push(r);
    else out.set(r.rectification.id, [r]);
  }
  return out;
}

/** Trimmed text, required and at most LOOP_TEXT_MAX characters; refusals name the field. */
function cleanText(text: string | null | undefined, field: string, why: string): string {
  const t = (text ?? '').trim();
  if (!t) throw badInput(field, `${field} is required: ${why}`);
  if (t.length > LOOP_TEXT_MAX) throw badInput(field, `${field} must be at most ${LOOP_TEXT_MAX} characters, got ${t.length}`);
  return t;
}
