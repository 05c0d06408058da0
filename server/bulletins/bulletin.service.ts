import type { EvaluationService } from '../evaluations/evaluation.service';
import { EvaluationKind, EvaluationStatus } from '../../schema/evaluations/evaluation.enums';
import type { Em } from '../orm';
import type { Permissions } from '../accounts/permissions';
import type { AuditService } from '../audit/audit.service';
import type { ProgressService } from '../progress/progress.service';
import { User } from '../../schema/accounts/user.entity';
import { PublishedBulletin } from '../../schema/bulletins/published-bulletin.entity';
import { Bulletin, BulletinDepartment, BulletinIssue, type BulletinChange, type BulletinEvaluation, type BulletinItem } from '../../schema/bulletins/bulletin.types';
import { StatusCounts, type ScoreItem, type StatusTally } from '../../schema/progress/progress.types';
import { ResponsibilityRole } from '../../schema/responsibilities/responsibility.enums';
import { LedgerState } from '../../schema/ledger/ledger.enums';
import { RectificationStatus } from '../../schema/rectifications/rectification.enums';
import { AppError, ErrorCode, badInput, conflict, notFound } from '../errors';
import { inTransaction } from '../common/transaction';
import { marks, queryRows } from '../db/sql';
import { isOverdue } from '../rectifications/overdue';
import { bulletinTitle, contentChanges, itemChanges, monthEndInstant, overdueSubmissions, parseBulletinMonth, periodEnd, periodsSettling, uniqueItems, type BulletinMonth, type MonthEntry } from './bulletin.rules';

/** A bulletin's content: what is frozen when it is published (everything but the publication's own facts). */
export type BulletinContent = Omit<Bulletin, 'published' | 'publishedAt' | 'publishedBy' | 'version' | 'foreword' | 'changedSincePublished'>;

export const FOREWORD_MAX = 5000;

const counts = (t: StatusTally): StatusCounts =>
  Object.assign(new StatusCounts(), { total: t.total, achieved: t.achieved, missed: t.missed, onTrack: t.onTrack, atRisk: t.atRisk, offTrack: t.offTrack, noData: t.noData, completionRate: t.completionRate });

/**
 * The monthly bulletin (月度通报, issue 15). `build` makes a month's content from approved data only
 * (completion from the lead departments' approved entries, through ProgressService judged at the end
 * of the month; approved progress texts of the month; rectifications' deadlines at the month's end)
 * plus the ledger's states for the overdue rule (bulletin.rules.ts), and compares it with the latest
 * published bulletin before it. The same data gives the same content: nothing in it depends on the
 * clock or on who asks. `publish` freezes it (PublishedBulletin); `get` answers the latest issue of a
 * published month as it was issued, with what has changed since.
 *
 * Access: a published bulletin is public (通报 to the units and the public, ANONYMOUS_READ permitting);
 * the draft of an unpublished month is for signed-in users and API tokens (the departments check
 * their figures before the office issues it); publishing is the evaluation office's (ADMIN).
 */
export class BulletinService {
  constructor(
    private readonly em: Em,
    private readonly permissions: Permissions,
    private readonly audit: AuditService,
    private readonly progress: ProgressService,
    private readonly evaluations: EvaluationService,
  ) {}

  /** The month's bulletin: the latest issue when published (or issue `version`), else the draft (signed-in readers only). */
  async get(rawMonth: string, version?: number | null): Promise<Bulletin> {
    const m = parseBulletinMonth(rawMonth);
    const issue = await this.issue(m.month, version);
    if (!issue) {
      if (version != null) throw notFound('Bulletin', `${m.month} issue ${version}`);
      if (this.permissions.actor.role === null) {
        throw new AppError(ErrorCode.UNAUTHENTICATED, `The bulletin of ${m.month} has not been published: sign in to read its draft.`, { month: m.month, reason: 'NOT_PUBLISHED' });
      }
      return { ...(await this.build(m)), published: false, publishedAt: null, publishedBy: null, version: null, foreword: null, changedSincePublished: null };
    }
    const issued = issuedContent(issue.content);
    const now = await this.build(m);
    return { ...issued, ...this.publication(issue), changedSincePublished: contentChanges(issued.departments, now.departments) };
  }

  /** Every published issue, newest month first (a month's issues newest first). */
  async issues(): Promise<BulletinIssue[]> {
    const rows = await this.em.find(PublishedBulletin, {}, { orderBy: { month: 'desc', version: 'desc' }, fields: ['month', 'version', 'publishedAt', 'publishedByName'] });
    return rows.map((r) => Object.assign(new BulletinIssue(), { month: r.month, version: r.version, publishedAt: r.publishedAt, publishedBy: r.publishedByName ?? null }));
  }

