import { evidenceStoreOf } from '../evidence/evidence.store';
import { evidenceSnapshot } from '../evidence/evidence.service';
import { UniqueConstraintViolationException, type QueryOrderKeys } from '@mikro-orm/core';
import type { Em } from '../orm';
import type { Permissions } from '../accounts/permissions';
import type { AuditService, FieldChange } from '../audit/audit.service';
import type { DepartmentService } from '../departments/department.service';
import type { PlanService } from '../plans/plan.service';
import { Role } from '../../schema/accounts/account.enums';
import { User } from '../../schema/accounts/user.entity';
import { Department } from '../../schema/departments/department.entity';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { Milestone } from '../../schema/milestones/milestone.entity';
import { Responsibility } from '../../schema/responsibilities/responsibility.entity';
import { LedgerEntry } from '../../schema/ledger/ledger-entry.entity';
import { Evidence } from '../../schema/ledger/evidence.entity';
import { LedgerState, PeriodKind, type LedgerItemKind } from '../../schema/ledger/ledger.enums';
import { LedgerItemKind as ItemKindFilter, PROGRESS_TEXT_MAX, type LedgerEntryFilter } from '../../schema/ledger/ledger.inputs';
import { isPeriodError, parsePeriod } from '../../schema/ledger/ledger.period';
import { PAGE, SortDirection, type OrderBy } from '../../schema/common/sort';
import { AppError, BulkRefusal, ErrorCode, badInput, conflict, eachItem, notFound } from '../errors';
import { likePattern, parseId } from '../common/ids';
import { inTransaction } from '../common/transaction';
import { canReadEntry, readableFilter } from './ledger.access';

/** What saveLedgerEntry takes, in the service's terms (the GraphQL input, an import row, a CLI call). */
export interface LedgerEntryData {
  indicatorId?: string | number | null;
  specialTargetId?: string | number | null;
  milestoneId?: string | number | null;
  department?: string | null;
  period: string;
  actualValue?: number | null;
  progressText?: string | null;
}

/** An item as a file names it (ledger.descriptor.ts). */
export interface ItemRef {
  kind: ItemKindFilter;
  seq: number;
  milestoneSeq?: number | null;
}

/** One row of saveMany. */
export interface LedgerSave {
  input: LedgerEntryData;
  /** The version the caller read; absent: a new entry (see `upsert`). */
  expectedVersion?: number | null;
  /** Imports: create the entry, or change the one stored for the key whatever its version (an edit of a file re-loaded). */
  upsert?: boolean;
  /** Submit the entry once saved (a department's spreadsheet handed in as its report). */
  submit?: boolean;
}

export interface LedgerPage {
  items: LedgerEntry[];
  totalCount: number;
}

interface PlannedKey {
  item: Item;
  department: Department;
  parsed: { period: string; kind: string; year: number };
}

interface Item {
  kind: LedgerItemKind;
  id: number;
  /** The special target whose responsibilities decide who files it (itself, or a milestone's). */
  responsibilityKind: 'indicator' | 'specialTarget';
  responsibilityId: number;
  label: string;
}

const ITEM_FIELDS: Record<LedgerItemKind, 'indicatorId' | 'specialTargetId' | 'milestoneId'> = {
  indicator: 'indicatorId',
  specialTarget: 'specialTargetId',
  milestone: 'milestoneId',
};

const EDITABLE = new Set([LedgerState.DRAFT, LedgerState.RETURNED]);

/** orderBy fields: GraphQL name → property. */
const SORTABLE: Record<string, string> = {
  id: 'id',
  period: 'period',
  periodKind: 'periodKind',
  year: 'year',
  state: 'state',
  actualValue: 'actualValue',
  submittedAt: 'submittedAt',
  decidedAt: 'decidedAt',
  updatedAt: 'updatedAt',
  createdAt: 'createdAt',
  version: 'version',
};

const PERIOD_KINDS: Record<string, PeriodKind> = { YEAR: PeriodKind.YEAR, QUARTER: PeriodKind.QUARTER, MONTH: PeriodKind.MONTH };

const stateError = (row: LedgerEntry, message: string) => conflict(message, { reason: 'INVALID_STATE', state: row.state, currentVersion: row.version });

const labelOf = (row: LedgerEntry) => {
  const [kind, id] = row.itemKey.split(':');
  return `${kind} ${id}`;
};

