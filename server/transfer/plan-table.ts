import { AppError, BulkRefusal, ErrorCode } from '../errors';
import type { PlanItemService, ItemData, NewItem } from '../common/plan-item.service';
import type { PlanItem } from '../../schema/common/plan-item.entity';
import { normaliseName } from '../../schema/departments/department.entity';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { TransferTable, ImportAction } from '../../schema/transfer/transfer.enums';
import { parseTarget } from '../indicators/target';
import { idsBySeq } from '../db/rows';
import { DepartmentDirectory, resolveResponsibilities } from './departments';
import { itemChanges, itemPatch, milestonesWanted, respInput, show, wantedResponsibilities, type Current, type FieldChange } from './diff';
import type { MilestoneData } from '../../schema/milestones/milestone.inputs';
import { MilestoneFields } from '../../schema/milestones/milestone.inputs';
import type { MilestoneSet } from '../milestones/milestone.service';
import { checkInput } from './validate';
import { MILESTONES_COLUMN } from './tables';
import type { ImportRun } from './importer';
import { errorReason, fileProblem } from './problems';
import type { Row } from './rows';
import { StoredRows } from './stored';
import { TableImporter } from './table';
import type { PlanTableSpec } from './tables';

/** Rows written through the services between two clears of the identity map (a flush scans all it holds). */
const SERVICE_BATCH = 50;

/** Indicators, special targets, rectifications, innovation topics and standards: keyed by plan + seq. */
export class PlanTableImporter extends TableImporter<PlanTableSpec> {
  private plan: { id: number; code: string } | null = null;
  /** seq → id of the rows the plan had when the import started. */
  private existing = new Map<number, number>();
  private readonly departments: DepartmentDirectory;
  /** specialTargets: indicator seq → id in this plan. */
  private indicatorIds: Map<number, number> | null = null;
  private useBulk = false;
  private pending: Promise<void> = Promise.resolve();
  private fatal: unknown = null;
  /** The file's columns that are fields of the input class. */
  private get inputFields(): string[] {
    return (this._inputFields ??= [...this.map.byField.keys()].filter((f) => !['planCode', 'indicators', 'responsibilities', 'responsibilityNotes', 'milestones'].includes(f)));
  }
  private _inputFields: string[] | undefined;

  private readonly stored: StoredRows;
  /** specialTargets: the milestones a row's file sets and that differ from the stored ones (in seq order). */
  private readonly milestones = new Map<Row, Required<MilestoneData>[]>();

  constructor(run: ImportRun, spec: PlanTableSpec) {
    super(run, spec);
    this.departments = new DepartmentDirectory(run);
    this.stored = new StoredRows(run.em, spec);
  }

  private get service(): PlanItemService<PlanItem> {
    return this.run.services[this.spec.name] as unknown as PlanItemService<PlanItem>;
  }

  protected readKey(row: Row) {
    const seq = row.values.seq;
    row.key = typeof seq === 'number' && Number.isInteger(seq) ? seq : null;
  }

  /** The plan: --plan / planCode given, else the first row's 规划 cell, else the newest plan. */
  private async resolvePlan(first: Row) {
    const fromFile = typeof first.values.planCode === 'string' && first.values.planCode.trim() ? first.values.planCode.trim() : null;
    const code = this.run.options.planCode ?? fromFile;
    try {
      const plan = await this.run.services.plans.resolve(code, this.run.options.planCode ? 'planCode' : 'file.planCode');
      this.plan = { id: plan.id, code: plan.code };
      this.run.planCode = plan.code;
    } catch (error) {
      if (error instanceof AppError) throw fileProblem(errorReason(error));
      throw error;
    }
    this.existing = await idsBySeq(this.run.em, this.spec.typeName, this.plan.id);
    await this.departments.load();
  }

