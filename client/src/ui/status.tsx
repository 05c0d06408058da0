import type { Lang, Text } from '../i18n';
import { useI18n } from '../i18n';
import type { ProgressStatus } from '../api/generated/graphql';
import './status.css';

export type { ProgressStatus };

/** The statuses in attention order (the board's counts, the department scorecard). */
export const STATUSES: ProgressStatus[] = ['OFF_TRACK', 'MISSED', 'AT_RISK', 'ON_TRACK', 'ACHIEVED', 'NO_DATA'];

export const STATUS_LABEL: Record<ProgressStatus, Text> = {
  ACHIEVED: { zh: '已完成', en: 'Achieved' },
  MISSED: { zh: '未完成', en: 'Missed' },
  ON_TRACK: { zh: '进度正常', en: 'On track' },
  AT_RISK: { zh: '有风险', en: 'At risk' },
  OFF_TRACK: { zh: '滞后', en: 'Off track' },
  NO_DATA: { zh: '无数据', en: 'No data' },
};

/** Attention order: the ones to act on first. */
export const STATUS_RANK: Record<ProgressStatus, number> = { OFF_TRACK: 0, MISSED: 1, AT_RISK: 2, NO_DATA: 3, ON_TRACK: 4, ACHIEVED: 5 };

export { PLAN_FIRST_YEAR, PLAN_LAST_YEAR, PLAN_YEARS, statusYear, shownStatusYear, setShownStatusYear, useShownStatusYear } from './statusYear';

/** A status as a coloured label; the explanation, in the page's language, is its tooltip. */
export function StatusChip({ status, explanation, explanationEn, lang }: { status: ProgressStatus; explanation?: string | null; explanationEn?: string | null; lang?: Lang }) {
  const { lang: current } = useI18n();
  const l = lang ?? current;
  const title = (l === 'en' && explanationEn) || explanation || undefined;
  return (
    <span className={`status-chip status-${status.toLowerCase()}`} data-status={status} title={title}>
      {STATUS_LABEL[status][l]}
    </span>
  );
}
