import type { Lang } from '../../i18n';
import type { EvaluationStatus } from '../../api/generated/graphql';
import { STATUS_LABEL } from './text';

/** An evaluation's follow-up status as a coloured label. */
export function StatusBadge({ status, lang }: { status: EvaluationStatus; lang: Lang }) {
  return (
    <span className={`evaluation-status evaluation-status-${status.toLowerCase()}`} data-status={status}>
      {STATUS_LABEL[status][lang]}
    </span>
  );
}
