import { TargetKind, TargetMethod } from '../../schema/indicators/indicator.enums';
import { ProgressStatus } from '../../schema/progress/progress.enums';
import { NEEDS_BASE } from '../year-targets/derive';
import type { ActualValue, Reporting } from './actuals';

/** How far below its (pro-rated) target an in-year value may be and still be AT_RISK rather than OFF_TRACK; and an approx (左右) target's band. */
export const DEFAULT_TOLERANCE = 0.05;

/** Units of flows (amounts over a period): their month and quarter values are year-to-date totals, pro-rated against the year target. */
const FLOW_UNITS = new Set(['亿元', '万元', '元', '亿美元', '万美元', '美元']);

export interface ProgressSubject {
  name: string;
  unit: string;
  targetKind: TargetKind;
  cumulative: boolean;
  baseValue?: number | null;
  baseYear: number;
  /** The effective method (never null here). */
  targetMethod: TargetMethod;
}

/** For 与GDP同步: the indicator whose growth sets the target, with its approved values. */
export interface ReferenceSeries {
  name: string;
  baseValue?: number | null;
  baseYear: number;
  actuals: ActualValue[];
}

export interface ProgressInput {
  year: number;
  indicator: ProgressSubject;
  yearTargets: { year: number; targetValue?: number | null }[];
  /** Approved values of the indicator (any periods). */
  actuals: ActualValue[];
  /** RELATIVE (与GDP同步) only: the reference indicator, or null when the plan has none. */
  reference?: ReferenceSeries | null;
  tolerance?: number;
  /** Judge as at the end of this month or quarter of the year (`2019-06`, `2019-Q2`): later periods and the year's own value are left out. Null: the whole year. */
  asOf?: string | null;
  /** Who reports the item: named when nothing approved is found. */
  reporting?: Reporting | null;
  /** How the year's target was set, when the year targets do not say it (a milestone's linear path): added to the explanation. */
  targetNote?: Words | null;
}

/** A text in both languages (the explanation and its English twin). */
export interface Words {
  zh: string;
  en: string;
}

export interface ProgressResult {
  year: number;
  status: ProgressStatus;
  ratio: number | null;
  actualValue: number | null;
  targetValue: number | null;
  provisional: boolean;
  explanation: string;
  /** The same in English: item names stay as the plan writes them (in Chinese). */
  explanationEn: string;
}

type Direction = 'atLeast' | 'atMost' | 'approx';

/**
 * The direction a target kind is judged in: 控制在50以内 at most; 13左右 within the tolerance either way;
 * every other kind (a number to reach, 达到…以上, 与GDP同步, 市下达目标) at least — a figure above an
 * exact target counts as reaching it.
 */
export function directionOf(kind: TargetKind): Direction {
  if (kind === TargetKind.AT_MOST) return 'atMost';
  if (kind === TargetKind.APPROX) return 'approx';
  return 'atLeast';
}

export const isFlow = (s: Pick<ProgressSubject, 'cumulative' | 'unit'>): boolean => s.cumulative || FLOW_UNITS.has(s.unit.trim());

/** 1180 → "1,180"; 898.4567 → "898.46". */
export function formatNumber(v: number): string {
  return NUMBER_FORMAT.format(v);
}
/** One formatter for the process: toLocaleString builds a new one on every call (≈ 0.1 ms each, and a board formats thousands). */
const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

