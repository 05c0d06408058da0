import type { Em } from '../orm';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { TargetKind } from '../../schema/indicators/indicator.enums';
import { FIRST_TARGET_YEAR, LAST_TARGET_YEAR } from '../../schema/year-targets/year-target.years';
import type { YearTargetService } from '../year-targets/year-target.service';
import { methodOf } from '../year-targets/derive';
import { badInput } from '../errors';
import type { ActualsSource } from './actuals';
import { computeProgress, type ProgressResult } from './completion';

/** The names the plan gives the indicator 与GDP同步 refers to. */
export const GDP_NAMES = ['地区生产总值', 'GDP', '生产总值'];

/**
 * progress(year) for a batch of indicators: their year targets, their approved actual values and,
 * for 与GDP同步, the plan's GDP with its values, each read once per batch; the rules themselves are
 * the pure computeProgress (completion.ts).
 */
export class ProgressService {
  constructor(
    private readonly em: Em,
    private readonly yearTargets: YearTargetService,
    private readonly actuals: ActualsSource,
  ) {}

  assertYear(year: number): void {
    if (!Number.isInteger(year) || year < FIRST_TARGET_YEAR || year > LAST_TARGET_YEAR) throw badInput('year', `year must be between ${FIRST_TARGET_YEAR} and ${LAST_TARGET_YEAR}, got ${year}`);
  }

  async forIndicators(rows: readonly Indicator[], year: number): Promise<ProgressResult[]> {
    this.assertYear(year);
    const ids = rows.map((r) => r.id);
    // 与GDP同步 rows need their plan's GDP: one look-up for the batch.
    const relative = rows.filter((r) => r.targetKind === TargetKind.RELATIVE);
    const gdpByPlan = new Map<number, Indicator>();
    if (relative.length) {
      const planIds = [...new Set(relative.map((r) => r.plan.id))];
      const gdps = await this.em.find(Indicator, { plan: { $in: planIds }, name: { $in: GDP_NAMES } }, { orderBy: { seq: 'asc' } });
      for (const g of gdps) if (!gdpByPlan.has(g.plan.id)) gdpByPlan.set(g.plan.id, g);
    }
    const allIds = [...new Set([...ids, ...[...gdpByPlan.values()].map((g) => g.id)])];
    const [targets, actuals] = await Promise.all([this.yearTargets.forIndicators(ids), this.actuals.approvedFor(allIds, year)]);
    return rows.map((row) => {
      const gdp = gdpByPlan.get(row.plan.id);
      return computeProgress({
        year,
        indicator: { name: row.name, unit: row.unit, targetKind: row.targetKind, cumulative: row.cumulative, baseValue: row.baseValue, baseYear: row.baseYear, targetMethod: methodOf(row) },
        yearTargets: (targets.get(row.id) ?? []).map((t) => ({ year: t.year, targetValue: t.targetValue })),
        actuals: actuals.get(row.id) ?? [],
        reference: gdp ? { name: gdp.name, baseValue: gdp.baseValue, baseYear: gdp.baseYear, actuals: actuals.get(gdp.id) ?? [] } : null,
      });
    });
  }
}