  /**
   * Issues the month's bulletin (ADMIN): freezes its content as built now, with the foreword, who and
   * when, audited, in one transaction. A month already published is issued again only when
   * `expectedVersion` names its current issue (a corrected re-issue gets the next version; the earlier
   * one is kept); otherwise CONFLICT, and nothing changes.
   */
  async publish(rawMonth: string, foreword: string | null | undefined, expectedVersion?: number | null): Promise<Bulletin> {
    this.permissions.assertAdmin('publish a bulletin');
    const m = parseBulletinMonth(rawMonth);
    const text = foreword?.trim() ? foreword.trim() : null;
    if (text && text.length > FOREWORD_MAX) throw badInput('foreword', `the foreword has ${text.length} characters; at most ${FOREWORD_MAX}`);
    return inTransaction(this.em, async () => {
      const current = await this.issue(m.month);
      const currentVersion = current?.version ?? 0;
      if (expectedVersion != null && expectedVersion !== currentVersion) {
        throw conflict(`The bulletin of ${m.month} is at issue ${currentVersion}, not ${expectedVersion}: reload it and try again.`, { reason: 'STALE', month: m.month, currentVersion });
      }
      if (current && expectedVersion == null) {
        throw conflict(`The bulletin of ${m.month} was published already (issue ${currentVersion}, ${current.publishedAt.toISOString()}, by ${current.publishedByName ?? 'unknown'}); to issue a correction, publish again with expectedVersion: ${currentVersion}.`, {
          reason: 'ALREADY_PUBLISHED',
          month: m.month,
          currentVersion,
        });
      }
      const content = await this.build(m);
      const actor = this.permissions.actor;
      const row = this.em.create(PublishedBulletin, {
        month: m.month,
        version: currentVersion + 1,
        foreword: text,
        content: JSON.stringify(content),
        publishedBy: actor.userId != null ? this.em.getReference(User, actor.userId) : null,
        publishedByName: actor.username,
        publishedAt: new Date(),
      });
      await this.em.flush();
      this.audit.created('PublishedBulletin', row.id, {
        month: row.month,
        version: row.version,
        foreword: text,
        departments: content.departments.length,
        items: content.totals.total,
        comparedWith: content.comparedWith,
      });
      return { ...content, ...this.publication(row), changedSincePublished: [] };
    });
  }

  private publication(row: PublishedBulletin) {
    return { published: true, publishedAt: row.publishedAt, publishedBy: row.publishedByName ?? null, version: row.version, foreword: row.foreword ?? null };
  }

  /** The latest issue of a month (or issue `version`), or null. */
  private async issue(month: string, version?: number | null): Promise<PublishedBulletin | null> {
    if (version != null) return this.em.findOne(PublishedBulletin, { month, version });
    return (await this.em.find(PublishedBulletin, { month }, { orderBy: { version: 'desc' }, limit: 1 }))[0] ?? null;
  }

  /** The latest issue of the latest published month before `month`. */
  private async previousIssue(month: string): Promise<PublishedBulletin | null> {
    return (await this.em.find(PublishedBulletin, { month: { $lt: month } }, { orderBy: { month: 'desc', version: 'desc' }, limit: 1 }))[0] ?? null;
  }