/**
 * The departments' electronic ledger (电子台账): one entry per item, department and period, filed by
 * the department (DRAFT, edited, SUBMITTED) and decided by the evaluation office (APPROVED, or
 * RETURNED with a reason, edited and SUBMITTED again; an approved entry is locked until the office
 * reopens it with a reason). Every rule is checked here, so GraphQL, imports and the CLI pass the same
 * ones; every step is one transaction with its audit entries; a refusal changes nothing.
 */
export class LedgerService {
  constructor(
    private readonly em: Em,
    private readonly permissions: Permissions,
    private readonly audit: AuditService,
    private readonly departments: DepartmentService,
    private readonly plans: PlanService,
  ) {}

  private get actor() {
    return this.permissions.actor;
  }

  // ---- reads ---------------------------------------------------------------------------------------

  /** The entries the actor may read (ledger.access.ts) that match the filter: filtered, counted and paged in SQL. */
  async list(filter: LedgerEntryFilter = {}, orderBy: OrderBy[] = [], limit?: number | null, offset?: number | null): Promise<LedgerPage> {
    const take = limit ?? PAGE.defaultLimit;
    const skip = offset ?? 0;
    if (!Number.isInteger(take) || take < 1 || take > PAGE.maxLimit) throw badInput('limit', `limit must be between 1 and ${PAGE.maxLimit}, got ${take}`);
    if (!Number.isInteger(skip) || skip < 0) throw badInput('offset', `offset must be 0 or more, got ${skip}`);
    const order = orderBy.map((o, i) => {
      const prop = SORTABLE[o.field];
      if (!prop) throw badInput(`orderBy[${i}].field`, `cannot sort LedgerEntry by "${o.field}"; use one of ${Object.keys(SORTABLE).join(', ')}`);
      // Empty values first on both engines, as SQLite sorts them.
      return { [prop]: o.direction === SortDirection.DESC ? 'DESC NULLS LAST' : 'ASC NULLS FIRST' } as Record<string, QueryOrderKeys<unknown>>;
    });
    if (!order.length) order.push({ year: 'ASC' }, { period: 'ASC' }, { department: 'ASC' }, { itemKey: 'ASC' });
    order.push({ id: 'ASC' }); // stable pages

    const { qb } = await this.listQuery(filter);
    const totalCount = await qb.clone().getCount();
    const items = totalCount > skip ? await qb.orderBy(order).limit(take).offset(skip).getResultList() : [];
    return { items, totalCount };
  }

  /**
   * The entries the actor may read (ledger.access.ts) that match the filter, as a query (alias `e`,
   * no order or paging): the one definition of what the list and the aggregate mean.
   */
  async listQuery(filter: LedgerEntryFilter = {}) {
    const qb = this.em.createQueryBuilder(LedgerEntry, 'e');
    const readable = readableFilter(this.actor);
    if (readable?.states) {
      const marks = readable.states.map(() => '?').join(', ');
      if (readable.orOwnDepartment != null) qb.andWhere(`(e.state in (${marks}) or e.department_id = ?)`, [...readable.states, readable.orOwnDepartment]);
      else qb.andWhere(`e.state in (${marks})`, [...readable.states]);
    }
    if (filter.department != null) {
      const department = await this.departments.resolve(filter.department, 'filter.department');
      qb.andWhere({ department: department.id });
    }
    if (filter.itemKind) {
      const column = { [ItemKindFilter.INDICATOR]: 'indicator_id', [ItemKindFilter.SPECIAL_TARGET]: 'special_target_id', [ItemKindFilter.MILESTONE]: 'milestone_id' }[filter.itemKind];
      qb.andWhere(`e.${column} is not null`);
    }
    for (const [key, prop] of [['indicatorIds', 'indicator'], ['specialTargetIds', 'specialTarget'], ['milestoneIds', 'milestone']] as const) {
      const ids = filter[key];
      if (ids) qb.andWhere({ [prop]: { $in: ids.map((id, i) => parseId(id, `filter.${key}[${i}]`)) } });
    }
    if (filter.period != null) {
      const parsed = parsePeriod(filter.period);
      if (isPeriodError(parsed)) throw badInput('filter.period', parsed.error);
      qb.andWhere({ period: parsed.period });
    }
    if (filter.periodKind) qb.andWhere({ periodKind: filter.periodKind });
    if (filter.year != null) qb.andWhere({ year: filter.year });
    if (filter.state) qb.andWhere({ state: filter.state });
    const search = filter.search?.trim();
    if (search) {
      const like = (col: string) => `lower(${col}) like ? escape '\\'`;
      const conditions = [
        like('e.progress_text'),
        `e.indicator_id in (select i.id from indicator i where ${like('i.name')})`,
        `e.special_target_id in (select s.id from special_target s where ${like('s.title')})`,
        `e.milestone_id in (select m.id from milestone m where ${like('m.name')} or ${like('m.text')})`,
        `e.department_id in (select d.id from department d where ${like('d.name')} or ${like('d.name_en')} or ${like('d.code')}` +
          ` or exists (select 1 from department_alias a where a.department_id = d.id and ${like('a.alias')}))`,
      ];
      const sql = `(${conditions.join(' or ')})`;
      qb.andWhere(sql, Array(sql.split('?').length - 1).fill(likePattern(search)));
    }
    return { qb };
  }

