import type { Em } from '../orm';
import type { Permissions } from '../accounts/permissions';
import type { AuditService, FieldChange } from '../audit/audit.service';
import type { PlanService } from '../plans/plan.service';
import { Milestone } from '../../schema/milestones/milestone.entity';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import type { MilestoneData, MilestoneFilter, MilestoneInput, MilestonePatch } from '../../schema/milestones/milestone.inputs';
import { AppError, badInput, conflict, notFound } from '../errors';
import { parseId } from '../common/ids';
import { inTransaction } from '../common/transaction';
import { BulkInserter } from '../db/bulk';
import { marks, queryRows } from '../db/sql';

/** The fields a milestone carries beside its special target, in the order files write them. */
export const MILESTONE_FIELDS = ['seq', 'text', 'name', 'value', 'unit', 'year', 'cumulative'] as const;

/** The year a milestone is for when the text names none: the plan's last. */
export const DEFAULT_MILESTONE_YEAR = 2020;

/** Special targets per statement when milestones are read set-wise (well under SQLite's parameter limit). */
const CHUNK = 500;

/** A milestone's values as the audit trail, the transfer and the comparisons see them. */
export function milestoneValues(m: MilestoneData | Milestone): Required<MilestoneData> {
  return {
    seq: Number(m.seq),
    text: String(m.text).trim(),
    name: String(m.name).trim(),
    value: Number(m.value),
    unit: String(m.unit).trim(),
    year: m.year == null ? DEFAULT_MILESTONE_YEAR : Number(m.year),
    cumulative: Boolean(m.cumulative),
  };
}

/** The fields in which two milestones differ. */
export function milestoneChanges(before: Required<MilestoneData>, after: Required<MilestoneData>): FieldChange[] {
  return MILESTONE_FIELDS.filter((f) => before[f] !== after[f]).map((field) => ({ field, before: before[field], after: after[field] }));
}

/** One special target's milestones, as a set to replace the stored ones with (the transfer's JSON). */
export interface MilestoneSet {
  specialTargetId: number;
  milestones: MilestoneData[];
}

export interface ReplaceOutcome {
  created: number;
  updated: number;
  deleted: number;
}

/**
 * Milestones: the numeric aims inside a special target's text (上市企业150家, 众创空间50家, 引进人才
 * 12.5万), transcribed by the evaluation office as rows the ledger and completion follow. Only the
 * office (ADMIN) writes them; every write is audited and versioned (a stale expectedVersion is a
 * CONFLICT); a milestone's text must occur verbatim in its special target's content.
 */
export class MilestoneService {
  readonly typeName = 'Milestone';

  constructor(
    private readonly em: Em,
    private readonly permissions: Permissions,
    private readonly audit: AuditService,
    private readonly plans: PlanService,
  ) {}

