import { useI18n } from '../i18n';
import { PLAN_YEARS, setShownStatusYear, useShownStatusYear } from './statusYear';

/** The year the 完成状态 column judges by (kept in this browser; the department page follows it too). */
export function StatusYearPicker() {
  const { lang, t } = useI18n();
  const year = useShownStatusYear();
  return (
    <label className="status-year" title={t({ zh: '“完成状态”列按哪一年的目标和已审核台账判断', en: 'The year the Status column judges, from its targets and approved entries' })}>
      {t({ zh: '状态年份', en: 'Status year' })}{' '}
      <select data-testid="status-year" value={year} onChange={(e) => setShownStatusYear(Number(e.target.value))}>
        {PLAN_YEARS.map((y) => (
          <option key={y} value={y}>
            {lang === 'zh' ? `${y}年` : y}
          </option>
        ))}
      </select>
    </label>
  );
}
