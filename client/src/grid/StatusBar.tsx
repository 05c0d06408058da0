import { fmt, formatNumber, useI18n } from '../i18n';
import type { GridAccess } from './access';
import type { Counts } from './hooks/useGridData';
import { EditHint } from './EditHint';

/** Below the grid: how many rows (of how many), loaded, selected; whether every change is saved. */
export function StatusBar({ counts, infinite, pending, access }: { counts: Counts; infinite: boolean; pending: number; access: GridAccess }) {
  const { lang, t } = useI18n();
  const filtered = counts.all != null && counts.matching !== counts.all;
  return (
    <div className="status-bar" role="status" data-testid="status-bar">
      <span data-testid="status-count">
        {filtered
          ? fmt(t({ zh: '共 {all} 行，筛选后 {n} 行', en: '{n} of {all} rows match' }), { all: formatNumber(counts.all!, lang), n: formatNumber(counts.matching, lang) })
          : fmt(t({ zh: '共 {n} 行', en: '{n} rows' }), { n: formatNumber(counts.all ?? counts.matching, lang) })}
      </span>
      {infinite && <span data-testid="status-loaded">{fmt(t({ zh: '已加载 {n} 行', en: '{n} loaded' }), { n: formatNumber(counts.loaded, lang) })}</span>}
      {counts.selected > 0 && <span>{fmt(t({ zh: '已选 {n} 行', en: '{n} selected' }), { n: formatNumber(counts.selected, lang) })}</span>}
      <span className={`save-state${pending ? ' busy' : ''}`} data-testid="save-state">
        {pending ? fmt(t({ zh: '正在保存 {n} 项…', en: 'Saving {n}…' }), { n: pending }) : t({ zh: '所有修改已保存', en: 'All changes saved' })}
      </span>
      <EditHint access={access} />
    </div>
  );
}