  /** One entry, or null when there is none or the actor may not see it (another department's draft; anything unapproved, signed out). */
  async get(id: string | number): Promise<LedgerEntry | null> {
    const row = await this.em.findOne(LedgerEntry, { id: parseId(id, 'id') });
    return row && this.readable(row) ? row : null;
  }

  private readable(row: LedgerEntry): boolean {
    return canReadEntry(this.actor, { state: row.state, departmentId: row.department.id });
  }

  /**
   * Items as a spreadsheet names them (schema/ledger/ledger.descriptor.ts): the kind, the indicator's
   * or special target's seq in the plan (the newest plan when none is named), and a milestone's seq
   * within its special target. A few statements for all rows; each ref gets the item's id field for
   * LedgerEntryData, or the refusal naming its field (itemSeq, milestoneSeq).
   */
  async itemsBySeq(planCode: string | null | undefined, refs: ItemRef[]): Promise<(Pick<LedgerEntryData, 'indicatorId' | 'specialTargetId' | 'milestoneId'> | AppError)[]> {
    const plan = await this.plans.resolve(planCode, 'planCode');
    const seqs = (kinds: ItemKindFilter[]) => [...new Set(refs.filter((r) => kinds.includes(r.kind)).map((r) => r.seq))];
    const indicatorSeqs = seqs([ItemKindFilter.INDICATOR]);
    const targetSeqs = seqs([ItemKindFilter.SPECIAL_TARGET, ItemKindFilter.MILESTONE]);
    const indicators = indicatorSeqs.length ? await this.em.find(Indicator, { plan: plan.id, seq: { $in: indicatorSeqs } }) : [];
    const targets = targetSeqs.length ? await this.em.find(SpecialTarget, { plan: plan.id, seq: { $in: targetSeqs } }) : [];
    const milestoneSeqs = [...new Set(refs.filter((r) => r.kind === ItemKindFilter.MILESTONE && r.milestoneSeq != null).map((r) => r.milestoneSeq!))];
    const milestones = milestoneSeqs.length && targets.length ? await this.em.find(Milestone, { specialTarget: { $in: targets.map((t) => t.id) }, seq: { $in: milestoneSeqs } }) : [];
    const indicatorBySeq = new Map(indicators.map((r) => [r.seq, r.id]));
    const targetBySeq = new Map(targets.map((r) => [r.seq, r.id]));
    const milestoneByKey = new Map(milestones.map((m) => [`${m.specialTarget.id}:${m.seq}`, m.id]));
    return refs.map((ref) => {
      if (ref.kind === ItemKindFilter.INDICATOR) {
        const id = indicatorBySeq.get(ref.seq);
        return id ? { indicatorId: String(id) } : badInput('itemSeq', `plan ${plan.code} has no indicator ${ref.seq}`);
      }
      const target = targetBySeq.get(ref.seq);
      if (!target) return badInput('itemSeq', `plan ${plan.code} has no special target ${ref.seq}`);
      if (ref.kind === ItemKindFilter.SPECIAL_TARGET) {
        return ref.milestoneSeq == null ? { specialTargetId: String(target) } : badInput('milestoneSeq', 'a milestone number belongs to a row of kind MILESTONE (里程碑)');
      }
      if (ref.milestoneSeq == null) return badInput('milestoneSeq', `give the milestone's number within special target ${ref.seq}`);
      const id = milestoneByKey.get(`${target}:${ref.milestoneSeq}`);
      return id ? { milestoneId: String(id) } : badInput('milestoneSeq', `special target ${ref.seq} has no milestone ${ref.milestoneSeq}`);
    });
  }

  // ---- saving ----------------------------------------------------------------------------------------

