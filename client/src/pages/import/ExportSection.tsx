import { useI18n } from '../../i18n';
import { TRANSFER_TABLES, type TransferFormat } from '../../api/transfer';
import { EXPORT_FORMATS, useExporter } from '../../ui/useExporter';

/** Whole tables (or the plan as one JSON document) from the server, in each format. */
export function ExportSection({ planCode }: { planCode: string }) {
  const { lang, t } = useI18n();
  const { busy, run } = useExporter();
  return (
    <section className="transfer-section" aria-labelledby="export-title" data-testid="export-section">
      <h2 id="export-title">{t({ zh: '导出', en: 'Export' })}</h2>
      <p className="muted">
        {t({
          zh: '从服务器导出整张表（不受表格中筛选的影响），中文表头；导出的文件可以修改后原样导入。整个规划导出为一个 JSON 文档。',
          en: 'Whole tables from the server (grid filters do not apply), with Chinese headers; an exported file loads back as it is. The whole plan exports as one JSON document.',
        })}
      </p>
      <table className="plain-table export-table">
        <tbody>
          {TRANSFER_TABLES.map((x) => (
            <tr key={x.table}>
              <th scope="row">{x.label[lang]}</th>
              <td className="export-buttons">
                {(x.table === 'ALL' ? (['JSON'] as TransferFormat[]) : EXPORT_FORMATS).map((f) => (
                  <button key={f} type="button" onClick={() => void run(x.table, f, planCode)} disabled={busy === `${x.table}-${f}`} data-testid={`export-${x.table}-${f}`}>
                    {busy === `${x.table}-${f}` ? t({ zh: '正在导出…', en: 'Exporting…' }) : f}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