  protected async handleChunk(chunk: Row[]) {
    if (!this.plan) await this.resolvePlan(chunk[0]);
    if (!this.useBulk && this.rowCount > this.run.options.bulkAbove) {
      this.useBulk = true;
      await this.run.bigTransaction();
    }
    await this.departments.resolve(chunk.flatMap((r) => [...(r.resps ?? []).map((x) => x.department), ...(r.notes ?? []).map((x) => x.department)]));
    if (this.spec.name === TransferTable.SPECIAL_TARGETS) await this.loadIndicatorIds(chunk);
    for (const row of chunk) this.check(row);

    const existing = chunk.filter((r) => r.ok && this.existing.has(r.key as number));
    const current = await this.current(existing.map((r) => this.existing.get(r.key as number)!));
    const creates: Row[] = [];
    const updates: { row: Row; id: number; version: number; patch: ItemData }[] = [];
    for (const row of chunk) {
      if (!row.ok) continue;
      const id = this.existing.get(row.key as number);
      if (id == null) {
        this.finishTarget(row, null);
        this.checkMilestones(row, null);
        if (!row.ok) continue;
        row.action = ImportAction.CREATE;
        row.changes = () => this.changes(row, null);
        creates.push(row);
        continue;
      }
      const cur = current.get(id)!;
      this.finishTarget(row, cur);
      this.checkMilestones(row, cur);
      if (!row.ok) continue;
      const patch = itemPatch(row, cur);
      row.changes = () => this.changes(row, cur, patch);
      row.action = Object.keys(patch).length || this.milestones.has(row) ? ImportAction.UPDATE : ImportAction.UNCHANGED;
      if (Object.keys(patch).length) updates.push({ row, id, version: cur.version, patch });
    }
    if (!this.run.failed && updates.length) {
      await this.settle();
      await this.update(updates);
    }
    // Milestones of stored special targets (new ones get theirs when they are created).
    const changedSets = chunk.filter((r) => r.ok && this.milestones.has(r) && this.existing.has(r.key as number));
    if (!this.run.failed && changedSets.length) {
      await this.settle();
      for (const r of changedSets) r.action = ImportAction.UPDATE;
      await this.writeMilestones(changedSets, changedSets.map((r) => this.existing.get(r.key as number)!));
    }
    if (!this.run.failed && creates.length) {
      // Double-buffered: this chunk's rows are written while the next chunk is read and checked;
      // the database works in its own thread. At most one chunk's writes are in flight.
      await this.settle();
      if (this.useBulk && !this.run.failed) this.run.track((this.pending = this.createBulk(creates).catch((error) => void (this.fatal = error))));
      else if (!this.run.failed) await this.createEach(creates);
    }
    for (const row of chunk) if (row.ok && row.action) this.count(row.action);
  }

  /** Waits for the writes in flight; an unexpected error there ends the import. */
  protected async settle() {
    await this.pending;
    if (this.fatal) throw this.fatal;
  }

  /** The row's own checks: plan, key, duplicates, departments, the input class's rules. */
  private check(row: Row) {
    const v = row.values;
    if (typeof v.planCode === 'string' && v.planCode.trim() && v.planCode.trim() !== this.plan!.code) {
      this.problem(row, 'planCode', `the row belongs to plan ${v.planCode.trim()}, but this import loads plan ${this.plan!.code}: load one plan per file`);
    }
    this.checkDuplicate(row, 'seq');
    if (row.resps) {
      const notes = this.has('responsibilityNotes') ? (row.notes ?? []) : null;
      row.responsibilities = resolveResponsibilities(this.departments, row.resps, notes, (field, reason, suggestions) => this.problem(row, field, reason, { suggestions }), (f) => this.header(f));
    }
    if (this.spec.name === TransferTable.SPECIAL_TARGETS && Array.isArray(v.indicators)) {
      const ids: number[] = [];
      for (const seq of v.indicators as number[]) {
        const id = this.indicatorIds!.get(seq);
        if (id == null) this.problem(row, 'indicators', `no indicator with seq ${seq} in plan ${this.plan!.code}`);
        else ids.push(id);
      }
      row.indicatorIds = ids;
    }
    const data: Record<string, unknown> = {};
    for (const field of this.inputFields) if (v[field] !== undefined) data[field] = v[field];
    if (row.resps) {
      // The notes column's notes are checked with their departments (a note is at most 2000 characters).
      const notes = this.has('responsibilityNotes') ? new Map((row.notes ?? []).map((n) => [normaliseName(n.department), n.note])) : null;
      data.responsibilities = row.resps.map((r) => {
        const note = notes ? notes.get(normaliseName(r.department)) : r.note;
        return note != null ? { department: r.department, role: r.role, note } : { department: r.department, role: r.role };
      });
    }
    this.validate(row, data);
  }

