import { raw } from '@mikro-orm/core';
import type { Em } from '../orm';
import type { Permissions } from '../accounts/permissions';
import type { AuditService, FieldChange } from '../audit/audit.service';
import type { DepartmentService } from '../departments/department.service';
import { Role } from '../../schema/accounts/account.enums';
import { Department } from '../../schema/departments/department.entity';
import { Evaluation } from '../../schema/evaluations/evaluation.entity';
import { EvaluationKind, EvaluationStatus } from '../../schema/evaluations/evaluation.enums';
import { EVALUATION_TEXT_MAX, EVALUATION_YEARS, type EvaluationFilter } from '../../schema/evaluations/evaluation.inputs';
import { PAGE } from '../../schema/common/sort';
import { AppError, ErrorCode, badInput, conflict, notFound } from '../errors';
import { parseId } from '../common/ids';
import { inTransaction } from '../common/transaction';

/** What saveEvaluation takes (the GraphQL input, a CLI call). */
export interface EvaluationData {
  id?: string | number | null;
  department: string;
  kind: EvaluationKind;
  year?: number | null;
  quarter?: number | null;
  title?: string | null;
  date?: string | null;
  findings: string;
  measures: string;
}

export interface EvaluationList {
  items: Evaluation[];
  totalCount: number;
}

const STATUS_ORDER: Record<EvaluationStatus, number> = { [EvaluationStatus.OPEN]: 0, [EvaluationStatus.RESPONDED]: 1, [EvaluationStatus.CLOSED]: 2 };

/** Blank text is no text. */
const clean = (text: string | null | undefined) => {
  const t = text?.trim();
  return t ? t : null;
};

const labelOf = (row: Evaluation) => (row.kind === EvaluationKind.QUARTERLY ? `the ${row.quarterKey} evaluation` : `the inspection "${row.title}" of ${row.inspectionDate}`);

/** The end of a moment an asOf names: a month (2019-06 → its last instant), a date, or a Date. */
function endOf(asOf: string | Date | null | undefined): Date | null {
  if (asOf == null) return null;
  if (asOf instanceof Date) return asOf;
  const month = /^(\d{4})-(\d{2})$/.exec(asOf.trim());
  if (month) return new Date(Date.UTC(Number(month[1]), Number(month[2]), 1) - 1);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf.trim());
  if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1) - 1);
  throw badInput('asOf', `"${asOf}" is not a month (2019-06) or a date (2019-06-30)`);
}

/** When what an evaluation is about ended: its quarter's last instant, or its inspection's day's. */
function periodEnd(e: Pick<Evaluation, 'kind' | 'year' | 'quarter' | 'inspectionDate'>): Date {
  if (e.kind === EvaluationKind.QUARTERLY && e.quarter) return new Date(Date.UTC(e.year, e.quarter * 3, 1) - 1);
  return endOf(e.inspectionDate ?? `${e.year}-12-31`)!;
}

/** A calendar date YYYY-MM-DD that exists. */
function parseDate(text: string | null | undefined): string | null {
  const t = text?.trim();
  const m = t ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(t) : null;
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? t! : null;
}

/**
 * Quarterly evaluations (季度评估) and special inspections (重点督查): the office (ADMIN) writes the
 * findings and the improvement measures it asks for; the department's editors respond (OPEN →
 * RESPONDED, and may revise the response until it is closed); the office closes it (→ CLOSED) or
 * reopens it with a reason (→ OPEN). Each step is one transaction with its audit entries and checks
 * the version the caller read; a refusal changes nothing. Reading needs a sign-in (the findings are
 * the office's working papers until a bulletin reports them).
 */
export class EvaluationService {
  constructor(
    private readonly em: Em,
    private readonly permissions: Permissions,
    private readonly audit: AuditService,
    private readonly departments: DepartmentService,
  ) {}

  private get actor() {
    return this.permissions.actor;
  }

  // ---- reads ---------------------------------------------------------------------------------------

