import type { GridApi } from 'ag-grid-community';
import { fmt, formatNumber, useI18n } from '../i18n';
import { notify } from '../ui/notify';
import type { Row, TableSpec } from '../tables/types';
import type { EditController } from './controller';
import type { GridAccess } from './access';
import type { ServerQuery } from './hooks/useGridData';
import { exportCsv } from './csv';
import { searchPlaceholder } from './search';
import { ColumnsMenu } from './ColumnsMenu';
import { ServerExportMenu } from './ServerExportMenu';
import { StatusYearPicker } from '../ui/StatusYearPicker';

interface Props {
  spec: TableSpec;
  api: GridApi<Row> | null;
  controller: EditController;
  access: GridAccess;
  search: string;
  onSearch(text: string): void;
  onAdd(): void;
  onDelete(): void;
  onPaste(): void;
  /** The query the paged table last sent: the CSV export asks the server for the same rows. */
  lastQuery(): ServerQuery;
  printing: { busy: boolean; print(): Promise<void> };
  onResetColumns(): void;
  onReload(): void;
}

/** Above the grid: quick search, add and delete, undo and redo, paste, exports, print, columns, reload. */
export function GridToolbar({ spec, api, controller, access, search, onSearch, onAdd, onDelete, onPaste, lastQuery, printing, onResetColumns, onReload }: Props) {
  const { lang, t } = useI18n();

  const doExport = async () => {
    if (!api) return;
    try {
      const n = await exportCsv(api, spec, lang, lastQuery());
      notify({ kind: 'success', title: t({ zh: '已导出 CSV', en: 'CSV exported' }), body: fmt(t({ zh: '{n} 行', en: '{n} rows' }), { n: formatNumber(n, lang) }) });
    } catch (e) {
      controller.reportLoadError(e);
    }
  };

  return (
    <div className="toolbar" role="toolbar" aria-label={t({ zh: '表格工具栏', en: 'Grid toolbar' })}>
      <input
        type="search"
        className="quick-search"
        placeholder={t(searchPlaceholder(spec))}
        aria-label={t({ zh: '快速搜索', en: 'Quick search' })}
        value={search}
        onChange={(e) => onSearch(e.target.value)}
      />
      {access.rows && (
        <>
          <button type="button" onClick={onAdd} data-testid="add-row">
            ＋ {t({ zh: '添加行', en: 'Add row' })}
          </button>
          <button type="button" onClick={onDelete} data-testid="delete-rows">
            {t({ zh: '删除行', en: 'Delete rows' })}
          </button>
        </>
      )}
      <span className="toolbar-sep" />
      <button type="button" onClick={() => void controller.undo()} disabled={!controller.history.canUndo} title="Ctrl+Z" data-testid="undo">
        ↶ {t({ zh: '撤销', en: 'Undo' })}
      </button>
      <button type="button" onClick={() => void controller.redo()} disabled={!controller.history.canRedo} title="Ctrl+Y" data-testid="redo">
        ↷ {t({ zh: '重做', en: 'Redo' })}
      </button>
      <button type="button" onClick={onPaste} disabled={!access.edit} data-testid="paste" title={t({ zh: '从 Excel 复制一块单元格，点选起始单元格后按 Ctrl+V', en: 'Copy a block of cells in Excel, click the first cell here and press Ctrl+V' })}>
        {t({ zh: '粘贴', en: 'Paste' })}
      </button>
      <span className="toolbar-sep" />
      <button type="button" onClick={doExport} data-testid="export-csv">
        {t({ zh: '导出 CSV', en: 'Export CSV' })}
      </button>
      <ServerExportMenu tableKey={spec.key} />
      <button type="button" onClick={() => printing.print().catch((e) => controller.reportLoadError(e))} disabled={printing.busy} data-testid="print">
        {t({ zh: '打印', en: 'Print' })}
      </button>
      {spec.key === 'indicators' && <StatusYearPicker />}
      <ColumnsMenu api={api} onReset={onResetColumns} />
      <button type="button" onClick={onReload} title={t({ zh: '从服务器重新加载', en: 'Load again from the server' })}>
        ⟳ {t({ zh: '刷新', en: 'Reload' })}
      </button>
    </div>
  );
}

