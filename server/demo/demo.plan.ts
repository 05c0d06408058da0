import { TargetKind, TargetMethod } from '../../schema/indicators/indicator.enums';
import { LedgerState, PeriodKind } from '../../schema/ledger/ledger.enums';
import { deriveYearTargets, methodOf } from '../year-targets/derive';

/**
 * The demo data set, computed (no database here): from the plan's indicators and milestones, the
 * base values to fill in and the ledger entries a year and a half of running the plan might have
 * left. Deterministic: every number comes from a PRNG seeded with the item's natural key (plan code
 * and seq, never a database id), so every run on every database gives the same rows, and a
 * milestone added to the plan changes none of the others.
 */

/** Every demo entry's progress text starts with it, so the data says what it is wherever it shows. */
export const DEMO_LABEL = '【演示数据】';

/** The outcome an item is given: most on track, some at risk within the tolerance, a few off track. */
export type Outcome = 'onTrack' | 'atRisk' | 'offTrack';

export interface DemoIndicator {
  id: number;
  planCode: string;
  seq: number;
  name: string;
  unit: string;
  targetKind: TargetKind;
  targetValue: number | null;
  annualGrowthPct: number | null;
  cumulative: boolean;
  baseValue: number | null;
  baseYear: number;
  targetMethod: TargetMethod | null;
  leadDepartmentId: number | null;
}

export interface DemoMilestone {
  id: number;
  planCode: string;
  specialTargetSeq: number;
  seq: number;
  name: string;
  value: number;
  unit: string;
  year: number;
  cumulative: boolean;
  leadDepartmentId: number | null;
}