  /** Matching evaluations, the open ones first (OPEN, RESPONDED, CLOSED), then newest first. */
  async list(filter: EvaluationFilter = {}, limit?: number | null, offset?: number | null): Promise<EvaluationList> {
    this.permissions.assertSignedIn('read evaluations');
    const take = limit ?? PAGE.defaultLimit;
    const skip = offset ?? 0;
    if (!Number.isInteger(take) || take < 1 || take > PAGE.maxLimit) throw badInput('limit', `limit must be between 1 and ${PAGE.maxLimit}, got ${take}`);
    if (!Number.isInteger(skip) || skip < 0) throw badInput('offset', `offset must be 0 or more, got ${skip}`);
    const where: Record<string, unknown> = {};
    if (filter.department != null) where.department = (await this.departments.resolve(filter.department, 'filter.department')).id;
    if (filter.year != null) where.year = filter.year;
    if (filter.quarter != null) where.quarter = filter.quarter;
    if (filter.kind) where.kind = filter.kind;
    if (filter.status) where.status = filter.status;
    const qb = this.em.createQueryBuilder(Evaluation, 'e').where(where);
    const totalCount = await qb.clone().getCount();
    // Open first: a CASE over the status keeps it one portable ORDER BY.
    const cases = Object.entries(STATUS_ORDER).map(([s, n]) => `when '${s}' then ${n}`).join(' ');
    const items = totalCount > skip
      ? await qb.orderBy([{ [raw(`(case e.status ${cases} end)`)]: 'asc' }, { year: 'desc', quarter: 'DESC NULLS LAST', inspectionDate: 'DESC NULLS LAST', id: 'desc' }] as never).limit(take).offset(skip).getResultList()
      : [];
    return { items, totalCount };
  }

  async get(id: string | number): Promise<Evaluation | null> {
    this.permissions.assertSignedIn('read evaluations');
    return this.em.findOne(Evaluation, { id: parseId(id, 'id') });
  }

  /**
   * The evaluations not closed at the end of `asOf` (a month 2019-06, a date, or a moment; now when
   * absent), of one department or all, oldest first: what a bulletin lists until the office closes
   * them. One created later than asOf is not listed; one closed after asOf is.
   */
  async openEvaluations(department?: string | null, asOf?: string | Date | null): Promise<Evaluation[]> {
    const at = endOf(asOf);
    const qb = this.em.createQueryBuilder(Evaluation, 'e');
    if (department != null) qb.andWhere({ department: (await this.departments.resolve(department, 'department')).id });
    if (at) qb.andWhere({ $or: [{ closedAt: null }, { closedAt: { $gt: at } }] });
    else qb.andWhere({ status: { $ne: EvaluationStatus.CLOSED } });
    const rows = await qb.orderBy({ department: 'asc', year: 'asc', quarter: 'ASC NULLS FIRST', inspectionDate: 'ASC NULLS FIRST', id: 'asc' }).getResultList();
    // It existed at `at`: recorded by then, or about a quarter or an inspection that had happened by
    // then (an evaluation of 2019-Q1 entered later still belongs to the bulletins after that quarter).
    return at ? rows.filter((e) => e.createdAt.getTime() <= at.getTime() || periodEnd(e).getTime() <= at.getTime()) : rows;
  }

  // ---- writes --------------------------------------------------------------------------------------