  /**
   * Creates the entry for (item, department, period) when expectedVersion is absent, or changes the
   * stored one (DRAFT or RETURNED only) at that version. A second create of the same key is a CONFLICT
   * naming the key and the stored entry.
   */
  save(input: LedgerEntryData, expectedVersion?: number | null): Promise<LedgerEntry> {
    return inTransaction(this.em, () => this.saveOne({ input, expectedVersion }));
  }

  /**
   * Many entries in one transaction, all or nothing (a department's monthly spreadsheet): each row
   * passes the rules save() does; the first refusal is thrown as a BulkRefusal naming its row, and the
   * caller's transaction (this one, or the import's) writes nothing.
   */
  saveMany(rows: LedgerSave[]): Promise<LedgerEntry[]> {
    return inTransaction(this.em, async () => {
      if (!rows.length) return [];
      this.permissions.assertWrite('file ledger entries');
      // 1. Each row's key, its item and department looked up once per distinct value; a row's
      //    refusal is kept and thrown in row order below, so the first refused row is the one named.
      const items = new Map<string, Promise<Item>>();
      const mayFile = new Map<string, Promise<void>>();
      const planned: ({ key: PlannedKey } | { error: unknown })[] = [];
      for (const row of rows) {
        try {
          const kind = (['indicator', 'specialTarget', 'milestone'] as const).find((k) => given(row.input[ITEM_FIELDS[k]])) ?? 'indicator';
          const memo = `${kind}:${String(row.input[ITEM_FIELDS[kind]] ?? '').trim()}`;
          let lookup: Promise<Item>;
          if (this.itemOnly(row.input)) {
            if (!items.has(memo)) items.set(memo, this.resolveItem(row.input));
            lookup = items.get(memo)!;
          } else lookup = this.resolveItem(row.input); // refused, naming the field
          const item = await lookup;
          const department = await this.filingDepartment(row.input.department);
          const held = `${department.id}|${item.kind}:${item.id}`;
          if (!mayFile.has(held)) mayFile.set(held, this.assertMayFile(department, item));
          await mayFile.get(held);
          const parsed = parsePeriod(String(row.input.period ?? ''));
          if (isPeriodError(parsed)) throw badInput('period', parsed.error);
          planned.push({ key: { item, department, parsed } });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          planned.push({ error });
        }
      }
      // 2. The stored entries of every key, in a few statements.
      const keys = planned.flatMap((p) => ('key' in p ? [p.key] : []));
      const stored = new Map<string, LedgerEntry>();
      for (let i = 0; i < keys.length; i += 300) {
        const part = keys.slice(i, i + 300);
        const found = await this.em.find(LedgerEntry, { $or: part.map((k) => ({ itemKey: `${k.item.kind}:${k.item.id}`, department: k.department.id, period: k.parsed.period })) });
        for (const e of found) stored.set(`${e.itemKey}|${e.department.id}|${e.period}`, e);
      }
      // 3. In row order: refusals, changes of stored entries, new entries (inserted together).
      const out: LedgerEntry[] = [];
      const created: { row: LedgerEntry; code: string; index: number }[] = [];
      const inFile = new Map<string, number>();
      await eachItem(rows, async (row, index) => {
        const plan = planned[index];
        if ('error' in plan) throw plan.error;
        const { item, department, parsed } = plan.key;
        const storeKey = `${item.kind}:${item.id}|${department.id}|${parsed.period}`;
        const key = `${item.label}, ${department.name}, ${parsed.period}`;
        const keyDetail = { item: `${item.kind}:${item.id}`, department: department.code, period: parsed.period };
        const earlier = inFile.get(storeKey);
        if (earlier != null) throw conflict(`${key} is given twice: in rows ${earlier + 1} and ${index + 1}`, { reason: 'DUPLICATE', key: keyDetail });
        inFile.set(storeKey, index);
        const existing = stored.get(storeKey);
        if (row.expectedVersion == null && !(row.upsert && existing)) {
          if (existing) {
            throw conflict(`A ledger entry for ${key} exists already (entry ${existing.id}, ${existing.state}): change it with its expectedVersion instead of creating another`, {
              reason: 'DUPLICATE',
              existingId: String(existing.id),
              currentVersion: existing.version,
              key: keyDetail,
            });
          }
          const entry = this.newEntry(item, department, parsed, row.input);
          created.push({ row: entry, code: department.code, index });
          out.push(entry);
          return;
        }
        if (!existing) throw conflict(`There is no ledger entry for ${key} to change (it was deleted, or never saved): save it without expectedVersion to create it`, { reason: 'NOT_STORED', key: keyDetail });
        if (row.expectedVersion != null) this.assertVersion(existing, row.expectedVersion);
        this.assertEditable(existing);
        this.applyFields(existing, row.input);
        out.push(existing);
      });
      try {
        await this.em.flush();
      } catch (error) {
        // Another writer created one of the keys since they were read: the first new row is named.
        if (error instanceof UniqueConstraintViolationException && created.length) {
          throw new BulkRefusal(created[0].index, conflict('A ledger entry of this file was just created by someone else: reload and try again', { reason: 'DUPLICATE' }));
        }
        throw error;
      }
      for (const c of created) this.audit.created('LedgerEntry', c.row.id, this.snapshot(c.row, c.code));
      await eachItem(rows, async (row, index) => {
        if (row.submit && out[index].state !== LedgerState.SUBMITTED) await this.submitLoaded(out[index]);
      });
      return out;
    });
  }