  /** The milestones of these special targets, by special target id, in seq order: one statement. */
  async forSpecialTargets(ids: readonly number[]): Promise<Map<number, Milestone[]>> {
    const out = new Map<number, Milestone[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = await this.em.find(Milestone, { specialTarget: { $in: [...new Set(ids)] } }, { orderBy: { specialTarget: 'asc', seq: 'asc' } });
    for (const r of rows) out.get(r.specialTarget.id)?.push(r);
    return out;
  }

  /** Milestones of a plan or of one special target (all when no filter), in plan, special-target and seq order. */
  async list(filter: MilestoneFilter | null | undefined): Promise<Milestone[]> {
    const where: Record<string, unknown> = {};
    const target: Record<string, unknown> = {};
    if (filter?.specialTargetId != null) where.specialTarget = parseId(filter.specialTargetId, 'specialTargetId');
    if (filter?.planCode != null) target.plan = (await this.plans.resolve(filter.planCode, 'planCode')).id;
    if (Object.keys(target).length) where.specialTarget = { ...(where.specialTarget ? { id: where.specialTarget } : {}), ...target };
    return this.em.find(Milestone, where, { orderBy: { specialTarget: { plan: 'asc', seq: 'asc' }, seq: 'asc' } as never });
  }

  async get(id: string | number): Promise<Milestone | null> {
    return this.em.findOne(Milestone, { id: parseId(id, 'id') });
  }

  create(input: MilestoneInput): Promise<Milestone> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('create milestones');
      const target = await this.em.findOne(SpecialTarget, { id: parseId(input.specialTargetId, 'specialTargetId') });
      if (!target) throw badInput('specialTargetId', `SpecialTarget ${input.specialTargetId} does not exist`);
      const values = milestoneValues(input);
      checkText(values.text, target.content, 'text');
      await this.assertSeqFree(target.id, values.seq, null);
      const row = this.em.create(Milestone, { specialTarget: target, ...values } as never);
      await this.em.flush(); // assigns the id the audit entry names
      this.audit.created(this.typeName, row.id, { specialTargetId: String(target.id), ...values });
      return row;
    });
  }

  /** Only the fields given change; a stale expectedVersion is refused with CONFLICT. */
  update(id: string | number, patch: MilestonePatch, expectedVersion?: number | null): Promise<Milestone> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('change milestones');
      const row = await this.em.findOne(Milestone, { id: parseId(id, 'id') }, { populate: ['specialTarget'] });
      if (!row) throw notFound(this.typeName, id);
      if (expectedVersion != null && row.version !== expectedVersion) {
        throw conflict(`Milestone ${row.id} is at version ${row.version}, not ${expectedVersion}: someone else saved it first`, { currentVersion: row.version, expectedVersion });
      }
      const before = milestoneValues(row);
      for (const f of MILESTONE_FIELDS) if (patch[f] === null) throw badInput(f, `${f} cannot be null`);
      const after = milestoneValues({ ...before, ...Object.fromEntries(MILESTONE_FIELDS.filter((f) => patch[f] !== undefined).map((f) => [f, patch[f]])) } as MilestoneData);
      if (after.text !== before.text) checkText(after.text, row.specialTarget.content, 'text');
      if (after.seq !== before.seq) await this.assertSeqFree(row.specialTarget.id, after.seq, row.id);
      const changes = milestoneChanges(before, after);
      if (!changes.length) return row;
      Object.assign(row, after);
      this.audit.updated(this.typeName, row.id, changes);
      return row;
    });
  }

  delete(id: string | number, expectedVersion?: number | null): Promise<boolean> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('delete milestones');
      const row = await this.em.findOne(Milestone, { id: parseId(id, 'id') });
      if (!row) throw notFound(this.typeName, id);
      if (expectedVersion != null && row.version !== expectedVersion) {
        throw conflict(`Milestone ${row.id} is at version ${row.version}, not ${expectedVersion}`, { currentVersion: row.version, expectedVersion });
      }
      this.audit.deleted(this.typeName, row.id, { specialTargetId: String(row.specialTarget.id), ...milestoneValues(row) });
      this.em.remove(row);
      return true;
    });
  }

  /**
   * Replaces the milestones of each special target with the set given, matched by seq: new seqs are
   * created (set-wise: one INSERT for all of them), changed ones updated (their version moves),
   * missing ones deleted; each write audited. Sets that change nothing write nothing and need no
   * permission, so a file exported by the hub loads back for anyone allowed to load it; any change
   * is the office's (ADMIN). Refusals name the set and the milestone (`milestones[2].text`) and, the
   * checks coming before any write, change nothing. Used by the transfer (server/transfer), inside
   * its transaction; the caller has checked each milestone against MilestoneInput's rules.
   */
  async replaceMany(sets: MilestoneSet[], options: { created?: boolean } = {}): Promise<ReplaceOutcome> {
    const outcome: ReplaceOutcome = { created: 0, updated: 0, deleted: 0 };
    if (!sets.length) return outcome;
    const ids = sets.map((s) => s.specialTargetId);
    const contents = await this.contents(ids);
    for (const [k, set] of sets.entries()) {
      // `set`: which set a refusal is about (the transfer names its row).
      const content = contents.get(set.specialTargetId);
      if (content == null) throw badInput('specialTargetId', `SpecialTarget ${set.specialTargetId} does not exist`, { set: k });
      const seen = new Set<number>();
      set.milestones.forEach((m, i) => {
        if (seen.has(m.seq)) throw badInput(`milestones[${i}].seq`, `seq ${m.seq} is given twice for SpecialTarget ${set.specialTargetId}`, { set: k });
        seen.add(m.seq);
        checkText(String(m.text).trim(), content, `milestones[${i}].text`, k);
      });
    }
    // Special targets created just now (options.created) have none yet: nothing to read, nothing in the identity map.
    const stored = options.created ? new Map<number, Milestone[]>() : await this.forSpecialTargets(ids);
    const inserts: Record<string, unknown>[] = [];
    const updates: { row: Milestone; after: Required<MilestoneData>; changes: FieldChange[] }[] = [];
    const deletes: Milestone[] = [];
    for (const set of sets) {
      const bySeq = new Map((stored.get(set.specialTargetId) ?? []).map((m) => [m.seq, m]));
      for (const m of set.milestones) {
        const after = milestoneValues(m);
        const row = bySeq.get(after.seq);
        bySeq.delete(after.seq);
        if (!row) inserts.push({ specialTarget: set.specialTargetId, ...after });
        else {
          const changes = milestoneChanges(milestoneValues(row), after);
          if (changes.length) updates.push({ row, after, changes });
        }
      }
      deletes.push(...bySeq.values());
    }
    if (!inserts.length && !updates.length && !deletes.length) return outcome;
    try {
      this.permissions.assertAdmin('change milestones');
    } catch (error) {
      const k = sets.findIndex((set) => inserts.some((r) => r.specialTarget === set.specialTargetId) || updates.some((u) => u.row.specialTarget.id === set.specialTargetId) || deletes.some((d) => d.specialTarget.id === set.specialTargetId));
      throw error instanceof AppError ? new AppError(error.code, error.message, { ...error.details, set: Math.max(0, k) }) : error;
    }
    // Deletes first: a seq freed by one set may be taken by a new milestone of the same set.
    for (const row of deletes) {
      this.audit.deleted(this.typeName, row.id, { specialTargetId: String(row.specialTarget.id), ...milestoneValues(row) });
      this.em.remove(row);
    }
    for (const u of updates) {
      Object.assign(u.row, u.after);
      this.audit.updated(this.typeName, u.row.id, u.changes);
    }
    if (deletes.length || updates.length) await this.em.flush();
    if (inserts.length) {
      await new BulkInserter(this.em).insert(Milestone.name, inserts);
      const created = await this.idsOf(inserts.map((r) => [Number(r.specialTarget), Number(r.seq)]));
      await this.audit.createdMany(
        this.typeName,
        inserts.map((r) => {
          const { specialTarget, ...values } = r;
          return { id: created.get(`${specialTarget}:${values.seq}`)!, after: { specialTargetId: String(specialTarget), ...values } };
        }),
      );
    }
    return { created: inserts.length, updated: updates.length, deleted: deletes.length };
  }

  /** The content of these special targets, by id: one statement per 500. */
  private async contents(ids: number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const part = unique.slice(i, i + CHUNK);
      for (const r of await queryRows<{ id: unknown; content: string }>(this.em, `select id, content from special_target where id in (${marks(part.length)})`, part)) out.set(Number(r.id), r.content);
    }
    return out;
  }

  /** The ids of milestones by `specialTargetId:seq`, for the audit entries of a set-wise insert. */
  private async idsOf(keys: [number, number][]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const targets = [...new Set(keys.map(([t]) => t))];
    for (let i = 0; i < targets.length; i += CHUNK) {
      const part = targets.slice(i, i + CHUNK);
      const rows = await queryRows<{ id: unknown; special_target_id: unknown; seq: unknown }>(this.em, `select id, special_target_id, seq from milestone where special_target_id in (${marks(part.length)})`, part);
      for (const r of rows) out.set(`${Number(r.special_target_id)}:${Number(r.seq)}`, Number(r.id));
    }
    return out;
  }

  private async assertSeqFree(specialTargetId: number, seq: number, selfId: number | null) {
    const other = await this.em.findOne(Milestone, { specialTarget: specialTargetId, seq });
    if (other && other.id !== selfId) throw conflict(`seq: Milestone ${other.id} already has seq ${seq} in SpecialTarget ${specialTargetId}`, { field: 'seq', existingId: String(other.id) });
  }
}

/** A milestone's text is the aim as the plan words it: it must occur in the special target's content. */
function checkText(text: string, content: string, field: string, set?: number) {
  if (!content.includes(text)) throw badInput(field, `"${text}" does not occur in the special target’s content: copy the aim exactly as the content words it`, set == null ? {} : { set });
}