  /** Creates an evaluation (no id), or changes one that is not closed at expectedVersion (ADMIN). */
  save(input: EvaluationData, expectedVersion?: number | null): Promise<Evaluation> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('write evaluations');
      const department = await this.departments.resolve(input.department, 'department');
      const findings = clean(input.findings);
      const measures = clean(input.measures);
      if (!findings) throw badInput('findings', 'give the findings of the evaluation');
      if (!measures) throw badInput('measures', 'give the improvement measures asked for (绩效改进对策措施)');
      let fields: Pick<Evaluation, 'kind' | 'year' | 'quarter' | 'quarterKey' | 'title' | 'inspectionDate'>;
      if (input.kind === EvaluationKind.QUARTERLY) {
        if (input.year == null) throw badInput('year', 'a quarterly evaluation needs its year');
        if (input.quarter == null) throw badInput('quarter', 'a quarterly evaluation needs its quarter (1–4)');
        if (clean(input.title) || clean(input.date)) throw badInput(clean(input.title) ? 'title' : 'date', 'a quarterly evaluation has no title or date: it is named by its quarter; use kind INSPECTION for a special inspection');
        fields = { kind: input.kind, year: input.year, quarter: input.quarter, quarterKey: `${input.year}-Q${input.quarter}`, title: null, inspectionDate: null };
      } else {
        const title = clean(input.title);
        if (!title) throw badInput('title', 'a special inspection needs its title');
        const date = parseDate(input.date);
        if (!date) throw badInput('date', `a special inspection needs its date as YYYY-MM-DD${input.date ? `, not "${input.date}"` : ''}`);
        const year = Number(date.slice(0, 4));
        if (year < EVALUATION_YEARS.first || year > EVALUATION_YEARS.last) throw badInput('date', `the date must be in ${EVALUATION_YEARS.first}–${EVALUATION_YEARS.last}`);
        if (input.quarter != null) throw badInput('quarter', 'a special inspection has a date, not a quarter');
        fields = { kind: input.kind, year, quarter: null, quarterKey: null, title, inspectionDate: date };
      }
      const duplicate = fields.quarterKey ? await this.em.findOne(Evaluation, { department: department.id, quarterKey: fields.quarterKey }) : null;

