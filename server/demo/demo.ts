import type { Em } from '../orm';
import type { Actor } from '../common/actor';
import type { AuditService, FieldChange } from '../audit/audit.service';
import type { YearTargetService } from '../year-targets/year-target.service';
import { AppError, ErrorCode } from '../errors';
import { inTransaction } from '../common/transaction';
import { queryRows } from '../db/sql';
import { BulkInserter } from '../db/bulk';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { Milestone } from '../../schema/milestones/milestone.entity';
import { Responsibility } from '../../schema/responsibilities/responsibility.entity';
import { ResponsibilityRole } from '../../schema/responsibilities/responsibility.enums';
import { LedgerEntry } from '../../schema/ledger/ledger-entry.entity';
import { LedgerState } from '../../schema/ledger/ledger.enums';
import { YearTarget } from '../../schema/year-targets/year-target.entity';
import { DemoMark } from '../../schema/demo/demo-mark.entity';
import { AuditEntry } from '../../schema/audit/audit-entry.entity';
import { AuditAction } from '../../schema/audit/audit.enums';
import { demoBaseValue, demoEntries, type DemoEntry, type DemoIndicator, type DemoMilestone, type YearTargets } from './demo.plan';

export { DEMO_LABEL } from './demo.plan';

export interface DemoReport {
  /** Base values given (or changed back to the demo's) and cleared. */
  baseValues: { set: number; cleared: number };
  entries: { created: number; updated: number; deleted: number; unchanged: number; skippedForRealEntries: number };
  /** The demo entries there are afterwards, by state. */
  states: Record<LedgerState, number>;
  batchId: string | null;
}

/** The fields of an entry the demo decides, compared on a second run and recorded in the audit trail. */
const FIELDS = ['periodKind', 'year', 'actualValue', 'progressText', 'state', 'returnReason', 'submittedAt', 'decidedAt'] as const;
type Field = (typeof FIELDS)[number];

const keyOf = (e: { itemKey: string; departmentId: number; period: string }) => `${e.itemKey}|${e.departmentId}|${e.period}`;
const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : v ?? null);
const same = (a: unknown, b: unknown) => plain(a) === plain(b);
const snapshot = (e: Pick<DemoEntry, 'itemKey' | 'departmentId' | 'period' | Field>) => ({
  itemKey: e.itemKey,
  department: e.departmentId,
  period: e.period,
  ...Object.fromEntries(FIELDS.map((f) => [f, plain(e[f])])),
});