export interface DemoEntry {
  /** `indicator:<id>` or `milestone:<id>`. */
  itemKey: string;
  indicatorId: number | null;
  milestoneId: number | null;
  departmentId: number;
  period: string;
  periodKind: PeriodKind;
  year: number;
  actualValue: number;
  progressText: string;
  state: LedgerState;
  returnReason: string | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Years with approved year entries, and the months of 2019 filed so far. */
export const DEMO_YEARS = [2016, 2017, 2018] as const;
export const DEMO_YEAR = 2019;
export const DEMO_LAST_MONTH = 6;
/** How many indicators have June waiting for approval, returned, and July in draft. */
const SUBMITTED_COUNT = 3;
const RETURNED_COUNT = 1;
const DRAFT_COUNT = 3;

const SEED = 'plan-hub-demo-2019';

/** FNV-1a, 32 bits: the seed of one item's PRNG. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and the same on every platform. */
export function prng(key: string): () => number {
  let a = hash(`${SEED}:${key}`);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (r: () => number, lo: number, hi: number) => lo + (hi - lo) * r();

/** As a statistics office would report it: four significant figures at most, whole numbers from 1,000. */
export function roundValue(v: number): number {
  const a = Math.abs(v);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 3;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

const isPercent = (unit: string) => unit.includes('%');
/** Flows are reported year-to-date (GDP, revenue, a five-year total's yearly amount); levels and rates as they stand. */
const isFlow = (i: { unit: string; cumulative: boolean }) => i.cumulative || /亿元|万元|亿美元|万美元/.test(i.unit);
const lowerIsBetter = (i: { targetKind?: TargetKind }) => i.targetKind === TargetKind.AT_MOST;

const utc = (y: number, m: number, d: number, h = 9) => new Date(Date.UTC(y, m - 1, d, h));
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A plausible 2015 value for an indicator that has none, from its 2020 target and method: a growth
 * indicator's base is its target taken back five years at its growth rate; a share or a count
 * somewhat below its target; a bound a little short of it (above it for 控制在…以内); a five-year
 * total's 2015 amount a little under a fifth; a rate entered yearly (与GDP同步, 市下达目标) a typical
 * rate. null where nothing plausible can be said (no target and not a rate).
 */
export function demoBaseValue(i: DemoIndicator): number | null {
  const r = prng(`base:${i.planCode}:${i.seq}`);
  const T = i.targetValue;
  const method = methodOf(i);
  const years = 2020 - i.baseYear;
  if (T == null || method === TargetMethod.MANUAL) {
    if (!isPercent(i.unit)) return null;
    return roundValue(i.targetKind === TargetKind.RELATIVE ? between(r, 7.5, 9.5) : between(r, 3, 5));
  }
  if (method === TargetMethod.EVEN_SPLIT) return roundValue((T / 5) * between(r, 0.8, 0.95));
  if (method === TargetMethod.FINAL) return roundValue(lowerIsBetter(i) ? T * between(r, 1.15, 1.3) : T * between(r, 0.93, 0.98));
  if (i.annualGrowthPct != null && i.annualGrowthPct > -100) return roundValue(T / Math.pow(1 + i.annualGrowthPct / 100, years));
  return countRound(isPercent(i.unit) ? T * between(r, 0.86, 0.94) : T * between(r, 0.7, 0.85), i.unit);
}

/**
 * Each indicator's outcome: drawn from its PRNG (about 65 % on track, 20 % at risk, 15 % off track),
 * except that the first bound to stay under (PM2.5 控制在50以内) and the first five-year total are off
 * track, so the board shows a missed at-most and a lagging running sum.
 */
export function outcomes(indicators: DemoIndicator[]): Map<number, Outcome> {
  const out = new Map<number, Outcome>();
  for (const i of indicators) {
    const x = prng(`outcome:${i.planCode}:${i.seq}`)();
    out.set(i.id, x < 0.65 ? 'onTrack' : x < 0.85 ? 'atRisk' : 'offTrack');
  }
  const atMost = indicators.find((i) => i.targetKind === TargetKind.AT_MOST && i.targetValue != null);
  if (atMost) out.set(atMost.id, 'offTrack');
  const cumulative = indicators.find((i) => i.cumulative && i.targetValue != null);
  if (cumulative) out.set(cumulative.id, 'offTrack');
  return out;
}

/** The performance against target in a year: above 1 is better than the target. */
function performance(outcome: Outcome, year: number, r: () => number): number {
  if (outcome === 'onTrack') return 1 + between(r, 0.005, 0.04);
  if (outcome === 'atRisk') return year < DEMO_YEAR ? 1 + between(r, 0.002, 0.02) : 1 - between(r, 0.015, 0.035);
  if (year === 2016) return 1 + between(r, 0.0, 0.015);
  if (year === 2017) return 1 - between(r, 0.03, 0.06);
  return 1 - between(r, 0.08, 0.14);
}

/** Things counted one by one (个, 家, 件, 人): whole numbers once there are ten or more. */
const isCount = (unit: string) => /^(个|家|件|项|所|人|名|人次)$/.test(unit);
const countRound = (v: number, unit: string) => (isCount(unit) && Math.abs(v) >= 10 ? Math.round(v) : roundValue(v));

/** A value from a target and a performance, in the direction the target kind wants; shares stay ≤ 100 %. */
function actual(target: number, p: number, lower: boolean, unit: string): number {
  let v = lower ? target / p : target * p;
  if (isPercent(unit)) v = Math.min(v, 100);
  return countRound(v, unit);
}

const fmtNumber = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 3 });

function yearText(year: number, v: number, target: number | null, unit: string, lower: boolean, flow: boolean, withoutTarget = '年度目标待定，按上级下达目标跟踪。'): string {
  const what = flow ? `${year}年全年完成 ${fmtNumber(v)}${unit}` : `${year}年实际 ${fmtNumber(v)}${unit}`;
  if (target == null) return `${DEMO_LABEL}${what}。${withoutTarget}`;
  const met = lower ? v <= target : v >= target;
  return `${DEMO_LABEL}${what}，年度目标 ${fmtNumber(roundValue(target))}${unit}，${met ? '完成年度目标，各项工作按计划推进。' : '未完成年度目标，已分析原因并制定整改措施。'}`;
}

function periodText(label: string, v: number, unit: string, flow: boolean, outcome: Outcome | null): string {
  const what = flow ? `${label}累计完成 ${fmtNumber(v)}${unit}` : `${label}为 ${fmtNumber(v)}${unit}`;
  const how = outcome === null ? '年度目标待上级下达，数据按月报送。' : outcome === 'onTrack' ? '进度符合序时要求。' : outcome === 'atRisk' ? '进度略慢于序时，正加快推进。' : '进度明显滞后，已约谈相关责任处室并督促整改。';
  return `${DEMO_LABEL}${what}，${how}`;
}

export const RETURN_REASON = `${DEMO_LABEL}佐证材料不完整：请补充统计部门出具的月度报表后重新提交。`;

interface Slot {
  period: string;
  periodKind: PeriodKind;
  year: number;
  actualValue: number;
  progressText: string;
}

/** One slot's entry, in a state, with the dates a department and the office would have given it. */
function entry(item: { itemKey: string; indicatorId: number | null; milestoneId: number | null; departmentId: number }, s: Slot, state: LedgerState): DemoEntry {
  // Filed early in the following period; the office decides within days.
  let filed: Date;
  if (s.periodKind === PeriodKind.YEAR) filed = utc(s.year + 1, 1, 15);
  else if (s.periodKind === PeriodKind.QUARTER) {
    const q = Number(s.period.slice(-1));
    filed = q === 4 ? utc(s.year + 1, 1, 10) : utc(s.year, q * 3 + 1, 10);
  } else {
    const m = Number(s.period.slice(5));
    filed = m === 12 ? utc(s.year + 1, 1, 8) : utc(s.year, m + 1, 8);
  }
  const createdAt = new Date(filed.getTime() - 2 * 86400_000);
  const submittedAt = state === LedgerState.DRAFT ? null : filed;
  const decidedAt = state === LedgerState.APPROVED || state === LedgerState.RETURNED ? new Date(filed.getTime() + 4 * 86400_000) : null;
  return {
    ...item,
    ...s,
    state,
    returnReason: state === LedgerState.RETURNED ? RETURN_REASON : null,
    submittedAt,
    decidedAt,
    createdAt,
    updatedAt: decidedAt ?? submittedAt ?? createdAt,
  };
}

/** Year targets by indicator id and year, as stored (derived or entered by hand). */
export type YearTargets = Map<number, Map<number, number | null>>;

/**
 * The ledger entries of the demo: for each indicator with a lead department, approved year entries
 * 2016–2018 and approved month entries (year-to-date for flows) for January–June 2019, except that a
 * few indicators' June waits for approval (SUBMITTED), one's June was returned with a reason, and a
 * few have July in draft; for each milestone, approved year entries and the first two quarters of
 * 2019 (one second quarter waiting). Ordered by item and period.
 */
export function demoEntries(indicators: DemoIndicator[], milestones: DemoMilestone[], yearTargets: YearTargets): DemoEntry[] {
  const entries: DemoEntry[] = [];
  const withLead = indicators.filter((i) => i.leadDepartmentId != null);
  const outcome = outcomes(withLead);
  // Which indicators' June is returned or waiting, and which have July in draft: the first by a PRNG order.
  const order = [...withLead].sort((a, b) => prng(`queue:${a.planCode}:${a.seq}`)() - prng(`queue:${b.planCode}:${b.seq}`)() || a.id - b.id);
  const returned = new Set(order.slice(0, RETURNED_COUNT).map((i) => i.id));
  const submitted = new Set(order.slice(RETURNED_COUNT, RETURNED_COUNT + SUBMITTED_COUNT).map((i) => i.id));
  const drafts = new Set(order.slice(RETURNED_COUNT + SUBMITTED_COUNT, RETURNED_COUNT + SUBMITTED_COUNT + DRAFT_COUNT).map((i) => i.id));

  for (const i of withLead) {
    const r = prng(`values:${i.planCode}:${i.seq}`);
    const o = outcome.get(i.id)!;
    const lower = lowerIsBetter(i);
    const flow = isFlow(i);
    const stored = yearTargets.get(i.id);
    const derived = deriveYearTargets(i);
    // A year without a target (MANUAL, 市下达目标) still gets a value near the base: the department reports what happened.
    const targetOf = (y: number) => stored?.get(y) ?? derived.get(y) ?? null;
    const reference = (y: number) => targetOf(y) ?? i.baseValue;
    const item = { itemKey: `indicator:${i.id}`, indicatorId: i.id, milestoneId: null, departmentId: i.leadDepartmentId! };
    for (const y of DEMO_YEARS) {
      const ref = reference(y);
      if (ref == null) continue;
      const v = actual(ref, performance(o, y, r), lower, i.unit);
      entries.push(entry(item, { period: String(y), periodKind: PeriodKind.YEAR, year: y, actualValue: v, progressText: yearText(y, v, targetOf(y), i.unit, lower, flow) }, LedgerState.APPROVED));
    }
    const ref = reference(DEMO_YEAR);
    if (ref == null) continue;
    const p = performance(o, DEMO_YEAR, r);
    const lastMonth = drafts.has(i.id) ? DEMO_LAST_MONTH + 1 : DEMO_LAST_MONTH;
    let share = 0;
    for (let m = 1; m <= lastMonth; m++) {
      // Year-to-date share of the year for flows, a little uneven month to month; levels wander slightly.
      share = Math.max(share, (m / 12) * (1 + between(r, -0.012, 0.012)));
      const wobble = 1 + between(r, -0.004, 0.004);
      const v = flow ? countRound(actual(ref, p, lower, i.unit) * share, i.unit) : actual(ref, p * wobble, lower, i.unit);
      const label = flow && m > 1 ? `${DEMO_YEAR}年1—${m}月` : `${DEMO_YEAR}年${m}月`;
      const state =
        m > DEMO_LAST_MONTH ? LedgerState.DRAFT
        : m < DEMO_LAST_MONTH ? LedgerState.APPROVED
        : returned.has(i.id) ? LedgerState.RETURNED
        : submitted.has(i.id) ? LedgerState.SUBMITTED
        : LedgerState.APPROVED;
      entries.push(entry(item, { period: `${DEMO_YEAR}-${pad(m)}`, periodKind: PeriodKind.MONTH, year: DEMO_YEAR, actualValue: v, progressText: periodText(label, v, i.unit, flow, targetOf(DEMO_YEAR) == null ? null : o) }, state));
    }
  }

  const msWithLead = milestones.filter((m) => m.leadDepartmentId != null);
  const waiting = msWithLead.filter((m) => m.year >= DEMO_YEAR).sort((a, b) => prng(`queue:m:${a.planCode}:${a.specialTargetSeq}:${a.seq}`)() - prng(`queue:m:${b.planCode}:${b.specialTargetSeq}:${b.seq}`)() || a.id - b.id)[0];
  for (const ms of msWithLead) {
    const key = `${ms.planCode}:${ms.specialTargetSeq}:${ms.seq}`;
    const r = prng(`milestone:${key}`);
    const x = prng(`outcome:m:${key}`)();
    const o: Outcome = x < 0.65 ? 'onTrack' : x < 0.85 ? 'atRisk' : 'offTrack';
    const item = { itemKey: `milestone:${ms.id}`, indicatorId: null, milestoneId: ms.id, departmentId: ms.leadDepartmentId! };
    const span = Math.max(1, ms.year - 2015);
    const base = ms.value * (isPercent(ms.unit) ? between(r, 0.75, 0.9) : between(r, 0.45, 0.65)); // a share or coverage rate starts nearer its aim
    // A level climbs from its 2015 value to the aim in a straight line; a five-year total's yearly share is a fifth.
    const target = (y: number) => (ms.cumulative ? ms.value / span : base + ((ms.value - base) * Math.min(1, (y - 2015) / span)));
    // Things counted one by one are whole numbers; a five-year total's years are the steps of its rounded running sum, so small totals (1所) still add up.
    const whole = isCount(ms.unit) && Number.isInteger(ms.value);
    const round = (v: number) => (whole ? Math.round(v) : roundValue(v));
    let running = 0;
    let reported = 0;
    const flowValue = (amount: number) => (whole ? Math.round(running + amount) - reported : roundValue(amount));
    for (const y of DEMO_YEARS) {
      if (y > ms.year) break;
      const p = performance(o, y, r);
      let v: number;
      if (ms.cumulative) {
        v = flowValue(target(y) * p);
        running += target(y) * p;
        reported += v;
      } else v = round(actual(target(y), p, false, ms.unit));
      entries.push(entry(item, { period: String(y), periodKind: PeriodKind.YEAR, year: y, actualValue: v, progressText: yearText(y, v, null, ms.unit, false, ms.cumulative, `规划目标 ${fmtNumber(ms.value)}${ms.unit}（${ms.year}年）。`) }, LedgerState.APPROVED));
    }
    if (ms.year < DEMO_YEAR) continue;
    const p = performance(o, DEMO_YEAR, r);
    for (const q of [1, 2]) {
      const v = ms.cumulative
        ? flowValue(target(DEMO_YEAR) * p * (q / 4))
        : round(actual(target(DEMO_YEAR), p * (1 + between(r, -0.004, 0.004)), false, ms.unit)); // a level is held against the year's target, as an indicator's month is
      const state = q === 2 && ms === waiting ? LedgerState.SUBMITTED : LedgerState.APPROVED;
      entries.push(entry(item, { period: `${DEMO_YEAR}-Q${q}`, periodKind: PeriodKind.QUARTER, year: DEMO_YEAR, actualValue: v, progressText: periodText(`${DEMO_YEAR}年${q === 1 ? '一季度' : '上半年'}`, v, ms.unit, ms.cumulative, o) }, state));
    }
  }
  return entries;
}
