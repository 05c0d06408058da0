import { TargetKind, TargetMethod } from '../../schema/indicators/indicator.enums';
import { LAST_TARGET_YEAR, TARGET_YEARS } from '../../schema/year-targets/year-target.years';

/** What an indicator's year targets are derived from. */
export interface TargetInputs {
  targetKind: TargetKind;
  targetValue?: number | null;
  annualGrowthPct?: number | null;
  cumulative: boolean;
  baseValue?: number | null;
  baseYear: number;
  /** As stored: null means the default for the target kind. */
  targetMethod?: TargetMethod | null;
}

/**
 * The method when none is chosen: five-year totals (*) split evenly; a number to reach (1500, 13左右)
 * from the base at a constant rate; a bound (达到68以上, 控制在50以内) held every year; 与GDP同步 and
 * 市下达目标 entered each year.
 */
export function defaultMethod(kind: TargetKind, cumulative: boolean): TargetMethod {
  if (cumulative) return TargetMethod.EVEN_SPLIT;
  switch (kind) {
    case TargetKind.EXACT:
    case TargetKind.APPROX:
      return TargetMethod.GEOMETRIC;
    case TargetKind.AT_LEAST:
    case TargetKind.AT_MOST:
      return TargetMethod.FINAL;
    default:
      return TargetMethod.MANUAL;
  }
}

export const methodOf = (i: Pick<TargetInputs, 'targetKind' | 'cumulative' | 'targetMethod'>): TargetMethod => i.targetMethod ?? defaultMethod(i.targetKind, i.cumulative);

/** Methods that start from the base year's value. */
export const NEEDS_BASE = new Set([TargetMethod.GEOMETRIC, TargetMethod.GROWTH_RATE, TargetMethod.LINEAR]);

/** Four decimals: enough for every unit the plan uses, and no float noise (1499.9999999 → 1500). */
const round = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * One year's derived target, or null where the method cannot give one (no base, no 2020 value, no
 * growth, a MANUAL year). k counts the years from the base year, n those from the base to 2020:
 * GEOMETRIC base·(T/base)^(k/n); GROWTH_RATE base·(1+g)^k; LINEAR base + (T−base)·k/n; EVEN_SPLIT T/5
 * (a cumulative indicator's yearly share; it is judged on the running sum); FINAL T.
 */
export function deriveYearTarget(i: TargetInputs, year: number): number | null {
  const method = methodOf(i);
  const T = i.targetValue ?? null;
  const base = i.baseValue ?? null;
  const k = year - i.baseYear;
  const n = LAST_TARGET_YEAR - i.baseYear;
  if (k <= 0 || n <= 0) return null;
  switch (method) {
    case TargetMethod.GEOMETRIC:
      if (T == null || base == null || base <= 0 || T <= 0) return null;
      return round(base * Math.pow(T / base, k / n));
    case TargetMethod.GROWTH_RATE:
      if (base == null || i.annualGrowthPct == null) return null;
      return round(base * Math.pow(1 + i.annualGrowthPct / 100, k));
    case TargetMethod.LINEAR:
      if (T == null || base == null) return null;
      return round(base + ((T - base) * k) / n);
    case TargetMethod.EVEN_SPLIT:
      return T == null ? null : round(T / TARGET_YEARS.length);
    case TargetMethod.FINAL:
      return T;
    case TargetMethod.MANUAL:
      return null;
  }
}

/** Every year's derived target, 2016–2020. */
export function deriveYearTargets(i: TargetInputs): Map<number, number | null> {
  return new Map(TARGET_YEARS.map((y) => [y, deriveYearTarget(i, y)]));
}
