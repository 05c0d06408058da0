import { fmt, formatNumber, useI18n } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import type { ImportResult } from '../../api/transfer';
import type { ApplyHint } from './importReducer';

/** The Apply button with its counts, and why it is disabled when it is. */
export function ApplyBar({ preview, changes, canApply, hint, onApply }: { preview: ImportResult | null; changes: number; canApply: boolean; hint: ApplyHint; onApply(): void }) {
  const { lang, t } = useI18n();
  let text = '';
  if (hint === 'checking') text = t({ zh: '正在检查文件…', en: 'Checking the file…' });
  else if (hint === 'problems' && preview)
    text = fmt(t({ zh: '文件中有 {n} 个问题：请在文件中改正后重新选择文件。', en: 'The file has {n} problem(s): correct them in the file and choose it again.' }), { n: formatNumber(preview.problemCount, lang) });
  else if (hint === 'nothing') text = t({ zh: '文件与数据库中的数据一致，没有需要导入的变化。', en: 'The file matches the data: there is nothing to import.' });
  return (
    <div className="apply-bar">
      <button type="button" className="primary" disabled={!canApply} onClick={onApply} data-testid="import-apply">
        {preview && changes > 0
          ? fmt(t({ zh: '导入（新增 {c}、更新 {u}、删除 {d}）', en: 'Apply (create {c}, update {u}, delete {d})' }), { c: preview.created, u: preview.updated, d: preview.deleted })
          : t({ zh: '导入', en: 'Apply' })}
      </button>
      {text && (
        <span className="muted" data-testid="apply-hint">
          {text}
        </span>
      )}
    </div>
  );
}

/** Asks before an import that deletes rows: they go with their responsibilities and links. */
export function ConfirmImportDialog({ preview, onCancel, onConfirm }: { preview: ImportResult; onCancel(): void; onConfirm(): void }) {
  const { t } = useI18n();
  return (
    <Dialog
      title={t({ zh: '确认导入并删除', en: 'Import and delete?' })}
      onClose={onCancel}
      footer={
        <>
          <button type="button" onClick={onCancel}>
            {t({ zh: '取消', en: 'Cancel' })}
          </button>
          <button type="button" className="danger primary" onClick={onConfirm} data-testid="confirm-import">
            {fmt(t({ zh: '导入并删除 {n} 行', en: 'Import and delete {n} row(s)' }), { n: preview.deleted })}
          </button>
        </>
      }
    >
      <p>
        {fmt(
          t({
            zh: '文件中没有的 {n} 行将连同其责任单位和关联一起删除，不能撤销。其余变化：新增 {c} 行，更新 {u} 行。',
            en: 'The {n} row(s) the file does not have will be deleted with their responsibilities and links; this cannot be undone. Also: {c} created, {u} updated.',
          }),
          { n: preview.deleted, c: preview.created, u: preview.updated },
        )}
      </p>
    </Dialog>
  );
}