  /** The month's content from the data as it is now (see the class comment). A fixed number of statements. */
  async build(m: BulletinMonth): Promise<BulletinContent> {
    this.progress.assertYear(m.year);
    const summary = await this.progress.summary(m.year, m.month);
    const settling = periodsSettling(m);
    const [entries, rectifications, previous] = await Promise.all([
      queryRows<Record<string, unknown>>(
        this.em,
        `select department_id, item_key, period, state, progress_text from ledger_entry where year = ? and period in (${marks(settling.length)}) order by department_id, item_key, period`,
        [m.year, ...settling],
      ),
      queryRows<Record<string, unknown>>(
        this.em,
        `select x.id, x.seq, x.problem, x.deadline_year, x.status, r.department_id, r.role from rectification x join responsibility r on r.rectification_id = x.id order by x.plan_id, x.seq, r.id`,
      ),
      this.previousIssue(m.month),
    ]);
    const monthEntries: MonthEntry[] = entries.map((e) => ({ departmentId: Number(e.department_id), itemKey: String(e.item_key), period: String(e.period), state: String(e.state) as LedgerState }));

    // Item names: the board's items, and special targets (a special target's own entries carry progress texts).
    const names = new Map<string, string>(summary.items.map((i) => [i.itemKey, i.name]));
    const targetIds = [...new Set(entries.map((e) => String(e.item_key)).filter((k) => k.startsWith('specialTarget:')).map((k) => Number(k.split(':')[1])))];
    if (targetIds.length) {
      for (const t of await queryRows<Record<string, unknown>>(this.em, `select id, title from special_target where id in (${marks(targetIds.length)})`, targetIds)) names.set(`specialTarget:${t.id}`, String(t.title));
    }
    const order = new Map(summary.items.map((i, n) => [i.itemKey, n]));

    const previousContent = previous ? issuedContent(previous.content) : null;
    const before = previousContent ? uniqueItems(previousContent.departments) : new Map<string, BulletinItem>();
    const asOf = monthEndInstant(m);

    // Evaluations and inspections not closed at the month's end, by department: listed until closed.
    const openByDepartment = new Map<number, BulletinEvaluation[]>();
    for (const e of await this.evaluations.openEvaluations(null, asOf)) {
      const list = openByDepartment.get(e.department.id) ?? [];
      list.push({
        id: String(e.id),
        kind: e.kind,
        subject: e.kind === EvaluationKind.QUARTERLY ? String(e.quarterKey) : `${e.title}（${e.inspectionDate}）`,
        measures: e.measures,
        status: e.respondedAt && e.respondedAt.getTime() <= asOf.getTime() ? EvaluationStatus.RESPONDED : EvaluationStatus.OPEN,
      });
      openByDepartment.set(e.department.id, list);
    }

    const departments: BulletinDepartment[] = [];
    for (const score of summary.byDepartment) {
      const d = score.department;
      const items = score.items.map((i) => this.item(i, previousContent ? before.get(i.itemKey) ?? null : undefined));
      const progressTexts = entries
        .filter((e) => Number(e.department_id) === d.id && e.period === m.month && e.state === LedgerState.APPROVED && typeof e.progress_text === 'string' && e.progress_text.trim())
        .map((e) => ({ itemKey: String(e.item_key), name: names.get(String(e.item_key)) ?? String(e.item_key), text: String(e.progress_text).trim() }))
        .sort((a, b) => (order.get(a.itemKey) ?? 1e9) - (order.get(b.itemKey) ?? 1e9) || a.itemKey.localeCompare(b.itemKey));
      const leads = score.items.filter((i) => i.role === ResponsibilityRole.LEAD).map((i) => ({ departmentId: d.id, itemKey: i.itemKey }));
      const overdue = overdueSubmissions(m, leads, monthEntries).map((o) => ({ itemKey: o.itemKey, name: names.get(o.itemKey) ?? o.itemKey, state: o.state }));
      const overdueRectifications = rectifications
        .filter((r) => Number(r.department_id) === d.id && isOverdue({ status: String(r.status) as RectificationStatus, deadlineYear: r.deadline_year == null ? null : Number(r.deadline_year) }, asOf))
        .map((r) => ({ id: String(r.id), seq: Number(r.seq), problem: String(r.problem), deadlineYear: r.deadline_year == null ? null : Number(r.deadline_year), status: String(r.status) as RectificationStatus, role: String(r.role) as ResponsibilityRole }));
      const openEvaluations = openByDepartment.get(d.id) ?? [];
      if (!items.length && !progressTexts.length && !overdueRectifications.length && !openEvaluations.length) continue;
      departments.push(Object.assign(new BulletinDepartment(), { code: d.code, name: d.name, nameEn: d.nameEn, counts: counts(score), items, progressTexts, overdueSubmissions: overdue, overdueRectifications, openEvaluations }));
    }
    const changes: BulletinChange[] = previousContent ? itemChanges(before, uniqueItems(departments)) : [];
    return {
      month: m.month,
      year: m.year,
      title: bulletinTitle(m),
      periodEnd: periodEnd(m),
      comparedWith: previous?.month ?? null,
      comparedVersion: previous?.version ?? null,
      totals: counts(summary),
      departments,
      changes,
    };
  }

  /** A board item as the bulletin lists it; `was` undefined: nothing to compare with, null: not in the bulletin compared with. */
  private item(i: ScoreItem, was: BulletinItem | null | undefined): BulletinItem {
    const p = i.progress;
    return {
      itemKey: i.itemKey,
      kind: i.kind,
      name: i.name,
      unit: i.unit,
      attribute: i.attribute ?? null,
      role: i.role ?? ResponsibilityRole.SUPPORT,
      leads: i.leads.map((l) => l.name),
      status: p.status,
      actualValue: p.actualValue,
      targetValue: p.targetValue,
      ratio: p.ratio,
      provisional: p.provisional,
      explanation: p.explanation,
      previousStatus: was?.status ?? null,
      previousValue: was?.actualValue ?? null,
      changed: was === undefined ? false : was === null || was.status !== p.status || was.actualValue !== p.actualValue,
    };
  }
}

/** A published issue's frozen content; issues from before a field was added get its empty value. */
function issuedContent(json: string): BulletinContent {
  const content = JSON.parse(json) as BulletinContent;
  for (const d of content.departments) d.openEvaluations ??= [];
  return content;
}