  /** The input names exactly one item (else resolveItem refuses it, with the field). */
  private itemOnly(input: LedgerEntryData): boolean {
    return (['indicator', 'specialTarget', 'milestone'] as const).filter((k) => given(input[ITEM_FIELDS[k]])).length === 1;
  }

  private newEntry(item: Item, department: Department, parsed: { period: string; kind: string; year: number }, input: LedgerEntryData): LedgerEntry {
    const row = this.em.create(LedgerEntry, {
      department,
      indicator: item.kind === 'indicator' ? item.id : null,
      specialTarget: item.kind === 'specialTarget' ? item.id : null,
      milestone: item.kind === 'milestone' ? item.id : null,
      itemKey: `${item.kind}:${item.id}`,
      period: parsed.period,
      periodKind: PERIOD_KINDS[parsed.kind],
      year: parsed.year,
      actualValue: input.actualValue ?? null,
      progressText: cleanText(input.progressText),
      state: LedgerState.DRAFT,
    } as never);
    this.em.persist(row);
    return row;
  }

  private async saveOne({ input, expectedVersion, upsert }: LedgerSave): Promise<LedgerEntry> {
    this.permissions.assertWrite('file ledger entries');
    const item = await this.resolveItem(input);
    const department = await this.filingDepartment(input.department);
    await this.assertMayFile(department, item);
    const parsed = parsePeriod(String(input.period ?? ''));
    if (isPeriodError(parsed)) throw badInput('period', parsed.error);
    const itemKey = `${item.kind}:${item.id}`;
    const existing = await this.em.findOne(LedgerEntry, { itemKey, department: department.id, period: parsed.period });
    const key = `${item.label}, ${department.name}, ${parsed.period}`;

    if (expectedVersion == null && !(upsert && existing)) {
      if (existing) {
        throw conflict(`A ledger entry for ${key} exists already (entry ${existing.id}, ${existing.state}): change it with its expectedVersion instead of creating another`, {
          reason: 'DUPLICATE',
          existingId: String(existing.id),
          currentVersion: existing.version,
          key: { item: itemKey, department: department.code, period: parsed.period },
        });
      }
      const row = this.newEntry(item, department, parsed, input);
      try {
        await this.em.flush(); // the id the audit entry names
      } catch (error) {
        // Two creates of one key at the same moment: the unique index refuses the second.
        if (error instanceof UniqueConstraintViolationException) {
          throw conflict(`A ledger entry for ${key} was just created by someone else: reload it and change it instead`, {
            reason: 'DUPLICATE',
            key: { item: itemKey, department: department.code, period: parsed.period },
          });
        }
        throw error;
      }
      this.audit.created('LedgerEntry', row.id, this.snapshot(row, department.code));
      return row;
    }

    if (!existing) {
      throw conflict(`There is no ledger entry for ${key} to change (it was deleted, or never saved): save it without expectedVersion to create it`, {
        reason: 'NOT_STORED',
        key: { item: itemKey, department: department.code, period: parsed.period },
      });
    }
    if (expectedVersion != null) this.assertVersion(existing, expectedVersion);
    this.assertEditable(existing);
    this.applyFields(existing, input);
    return existing;
  }

  /**
   * The reported fields of a stored entry (a restore from the audit trail goes through here): only
   * actualValue and progressText; the state moves through submit, approve, return and reopen.
   */
  update(id: string | number, patch: { actualValue?: number | null; progressText?: string | null } & Record<string, unknown>, expectedVersion?: number | null): Promise<LedgerEntry> {
    return inTransaction(this.em, async () => {
      this.permissions.assertWrite('change ledger entries');
      for (const field of Object.keys(patch)) {
        if (patch[field] !== undefined && field !== 'actualValue' && field !== 'progressText') {
          throw badInput(field, `${field} of a ledger entry is not changed by an edit: its state moves through submit, approve, return and reopen`);
        }
      }
      const row = await this.loadVisible(id);
      await this.assertOwnEntry(row, 'change', true);
      if (expectedVersion != null) this.assertVersion(row, expectedVersion);
      this.assertEditable(row);
      this.applyFields(row, patch);
      return row;
    });
  }