/** Rows per statement for set-wise writes and `in (…)` lists. */
const CHUNK = 400;
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * The demo data set (`npm run seed -- --demo`; issue 14): invented but plausible base values and
 * ledger entries, so that the monitoring board has something to show on a hub that has just been
 * seeded. Never loaded by default: only the seed CLI's --demo calls load(). Everything it writes is
 * marked (DemoMark), so hubInfo.demoData can say so, a second load changes nothing (or brings the
 * demo rows back to what the generator gives), and remove() takes out exactly those rows. Entries
 * the departments filed themselves are never touched: the demo skips their item and period.
 * Both run in one transaction and are audited as one batch (the actor's batchId).
 */
export class DemoService {
  constructor(
    private readonly em: Em,
    private readonly actor: Actor,
    private readonly audit: AuditService,
    private readonly yearTargets: YearTargetService,
  ) {}

  /** Whether any demo data is loaded: one statement on the small marks table. */
  async present(): Promise<boolean> {
    const rows = await queryRows(this.em, 'select 1 as x from demo_mark limit 1');
    return rows.length > 0;
  }

  private assertSystem(what: string) {
    if (this.actor.role !== 'SYSTEM') throw new AppError(ErrorCode.FORBIDDEN, `only the operator (npm run seed -- --demo) may ${what}`);
  }

  async load(): Promise<DemoReport> {
    this.assertSystem('load the demo data');
    return inTransaction(this.em, async () => {
      const report = emptyReport(this.actor.batchId ?? null);
      const indicators = await this.indicators();
      report.baseValues = await this.fillBaseValues(indicators);
      const targets = await this.storedYearTargets(indicators.map((i) => i.id));
      const desired = demoEntries(indicators, await this.milestones(), targets);
      report.entries = await this.writeEntries(desired);
      report.states = await this.stateCounts();
      return report;
    });
  }

  async remove(): Promise<DemoReport> {
    this.assertSystem('remove the demo data');
    return inTransaction(this.em, async () => {
      const report = emptyReport(this.actor.batchId ?? null);
      const marked = await this.markedEntries();
      await this.deleteEntries([...marked.values()]);
      report.entries.deleted = marked.size;
      const baseMarks = await this.em.find(DemoMark, { indicator: { $ne: null } }, { populate: ['indicator'] });
      const cleared: number[] = [];
      for (const mark of baseMarks) {
        const ind = mark.indicator!;
        // Only while it is still the demo's: a base the office entered since stays.
        if (ind.baseValue != null && ind.baseValue === mark.baseValue) {
          this.audit.updated('Indicator', ind.id, [{ field: 'baseValue', before: ind.baseValue, after: null }]);
          ind.baseValue = null;
          cleared.push(ind.id);
        }
        this.em.remove(mark);
      }
      await this.em.flush();
      if (cleared.length) await this.yearTargets.sync(cleared);
      report.baseValues.cleared = cleared.length;
      report.states = await this.stateCounts();
      return report;
    });
  }

  /** Every indicator with its year-target inputs and its (first) lead department. */
  private async indicators(): Promise<DemoIndicator[]> {
    const rows = await this.em.find(Indicator, {}, { populate: ['plan'], orderBy: { plan: { id: 'asc' }, seq: 'asc' } });
    const leads = await this.em.find(Responsibility, { role: ResponsibilityRole.LEAD, indicator: { $ne: null } }, { orderBy: { id: 'asc' } });
    const lead = new Map<number, number>();
    for (const r of leads) if (!lead.has(r.indicator!.id)) lead.set(r.indicator!.id, r.department.id);
    return rows.map((i) => ({
      id: i.id,
      planCode: i.plan.code,
      seq: i.seq,
      name: i.name,
      unit: i.unit,
      targetKind: i.targetKind,
      targetValue: i.targetValue ?? null,
      annualGrowthPct: i.annualGrowthPct ?? null,
      cumulative: i.cumulative,
      baseValue: i.baseValue ?? null,
      baseYear: i.baseYear,
      targetMethod: i.targetMethod ?? null,
      leadDepartmentId: lead.get(i.id) ?? null,
    }));
  }

  /** Every milestone, with its special target's (first) lead department; none is fine. */
  private async milestones(): Promise<DemoMilestone[]> {
    const rows = await this.em.find(Milestone, {}, { populate: ['specialTarget', 'specialTarget.plan'], orderBy: { specialTarget: { id: 'asc' }, seq: 'asc' } });
    if (!rows.length) return [];
    const leads = await this.em.find(Responsibility, { role: ResponsibilityRole.LEAD, specialTarget: { $ne: null } }, { orderBy: { id: 'asc' } });
    const lead = new Map<number, number>();
    for (const r of leads) if (!lead.has(r.specialTarget!.id)) lead.set(r.specialTarget!.id, r.department.id);
    return rows.map((m) => ({
      id: m.id,
      planCode: m.specialTarget.plan.code,
      specialTargetSeq: m.specialTarget.seq,
      seq: m.seq,
      name: m.name,
      value: m.value,
      unit: m.unit,
      year: m.year,
      cumulative: m.cumulative,
      leadDepartmentId: lead.get(m.specialTarget.id) ?? null,
    }));
  }

  /**
   * Gives each indicator without a base one (marked, audited, its year targets recomputed); an
   * indicator whose demo base the office has since changed keeps the office's, unmarked. Updates
   * `indicators` in place.
   */
  private async fillBaseValues(indicators: DemoIndicator[]): Promise<DemoReport['baseValues']> {
    const marks = new Map((await this.em.find(DemoMark, { indicator: { $ne: null } })).map((m) => [m.indicator!.id, m]));
    const wanted = new Map<number, number>();
    for (const i of indicators) {
      const mark = marks.get(i.id);
      if (mark && i.baseValue != null && i.baseValue !== mark.baseValue) {
        this.em.remove(mark); // the office's value now
        continue;
      }
      if (i.baseValue != null && !mark) continue; // a real base
      const v = demoBaseValue({ ...i, baseValue: null });
      if (v != null && v !== i.baseValue) wanted.set(i.id, v);
    }
    if (wanted.size) {
      const rows = await this.em.find(Indicator, { id: { $in: [...wanted.keys()] } });
      for (const row of rows) {
        const v = wanted.get(row.id)!;
        const change: FieldChange = { field: 'baseValue', before: row.baseValue ?? null, after: v };
        row.baseValue = v;
        this.audit.updated('Indicator', row.id, [change]);
        const mark = marks.get(row.id);
        if (mark) mark.baseValue = v;
        else this.em.persist(this.em.create(DemoMark, { indicator: row, baseValue: v, createdAt: new Date() }));
      }
    }
    await this.em.flush();
    if (wanted.size) await this.yearTargets.sync([...wanted.keys()]);
    for (const i of indicators) if (wanted.has(i.id)) i.baseValue = wanted.get(i.id)!;
    return { set: wanted.size, cleared: 0 };
  }

  private async storedYearTargets(ids: number[]): Promise<YearTargets> {
    const out: YearTargets = new Map();
    for (const part of chunks(ids)) {
      for (const t of await this.em.find(YearTarget, { indicator: { $in: part } })) {
        if (!out.has(t.indicator.id)) out.set(t.indicator.id, new Map());
        out.get(t.indicator.id)!.set(t.year, t.targetValue ?? null);
      }
    }
    return out;
  }

  /** The demo's entries now, by item, department and period. */
  private async markedEntries(): Promise<Map<string, LedgerEntry>> {
    const marks = await this.em.find(DemoMark, { ledgerEntry: { $ne: null } }, { populate: ['ledgerEntry'], orderBy: { id: 'asc' } });
    return new Map(marks.map((m) => [keyOf({ ...m.ledgerEntry!, departmentId: m.ledgerEntry!.department.id }), m.ledgerEntry!]));
  }

  /** Brings the demo's entries to `desired`: inserts set-wise, updates what differs, deletes what is no longer wanted. */
  private async writeEntries(desired: DemoEntry[]): Promise<DemoReport['entries']> {
    const counts = { created: 0, updated: 0, deleted: 0, unchanged: 0, skippedForRealEntries: 0 };
    const mine = await this.markedEntries();
    const taken = await this.realEntryKeys(desired);
    const inserts: DemoEntry[] = [];
    const wanted = new Set<string>();
    for (const d of desired) {
      const key = keyOf(d);
      if (taken.has(key)) {
        counts.skippedForRealEntries++;
        continue;
      }
      wanted.add(key);
      const row = mine.get(key);
      if (!row) {
        inserts.push(d);
        continue;
      }
      const changes: FieldChange[] = FIELDS.filter((f) => !same(row[f], d[f])).map((f) => ({ field: f, before: plain(row[f]), after: plain(d[f]) }));
      if (!changes.length) {
        counts.unchanged++;
        continue;
      }
      for (const f of FIELDS) (row as unknown as Record<string, unknown>)[f] = d[f];
      row.submittedBy = null;
      row.decidedBy = null;
      this.audit.updated('LedgerEntry', row.id, changes);
      counts.updated++;
    }
    await this.em.flush();
    const stale = [...mine].filter(([k]) => !wanted.has(k)).map(([, e]) => e);
    await this.deleteEntries(stale);
    counts.deleted = stale.length;
    counts.created = await this.insertEntries(inserts);
    return counts;
  }

  /** Keys of entries not made by the demo, among the items the demo would fill. */
  private async realEntryKeys(desired: DemoEntry[]): Promise<Set<string>> {
    const itemKeys = [...new Set(desired.map((d) => d.itemKey))];
    const out = new Set<string>();
    for (const part of chunks(itemKeys)) {
      const rows = await queryRows<{ item_key: string; department_id: number; period: string }>(
        this.em,
        `select e.item_key, e.department_id, e.period from ledger_entry e left join demo_mark m on m.ledger_entry_id = e.id where m.id is null and e.item_key in (${part.map(() => '?').join(', ')})`,
        part,
      );
      for (const r of rows) out.add(keyOf({ itemKey: r.item_key, departmentId: Number(r.department_id), period: r.period }));
    }
    return out;
  }

  private async insertEntries(rows: DemoEntry[]): Promise<number> {
    if (!rows.length) return 0;
    const bulk = new BulkInserter(this.em);
    const created: { id: number; after: unknown }[] = [];
    for (const part of chunks(rows)) {
      await bulk.insert(
        LedgerEntry.name,
        part.map((d) => ({
          department: d.departmentId,
          indicator: d.indicatorId,
          specialTarget: null,
          milestone: d.milestoneId,
          itemKey: d.itemKey,
          period: d.period,
          periodKind: d.periodKind,
          year: d.year,
          actualValue: d.actualValue,
          progressText: d.progressText,
          state: d.state,
          returnReason: d.returnReason,
          submittedBy: null,
          submittedAt: d.submittedAt,
          decidedBy: null,
          decidedAt: d.decidedAt,
          version: 1,
          createdAt: d.createdAt,
          updatedAt: d.updatedAt,
        })),
      );
      // The new ids, by the entries' natural key (one statement; both engines alike).
      const keys = [...new Set(part.map((d) => d.itemKey))];
      const ids = await queryRows<{ id: number; item_key: string; department_id: number; period: string }>(
        this.em,
        `select id, item_key, department_id, period from ledger_entry where item_key in (${keys.map(() => '?').join(', ')})`,
        keys,
      );
      const idOf = new Map(ids.map((r) => [keyOf({ itemKey: r.item_key, departmentId: Number(r.department_id), period: r.period }), Number(r.id)]));
      const marks: Record<string, unknown>[] = [];
      for (const d of part) {
        const id = idOf.get(keyOf(d))!;
        created.push({ id, after: snapshot(d) });
        marks.push({ ledgerEntry: id, indicator: null, baseValue: null, createdAt: new Date() });
      }
      await bulk.insert(DemoMark.name, marks);
    }
    await this.audit.createdMany('LedgerEntry', created);
    return created.length;
  }

  /** Deletes these entries (their marks and evidence go with them), with one DELETE audit entry each, set-wise. */
  private async deleteEntries(rows: LedgerEntry[]): Promise<void> {
    if (!rows.length) return;
    for (const part of chunks(rows)) await this.em.nativeDelete(LedgerEntry, { id: { $in: part.map((r) => r.id) } });
    const at = new Date();
    const a = this.actor;
    const entries = rows.map((r) => ({
      at, userId: a.userId, username: a.username, action: AuditAction.DELETE, entity: 'LedgerEntry', entityId: String(r.id), field: null,
      before: JSON.stringify(snapshot({ ...r, departmentId: r.department.id } as never)), after: null, source: a.source, batchId: a.batchId ?? null,
    }));
    const bulk = new BulkInserter(this.em);
    for (const part of chunks(entries)) await bulk.insert(AuditEntry.name, part);
    for (const r of rows) this.em.getUnitOfWork().unsetIdentity(r);
  }

  private async stateCounts(): Promise<Record<LedgerState, number>> {
    const rows = await queryRows<{ state: LedgerState; n: number | string }>(
      this.em,
      'select e.state, count(*) as n from demo_mark m join ledger_entry e on e.id = m.ledger_entry_id group by e.state',
    );
    const out = { DRAFT: 0, SUBMITTED: 0, APPROVED: 0, RETURNED: 0 } as Record<LedgerState, number>;
    for (const r of rows) out[r.state] = Number(r.n);
    return out;
  }
}

function emptyReport(batchId: string | null): DemoReport {
  return {
    baseValues: { set: 0, cleared: 0 },
    entries: { created: 0, updated: 0, deleted: 0, unchanged: 0, skippedForRealEntries: 0 },
    states: { DRAFT: 0, SUBMITTED: 0, APPROVED: 0, RETURNED: 0 } as Record<LedgerState, number>,
    batchId,
  };
}
