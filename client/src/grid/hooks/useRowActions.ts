import { useState, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import { useI18n } from '../../i18n';
import { deleteRow } from '../../api/rows';
import { explain, toProblem } from '../../api/errors';
import { reason } from '../../api/describe';
import { refreshDepartments } from '../../api/departments';
import { signInActions } from '../../api/session';
import { notify } from '../../ui/notify';
import type { Row, TableSpec } from '../../tables/types';
import type { EditController } from '../controller';
import { rowLabel } from '../labels';
import type { GridData } from './useGridData';
import type { useRowFocus } from './useRowFocus';

/**
 * Adding and deleting rows: the add-row form, and deleting the ticked rows (or the focused one)
 * after a confirmation, one request per row, each refusal told with its reason.
 */
export function useRowActions(spec: TableSpec, apiRef: RefObject<GridApi<Row> | null>, controller: EditController, data: GridData, focus: ReturnType<typeof useRowFocus>) {
  const { lang, t } = useI18n();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Row[] | null>(null);
  const { updateCounts, countAll } = data;
  const { panel, setPanel, locate } = focus;

  /** The rows to delete: the ticked ones, else the one with the focused cell; then the confirmation. */
  const askDelete = () => {
    const a = apiRef.current;
    if (!a) return;
    let rows = a.getSelectedRows();
    if (!rows.length) {
      const f = a.getFocusedCell();
      const node = f ? a.getDisplayedRowAtIndex(f.rowIndex) : undefined;
      if (node?.data) rows = [node.data];
    }
    if (!rows.length) {
      notify({ kind: 'info', title: t({ zh: '请先选择要删除的行', en: 'Select the rows to delete first' }), body: t({ zh: '勾选行首的复选框，或点选一个单元格。', en: 'Tick the boxes at the start of the rows, or click a cell.' }) });
      return;
    }
    setDeleting(rows);
  };

  const doDelete = async (rows: Row[]) => {
    setDeleting(null);
    const a = apiRef.current;
    const removed: Row[] = [];
    for (const row of rows) {
      try {
        await deleteRow(spec, row.id, row.version);
        removed.push(row);
      } catch (e) {
        const p = toProblem(e);
        notify({
          kind: 'error',
          title: t({ zh: `未能删除${rowLabel(spec, row, 'zh')}`, en: `Could not delete ${rowLabel(spec, row, 'en')}` }),
          body: explain(p, lang, reason(p, lang)),
          actions: p.code === 'CONFLICT' && p.currentVersion != null ? [{ label: t({ zh: '加载最新数据', en: 'Load the newer row' }), run: () => controller.reload([row.id]) }] : signInActions(p, lang),
        });
      }
    }
    if (!removed.length || !a) return;
    if (spec.rowModel === 'clientSide') {
      // The live change (hooks/useLiveRows) may have taken some of them out first.
      const still = removed.filter((r) => a.getRowNode(r.id));
      if (still.length) a.applyTransaction({ remove: still });
    }
    else {
      a.deselectAll();
      a.refreshInfiniteCache();
      void countAll();
    }
    if (spec.key === 'departments') void refreshDepartments();
    if (panel && removed.some((r) => r.id === panel.id)) setPanel(null);
    notify({ kind: 'success', title: t({ zh: `已删除 ${removed.length} 行`, en: `Deleted ${removed.length} row(s)` }) });
    setTimeout(updateCounts, 0);
  };

  /** A row the add-row form saved: into the grid, focused, its panel open (departments have none). */
  const onCreated = (row: Row) => {
    setAdding(false);
    const a = apiRef.current;
    if (!a) return;
    if (spec.rowModel === 'clientSide') {
      // The live change (hooks/useLiveRows) may have brought the new row first.
      a.applyTransaction(a.getRowNode(row.id) ? { update: [row] } : { add: [row] });
      setTimeout(() => {
        updateCounts();
        locate(row.id);
      }, 0);
    } else {
      focus.focusWhenLoaded(row.id);
      a.refreshInfiniteCache();
      void countAll();
    }
    if (spec.key === 'departments') void refreshDepartments();
    else setPanel({ id: row.id, version: row.version });
  };

  return { adding, setAdding, deleting, setDeleting, askDelete, doDelete, onCreated };
}
