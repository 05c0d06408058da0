import { useMenu } from '../ui/useMenu';
import { fmt, useI18n } from '../i18n';
import { Link } from '../router';
import { transferTableOf } from '../api/transfer';
import { EXPORT_FORMATS, useExporter } from '../ui/useExporter';
import type { TableKey } from '../tables/types';

/** The grid toolbar's menu: the whole table from the server as XLSX, CSV or JSON. */
export function ServerExportMenu({ tableKey }: { tableKey: TableKey }) {
  const { t } = useI18n();
  const { busy, run } = useExporter();
  const { open, setOpen, ref } = useMenu();
  const table = transferTableOf(tableKey);
  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        disabled={busy != null}
        title={t({ zh: '从服务器导出整张表（不受筛选影响），可修改后在“导入”页导入', en: 'The whole table from the server (filters do not apply); edit it and load it on the Import page' })}
        data-testid="server-export"
      >
        {busy ? t({ zh: '正在导出…', en: 'Exporting…' }) : t({ zh: '整表导出', en: 'Export table' })} ▾
      </button>
      {open && (
        <div className="menu-popup" role="menu">
          {EXPORT_FORMATS.map((f) => (
            <button
              key={f}
              type="button"
              role="menuitem"
              className="menu-item"
              data-testid={`server-export-${f}`}
              onClick={() => {
                setOpen(false);
                void run(table, f);
              }}
            >
              {fmt(t({ zh: '导出 {f}', en: 'Export {f}' }), { f })}
            </button>
          ))}
          <hr />
          <Link to={`/import?table=${table}`} className="menu-item" onClick={() => setOpen(false)}>
            {t({ zh: '从文件导入…', en: 'Import from a file…' })}
          </Link>
        </div>
      )}
    </div>
  );
}
