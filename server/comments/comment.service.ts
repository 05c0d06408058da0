import { createHash } from 'node:crypto';
import type { Em } from '../orm';
import type { Permissions } from '../accounts/permissions';
import type { AuditService } from '../audit/audit.service';
import { Comment, COMMENT_LIMITS } from '../../schema/comments/comment.entity';
import { CommentItemKind, CommentState } from '../../schema/comments/comment.enums';
import type { CommentFilter, CommentItemInput, PublicComment } from '../../schema/comments/comment.types';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { Rectification } from '../../schema/rectifications/rectification.entity';
import { AppError, ErrorCode, badInput, conflict, notFound } from '../errors';
import { parseId } from '../common/ids';
import { inTransaction } from '../common/transaction';

/**
 * How many comments one client address may post in the window. Counted in the comment table itself
 * (by a hash of the address), so every hub process on the database agrees without shared memory. The
 * count and the insert are not one atomic step: two processes answering the same address at the same
 * instant may each let one more through, which a limit against floods can afford.
 */
export const COMMENT_RATE = { max: 5, windowMinutes: 10 } as const;

/** The property on Comment (and the table) of each item kind. */
const ITEM = {
  [CommentItemKind.INDICATOR]: { property: 'indicator', entity: Indicator, type: 'Indicator' },
  [CommentItemKind.SPECIAL_TARGET]: { property: 'specialTarget', entity: SpecialTarget, type: 'SpecialTarget' },
  [CommentItemKind.RECTIFICATION]: { property: 'rectification', entity: Rectification, type: 'Rectification' },
} as const;

/** What the audit trail keeps of a comment: never the contact (the audit log is read by every signed-in user). */
const audited = (c: Comment) => ({ itemKind: c.itemKind, itemId: c.itemId, text: c.text, state: c.state, hasContact: c.contact != null });

export const clientKey = (address: string | null | undefined) => createHash('sha256').update(`comment:${address ?? 'unknown'}`).digest('hex');

/** A comment as the public sees it: the fields PublicComment has, nothing else copied. */
export const toPublic = (c: Comment): PublicComment => ({ id: String(c.id), itemKind: c.itemKind, itemId: c.itemId, text: c.text, createdAt: c.createdAt });

/**
 * Citizen comments on the public page (公众监督): posted anonymously, rate-limited by address, with a
 * honeypot; they wait for the evaluation office, which publishes or rejects them. Contacts are read
 * only through `list` (ADMIN).
 */
export class CommentService {
  constructor(
    private readonly em: Em,
    private readonly permissions: Permissions,
    private readonly audit: AuditService,
  ) {}

  /**
   * Files a comment for moderation. `website` is the form's hidden honeypot field: people leave it
   * empty, form-filling robots do not; a filled one is answered as a success and nothing is stored.
   * Returns true when the comment is received.
   */
  async post(item: CommentItemInput, text: string, contact: string | null | undefined, website: string | null | undefined, address: string | null | undefined): Promise<boolean> {
    if (website != null && website.trim() !== '') return true;
    const body = text.trim().replace(/\s+/g, ' ');
    if ([...body].length < COMMENT_LIMITS.minText) throw badInput('text', `a comment needs at least ${COMMENT_LIMITS.minText} characters`, { reason: 'TOO_SHORT', min: COMMENT_LIMITS.minText });
    if ([...body].length > COMMENT_LIMITS.text) throw badInput('text', `a comment has at most ${COMMENT_LIMITS.text} characters, this one has ${[...body].length}`, { reason: 'TOO_LONG', max: COMMENT_LIMITS.text });
    const reach = contact?.trim() || null;
    if (reach && [...reach].length > COMMENT_LIMITS.contact) throw badInput('contact', `a contact has at most ${COMMENT_LIMITS.contact} characters`, { reason: 'TOO_LONG', max: COMMENT_LIMITS.contact });
    const target = ITEM[item.kind];
    const id = parseId(item.id, 'item.id');
    return inTransaction(this.em, async () => {
      if (!(await this.em.count(target.entity, { id }))) throw notFound(target.type, id);
      const key = clientKey(address);
      const since = new Date(Date.now() - COMMENT_RATE.windowMinutes * 60_000);
      if ((await this.em.count(Comment, { clientKey: key, createdAt: { $gte: since } })) >= COMMENT_RATE.max) {
        throw new AppError(ErrorCode.TOO_MANY_REQUESTS, `Too many comments from your address: at most ${COMMENT_RATE.max} in ${COMMENT_RATE.windowMinutes} minutes. Please try again later.`, { max: COMMENT_RATE.max, windowMinutes: COMMENT_RATE.windowMinutes });
      }
      const row = this.em.create(Comment, { itemKind: item.kind, [target.property]: id, text: body, contact: reach, clientKey: key } as never);
      await this.em.flush();
      this.audit.created('Comment', row.id, audited(row));
      return true;
    });
  }

  /** Publishes (true) or rejects (false) a comment: the office only. Moderating again is allowed (a published comment can be withdrawn). */
  moderate(id: string, publish: boolean, expectedVersion?: number | null): Promise<Comment> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('moderate citizen comments');
      const row = await this.em.findOne(Comment, parseId(id, 'id'));
      if (!row) throw notFound('Comment', id);
      if (expectedVersion != null && row.version !== expectedVersion) {
        throw conflict(`Comment ${row.id} is at version ${row.version}, not ${expectedVersion}: someone else moderated it first`, { currentVersion: row.version, expectedVersion });
      }
      const next = publish ? CommentState.PUBLISHED : CommentState.REJECTED;
      if (row.state === next) return row;
      this.audit.updated('Comment', row.id, [{ field: 'state', before: row.state, after: next }]);
      row.state = next;
      row.moderatedAt = new Date();
      row.moderatedBy = this.permissions.actor.username;
      return row;
    });
  }

  /** The office's list, newest first, with contacts. */
  async list(filter: CommentFilter = {}, limit?: number | null): Promise<Comment[]> {
    this.permissions.assertAdmin('read citizen comments');
    const take = limit ?? 200;
    if (!Number.isInteger(take) || take < 1 || take > 1000) throw badInput('limit', `limit must be between 1 and 1000, got ${take}`);
    const where: Record<string, unknown> = {};
    if (filter.state) where.state = filter.state;
    if (filter.item) Object.assign(where, this.itemWhere(filter.item, 'filter.item.id'));
    return this.em.find(Comment, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: take });
  }

  /** The published comments on an item, oldest first: what everyone may read. */
  async published(item: CommentItemInput): Promise<PublicComment[]> {
    const rows = await this.em.find(Comment, { ...this.itemWhere(item, 'item.id'), state: CommentState.PUBLISHED }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return rows.map(toPublic);
  }

  /** The published comments on each of these rectifications, oldest first: their public feedback (one statement). */
  async publishedOnRectifications(rectificationIds: readonly number[]): Promise<Map<number, Comment[]>> {
    const out = new Map<number, Comment[]>();
    if (!rectificationIds.length) return out;
    const rows = await this.em.find(Comment, { rectification: { $in: [...new Set(rectificationIds)] }, state: CommentState.PUBLISHED }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    for (const r of rows) {
      const list = out.get(r.rectification!.id) ?? [];
      list.push(r);
      out.set(r.rectification!.id, list);
    }
    return out;
  }

  private itemWhere(item: CommentItemInput, field: string) {
    return { itemKind: item.kind, [ITEM[item.kind].property]: parseId(item.id, field) };
  }
}