      if (input.id == null || String(input.id).trim() === '') {
        if (expectedVersion != null) throw badInput('id', 'give the id of the evaluation to change with expectedVersion');
        if (duplicate) {
          throw conflict(`${department.name} has a ${fields.quarterKey} evaluation already (evaluation ${duplicate.id}): change it instead of creating another`, { reason: 'DUPLICATE', existingId: String(duplicate.id) });
        }
        const row = this.em.create(Evaluation, { department, ...fields, findings, measures, status: EvaluationStatus.OPEN } as never);
        this.em.persist(row);
        await this.em.flush();
        this.audit.created('Evaluation', row.id, this.snapshot(row, department.code));
        return row;
      }
      const row = await this.load(input.id);
      if (expectedVersion == null) throw badInput('expectedVersion', 'give the version you read to change an evaluation');
      this.assertVersion(row, expectedVersion);
      if (row.status === EvaluationStatus.CLOSED) throw this.stateError(row, `${labelOf(row)} of evaluation ${row.id} is closed: reopen it before changing it`);
      if (duplicate && duplicate.id !== row.id) {
        throw conflict(`${department.name} has a ${fields.quarterKey} evaluation already (evaluation ${duplicate.id})`, { reason: 'DUPLICATE', existingId: String(duplicate.id) });
      }
      const next: Record<string, unknown> = { department: department.id, ...fields, findings, measures };
      const changes: FieldChange[] = [];
      for (const [field, after] of Object.entries(next)) {
        const before = field === 'department' ? row.department.id : (row as unknown as Record<string, unknown>)[field] ?? null;
        if (before !== after) changes.push({ field, before, after });
      }
      if (changes.length) {
        // The audit trail names departments by code, as the CREATE entry does.
        const moved = changes.find((c) => c.field === 'department');
        if (moved) Object.assign(moved, { before: (await this.em.findOneOrFail(Department, row.department.id)).code, after: department.code });
        Object.assign(row, { ...fields, findings, measures });
        row.department = department;
        this.audit.updated('Evaluation', row.id, changes);
      }
      return row;
    });
  }

  /** The department's answer (OPEN or RESPONDED → RESPONDED): an EDITOR of that department, or the office on its behalf. */
  respond(id: string | number, response: string, expectedVersion: number): Promise<Evaluation> {
    return inTransaction(this.em, async () => {
      this.permissions.assertWrite('respond to evaluations');
      const row = await this.load(id);
      if (!this.permissions.isAdmin) {
        if (this.actor.role !== Role.EDITOR || this.actor.departmentId !== row.department.id) {
          throw new AppError(ErrorCode.FORBIDDEN, `Evaluation ${row.id} is not your department’s: only editors of the department evaluated (or the office) respond to it.`, { id: String(row.id) });
        }
      }
      this.assertVersion(row, expectedVersion);
      const text = clean(response);
      if (!text) throw badInput('response', 'give the department’s response: the measures taken or planned');
      if (text.length > EVALUATION_TEXT_MAX) throw badInput('response', `response must be at most ${EVALUATION_TEXT_MAX} characters`);
      if (row.status === EvaluationStatus.CLOSED) throw this.stateError(row, `Evaluation ${row.id} (${labelOf(row)}) is closed: the office must reopen it before it takes another response`);
      const changes: FieldChange[] = [{ field: 'response', before: row.response ?? null, after: text }];
      if (row.status !== EvaluationStatus.RESPONDED) changes.push({ field: 'status', before: row.status, after: EvaluationStatus.RESPONDED });
      row.response = text;
      row.status = EvaluationStatus.RESPONDED;
      row.respondedAt = new Date();
      row.respondedBy = this.actor.username;
      this.audit.updated('Evaluation', row.id, changes);
      return row;
    });
  }

  /** OPEN or RESPONDED → CLOSED (ADMIN), with an optional note. */
  close(id: string | number, note: string | null | undefined, expectedVersion: number): Promise<Evaluation> {
    return this.move(id, expectedVersion, 'close', [EvaluationStatus.OPEN, EvaluationStatus.RESPONDED], EvaluationStatus.CLOSED, clean(note), false);
  }

  /** RESPONDED or CLOSED → OPEN (ADMIN), with the reason the department sees (the response was not enough). */
  reopen(id: string | number, reason: string, expectedVersion: number): Promise<Evaluation> {
    return this.move(id, expectedVersion, 'reopen', [EvaluationStatus.RESPONDED, EvaluationStatus.CLOSED], EvaluationStatus.OPEN, clean(reason), true);
  }

  private move(id: string | number, expectedVersion: number, action: string, from: EvaluationStatus[], to: EvaluationStatus, note: string | null, noteRequired: boolean): Promise<Evaluation> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin(`${action} evaluations`);
      if (noteRequired && !note) throw badInput('reason', `give the reason to ${action} the evaluation; the department sees it`);
      if (note && note.length > EVALUATION_TEXT_MAX) throw badInput(noteRequired ? 'reason' : 'note', `at most ${EVALUATION_TEXT_MAX} characters`);
      const row = await this.load(id);
      this.assertVersion(row, expectedVersion);
      if (!from.includes(row.status)) throw this.stateError(row, `Cannot ${action} evaluation ${row.id} (${labelOf(row)}): it is ${row.status}`);
      const changes: FieldChange[] = [{ field: 'status', before: row.status, after: to }];
      if ((row.statusNote ?? null) !== note) changes.push({ field: 'statusNote', before: row.statusNote ?? null, after: note });
      row.status = to;
      row.statusNote = note;
      row.closedAt = to === EvaluationStatus.CLOSED ? new Date() : null;
      this.audit.updated('Evaluation', row.id, changes);
      return row;
    });
  }

  // ---- rules ---------------------------------------------------------------------------------------

  private async load(id: string | number): Promise<Evaluation> {
    const row = await this.em.findOne(Evaluation, { id: parseId(id, 'id') });
    if (!row) throw notFound('Evaluation', id);
    return row;
  }

  private assertVersion(row: Evaluation, expectedVersion: number) {
    if (row.version !== expectedVersion) {
      throw conflict(`Evaluation ${row.id} is at version ${row.version}, not ${expectedVersion}: someone else saved it first`, { currentVersion: row.version, expectedVersion });
    }
  }

  private stateError(row: Evaluation, message: string) {
    return conflict(message, { reason: 'INVALID_STATE', status: row.status, currentVersion: row.version });
  }

  private snapshot(row: Evaluation, departmentCode: string): Record<string, unknown> {
    return {
      department: departmentCode,
      kind: row.kind,
      year: row.year,
      quarter: row.quarter ?? null,
      title: row.title ?? null,
      inspectionDate: row.inspectionDate ?? null,
      findings: row.findings,
      measures: row.measures,
      status: row.status,
    };
  }
}
