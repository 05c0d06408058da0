import type { Em } from '../orm';
import type { Permissions } from '../accounts/permissions';
import type { AuditService, FieldChange } from '../audit/audit.service';
import { Indicator } from '../../schema/indicators/indicator.entity';
import type { TargetKind, TargetMethod } from '../../schema/indicators/indicator.enums';
import { YearTarget } from '../../schema/year-targets/year-target.entity';
import type { YearTargetPatch } from '../../schema/year-targets/year-target.inputs';
import { badInput, conflict, notFound } from '../errors';
import { parseId } from '../common/ids';
import { inTransaction } from '../common/transaction';
import { deriveYearTarget, deriveYearTargets, type TargetInputs } from './derive';
import { targetInputRows, yearTargetRows, type IndicatorInputsRow } from '../db/rows';

/** Rows per statement when year targets are read or created set-wise (well under SQLite's parameter limit). */
const CHUNK = 500;

const inputsOf = (r: IndicatorInputsRow): TargetInputs => ({
  targetKind: r.target_kind,
  targetValue: r.target_value == null ? null : Number(r.target_value),
  annualGrowthPct: r.annual_growth_pct == null ? null : Number(r.annual_growth_pct),
  cumulative: !!Number(r.cumulative),
  baseValue: r.base_value == null ? null : Number(r.base_value),
  baseYear: Number(r.base_year),
  targetMethod: r.target_method,
});

/**
 * Year targets (分解落实到年度工作目标): one row per indicator and year, 2016–2020. The derived ones
 * follow the indicator's inputs (base, target value, growth, method) and are recomputed whenever one
 * changes, set-wise; a year edited by hand (derived: false) is kept until it is put back.
 * Recomputation is bookkeeping (the indicator's own change is audited); hand edits are audited.
 */
export class YearTargetService {
  constructor(
    private readonly em: Em,
    private readonly permissions: Permissions,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates the missing year targets and recomputes the derived ones of these indicators (all of
   * them when no ids are given, e.g. after an import): a few statements per 500 indicators, plus one
   * update per changed row. Call after the indicators are flushed, inside the writing transaction.
   */
  async sync(indicatorIds?: number[]): Promise<{ created: number; updated: number }> {
    const chunks: (number[] | null)[] = [];
    if (indicatorIds) for (let i = 0; i < indicatorIds.length; i += CHUNK) chunks.push(indicatorIds.slice(i, i + CHUNK));
    else chunks.push(null);
    let created = 0;
    let updated = 0;
    for (const ids of chunks) {
      if (ids && !ids.length) continue;
      // Plain rows (server/db), no entities, for what may be every indicator.
      const indicators = await targetInputRows(this.em, ids);
      const stored = await yearTargetRows(this.em, ids);
      const byKey = new Map(stored.map((s) => [`${s.indicator_id}:${s.year}`, s]));
      const inserts: Record<string, unknown>[] = [];
      const changed = new Map<number, number | null>();
      for (const ind of indicators) {
        const values = deriveYearTargets(inputsOf(ind));
        for (const [year, value] of values) {
          const s = byKey.get(`${ind.id}:${year}`);
          if (!s) inserts.push({ indicator: Number(ind.id), year, targetValue: value, derived: true, version: 1, createdAt: new Date(), updatedAt: new Date() });
          else if (Number(s.derived) && (s.target_value == null ? null : Number(s.target_value)) !== value) changed.set(Number(s.id), value);
        }
      }
      for (let i = 0; i < inserts.length; i += CHUNK) await this.em.insertMany(YearTarget, inserts.slice(i, i + CHUNK) as never);
      created += inserts.length;
      if (changed.size) {
        // Through the entities, so each changed row's version and updatedAt move as any edit's do.
        const rows = await this.em.find(YearTarget, { id: { $in: [...changed.keys()] } });
        for (const row of rows) row.targetValue = changed.get(row.id)!;
        await this.em.flush();
        updated += rows.length;
      }
    }
    return { created, updated };
  }

  /** The year targets of these indicators, by indicator id, in year order: one statement. */
  async forIndicators(ids: readonly number[]): Promise<Map<number, YearTarget[]>> {
    const out = new Map<number, YearTarget[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = await this.em.find(YearTarget, { indicator: { $in: [...new Set(ids)] } }, { orderBy: { indicator: 'asc', year: 'asc' } });
    for (const r of rows) out.get(r.indicator.id)?.push(r);
    return out;
  }

  /**
   * Enters one year's target by hand (ADMIN only; it is then kept when the inputs change), or puts it
   * back to the derived value (derived: true). A stale expectedVersion is refused with CONFLICT.
   */
  update(id: string | number, patch: YearTargetPatch, expectedVersion?: number | null): Promise<YearTarget> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('change year targets');
      const row = await this.em.findOne(YearTarget, { id: parseId(id, 'id') }, { populate: ['indicator'] });
      if (!row) throw notFound('YearTarget', id);
      if (expectedVersion != null && row.version !== expectedVersion) {
        throw conflict(`YearTarget ${row.id} is at version ${row.version}, not ${expectedVersion}: someone else saved it first`, { currentVersion: row.version, expectedVersion });
      }
      if (patch.derived === false && patch.targetValue === undefined) throw badInput('patch.targetValue', 'give the value entered by hand with derived: false');
      const before = { targetValue: row.targetValue ?? null, derived: row.derived };
      if (patch.derived === true) {
        // Back to the computed value; a targetValue given with it (an undo of both fields) is ignored.
        row.derived = true;
        row.targetValue = deriveYearTarget(row.indicator as Indicator, row.year);
      } else if (patch.targetValue !== undefined) {
        row.targetValue = patch.targetValue;
        row.derived = false;
      }
      const after = { targetValue: row.targetValue ?? null, derived: row.derived };
      const changes: FieldChange[] = (['targetValue', 'derived'] as const)
        .filter((f) => before[f] !== after[f])
        .map((field) => ({ field, before: before[field], after: after[field] }));
      if (changes.length) this.audit.updated('YearTarget', row.id, changes);
      return row;
    });
  }
}
