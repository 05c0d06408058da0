import { LedgerState } from '../../schema/ledger/ledger.enums';
import { isPeriodError, parsePeriod, PERIOD_HINT } from '../../schema/ledger/ledger.period';
import { ProgressStatus } from '../../schema/progress/progress.enums';
import { BulletinChangeField, type BulletinChange, type BulletinDepartment, type BulletinItem } from '../../schema/bulletins/bulletin.types';
import { badInput } from '../errors';
import { formatNumber } from '../progress/completion';

/**
 * The bulletin's rules that need no database (issue 15): which month is meant, when it ends, which
 * ledger submissions are overdue, and what changed between two bulletins. Pure functions, tested
 * with values fed in directly.
 */

export interface BulletinMonth {
  /** Canonical: 2019-06. */
  month: string;
  year: number;
  /** 1–12. */
  part: number;
}

/**
 * The month of a bulletin, read as loosely as the ledger reads periods (2019-06, 2019-6, 2019.06,
 * 2019年6月, full-width digits…); a year or a quarter, or anything else, is BAD_USER_INPUT naming it.
 */
export function parseBulletinMonth(raw: string, field = 'month'): BulletinMonth {
  const parsed = parsePeriod(String(raw ?? ''));
  if (isPeriodError(parsed)) throw badInput(field, parsed.error.replace(PERIOD_HINT, `a month such as 2019-06 (${PERIOD_HINT})`));
  if (parsed.kind !== 'MONTH') throw badInput(field, `"${raw}" is a ${parsed.kind.toLowerCase()}, not a month: a bulletin is monthly, give a month such as ${parsed.year}-06`);
  return { month: parsed.period, year: parsed.year, part: parsed.part! };
}

/** The last day of the month, 2019-06-30. */
export function periodEnd(m: BulletinMonth): string {
  const last = new Date(Date.UTC(m.year, m.part, 0)).getUTCDate();
  return `${m.month}-${String(last).padStart(2, '0')}`;
}

/** The last moment of the month in Beijing time (UTC+8), the instant the month's bulletin is judged at. */
export function monthEndInstant(m: BulletinMonth): Date {
  return new Date(Date.UTC(m.year, m.part, 1) - 8 * 3600_000 - 1);
}

/** 2019年6月经济责任制指标进度通报 */
export const bulletinTitle = (m: BulletinMonth) => `${m.year}年${m.part}月经济责任制指标进度通报`;

/**
 * The ledger periods whose entry settles a month's report: the month itself, the quarter that ends
 * with it (2019-Q2 for 2019-06, none for 2019-05), and the year (a year's value settles its months).
 */
export function periodsSettling(m: BulletinMonth): string[] {
  return [m.month, ...(m.part % 3 === 0 ? [`${m.year}-Q${m.part / 3}`] : []), String(m.year)];
}

/** What the overdue rule reads: who leads which item, and the month's entries (any state). */
export interface LeadHolding {
  departmentId: number;
  itemKey: string;
}
export interface MonthEntry {
  departmentId: number;
  itemKey: string;
  period: string;
  state: LedgerState;
}
export interface OverdueSubmission {
  departmentId: number;
  itemKey: string;
  /** The state of the department's own entry for the month (or a settling period) when it has one that is not handed in. */
  state: LedgerState | null;
}

const HANDED_IN = new Set([LedgerState.SUBMITTED, LedgerState.APPROVED]);

/**
 * Overdue ledger submissions for a month — the one rule:
 * - every LEAD department (牵头单位) of an indicator or milestone owes, each month, an entry for it
 *   that is handed in: SUBMITTED or APPROVED (waiting for the office is not the department's delay);
 * - the entry's period must settle the month (periodsSettling: the month, the quarter ending with it,
 *   or the year);
 * - co-leads share the duty: one lead's handed-in entry settles the item for all its leads;
 * - supporters (配合单位) owe nothing: their figure does not count for the item (ledger-actuals.ts);
 * - DRAFT and RETURNED entries are not handed in: the item stays overdue, listed with that state.
 * Entries of other periods or of departments that do not lead the item are ignored. The result is
 * in the order of `leads`.
 */
export function overdueSubmissions(m: BulletinMonth, leads: readonly LeadHolding[], entries: readonly MonthEntry[]): OverdueSubmission[] {
  const settling = new Set(periodsSettling(m));
  const leadSet = new Set(leads.map((l) => `${l.departmentId}|${l.itemKey}`));
  const relevant = entries.filter((e) => settling.has(e.period) && leadSet.has(`${e.departmentId}|${e.itemKey}`));
  const settled = new Set(relevant.filter((e) => HANDED_IN.has(e.state)).map((e) => e.itemKey));
  return leads
    .filter((l) => !settled.has(l.itemKey))
    .map((l) => {
      const own = relevant.filter((e) => e.departmentId === l.departmentId && e.itemKey === l.itemKey);
      // The month's own entry first, then the quarter's, then the year's.
      const shown = own.sort((a, b) => a.period.length - b.period.length || a.period.localeCompare(b.period))[0];
      return { departmentId: l.departmentId, itemKey: l.itemKey, state: shown?.state ?? null };
    });
}

// ---- changes -------------------------------------------------------------------------------------

