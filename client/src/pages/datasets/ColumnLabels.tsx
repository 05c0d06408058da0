import { useI18n } from '../../i18n';
import type { ColumnSpec } from './analysis';

/**
 * The query's columns (paths of its leaf fields, in the order the links give them) with the header
 * each gets in the CSV, XLSX and JSON links, typed in place. A new column starts with the label the
 * server proposes (the field's Chinese label); an emptied one is headed by its path.
 */
export function ColumnLabels({ columns, labelOf, onChange, disabled }: { columns: ColumnSpec[]; labelOf(path: string): string; onChange(path: string, label: string): void; disabled?: boolean }) {
  const { t } = useI18n();
  if (!columns.length) return <p className="muted" data-testid="dataset-labels">{t({ zh: '查询还没有选出字段。', en: 'The query selects no fields yet.' })}</p>;
  return (
    <table className="dataset-labels" data-testid="dataset-labels">
      <thead>
        <tr>
          <th>{t({ zh: '列（字段路径）', en: 'Column (field path)' })}</th>
          <th>{t({ zh: '列名（链接中的表头）', en: 'Label (the header in the links)' })}</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((c) => (
          <tr key={c.path}>
            <td>
              <label htmlFor={`dataset-label-${c.path}`}>
                <code>{c.path}</code>
              </label>
            </td>
            <td>
              <input id={`dataset-label-${c.path}`} value={labelOf(c.path)} onChange={(e) => onChange(c.path, e.target.value)} placeholder={c.path} disabled={disabled} data-testid={`dataset-label-${c.path}`} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
