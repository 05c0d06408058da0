import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { Link, useLocation } from '../router';
import { listPlans, TRANSFER_TABLES, type PlanSummary } from '../api/transfer';
import { ImportSection } from './import/ImportSection';
import { ExportSection } from './import/ExportSection';

/** Plans for the plan picker; shown only when the hub holds more than one. */
function usePlans(): PlanSummary[] {
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  useEffect(() => {
    let live = true;
    listPlans()
      .then((p) => live && setPlans(p))
      .catch(() => {
        // the picker stays hidden; the server takes the newest plan
      });
    return () => {
      live = false;
    };
  }, []);
  return plans;
}

/**
 * 导入 / 导出: a file is checked on the server as soon as it is chosen (a dry run: every problem
 * with its row and column, every change with before → after), and applied only when it has no
 * problems, in one transaction. Any table, or the whole plan, downloads as XLSX, CSV or JSON.
 */
export function ImportPage() {
  const { lang, t } = useI18n();
  const { query } = useLocation();
  const plans = usePlans();
  const [planCode, setPlanCode] = useState('');
  const initialTable = TRANSFER_TABLES.find((x) => x.table === query.get('table'))?.table ?? 'INDICATORS';
  return (
    <div className="page transfer-page">
      <h1>{t({ zh: '导入与导出', en: 'Import and export' })}</h1>
      <p className="muted">
        {t({
          zh: '用 Excel（XLSX）、CSV 或 JSON 文件批量更新一张表或整个规划；导入前先检查，所有改动在一个事务中完成，有任何问题就什么都不写入。',
          en: 'Update a table or the whole plan from an Excel (XLSX), CSV or JSON file. Each file is checked first; the changes are applied in one transaction, and nothing is written if any row has a problem.',
        })}
      </p>
      {plans.length > 1 && (
        <label className="transfer-plan">
          <span className="form-label">{t({ zh: '规划', en: 'Plan' })}</span>
          <select value={planCode} onChange={(e) => setPlanCode(e.target.value)} data-testid="transfer-plan">
            <option value="">{t({ zh: '最新的规划', en: 'The newest plan' })}</option>
            {plans.map((p) => (
              <option key={p.code} value={p.code}>
                {lang === 'zh' ? p.name : p.nameEn || p.name} ({p.code})
              </option>
            ))}
          </select>
        </label>
      )}
      <ImportSection planCode={planCode} initialTable={initialTable} />
      <ExportSection planCode={planCode} />
      <p className="muted"><Link to="/datasets">{t({ zh: '数据集：保存的查询作为 CSV / JSON / XLSX 链接，供 Excel、Power BI、Grafana 使用', en: 'Datasets: saved queries as CSV / JSON / XLSX links for Excel, Power BI and Grafana' })}</Link></p>
    </div>
  );
}
