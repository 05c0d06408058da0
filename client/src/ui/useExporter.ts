import { useState } from 'react';
import { fmt, formatNumber, useI18n } from '../i18n';
import { exportAndDownload, type TransferFormat, type TransferTable } from '../api/transfer';
import { toProblem } from '../api/errors';
import { reason } from '../api/describe';
import { notify } from './notify';

/** Whole tables (or the plan) from the server as a download; `busy` names the one on its way (`TABLE-FORMAT`). */
export function useExporter() {
  const { lang, t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (table: TransferTable, format: TransferFormat, planCode?: string | null) => {
    const id = `${table}-${format}`;
    setBusy(id);
    try {
      const file = await exportAndDownload(table, format, planCode);
      notify({ kind: 'success', title: t({ zh: '已导出', en: 'Exported' }), body: `${file.filename} · ${fmt(t({ zh: '{n} 行', en: '{n} rows' }), { n: formatNumber(file.rowCount, lang) })}` });
    } catch (e) {
      notify({ kind: 'error', title: t({ zh: '导出失败', en: 'Export failed' }), body: reason(toProblem(e), lang) });
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

/** The formats a single table exports as; the whole plan is JSON only. */
export const EXPORT_FORMATS: TransferFormat[] = ['XLSX', 'CSV', 'JSON'];
