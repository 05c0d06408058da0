import { TargetKind } from '../../schema/indicators/indicator.enums';

export interface ParsedTarget {
  kind: TargetKind;
  value: number | null;
}

const NUM = '(\\d+(?:\\.\\d+)?)';
const RULES: [RegExp, TargetKind][] = [
  [new RegExp(`^${NUM}$`), TargetKind.EXACT],
  [new RegExp(`^${NUM}(?:左右|上下)$`), TargetKind.APPROX],
  [new RegExp(`^(?:达到|不低于|至少|≥|>=)?${NUM}(?:以上|及以上)?$`), TargetKind.AT_LEAST],
  [new RegExp(`^(?:控制在|不超过|不高于|≤|<=)?${NUM}(?:以内|以下|及以下)?$`), TargetKind.AT_MOST],
];

/**
 * Reads how the plan states a target: 1500 (EXACT), 13左右 (APPROX), 达到68以上 (AT_LEAST),
 * 控制在50以内 (AT_MOST), 与GDP同步 (RELATIVE, no number), 市下达目标 (ASSIGNED, no number).
 * Returns null for a text it cannot read, so the caller can name the cell. 同上 is not read here:
 * it means the row above's target, which only the caller knows.
 */
export function parseTarget(text: string): ParsedTarget | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '').replace(/\*$/, '');
  if (!t) return null;
  for (const [re, kind] of RULES) {
    const m = re.exec(t);
    // A bare number is EXACT; the AT_LEAST/AT_MOST rules only count with one of their words.
    if (m && (kind === TargetKind.EXACT || kind === TargetKind.APPROX || t !== m[1])) return { kind, value: Number(m[1]) };
  }
  if (/^与.+同步$/.test(t) || /同步$/.test(t)) return { kind: TargetKind.RELATIVE, value: null };
  if (/下达/.test(t)) return { kind: TargetKind.ASSIGNED, value: null };
  return null;
}

/** The plan's "same as above". */
export const SAME_AS_ABOVE = '同上';