export interface Period {
  year: number;
  /** The share of the year the value covers: 1 for the year, 6/12 for June, 2/4 for Q2. */
  fraction: number;
  label: string;
  /** 2019, Q2 2019, June 2019. */
  labelEn: string;
  kind: 'year' | 'quarter' | 'month';
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Reads `2019`, `2019-Q2`, `2019-06`; null for anything else. */
export function parsePeriod(p: string): Period | null {
  let m = /^(\d{4})$/.exec(p);
  if (m) return { year: Number(m[1]), fraction: 1, label: `${m[1]}年`, labelEn: m[1], kind: 'year' };
  m = /^(\d{4})-Q([1-4])$/.exec(p);
  if (m) return { year: Number(m[1]), fraction: Number(m[2]) / 4, label: `${m[1]}年第${m[2]}季度`, labelEn: `Q${m[2]} ${m[1]}`, kind: 'quarter' };
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(p);
  if (m) return { year: Number(m[1]), fraction: Number(m[2]) / 12, label: `${m[1]}年${Number(m[2])}月`, labelEn: `${MONTHS[Number(m[2]) - 1]} ${m[1]}`, kind: 'month' };
  return null;
}

/** The last month a period covers: June for 2019-06, June for 2019-Q2, December for 2019. */
export const endMonth = (p: Period): number => Math.round(p.fraction * 12);

/**
 * The values known at the end of `asOf` (a month or quarter of `year`): every earlier year's, and the
 * year's months and quarters that end by then; not the year's own value nor later periods. Null
 * `asOf`: all of them.
 */
export function knownAt(actuals: ActualValue[], year: number, asOf: Period | null): ActualValue[] {
  if (!asOf || asOf.kind === 'year') return actuals;
  return actuals.filter((a) => {
    const p = parsePeriod(a.period);
    if (!p || p.year !== year) return true;
    return p.kind !== 'year' && endMonth(p) <= endMonth(asOf);
  });
}

/**
 * Who did not report, for NO_DATA: the lead departments (牵头单位) and the supporters whose approved
 * entries of that year do not count. Empty when the source says nothing about reporting.
 */
export function reportingNote(reporting: Reporting | null | undefined, year: number): Words {
  if (!reporting) return { zh: '', en: '' };
  if (!reporting.leads.length) return { zh: '：没有牵头单位，无人报送', en: ': no lead department, nobody reports it' };
  const uncounted = reporting.uncounted.filter((u) => parsePeriod(u.period)?.year === year);
  const others = [...new Set(uncounted.map((u) => u.department))];
  const othersEn = [...new Set(uncounted.map((u) => u.departmentEn ?? u.department))];
  const leadsEn = reporting.leadsEn?.length ? reporting.leadsEn : reporting.leads;
  return {
    zh: `：牵头单位${reporting.leads.join('、')}未报送${others.length ? `，配合单位${others.join('、')}的报送不计入` : ''}`,
    en: `: the lead (${leadsEn.join(', ')}) has not reported${othersEn.length ? `; entries of the supporting ${othersEn.join(', ')} do not count` : ''}`,
  };
}

function annual(actuals: ActualValue[], year: number): number | null {
  const hit = actuals.find((a) => a.period === String(year));
  return hit ? hit.value : null;
}

function noData(year: number, why: Words, targetValue: number | null = null): ProgressResult {
  return { year, status: ProgressStatus.NO_DATA, ratio: null, actualValue: null, targetValue, provisional: false, explanation: why.zh, explanationEn: why.en };
}

/** Completion degree: above 1 is ahead. At most: target / actual; otherwise actual / target. */
function ratioOf(direction: Direction, actual: number, target: number): number | null {
  if (direction === 'atMost') return actual > 0 ? target / actual : target >= actual ? null : 0;
  return target !== 0 ? actual / target : null;
}

function finalStatus(direction: Direction, actual: number, target: number, tol: number): ProgressStatus {
  if (direction === 'atMost') return actual <= target ? ProgressStatus.ACHIEVED : ProgressStatus.MISSED;
  if (direction === 'approx') return Math.abs(actual - target) <= tol * Math.abs(target) ? ProgressStatus.ACHIEVED : ProgressStatus.MISSED;
  return actual >= target ? ProgressStatus.ACHIEVED : ProgressStatus.MISSED;
}

function inYearStatus(direction: Direction, actual: number, target: number, tol: number): ProgressStatus {
  if (direction === 'approx') {
    const off = Math.abs(actual - target) / Math.abs(target || 1);
    return off <= tol ? ProgressStatus.ON_TRACK : off <= 2 * tol ? ProgressStatus.AT_RISK : ProgressStatus.OFF_TRACK;
  }
  const ahead = direction === 'atMost' ? actual <= target : actual >= target;
  if (ahead) return ProgressStatus.ON_TRACK;
  const short = direction === 'atMost' ? (actual - target) / Math.abs(target || 1) : (target - actual) / Math.abs(target || 1);
  return short <= tol ? ProgressStatus.AT_RISK : ProgressStatus.OFF_TRACK;
}

const STATUS_WORDS: Partial<Record<ProgressStatus, string>> = {
  [ProgressStatus.ACHIEVED]: '已完成',
  [ProgressStatus.MISSED]: '未完成',
  [ProgressStatus.ON_TRACK]: '进度正常',
  [ProgressStatus.AT_RISK]: '略低于进度',
  [ProgressStatus.OFF_TRACK]: '落后于进度',
};
const STATUS_WORDS_EN: Partial<Record<ProgressStatus, string>> = {
  [ProgressStatus.ACHIEVED]: 'achieved',
  [ProgressStatus.MISSED]: 'missed',
  [ProgressStatus.ON_TRACK]: 'on track',
  [ProgressStatus.AT_RISK]: 'slightly behind',
  [ProgressStatus.OFF_TRACK]: 'behind',
};

/**
 * The completion of one indicator in one year, from its year targets and approved actual values: a
 * pure function (no database), so every rule is tested with values fed in directly.
 *
 * - The year's value approved: ACHIEVED or MISSED, in the direction of the target kind.
 * - Otherwise the latest approved month or quarter of the year, against the pro-rated target (flows:
 *   the year target times the share of the year; levels and rates: the year target): ON_TRACK,
 *   AT_RISK (short by at most the tolerance), OFF_TRACK; provisional.
 * - Cumulative (*) indicators are judged on the running sum since the base year.
 * - 与GDP同步: the target is the reference indicator's growth of the same year, from its approved values.
 * - NO_DATA when nothing approved exists or an input is missing (the base, a city-assigned target,
 *   GDP's growth), saying which.
 */
export function computeProgress(input: ProgressInput): ProgressResult {
  const { year, indicator: ind } = input;
  const asOf = input.asOf ? parsePeriod(input.asOf) : null;
  if (input.asOf && (!asOf || asOf.year !== year)) throw new Error(`asOf ${input.asOf} is not a period of ${year}`);
  const actuals = knownAt(input.actuals, year, asOf);
  const note = input.targetNote ? `（${input.targetNote.zh}）` : '';
  const noteEn = input.targetNote ? ` (${input.targetNote.en})` : '';
  const when = asOf && asOf.kind !== 'year' ? `截至${asOf.label}` : `${year}年`;
  const whenEn = asOf && asOf.kind !== 'year' ? `up to ${asOf.labelEn}` : `${year}`;
  const tol = input.tolerance ?? DEFAULT_TOLERANCE;
  const direction = directionOf(ind.targetKind);
  const unit = ind.unit ? ` ${ind.unit}` : '';
  const targets = new Map(input.yearTargets.map((t) => [t.year, t.targetValue ?? null]));
  const mark = direction === 'atMost' ? '≤' : direction === 'approx' ? '约' : '';
  const markEn = direction === 'atMost' ? '≤ ' : direction === 'approx' ? '≈ ' : '';

  // The year's target, or what is missing for it.
  const missingTarget = (y: number): Words | null => {
    if (targets.get(y) != null) return null;
    if (ind.targetKind === TargetKind.ASSIGNED) return { zh: `${y}年市下达目标未录入（${ind.name}）`, en: `the city-assigned target for ${y} has not been entered (${ind.name})` };
    if (NEEDS_BASE.has(ind.targetMethod) && ind.baseValue == null) return { zh: `${ind.baseYear}年基期值未录入（${ind.name}），无法分解${y}年目标`, en: `the ${ind.baseYear} base value has not been entered (${ind.name}), so the ${y} target cannot be derived` };
    return { zh: `${y}年年度目标未录入（${ind.name}）`, en: `the ${y} year target has not been entered (${ind.name})` };
  };

  let target: number | null;
  if (ind.targetKind === TargetKind.RELATIVE) {
    const ref = input.reference;
    if (!ref) return noData(year, { zh: `${ind.name}与GDP同步，但规划中没有地区生产总值指标`, en: `${ind.name} follows GDP, but the plan has no GDP indicator` });
    const refActuals = knownAt(ref.actuals, year, asOf);
    const now = annual(refActuals, year);
    const before = year - 1 === ref.baseYear && ref.baseValue != null ? ref.baseValue : annual(refActuals, year - 1);
    if (now == null || before == null || before === 0) {
      const lacking = [now == null ? `${year}年` : null, before == null ? `${year - 1}年` : null].filter(Boolean).join('和');
      const lackingEn = [now == null ? `${year}` : null, before == null ? `${year - 1}` : null].filter(Boolean).join(' and ');
      return noData(year, {
        zh: `${year}年${ref.name}增速缺失（${lacking}无已审核的实际值），无法判断${ind.name}是否与GDP同步`,
        en: `the growth of ${ref.name} in ${year} is missing (no approved value for ${lackingEn}), so whether ${ind.name} keeps pace with GDP cannot be judged`,
      });
    }
    target = Math.round((now / before - 1) * 1e6) / 1e4; // percent, four decimals
  } else {
    const missing = missingTarget(year);
    if (missing) return noData(year, missing);
    target = targets.get(year)!;
  }

  // Cumulative: the running sum of the years before, which must all be approved.
  let priorTarget = 0;
  let priorActual = 0;
  const firstYear = ind.baseYear + 1;
  if (ind.cumulative) {
    for (let y = firstYear; y < year; y++) {
      const missing = missingTarget(y);
      if (missing) return noData(year, missing);
      const a = annual(actuals, y);
      if (a == null) {
        const who = reportingNote(input.reporting, y);
        return noData(
          year,
          { zh: `${y}年无已审核的实际值（${ind.name}为五年累计指标，按累计值考核）${who.zh}`, en: `no approved value for ${y} (${ind.name} is a five-year cumulative indicator, judged on the running sum)${who.en}` },
          priorTarget + targets.get(y)! + target,
        );
      }
      priorTarget += targets.get(y)!;
      priorActual += a;
    }
  }
  const span = ind.cumulative && year > firstYear ? `${firstYear}–${year}年累计` : `${year}年`;
  const spanEn = ind.cumulative && year > firstYear ? `${firstYear}–${year} cumulative` : `${year}`;

  const yearValue = annual(actuals, year);
  if (yearValue != null) {
    const actual = priorActual + yearValue;
    const goal = priorTarget + target;
    const ratio = ratioOf(direction, actual, goal);
    const status = finalStatus(direction, actual, goal, tol);
    const targetWord = ind.cumulative && year > firstYear ? '累计目标' : ind.targetKind === TargetKind.RELATIVE ? '目标（同期地区生产总值增速）' : '年度目标';
    const targetWordEn = ind.cumulative && year > firstYear ? 'cumulative target' : ind.targetKind === TargetKind.RELATIVE ? "target (GDP's growth in the year)" : 'year target';
    return {
      year,
      status,
      ratio,
      actualValue: actual,
      targetValue: goal,
      provisional: false,
      explanation: `${span}实际 ${formatNumber(actual)}${unit}，${targetWord} ${mark}${formatNumber(goal)}${unit}${note}，${ratio != null ? `完成 ${pct(ratio)}` : STATUS_WORDS[status]}`,
      explanationEn: `${spanEn}: actual ${formatNumber(actual)}${unit}, ${targetWordEn} ${markEn}${formatNumber(goal)}${unit}${noteEn}, ${ratio != null ? `${pct(ratio)} complete` : STATUS_WORDS_EN[status]}`,
    };
  }

  // In the year: the latest approved month or quarter.
  const inYear = actuals
    .map((a) => ({ a, p: parsePeriod(a.period) }))
    .filter((x): x is { a: ActualValue; p: Period } => x.p != null && x.p.year === year && x.p.kind !== 'year')
    .sort((x, y) => y.p.fraction - x.p.fraction || (x.p.kind === 'month' ? -1 : 1))[0];
  if (!inYear || ind.targetKind === TargetKind.RELATIVE) {
    const what = inYear ? '无已审核的年度实际值' : '无已审核的实际值';
    const whatEn = inYear ? 'no approved year value' : 'no approved value';
    const who = reportingNote(input.reporting, year);
    return noData(year, { zh: `${when}${what}（${ind.name}）${who.zh}`, en: `${whenEn}: ${whatEn} (${ind.name})${who.en}` }, ind.targetKind === TargetKind.RELATIVE ? null : priorTarget + target);
  }

  const flow = isFlow(ind);
  const actual = priorActual + inYear.a.value;
  const goal = priorTarget + (flow ? target * inYear.p.fraction : target);
  const ratio = ratioOf(direction, actual, goal);
  const status = inYearStatus(direction, actual, goal, tol);
  const period = flow ? `${inYear.p.label}${inYear.p.fraction < 1 ? '（年内累计）' : ''}` : inYear.p.label;
  const goalText = flow ? `按进度目标 ${formatNumber(goal)}${unit}（年度目标 ${formatNumber(target)}${unit} 的 ${(inYear.p.fraction * 100).toFixed(0)}%）${note}` : `年度目标 ${mark}${formatNumber(goal)}${unit}${note}`;
  const periodEn = flow ? `${inYear.p.labelEn}${inYear.p.fraction < 1 ? ' (year to date)' : ''}` : inYear.p.labelEn;
  const goalTextEn = flow
    ? `pro-rated target ${formatNumber(goal)}${unit} (${(inYear.p.fraction * 100).toFixed(0)}% of the year target ${formatNumber(target)}${unit})${noteEn}`
    : `year target ${markEn}${formatNumber(goal)}${unit}${noteEn}`;
  return {
    year,
    status,
    ratio,
    actualValue: actual,
    targetValue: goal,
    provisional: true,
    explanation: `${ind.cumulative && year > firstYear ? `${firstYear}–${year - 1}年累计加` : ''}${period}实际 ${formatNumber(actual)}${unit}，${goalText}，${ratio != null ? `完成 ${pct(ratio)}，` : ''}${STATUS_WORDS[status]}（暂定）`,
    explanationEn: `${ind.cumulative && year > firstYear ? `${firstYear}–${year - 1} cumulative plus ` : ''}${periodEn}: actual ${formatNumber(actual)}${unit}, ${goalTextEn}, ${ratio != null ? `${pct(ratio)} complete, ` : ''}${STATUS_WORDS_EN[status]} (provisional)`,
  };
}
