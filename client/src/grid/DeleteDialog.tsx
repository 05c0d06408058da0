import { fmt, useI18n } from '../i18n';
import { Dialog } from '../ui/Dialog';
import type { Row, TableSpec } from '../tables/types';
import { rowLabel } from './labels';

/** Asks before rows are deleted: they go with their responsibilities and links, and cannot be undone. */
export function DeleteDialog({ spec, rows, onCancel, onConfirm }: { spec: TableSpec; rows: Row[]; onCancel(): void; onConfirm(): void }) {
  const { lang, t } = useI18n();
  return (
    <Dialog
      title={t({ zh: '确认删除', en: 'Delete rows?' })}
      onClose={onCancel}
      footer={
        <>
          <button type="button" onClick={onCancel}>
            {t({ zh: '取消', en: 'Cancel' })}
          </button>
          <button type="button" className="danger primary" onClick={onConfirm} data-testid="confirm-delete">
            {fmt(t({ zh: '删除 {n} 行', en: 'Delete {n} row(s)' }), { n: rows.length })}
          </button>
        </>
      }
    >
      <p>{t({ zh: '以下各行将连同其责任单位和关联一起删除，删除后不能撤销：', en: 'These rows will be deleted with their responsibilities and links. This cannot be undone:' })}</p>
      <ul className="plain delete-list">
        {rows.slice(0, 12).map((r) => (
          <li key={r.id}>
            <strong>{rowLabel(spec, r, lang)}</strong> {spec.key === 'departments' ? '' : String(r[spec.titleField] ?? '')}
          </li>
        ))}
        {rows.length > 12 && <li className="muted">{fmt(t({ zh: '…另有 {n} 行', en: '…and {n} more' }), { n: rows.length - 12 })}</li>}
      </ul>
    </Dialog>
  );
}
