import type { Lang } from '../../i18n';
import { LOOP_TEXT } from './loop';
import './rectifications.css';

/** 已逾期: a rectification past its deadline and not done (Rectification.overdue, judged by the server when asked). */
export function OverdueBadge({ lang }: { lang: Lang }) {
  return (
    <span className="loop-overdue" title={LOOP_TEXT.overdueHint[lang]} data-testid="overdue">
      {LOOP_TEXT.overdue[lang]}
    </span>
  );
}