  private applyFields(row: LedgerEntry, data: { actualValue?: number | null; progressText?: string | null }) {
    const changes: FieldChange[] = [];
    if (data.actualValue !== undefined && (row.actualValue ?? null) !== data.actualValue) {
      changes.push({ field: 'actualValue', before: row.actualValue ?? null, after: data.actualValue });
      row.actualValue = data.actualValue;
    }
    if (data.progressText !== undefined) {
      const next = cleanText(data.progressText);
      if ((row.progressText ?? null) !== next) {
        changes.push({ field: 'progressText', before: row.progressText ?? null, after: next });
        row.progressText = next;
      }
    }
    if (changes.length) this.audit.updated('LedgerEntry', row.id, changes);
  }

  // ---- the workflow ----------------------------------------------------------------------------------

  /** DRAFT or RETURNED → SUBMITTED, by the entry's department (for an item it still answers for) or the office. */
  submit(id: string | number, expectedVersion?: number | null): Promise<LedgerEntry> {
    return inTransaction(this.em, async () => {
      this.permissions.assertWrite('submit ledger entries');
      const row = await this.loadVisible(id);
      await this.assertOwnEntry(row, 'submit', true);
      if (expectedVersion != null) this.assertVersion(row, expectedVersion);
      await this.submitLoaded(row);
      return row;
    });
  }

  private async submitLoaded(row: LedgerEntry) {
    if (!EDITABLE.has(row.state)) {
      const why =
        row.state === LedgerState.SUBMITTED
          ? 'is submitted already and waits for the evaluation office'
          : 'is approved and locked; only the evaluation office (ADMIN) can reopen it, with a reason';
      throw stateError(row, `Ledger entry ${row.id} (${labelOf(row)}, ${row.period}) ${why}`);
    }
    if (row.actualValue == null && !row.progressText && !(await this.em.count(Evidence, { ledgerEntry: row.id }))) {
      throw badInput('id', `ledger entry ${row.id} has nothing to submit: give an actual value, a progress text or an evidence file first`);
    }
    const before = row.state;
    row.state = LedgerState.SUBMITTED;
    row.submittedAt = new Date();
    row.submittedBy = this.actor.userId == null ? null : this.em.getReference(User, this.actor.userId);
    this.audit.updated('LedgerEntry', row.id, [{ field: 'state', before, after: row.state }]);
  }

  /** SUBMITTED → APPROVED (ADMIN): the entry is locked and counts for completion. */
  approve(id: string | number, expectedVersion?: number | null): Promise<LedgerEntry> {
    return this.decide(id, expectedVersion, 'approve', LedgerState.SUBMITTED, LedgerState.APPROVED, null);
  }

  /** SUBMITTED → RETURNED with a reason (ADMIN): the department edits it and submits it again. */
  returnEntry(id: string | number, reason: string, expectedVersion?: number | null): Promise<LedgerEntry> {
    return this.decide(id, expectedVersion, 'return', LedgerState.SUBMITTED, LedgerState.RETURNED, reason);
  }

  /** APPROVED → RETURNED with a reason (ADMIN): unlocks an approved entry for the department to correct. */
  reopen(id: string | number, reason: string, expectedVersion?: number | null): Promise<LedgerEntry> {
    return this.decide(id, expectedVersion, 'reopen', LedgerState.APPROVED, LedgerState.RETURNED, reason);
  }