  /**
   * specialTargets: each milestone the file gives against MilestoneFields' rules (seq, text, name,
   * value, unit, year, cumulative), its seq once, and its text in the row's content (the file's, else
   * the stored one); the set is remembered when it differs from the stored one.
   */
  private checkMilestones(row: Row, cur: Current | null) {
    if (row.milestones === undefined || !row.ok) return;
    const seen = new Map<unknown, number>();
    const content = typeof row.values.content === 'string' ? row.values.content.trim() : cur ? String(cur.values.content ?? '') : '';
    for (const [i, m] of row.milestones.entries()) {
      const at = `milestones[${i}]`;
      const problems = checkInput(MilestoneFields, m);
      // One problem per field: the first rule it breaks (a bad number breaks three with the same words).
      const reported = new Set<string>();
      for (const p of problems) if (!reported.has(p.field)) reported.add(p.field), this.problem(row, `${at}.${p.field}`, `${at}.${p.field}: ${p.message}`);
      if (problems.length) continue;
      if (seen.has(m.seq)) this.problem(row, `${at}.seq`, `${at}.seq: seq ${m.seq} is already milestone ${seen.get(m.seq)! + 1} of this special target`);
      seen.set(m.seq, i);
      const text = String(m.text).trim();
      if (!content.includes(text)) this.problem(row, `${at}.text`, `${at}.text: "${text}" does not occur in the special target’s content; copy the aim exactly as the content words it`);
    }
    if (!row.ok) return;
    const wanted = milestonesWanted(row.milestones, cur);
    if (wanted) this.milestones.set(row, wanted);
  }

  /** The changed milestone sets of these rows (special target ids in the same order) through the milestone service: set-wise, its permission check and audit entries. */
  private async writeMilestones(rows: Row[], ids: number[], created = false) {
    const sets: MilestoneSet[] = rows.map((r, i) => ({ specialTargetId: ids[i], milestones: this.milestones.get(r)! }));
    try {
      await this.run.services.milestones.replaceMany(sets, { created });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.run.em.clear();
      const k = typeof error.details.set === 'number' ? error.details.set : 0;
      this.serviceProblem(rows[k] ?? rows[0], error);
    } finally {
      for (const r of rows) this.milestones.delete(r);
    }
  }

  private async loadIndicatorIds(chunk: Row[]) {
    this.indicatorIds ??= new Map();
    const wanted = [...new Set(chunk.flatMap((r) => (Array.isArray(r.values.indicators) ? (r.values.indicators as number[]) : [])))].filter((s) => !this.indicatorIds!.has(s));
    for (const [seq, id] of await idsBySeq(this.run.em, Indicator.name, this.plan!.id, wanted)) this.indicatorIds.set(seq, id);
  }

  /** The stored rows of this chunk, with their responsibilities (in stored order, departments named) and links. */
  private async current(ids: number[]): Promise<Map<number, Current>> {
    const out = new Map<number, Current>();
    for (const [id, row] of await this.stored.byIds(ids)) {
      out.set(id, {
        id,
        version: row.version,
        values: row.values,
        responsibilities: row.responsibilities.map((r) => {
          const d = this.departments.name(r.departmentId);
          return { departmentId: d.id, department: d.name, code: d.code, role: r.role, note: r.note, noteEn: r.noteEn };
        }),
        indicatorIds: row.indicatorIds,
        milestones: row.milestones,
      });
    }
    return out;
  }

  /**
   * Indicators: a target kind the file does not give is read from the target text, as the API does,
   * for new rows and changed texts.
   */
  private finishTarget(row: Row, cur: { values: Record<string, unknown> } | null) {
    if (this.spec.name !== TransferTable.INDICATORS) return;
    const v = row.values;
    if (v.targetKind != null) {
      if (!this.has('targetValue') && !cur) v.targetValue = null;
      return;
    }
    delete v.targetKind;
    if (cur && v.targetText === cur.values.targetText) return;
    const parsed = parseTarget(String(v.targetText ?? ''));
    if (!parsed) return this.problem(row, 'targetText', `cannot read the target "${v.targetText}"; give ${this.header('targetKind')} and ${this.header('targetValue')} with it`);
    v.targetKind = parsed.kind;
    v.targetValue = parsed.value;
  }

