import { TargetKind, TargetMethod } from '../../schema/indicators/indicator.enums';
import { ProgressStatus } from '../../schema/progress/progress.enums';
import { TARGET_YEARS } from '../../schema/year-targets/year-target.years';
import type { ActualValue, Reporting } from './actuals';
import { computeProgress, formatNumber, parsePeriod, reportingNote, type ProgressResult, type Words } from './completion';

/** The plan's base year: milestones, like indicators, count their years from 2016. */
const BASE_YEAR = 2015;

/** What completion needs of a milestone (上市企业150家: name 上市企业, value 150, unit 家, year 2020). */
export interface MilestoneSubject {
  name: string;
  value: number;
  unit: string;
  /** The year the aim is for. */
  year: number;
  cumulative: boolean;
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * A milestone's completion in one year, judged as an indicator's is (computeProgress), always in the
 * at-least direction (a milestone is a number to reach). Its year targets:
 *
 * - Cumulative (a five-year total, e.g. 引进人才12.5万): an even share per year from 2016 to the
 *   milestone's year (a fifth a year for 2020), judged on the running sum, as EVEN_SPLIT indicators
 *   are; after its year nothing more is added, so the running sum is held against the total.
 * - A level (上市企业150家 by 2020): in its year and after, at least the value. Before its year the plan
 *   gives no path and a milestone has no base value, so the target is pro-rated linearly from the
 *   first approved year value before the year judged (its earliest year y0, value v0):
 *   v0 + (value − v0)·(year − y0)/(milestone year − y0). With no approved year value before the year
 *   judged there is no start to pro-rate from, and the year is NO_DATA saying so — rather than
 *   inventing a start (zero would make every early year look far behind, the value itself far ahead).
 *   A 2015 (base-year) entry, where the office has one, serves as the start.
 */
export function milestoneProgress(m: MilestoneSubject, year: number, actuals: ActualValue[], options: { asOf?: string | null; reporting?: Reporting | null; tolerance?: number } = {}): ProgressResult {
  const unit = m.unit ? ` ${m.unit}` : '';
  const subject = { name: m.name, unit: m.unit, baseYear: BASE_YEAR, baseValue: null, cumulative: m.cumulative };
  const common = { year, actuals, asOf: options.asOf, reporting: options.reporting, tolerance: options.tolerance };

  if (m.cumulative) {
    const years = Math.max(1, m.year - BASE_YEAR);
    const share = round(m.value / years);
    return computeProgress({
      ...common,
      indicator: { ...subject, targetKind: TargetKind.EXACT, targetMethod: TargetMethod.EVEN_SPLIT },
      yearTargets: TARGET_YEARS.map((y) => ({ year: y, targetValue: y <= m.year ? share : 0 })),
    });
  }

  let target = m.value;
  let targetNote: Words | null = null;
  if (year < m.year) {
    // The start: the earliest approved year value before the year judged.
    const start = actuals
      .map((a) => ({ a, p: parsePeriod(a.period) }))
      .filter((x) => x.p?.kind === 'year' && x.p.year < year)
      .sort((x, y) => x.p!.year - y.p!.year)[0];
    if (!start) {
      return {
        year,
        status: ProgressStatus.NO_DATA,
        ratio: null,
        actualValue: null,
        targetValue: null,
        provisional: false,
        explanation: `${year}年目标无法分解（${m.name}）：只有${m.year}年目标 ${formatNumber(m.value)}${unit}，尚无${year}年以前的已审核年度实际值作为起点${reportingNote(options.reporting, year - 1).zh}`,
        explanationEn: `the ${year} target cannot be derived (${m.name}): only the ${m.year} target ${formatNumber(m.value)}${unit} is given, and no approved year value before ${year} to start from${reportingNote(options.reporting, year - 1).en}`,
      };
    }
    const y0 = start.p!.year;
    const v0 = start.a.value;
    target = round(v0 + ((m.value - v0) * (year - y0)) / (m.year - y0));
    targetNote = {
      zh: `由${y0}年实际 ${formatNumber(v0)}${unit} 至${m.year}年目标 ${formatNumber(m.value)}${unit} 按年线性推算`,
      en: `linear from the ${y0} actual ${formatNumber(v0)}${unit} to the ${m.year} target ${formatNumber(m.value)}${unit}`,
    };
  }
  return computeProgress({
    ...common,
    targetNote,
    indicator: { ...subject, targetKind: TargetKind.AT_LEAST, targetMethod: TargetMethod.MANUAL },
    yearTargets: [{ year, targetValue: target }],
  });
}
