import { useMemo, useState, type ReactNode } from 'react';
import { fmt, formatNumber, useI18n, type Lang } from '../../i18n';
import { problemReason, tableLabel, TRANSFER_TABLES, type ImportAction, type ImportProblem, type ImportRowPreview, type ImportTableResult } from '../../api/transfer';
import { TABLE_BY_KEY } from '../../tables/specs';
import type { TableKey } from '../../tables/types';

const ACTION_LABEL: Record<ImportAction, { zh: string; en: string }> = {
  CREATE: { zh: '新增', en: 'Create' },
  UPDATE: { zh: '更新', en: 'Update' },
  UNCHANGED: { zh: '不变', en: 'Unchanged' },
  DELETE: { zh: '删除', en: 'Delete' },
  ERROR: { zh: '有问题', en: 'Error' },
};

/** The cell that names the row best: its name, title or problem; the first text cell otherwise. */
function titleIndex(result: ImportTableResult): number {
  for (const f of ['name', 'title', 'problem']) {
    const i = result.columns.findIndex((c) => c.field === f);
    if (i >= 0) return i;
  }
  return result.columns.length > 1 ? 1 : 0;
}

export function RowsPreview({ result, problems, showTitle }: { result: ImportTableResult; problems: ImportProblem[]; showTitle: boolean }) {
  const { lang, t } = useI18n();
  const [onlyChanges, setOnlyChanges] = useState(false);
  const headerOf = useMemo(() => new Map(result.columns.map((c) => [c.field, c.header])), [result.columns]);
  const keyHeader = result.columns.find((c) => c.field === 'seq' || c.field === 'code')?.header ?? t({ zh: '键', en: 'Key' });
  const title = titleIndex(result);
  const byRow = useMemo(() => {
    const m = new Map<number, ImportProblem[]>();
    for (const p of problems) if (p.row != null && (!p.table || p.table === result.table)) m.set(p.row, [...(m.get(p.row) ?? []), p]);
    return m;
  }, [problems, result.table]);
  const rows = onlyChanges ? result.rows.filter((r) => r.action !== 'UNCHANGED') : result.rows;
  const shown = result.rows.length;
  const total = result.rowCount + result.deleted;
  const fieldLabel = (field: string) => {
    const header = headerOf.get(field);
    if (header) return header;
    const key = TRANSFER_TABLES.find((x) => x.table === result.table)?.key;
    const spec = key ? TABLE_BY_KEY[key as TableKey] : undefined;
    return spec?.fields.find((f) => f.name === field || f.patchKey === field)?.label[lang] ?? field;
  };
  return (
    <div className="import-block" data-testid="import-preview" data-table={result.table}>
      <h3>
        {showTitle ? `${tableLabel(result.table, lang)} · ` : ''}
        {t({ zh: '逐行预览', en: 'Rows' })}
        {shown < total && <span className="muted small">{fmt(t({ zh: '（显示前 {n} 行，共 {all} 行）', en: ' (the first {n} of {all})' }), { n: formatNumber(shown, lang), all: formatNumber(total, lang) })}</span>}
        <label className="checkbox-line small only-changes">
          <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} />
          {t({ zh: '只看有变化或有问题的行', en: 'Only rows that change or have problems' })}
        </label>
      </h3>
      <div className="table-scroll preview-scroll">
        <table className="plain-table preview-table">
          <thead>
            <tr>
              <th className="num">{t({ zh: '行', en: 'Row' })}</th>
              <th className="num">{keyHeader}</th>
              <th>{result.columns[title]?.header ?? ''}</th>
              <th>{t({ zh: '操作', en: 'Action' })}</th>
              <th>{t({ zh: '变化', en: 'Changes' })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <PreviewRow key={`${r.row}:${r.key}:${r.action}`} row={r} title={r.cells[title] ?? ''} rowProblems={r.row != null ? byRow.get(r.row) : undefined} fieldLabel={fieldLabel} lang={lang} />
            ))}
            {!rows.length && (
              <tr>
                <td colSpan={5} className="muted">
                  {t({ zh: '没有需要显示的行', en: 'No rows to show' })}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function PreviewRow({ row, title, rowProblems, fieldLabel, lang }: { row: ImportRowPreview; title: string; rowProblems?: ImportProblem[]; fieldLabel(field: string): string; lang: Lang }) {
  const empty = lang === 'zh' ? '（空）' : '(empty)';
  let detail: ReactNode = null;
  if (row.action === 'UPDATE')
    detail = row.changes.map((c) => (
      <div key={c.field} className="change" data-testid="change" data-field={c.field}>
        <span className="change-field">{fieldLabel(c.field)}{lang === 'zh' ? '：' : ':'}</span>
        <span className="history-before" data-testid="change-before">
          {c.before ?? empty}
        </span>
        <span aria-hidden="true">→</span>
        <span className="history-after" data-testid="change-after">
          {c.after ?? empty}
        </span>
      </div>
    ));
  else if (row.action === 'ERROR' && rowProblems?.length)
    detail = rowProblems.map((p, i) => (
      <div key={i} className="row-problem">
        {p.column ? <span className="change-field">{p.column}{lang === 'zh' ? '：' : ':'}</span> : null}
        {problemReason(p, lang)}
      </div>
    ));
  else if (row.action === 'DELETE') detail = <span className="muted">{lang === 'zh' ? '文件中没有这一行，将被删除' : 'not in the file: it will be deleted'}</span>;
  else if (row.action === 'CREATE') detail = <span className="muted">{lang === 'zh' ? '新的一行' : 'a new row'}</span>;
  return (
    <tr data-testid="preview-row" data-action={row.action} data-key={row.key} data-row={row.row ?? ''} className={`action-${row.action.toLowerCase()}`}>
      <td className="num">{row.row ?? '—'}</td>
      <td className="num">{row.key}</td>
      <td className="title-cell">{title}</td>
      <td>
        <span className={`action-badge act-${row.action.toLowerCase()}`} data-testid="action-badge">
          {ACTION_LABEL[row.action][lang]}
        </span>
      </td>
      <td className="changes-cell">{detail}</td>
    </tr>
  );
}
