import type { Em } from '../orm';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { IndicatorAttribute, TargetKind } from '../../schema/indicators/indicator.enums';
import { Milestone } from '../../schema/milestones/milestone.entity';
import { Department } from '../../schema/departments/department.entity';
import { ResponsibilityRole } from '../../schema/responsibilities/responsibility.enums';
import { ProgressStatus } from '../../schema/progress/progress.enums';
import { AttributeScore, DepartmentScore, ProgressSummary, ScoreItem, ScoreItemKind, StatusCounts, type StatusTally } from '../../schema/progress/progress.types';
import { FIRST_TARGET_YEAR, LAST_TARGET_YEAR } from '../../schema/year-targets/year-target.years';
import type { DepartmentService } from '../departments/department.service';
import { methodOf } from '../year-targets/derive';
import { badInput } from '../errors';
import { holdingRows, type HoldingRow } from '../db/progress-rows';
import { yearTargetRows } from '../db/rows';
import type { ActualsSource, ItemActuals } from './actuals';
import { computeProgress, parsePeriod, type ProgressResult } from './completion';
import { milestoneProgress } from './milestone-completion';

/** The names the plan gives the indicator 与GDP同步 refers to. */
export const GDP_NAMES = ['地区生产总值', 'GDP', '生产总值'];

const NOTHING: Omit<ItemActuals, 'reporting'> & { reporting: null } = { values: [], reporting: null, leadIds: [] };

/** Board order: what needs attention first. */
const SEVERITY: Record<ProgressStatus, number> = {
  [ProgressStatus.OFF_TRACK]: 0,
  [ProgressStatus.MISSED]: 0,
  [ProgressStatus.AT_RISK]: 1,
  [ProgressStatus.NO_DATA]: 2,
  [ProgressStatus.ON_TRACK]: 3,
  [ProgressStatus.ACHIEVED]: 4,
};

const COUNTER: Record<ProgressStatus, keyof Omit<StatusTally, 'total' | 'completionRate'>> = {
  [ProgressStatus.ACHIEVED]: 'achieved',
  [ProgressStatus.MISSED]: 'missed',
  [ProgressStatus.ON_TRACK]: 'onTrack',
  [ProgressStatus.AT_RISK]: 'atRisk',
  [ProgressStatus.OFF_TRACK]: 'offTrack',
  [ProgressStatus.NO_DATA]: 'noData',
};

/** Fills `into` with the counts of `items` and their completion rate. */
function tally<T extends StatusTally>(into: T, items: { progress: { status: ProgressStatus } }[]): T {
  for (const item of items) {
    into.total++;
    into[COUNTER[item.progress.status]]++;
  }
  const judged = into.total - into.noData;
  into.completionRate = judged > 0 ? (into.achieved + into.onTrack) / judged : null;
  return into;
}

function byAttribute(items: ScoreItem[]): AttributeScore[] {
  return [IndicatorAttribute.BINDING, IndicatorAttribute.EXPECTED].map((attribute) =>
    tally(Object.assign(new AttributeScore(), { attribute }), items.filter((i) => i.attribute === attribute)),
  );
}

/** An item's progress and its lead departments' ids. */
interface Judged {
  progress: ProgressResult;
  leadIds: number[];
}

/** One item with its progress, before a department's role is put on it. */
interface Scored {
  item: Omit<ScoreItem, 'role'>;
  /** Sort key: indicators before milestones, then plan / special target, then seq. */
  order: [number, number, number];
}

const compareOrder = (a: Scored, b: Scored) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2];

/**
 * Completion: progress(year) of indicators and milestones, each batch reading its year targets, its
 * approved actual values (ActualsSource: the ledger) and, for 与GDP同步, the plan's GDP with its values
 * once; and the monitoring board built on it — a department's scorecard and the overall summary, in
 * a fixed number of statements whatever the number of departments and items. The rules themselves
 * are the pure computeProgress (completion.ts) and milestoneProgress (milestone-completion.ts).
 */
export class ProgressService {
  constructor(
    private readonly em: Em,
    private readonly actuals: ActualsSource,
    private readonly departments: DepartmentService,
  ) {}

  assertYear(year: number): void {
    if (!Number.isInteger(year) || year < FIRST_TARGET_YEAR || year > LAST_TARGET_YEAR) throw badInput('year', `year must be between ${FIRST_TARGET_YEAR} and ${LAST_TARGET_YEAR}, got ${year}`);
  }

  /**
   * The period argument of the board: a month (2019-06) or quarter (2019-Q2) of `year`, judged at its
   * end; null, empty of meaning, or the year itself (2019) is the whole year (returned as null).
   */
  periodOf(year: number, period: string | null | undefined): string | null {
    if (period == null) return null;
    const p = parsePeriod(period.trim());
    if (!p) throw badInput('period', `"${period}" is not a period: give a month (${year}-06), a quarter (${year}-Q2), or leave it out for the whole year`);
    if (p.year !== year) throw badInput('period', `period ${period} is not in ${year}`);
    return p.kind === 'year' ? null : period.trim();
  }