export const STATUS_WORDS: Record<ProgressStatus, string> = {
  [ProgressStatus.ACHIEVED]: '已完成',
  [ProgressStatus.MISSED]: '未完成',
  [ProgressStatus.ON_TRACK]: '进度正常',
  [ProgressStatus.AT_RISK]: '略低于进度',
  [ProgressStatus.OFF_TRACK]: '落后于进度',
  [ProgressStatus.NO_DATA]: '无数据',
};

const num = (v: number | null | undefined) => (v == null ? null : formatNumber(v));
const words = (s: string | null) => s ?? '（无）';

function change(field: BulletinChangeField, itemKey: string | null, name: string, department: string | null, before: string | null, after: string | null, label: string): BulletinChange {
  return { field, itemKey, name, department, before, after, description: `${name}${department ? `（${department}）` : ''}：${label} ${words(before)} → ${words(after)}` };
}

/** Every item of a bulletin once (an item is listed under each department that holds it), in first-seen order. */
export function uniqueItems(departments: readonly Pick<BulletinDepartment, 'items'>[]): Map<string, BulletinItem> {
  const out = new Map<string, BulletinItem>();
  for (const d of departments) for (const i of d.items) if (!out.has(i.itemKey)) out.set(i.itemKey, i);
  return out;
}

/**
 * Items whose status or value differ between two bulletins' items (or that are new or gone): the
 * "changes since the last bulletin", and the item part of what changed since publication
 * (`withTargets` adds a changed target).
 */
export function itemChanges(before: Map<string, BulletinItem>, after: Map<string, BulletinItem>, withTargets = false): BulletinChange[] {
  const out: BulletinChange[] = [];
  const lead = (i: BulletinItem) => i.leads.join('、') || null;
  for (const [key, now] of after) {
    const was = before.get(key);
    if (!was) {
      out.push(change(BulletinChangeField.ITEM, key, now.name, lead(now), null, STATUS_WORDS[now.status], '新列入'));
      continue;
    }
    if (was.status !== now.status) out.push(change(BulletinChangeField.STATUS, key, now.name, lead(now), STATUS_WORDS[was.status], STATUS_WORDS[now.status], '状态'));
    if (was.actualValue !== now.actualValue) out.push(change(BulletinChangeField.ACTUAL_VALUE, key, now.name, lead(now), num(was.actualValue), num(now.actualValue), '实际值'));
    if (withTargets && was.targetValue !== now.targetValue) out.push(change(BulletinChangeField.TARGET_VALUE, key, now.name, lead(now), num(was.targetValue), num(now.targetValue), '目标值'));
  }
  for (const [key, was] of before) if (!after.has(key)) out.push(change(BulletinChangeField.ITEM, key, was.name, lead(was), STATUS_WORDS[was.status], null, '不再列入'));
  return out;
}

/**
 * What differs between a bulletin as issued and as the data gives it now: its items' completion
 * (status, value, target), and each department's progress texts and overdue lists.
 */
export function contentChanges(issued: readonly BulletinDepartment[], now: readonly BulletinDepartment[]): BulletinChange[] {
  const out = itemChanges(uniqueItems(issued), uniqueItems(now), true);
  const texts = (ds: readonly BulletinDepartment[]) => new Map(ds.flatMap((d) => d.progressTexts.map((t) => [`${d.name}|${t.itemKey}`, { d: d.name, t }] as const)));
  const [textsBefore, textsAfter] = [texts(issued), texts(now)];
  for (const key of new Set([...textsBefore.keys(), ...textsAfter.keys()])) {
    const a = textsBefore.get(key);
    const b = textsAfter.get(key);
    if (a?.t.text === b?.t.text) continue;
    const { d, t } = (b ?? a)!;
    out.push(change(BulletinChangeField.PROGRESS_TEXT, t.itemKey, t.name, d, a?.t.text ?? null, b?.t.text ?? null, '工作进展'));
  }
  const overdue = (ds: readonly BulletinDepartment[]) => new Map(ds.flatMap((d) => d.overdueSubmissions.map((o) => [`${d.name}|${o.itemKey}`, { d: d.name, o }] as const)));
  const [dueBefore, dueAfter] = [overdue(issued), overdue(now)];
  for (const key of new Set([...dueBefore.keys(), ...dueAfter.keys()])) {
    const a = dueBefore.get(key);
    const b = dueAfter.get(key);
    if (!!a === !!b) continue;
    const { d, o } = (b ?? a)!;
    out.push(change(BulletinChangeField.OVERDUE_SUBMISSION, o.itemKey, o.name, d, a ? '逾期未报' : null, b ? '逾期未报' : null, '台账报送'));
  }
  const rect = (ds: readonly BulletinDepartment[]) => new Map(ds.flatMap((d) => d.overdueRectifications.map((r) => [`${d.name}|${r.id}`, { d: d.name, r }] as const)));
  const [rectBefore, rectAfter] = [rect(issued), rect(now)];
  for (const key of new Set([...rectBefore.keys(), ...rectAfter.keys()])) {
    const a = rectBefore.get(key);
    const b = rectAfter.get(key);
    if (!!a === !!b) continue;
    const { d, r } = (b ?? a)!;
    out.push(change(BulletinChangeField.OVERDUE_RECTIFICATION, `rectification:${r.id}`, r.problem, d, a ? '逾期' : null, b ? '逾期' : null, '整改'));
  }
  return out;
}
