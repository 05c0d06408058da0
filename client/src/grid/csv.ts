import type { GridApi } from 'ag-grid-community';
import type { Lang } from '../i18n';
import { fieldOf } from '../tables/specs';
import { formatValue } from '../tables/values';
import type { Row, TableSpec } from '../tables/types';
import { listRows, MAX_PAGE } from '../api/rows';
import { dataColumns } from './clipboard';

const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * CSV of what the grid shows: the visible columns in their order, with their headers and the
 * labels the cells show, the rows the filters and search let through in the grid's order. For
 * server-paged tables the rows are fetched a page at a time with the same filter and order.
 */
export async function exportCsv(
  api: GridApi<Row>,
  spec: TableSpec,
  lang: Lang,
  serverQuery?: { filter: Record<string, unknown>; orderBy: { field: string; direction: 'ASC' | 'DESC' }[] },
): Promise<number> {
  const columns = dataColumns(api);
  const fields = columns.map((c) => fieldOf(spec, c.getColId())!);
  const lines = [columns.map((c) => cell(c.getColDef().headerName ?? c.getColId())).join(',')];
  const push = (row: Row) => lines.push(fields.map((f) => cell(f ? formatValue(f, row[f.name], lang) : '')).join(','));
  let count = 0;
  if (spec.rowModel === 'clientSide') {
    api.forEachNodeAfterFilterAndSort((n) => {
      if (n.data) {
        push(n.data);
        count++;
      }
    });
  } else {
    for (let offset = 0; ; offset += MAX_PAGE) {
      const page = await listRows(spec, { filter: serverQuery?.filter, orderBy: serverQuery?.orderBy, limit: MAX_PAGE, offset });
      page.items.forEach(push);
      count += page.items.length;
      if (offset + MAX_PAGE >= page.totalCount || !page.items.length) break;
    }
  }
  // The byte-order mark makes Excel read the file as UTF-8 (Chinese text intact).
  const blob = new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  const stamp = new Date().toISOString().slice(0, 10);
  a.href = URL.createObjectURL(blob);
  a.download = `${spec.label[lang]}-${stamp}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  return count;
}