  /** progress(year) of these indicators, judged at the end of `asOf` when given. */
  async forIndicators(rows: readonly Indicator[], year: number, asOf: string | null = null): Promise<ProgressResult[]> {
    return (await this.indicatorResults(rows, year, asOf, false)).map((r) => r.progress);
  }

  /** progress(year) of the indicators with these ids, in their order (compiled reads: the page's rows are plain JSON, not entities). */
  async forIndicatorIds(ids: readonly number[], year: number): Promise<ProgressResult[]> {
    this.assertYear(year);
    const rows = await this.em.find(Indicator, { id: { $in: [...new Set(ids)] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing !== undefined) throw new Error(`Indicator ${missing} vanished during the request`);
    return this.forIndicators(ids.map((id) => byId.get(id)!), year);
  }

  /** progress(year) of these milestones (see milestoneProgress for their targets): one read of their approved values. */
  async forMilestones(rows: readonly Milestone[], year: number, asOf: string | null = null): Promise<ProgressResult[]> {
    return (await this.milestoneResults(rows, year, asOf, false)).map((r) => r.progress);
  }

  private async indicatorResults(rows: readonly Indicator[], year: number, asOf: string | null, all: boolean): Promise<Judged[]> {
    this.assertYear(year);
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    // 与GDP同步 rows need their plan's GDP: one look-up for the batch.
    const relative = rows.filter((r) => r.targetKind === TargetKind.RELATIVE);
    const gdpByPlan = new Map<number, Indicator>();
    if (relative.length) {
      const planIds = [...new Set(relative.map((r) => r.plan.id))];
      const gdps = await this.em.find(Indicator, { plan: { $in: planIds }, name: { $in: GDP_NAMES } }, { orderBy: { seq: 'asc' } });
      for (const g of gdps) if (!gdpByPlan.has(g.plan.id)) gdpByPlan.set(g.plan.id, g);
    }
    const allIds = all ? null : [...new Set([...ids, ...[...gdpByPlan.values()].map((g) => g.id)])];
    // Year targets as plain rows (no entities: a board reads five per indicator).
    const [targetRows, actuals] = await Promise.all([yearTargetRows(this.em, all ? null : ids), this.actuals.approvedFor('indicator', allIds, year)]);
    const targets = new Map<number, { year: number; targetValue: number | null }[]>();
    for (const t of targetRows) {
      const id = Number(t.indicator_id);
      const list = targets.get(id) ?? [];
      list.push({ year: Number(t.year), targetValue: t.target_value == null ? null : Number(t.target_value) });
      targets.set(id, list);
    }
    return rows.map((row) => {
      const gdp = gdpByPlan.get(row.plan.id);
      const own = actuals.get(row.id) ?? NOTHING;
      const progress = computeProgress({
        year,
        asOf,
        indicator: { name: row.name, unit: row.unit, targetKind: row.targetKind, cumulative: row.cumulative, baseValue: row.baseValue, baseYear: row.baseYear, targetMethod: methodOf(row) },
        yearTargets: targets.get(row.id) ?? [],
        actuals: own.values,
        reporting: own.reporting,
        reference: gdp ? { name: gdp.name, baseValue: gdp.baseValue, baseYear: gdp.baseYear, actuals: (actuals.get(gdp.id) ?? NOTHING).values } : null,
      });
      return { progress, leadIds: own.leadIds };
    });
  }

  private async milestoneResults(rows: readonly Milestone[], year: number, asOf: string | null, all: boolean): Promise<Judged[]> {
    this.assertYear(year);
    if (!rows.length) return [];
    const actuals = await this.actuals.approvedFor('milestone', all ? null : rows.map((r) => r.id), year);
    return rows.map((m) => {
      const own = actuals.get(m.id) ?? NOTHING;
      return { progress: milestoneProgress(m, year, own.values, { asOf, reporting: own.reporting }), leadIds: own.leadIds };
    });
  }

  /**
   * Every indicator and milestone in scope with its progress and lead departments: those the
   * department leads or supports, or all of them (departmentId null). A fixed number of statements:
   * the holdings, the departments, the indicators, the milestones, and each kind's progress.
   */
  private async scoreItems(year: number, asOf: string | null, departmentId: number | null) {
    const holdings = await holdingRows(this.em, departmentId);
    const all = departmentId == null;
    const indicatorIds = [...new Set(holdings.map((h) => h.indicatorId).filter((id): id is number => id != null))];
    const milestoneIds = [...new Set(holdings.map((h) => h.milestoneId).filter((id): id is number => id != null))];
    const [departments, indicators, milestones] = await Promise.all([
      this.em.find(Department, {}, { orderBy: { code: 'asc' } }),
      all || indicatorIds.length ? this.em.find(Indicator, all ? {} : { id: { $in: indicatorIds } }, { orderBy: { plan: 'asc', seq: 'asc' } }) : [],
      all || milestoneIds.length ? this.em.find(Milestone, all ? {} : { id: { $in: milestoneIds } }, { orderBy: { specialTarget: 'asc', seq: 'asc' } }) : [],
    ]);
    const indicatorProgress = await this.indicatorResults(indicators, year, asOf, all);
    const milestoneProgress = await this.milestoneResults(milestones, year, asOf, all);
    // Lead departments come with the actual values (the ledger reads who answers for each item).
    const deptById = new Map(departments.map((d) => [d.id, d]));
    const leads = (ids: number[]) => ids.map((d) => deptById.get(d)).filter((d): d is Department => !!d);
    const scored = new Map<string, Scored>();
    indicators.forEach((ind, i) =>
      scored.set(`indicator:${ind.id}`, {
        item: { itemKey: `indicator:${ind.id}`, kind: ScoreItemKind.INDICATOR, name: ind.name, unit: ind.unit, attribute: ind.attribute, indicator: ind, milestone: null, leads: leads(indicatorProgress[i].leadIds), progress: indicatorProgress[i].progress },
        order: [0, ind.plan.id, ind.seq],
      }),
    );
    milestones.forEach((m, i) =>
      scored.set(`milestone:${m.id}`, {
        item: { itemKey: `milestone:${m.id}`, kind: ScoreItemKind.MILESTONE, name: m.text, unit: m.unit, attribute: null, indicator: null, milestone: m, leads: leads(milestoneProgress[i].leadIds), progress: milestoneProgress[i].progress },
        order: [1, m.specialTarget.id, m.seq],
      }),
    );
    // Each department's holdings, grouped once (a department's score then reads only its own).
    const byDepartment = new Map<number, HoldingRow[]>();
    for (const h of holdings) {
      const list = byDepartment.get(h.departmentId);
      if (list) list.push(h);
      else byDepartment.set(h.departmentId, [h]);
    }
    return { byDepartment, departments, scored };
  }

  /** Each department's score (one department's, when `department` names one by name, code or alias): the counts and items of what it leads or supports. */
  async scorecard(year: number, period: string | null | undefined, department: string | null | undefined): Promise<DepartmentScore[]> {
    this.assertYear(year);
    const asOf = this.periodOf(year, period);
    const only = department != null ? await this.departments.resolve(department, 'department') : null;
    const { byDepartment, departments, scored } = await this.scoreItems(year, asOf, only?.id ?? null);
    return (only ? [only] : departments).map((d) => this.departmentScore(d, year, asOf, byDepartment.get(d.id) ?? [], scored));
  }

  /** A department's score from its holdings (its own rows of holdingRows). */
  private departmentScore(department: Department, year: number, asOf: string | null, holdings: HoldingRow[], scored: Map<string, Scored>): DepartmentScore {
    // Its role on each item: LEAD wins where it holds both.
    const roles = new Map<string, ResponsibilityRole>();
    for (const h of holdings) {
      const key = h.indicatorId != null ? `indicator:${h.indicatorId}` : `milestone:${h.milestoneId}`;
      if (roles.get(key) !== ResponsibilityRole.LEAD) roles.set(key, h.role as ResponsibilityRole);
    }
    const items = [...roles.entries()]
      .map(([key, role]) => ({ s: scored.get(key)!, role }))
      .filter((x) => x.s)
      .sort((a, b) => (a.role === b.role ? 0 : a.role === ResponsibilityRole.LEAD ? -1 : 1) || compareOrder(a.s, b.s))
      .map(({ s, role }) => Object.assign(new ScoreItem(), s.item, { role }));
    const score = tally(Object.assign(new DepartmentScore(), { department, year, period: asOf }), items);
    score.asLead = tally(new StatusCounts(), items.filter((i) => i.role === ResponsibilityRole.LEAD));
    score.asSupporter = tally(new StatusCounts(), items.filter((i) => i.role === ResponsibilityRole.SUPPORT));
    score.byAttribute = byAttribute(items);
    score.items = items;
    return score;
  }

  /** The monitoring board: every indicator and milestone, counted overall, by status, attribute and department, the items needing attention first. */
  async summary(year: number, period: string | null | undefined): Promise<ProgressSummary> {
    this.assertYear(year);
    const asOf = this.periodOf(year, period);
    const { byDepartment, departments, scored } = await this.scoreItems(year, asOf, null);
    const items = [...scored.values()]
      .sort((a, b) => SEVERITY[a.item.progress.status] - SEVERITY[b.item.progress.status] || compareOrder(a, b))
      .map((s) => Object.assign(new ScoreItem(), s.item, { role: null }));
    const summary = tally(Object.assign(new ProgressSummary(), { year, period: asOf }), items);
    summary.byStatus = Object.values(ProgressStatus).map((status) => ({ status, count: items.filter((i) => i.progress.status === status).length }));
    summary.byAttribute = byAttribute(items);
    summary.byDepartment = departments.map((d) => this.departmentScore(d, year, asOf, byDepartment.get(d.id) ?? [], scored));
    summary.items = items;
    return summary;
  }
}