  /** What the preview shows as changed (see itemChanges). */
  private changes(row: Row, cur: Current | null, patch?: ItemData): FieldChange[] {
    const seqOf = (ids: number[]) => ids.map((id) => [...this.indicatorIds!.entries()].find(([, v]) => v === id)?.[0] ?? id).sort((a, b) => a - b);
    const out = itemChanges(this.spec.columns, row, cur, patch, { seqOf, notesColumn: this.has('responsibilityNotes') });
    const wanted = row.milestones === undefined ? null : milestonesWanted(row.milestones, cur);
    if (wanted && (cur || wanted.length)) out.push({ field: 'milestones', before: cur ? show(MILESTONES_COLUMN, cur.milestones ?? []) || null : null, after: show(MILESTONES_COLUMN, wanted) || null });
    return out;
  }

  /** Changed rows through the service's updateMany (its permission checks and audit entries), a batch between clears of the identity map. */
  private async update(updates: { row: Row; id: number; version: number; patch: ItemData }[]) {
    // A flush looks at every entity the EntityManager holds: small batches keep that short.
    for (let start = 0; start < updates.length && !this.run.failed; start += SERVICE_BATCH) {
      const batch = updates.slice(start, start + SERVICE_BATCH);
      try {
        const changed = await this.service.updateMany(batch);
        batch.forEach((u, i) => changed[i] || (u.row.action = ImportAction.UNCHANGED));
      } catch (error) {
        this.run.em.clear();
        if (!(error instanceof BulkRefusal)) throw error;
        const u = batch[error.index];
        const stale = error.error.code === ErrorCode.NOT_FOUND || (error.error.code === ErrorCode.CONFLICT && error.error.details.currentVersion != null);
        if (stale) this.problem(u.row, null, `${this.spec.typeName} ${u.id} changed while the file was being read; load the file again`, { code: ErrorCode.CONFLICT, value: null });
        else this.serviceProblem(u.row, error.error);
        return;
      }
      this.run.refresh();
    }
  }

  /** What services.create gets for a new row. */
  private createData(row: Row): ItemData {
    const data: ItemData = { planCode: this.plan!.code };
    for (const [field, value] of Object.entries(row.values)) {
      if (field === 'planCode' || field === 'indicators' || value === undefined) continue;
      data[field] = typeof value === 'string' ? value.trim() : value;
    }
    if (row.responsibilities) data.responsibilities = wantedResponsibilities(row.responsibilities, null).map(respInput);
    if (row.indicatorIds) data.indicatorIds = [...new Set(row.indicatorIds)].map(String);
    return data;
  }

  private async createEach(rows: Row[]) {
    const withMilestones: Row[] = [];
    const ids: number[] = [];
    for (const [i, row] of rows.entries()) {
      try {
        const created = await this.service.create(this.createData(row));
        if (this.milestones.has(row)) withMilestones.push(row), ids.push(created.id);
      } catch (error) {
        this.run.em.clear();
        this.serviceProblem(row, error);
        return;
      }
      if (i % SERVICE_BATCH === SERVICE_BATCH - 1) this.run.refresh();
    }
    if (withMilestones.length) await this.writeMilestones(withMilestones, ids, true);
  }

  /** New rows set-wise through the service's createMany (its permission check and audit entries). */
  private async createBulk(rows: Row[]) {
    const items: NewItem[] = rows.map((row) => {
      const values: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(row.values)) if (field !== 'planCode' && field !== 'indicators' && field !== 'seq') values[field] = value;
      return {
        seq: row.key as number,
        values,
        responsibilities: row.responsibilities?.map((w) => ({ departmentId: w.departmentId, code: w.code, role: w.role, note: w.note ?? null, noteEn: w.noteEn })),
        indicatorIds: row.indicatorIds,
      };
    });
    try {
      const ids = await this.service.createMany(this.plan!, items);
      const at = rows.flatMap((r, i) => (this.milestones.has(r) ? [i] : []));
      if (at.length) await this.writeMilestones(at.map((i) => rows[i]), at.map((i) => ids[i]), true);
    } catch (error) {
      this.run.em.clear();
      if (error instanceof AppError) return this.serviceProblem(rows[0], error);
      this.run.report({ table: this.spec.name, row: null, column: null, value: null, reason: `the database refused rows ${rows[0].rowNo}–${rows[rows.length - 1].rowNo}: ${(error as Error).message}`, code: ErrorCode.CONFLICT });
    }
  }

  protected async deleteMissing() {
    if (!this.plan) return;
    const gone = [...this.existing.entries()].filter(([seq]) => !this.seen.has(seq)).sort((a, b) => a[0] - b[0]);
    await this.deleteRows(gone, (ids) => this.service.deleteMany(ids));
  }
}