  private decide(id: string | number, expectedVersion: number | null | undefined, action: 'approve' | 'return' | 'reopen', from: LedgerState, to: LedgerState, reason: string | null): Promise<LedgerEntry> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin(`${action} ledger entries`);
      const text = reason == null ? null : reason.trim();
      if (reason != null && !text) throw badInput('reason', `give the reason to ${action} the entry; the department sees it`);
      if (text && text.length > PROGRESS_TEXT_MAX) throw badInput('reason', `reason must be at most ${PROGRESS_TEXT_MAX} characters`);
      const row = await this.loadVisible(id);
      if (expectedVersion != null) this.assertVersion(row, expectedVersion);
      if (row.state !== from) {
        const now =
          row.state === LedgerState.APPROVED ? 'is approved already (reopen it with a reason to change it)' : row.state === LedgerState.SUBMITTED ? 'is submitted, not approved' : `is ${row.state}, not submitted by its department`;
        throw stateError(row, `Cannot ${action} ledger entry ${row.id} (${labelOf(row)}, ${row.period}): it ${now}`);
      }
      const changes: FieldChange[] = [{ field: 'state', before: row.state, after: to }];
      if ((row.returnReason ?? null) !== text) changes.push({ field: 'returnReason', before: row.returnReason ?? null, after: text });
      row.state = to;
      row.returnReason = text;
      row.decidedAt = new Date();
      row.decidedBy = this.actor.userId == null ? null : this.em.getReference(User, this.actor.userId);
      this.audit.updated('LedgerEntry', row.id, changes);
      return row;
    });
  }

  /** Deletes a DRAFT or RETURNED entry (with its evidence links), by its department or the office. */
  async delete(id: string | number, expectedVersion?: number | null): Promise<boolean> {
    let contents: string[] = [];
    const done = await inTransaction(this.em, async () => {
      this.permissions.assertWrite('delete ledger entries');
      const row = await this.loadVisible(id);
      await this.assertOwnEntry(row, 'delete', false);
      if (expectedVersion != null) this.assertVersion(row, expectedVersion);
      if (!EDITABLE.has(row.state)) {
        const why = row.state === LedgerState.APPROVED ? 'it is approved and locked' : 'it is submitted and waits for the evaluation office';
        throw stateError(row, `Ledger entry ${row.id} (${labelOf(row)}, ${row.period}) cannot be deleted: ${why}; only DRAFT and RETURNED entries can be`);
      }
      const department = await this.em.findOneOrFail(Department, row.department.id);
      this.audit.deleted('LedgerEntry', row.id, this.snapshot(row, department.code));
      // Its evidence rows go with it (ON DELETE CASCADE), each audited as the evidence service does.
      const evidence = await this.em.find(Evidence, { ledgerEntry: row.id });
      for (const e of evidence) this.audit.deleted('Evidence', e.id, evidenceSnapshot(e, row.id));
      contents = [...new Set(evidence.map((e) => e.sha256))];
      this.em.remove(row);
      return true;
    });
    // After commit: the stored contents no other evidence refers to go too (each in its own transaction).
    const store = evidenceStoreOf(this.em);
    for (const sha of contents) await store.dropIfUnreferenced(this.em, sha);
    return done;
  }

  // ---- rules ---------------------------------------------------------------------------------------

  /** The stored entry, or NOT_FOUND when there is none or the actor may not see it (so another department's drafts stay unseen). */
  private async loadVisible(id: string | number): Promise<LedgerEntry> {
    const row = await this.em.findOne(LedgerEntry, { id: parseId(id, 'id') });
    if (!row || !this.readable(row)) throw notFound('LedgerEntry', id);
    return row;
  }

  private assertVersion(row: LedgerEntry, expectedVersion: number) {
    if (row.version !== expectedVersion) {
      throw conflict(`LedgerEntry ${row.id} is at version ${row.version}, not ${expectedVersion}: someone else saved it first`, { currentVersion: row.version, expectedVersion });
    }
  }

  private assertEditable(row: LedgerEntry) {
    if (EDITABLE.has(row.state)) return;
    if (row.state === LedgerState.APPROVED) {
      throw stateError(row, `Ledger entry ${row.id} (${labelOf(row)}, ${row.period}) is approved and locked: only the evaluation office (ADMIN) can reopen it (reopenLedgerEntry, with a reason) before it is changed`);
    }
    throw stateError(row, `Ledger entry ${row.id} (${labelOf(row)}, ${row.period}) is submitted and waits for the evaluation office: it can be changed again once the office returns it`);
  }

  /**
   * An EDITOR acts only on their own department's entries and, to change or submit one, only while
   * the department still leads or supports the item. ADMIN and SYSTEM act on all.
   */
  private async assertOwnEntry(row: LedgerEntry, what: string, needsItem: boolean) {
    if (this.permissions.isAdmin) return;
    if (this.actor.departmentId == null || this.actor.departmentId !== row.department.id) {
      throw new AppError(ErrorCode.FORBIDDEN, `Ledger entry ${row.id} is not your department’s: an editor can ${what} only entries of their own department.`, { id: String(row.id) });
    }
    if (needsItem) {
      const department = await this.em.findOneOrFail(Department, row.department.id);
      await this.assertMayFile(department, await this.itemOf(row));
    }
  }

  /**
   * Who files for whom: an EDITOR only as their own department, and only for items it leads or
   * supports (a milestone through its special target). The office may file for any department that
   * answers for the item.
   */
  private async assertMayFile(department: Department, item: Item) {
    const held = await this.em.count(Responsibility, { [item.responsibilityKind]: item.responsibilityId, department: department.id });
    if (held) return;
    if (this.permissions.isAdmin) throw badInput('department', `${department.name} neither leads nor supports ${item.label}: file the entry for a department that answers for it`);
    throw new AppError(ErrorCode.FORBIDDEN, `${item.label} is not one of your department’s items: an editor files entries only for items their department leads or supports.`, {
      item: `${item.kind}:${item.id}`,
    });
  }

  /** The department an entry is filed as: an EDITOR's own (naming another is refused), the office's choice. */
  private async filingDepartment(name: string | null | undefined): Promise<Department> {
    const given = name?.trim() ? await this.departments.resolve(name, 'department') : null;
    if (this.permissions.isAdmin) {
      if (!given) throw badInput('department', 'give the department the entry is filed for (code, name or alias)');
      return given;
    }
    if (this.actor.role !== Role.EDITOR || this.actor.departmentId == null) {
      throw new AppError(ErrorCode.FORBIDDEN, `${this.actor.username ?? 'This account'} works for no department and cannot file ledger entries.`);
    }
    if (given && given.id !== this.actor.departmentId) {
      throw new AppError(ErrorCode.FORBIDDEN, `An editor files entries only as their own department, not as ${given.name}.`, { field: 'department' });
    }
    return given ?? (await this.em.findOneOrFail(Department, this.actor.departmentId));
  }

  /** Exactly one item, and it exists. Errors name the field. */
  private async resolveItem(input: LedgerEntryData): Promise<Item> {
    const named = (['indicator', 'specialTarget', 'milestone'] as const).filter((k) => given(input[ITEM_FIELDS[k]]));
    if (named.length !== 1) {
      const field = named.length ? ITEM_FIELDS[named[1]] : 'indicatorId';
      throw badInput(field, `give exactly one of indicatorId, specialTargetId and milestoneId${named.length ? `, not ${named.map((k) => ITEM_FIELDS[k]).join(' and ')}` : ''}`);
    }
    const kind = named[0];
    const field = ITEM_FIELDS[kind];
    const id = parseId(input[field] as string | number, field);
    if (kind === 'indicator') {
      const row = await this.em.findOne(Indicator, id);
      if (!row) throw badInput(field, `there is no indicator ${id}`);
      return { kind, id, responsibilityKind: 'indicator', responsibilityId: id, label: `indicator ${row.seq} ${row.name}` };
    }
    if (kind === 'specialTarget') {
      const row = await this.em.findOne(SpecialTarget, id);
      if (!row) throw badInput(field, `there is no special target ${id}`);
      return { kind, id, responsibilityKind: 'specialTarget', responsibilityId: id, label: `special target ${row.seq} ${row.title}` };
    }
    const row = await this.em.findOne(Milestone, id);
    if (!row) throw badInput(field, `there is no milestone ${id}`);
    return { kind, id, responsibilityKind: 'specialTarget', responsibilityId: row.specialTarget.id, label: `milestone ${row.text}` };
  }

  private async itemOf(row: LedgerEntry): Promise<Item> {
    const [kind, id] = row.itemKey.split(':') as [LedgerItemKind, string];
    return this.resolveItem({ [ITEM_FIELDS[kind]]: id, period: row.period });
  }

  /** The entry as the audit trail records a whole row (CREATE, DELETE). */
  private snapshot(row: LedgerEntry, departmentCode: string): Record<string, unknown> {
    return {
      indicatorId: row.indicator ? String(row.indicator.id) : null,
      specialTargetId: row.specialTarget ? String(row.specialTarget.id) : null,
      milestoneId: row.milestone ? String(row.milestone.id) : null,
      department: departmentCode,
      period: row.period,
      periodKind: row.periodKind,
      actualValue: row.actualValue ?? null,
      progressText: row.progressText ?? null,
      state: row.state,
      returnReason: row.returnReason ?? null,
    };
  }
}

/** An item id the input gives: present and not blank. */
const given = (v: unknown) => v != null && String(v).trim() !== '';

/** Blank text is no text; text is trimmed as every field is. */
function cleanText(text: string | null | undefined): string | null {
  const t = text?.trim();
  return t ? t : null;
}
