import { fmt, formatNumber, useI18n } from '../../i18n';
import { Link } from '../../router';
import { problemReason, tableLabel, TRANSFER_TABLES, type ImportProblem, type ImportResult } from '../../api/transfer';
import { TABLE_BY_KEY } from '../../tables/specs';

/** What an import did or would do: the applied notice, the counts, and the problems row by row. */

export function Applied({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  const key = TRANSFER_TABLES.find((x) => x.table === result.table)?.key;
  return (
    <div className="transfer-applied" role="status" data-testid="import-applied">
      <strong>{t({ zh: '导入完成', en: 'Import applied' })}</strong>{' '}
      {fmt(t({ zh: '新增 {c} 行，更新 {u} 行，删除 {d} 行，{n} 行不变。', en: '{c} created, {u} updated, {d} deleted, {n} unchanged.' }), {
        c: result.created,
        u: result.updated,
        d: result.deleted,
        n: result.unchanged,
      })}{' '}
      <span>
        {t({ zh: '导入编号', en: 'Import id' })} <code data-testid="import-id">{result.importId}</code>
        <span className="muted small">{t({ zh: '（即审计日志中的批次号）', en: ' (the batch id of its audit entries)' })}</span>
      </span>
      {key && (
        <>
          {' '}
          <Link to={TABLE_BY_KEY[key].path}>{t({ zh: '打开这张表', en: 'Open the table' })} →</Link>
        </>
      )}
    </div>
  );
}

export function Summary({ result }: { result: ImportResult }) {
  const { lang, t } = useI18n();
  const errorRows = Math.max(0, result.rowCount - result.created - result.updated - result.unchanged);
  const chip = (key: string, label: string, n: number, cls: string) => (
    <span className={`summary-chip count-chip ${cls}${n ? '' : ' zero'}`} data-testid={`count-${key}`} data-count={n}>
      {label} <strong>{formatNumber(n, lang)}</strong>
    </span>
  );
  return (
    <div className="import-summary" data-testid="import-summary">
      <div className="dept-summary">
        {chip('create', t({ zh: '新增', en: 'Create' }), result.created, 'act-create')}
        {chip('update', t({ zh: '更新', en: 'Update' }), result.updated, 'act-update')}
        {chip('unchanged', t({ zh: '不变', en: 'Unchanged' }), result.unchanged, 'act-unchanged')}
        {chip('delete', t({ zh: '删除', en: 'Delete' }), result.deleted, 'act-delete')}
        {chip('errors', t({ zh: '问题', en: 'Problems' }), result.problemCount, 'act-error')}
      </div>
      <div className="muted small import-meta" data-testid="import-meta">
        {[
          `${t({ zh: '格式', en: 'Format' })} ${result.format}`,
          `${t({ zh: '编码', en: 'Encoding' })} ${result.encoding ?? t({ zh: '（XLSX 无需编码）', en: '(none for XLSX)' })}`,
          result.planCode ? `${t({ zh: '规划', en: 'Plan' })} ${result.planCode}` : '',
          fmt(t({ zh: '文件共 {n} 行', en: '{n} rows in the file' }), { n: formatNumber(result.rowCount, lang) }),
          errorRows ? fmt(t({ zh: '其中 {n} 行有问题', en: '{n} of them with problems' }), { n: formatNumber(errorRows, lang) }) : '',
          result.dryRun ? t({ zh: '试导入：尚未写入', en: 'dry run: nothing written yet' }) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </div>
    </div>
  );
}

export function Suggestions({ list }: { list: string[] | null }) {
  const { lang, t } = useI18n();
  if (!list?.length) return null;
  return (
    <span className="suggestions">
      {t({ zh: '您是不是要找：', en: 'Did you mean: ' })}
      {list.map((s, i) => (
        <span key={s}>
          {i > 0 ? (lang === 'zh' ? '、' : ', ') : ''}
          <strong>{s}</strong>
        </span>
      ))}
    </span>
  );
}

export function ProblemTable({ problems, total, showTable }: { problems: ImportProblem[]; total: number; showTable: boolean }) {
  const { lang, t } = useI18n();
  if (!problems.length) return null;
  return (
    <div className="import-block">
      <h3>
        {t({ zh: '问题', en: 'Problems' })} <span className="count">{formatNumber(total, lang)}</span>
        {total > problems.length && <span className="muted small">{fmt(t({ zh: '（列出前 {n} 个）', en: ' (the first {n} listed)' }), { n: problems.length })}</span>}
      </h3>
      <div className="table-scroll">
        <table className="plain-table problem-table" data-testid="import-problems">
          <thead>
            <tr>
              {showTable && <th>{t({ zh: '表', en: 'Table' })}</th>}
              <th className="num">{t({ zh: '行', en: 'Row' })}</th>
              <th>{t({ zh: '列', en: 'Column' })}</th>
              <th>{t({ zh: '单元格内容', en: 'Value' })}</th>
              <th>{t({ zh: '原因', en: 'Reason' })}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i} data-testid="import-problem" data-row={p.row ?? ''} data-column={p.column ?? ''} data-code={p.code}>
                {showTable && <td>{tableLabel(p.table, lang)}</td>}
                <td className="num" data-testid="problem-row">
                  {p.row ?? '—'}
                </td>
                <td data-testid="problem-column">{p.column ?? t({ zh: '（整个文件）', en: '(the whole file)' })}</td>
                <td className="problem-value" data-testid="problem-value">
                  {p.value ?? ''}
                </td>
                <td data-testid="problem-reason" title={p.reason}>
                  {problemReason(p, lang)}
                  {p.suggestions?.length ? (
                    <div>
                      <Suggestions list={p.suggestions} />
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
