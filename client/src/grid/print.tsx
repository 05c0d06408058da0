import { DemoPrintNote } from '../ui/DemoBanner';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { GridApi } from 'ag-grid-community';
import { fmt, formatNumber, useI18n, type Lang } from '../i18n';
import { fieldOf } from '../tables/specs';
import { enumLabel } from '../tables/enums';
import { formatValue } from '../tables/values';
import type { Row, TableSpec } from '../tables/types';
import { listRows, MAX_PAGE } from '../api/rows';
import { dataColumns } from './clipboard';

/**
 * Printing a table: the grid on screen renders only the rows in view, so printing prints a plain
 * table built from every row the filters and search let through (the server pages them for the
 * indicators), under a title, the date and the active filter in words. The page's own layout is
 * hidden in print (styles.css, @media print).
 */
export interface PrintJob {
  title: string;
  filter: string;
  date: string;
  columns: string[];
  rows: string[][];
}

type ServerQuery = { filter: Record<string, unknown>; orderBy: { field: string; direction: 'ASC' | 'DESC' }[] };

/** The date a printout was made, in the reader's language. */
export const printDate = (lang: Lang) =>
  new Date().toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** The grid's filters and search in words: 属性：约束性；责任单位：区住建局（牵头）. */
export function filterInWords(spec: TableSpec, model: Record<string, any> | null | undefined, search: string, lang: Lang): string {
  const zh = lang === 'zh';
  const parts: string[] = [];
  if (search.trim()) parts.push(`${zh ? '搜索' : 'Search'}${zh ? '：' : ': '}“${search.trim()}”`);
  for (const [col, m] of Object.entries(model ?? {})) {
    const f = fieldOf(spec, col);
    const label = f ? f.label[lang] : col;
    let value: string;
    if (m && typeof m === 'object' && 'department' in m) {
      value = m.department + (m.role ? (zh ? `（${enumLabel('ResponsibilityRole', m.role, lang)}）` : ` (${enumLabel('ResponsibilityRole', m.role, lang)})`) : '');
    } else if (m && typeof m === 'object' && 'value' in m) {
      value = f?.kind === 'bool' || m.value === 'true' || m.value === 'false' ? enumLabel('Boolean', m.value, lang) : f?.enumName ? enumLabel(f.enumName, m.value, lang) : String(m.value);
    } else if (m && typeof m === 'object' && 'filter' in m) {
      value = `${m.type ?? ''} ${m.filter}${m.filterTo != null ? `–${m.filterTo}` : ''}`.trim();
    } else if (m && typeof m === 'object' && 'dateFrom' in m) {
      value = [m.dateFrom, m.dateTo].filter(Boolean).map((d: string) => d.slice(0, 10)).join('–');
    } else value = JSON.stringify(m);
    parts.push(`${label}${zh ? '：' : ': '}${value}`);
  }
  return parts.length ? parts.join(zh ? '；' : '; ') : zh ? '无筛选（全部行）' : 'No filter (all rows)';
}

/** Every row the grid's filters and search let through, in the grid's order and visible columns. */
export async function collectPrintJob(api: GridApi<Row>, spec: TableSpec, lang: Lang, search: string, serverQuery: ServerQuery): Promise<PrintJob> {
  const columns = dataColumns(api);
  const fields = columns.map((c) => fieldOf(spec, c.getColId()));
  const line = (row: Row) => fields.map((f) => (f ? formatValue(f, row[f.name], lang) : ''));
  const rows: string[][] = [];
  if (spec.rowModel === 'clientSide') {
    api.forEachNodeAfterFilterAndSort((n) => {
      if (n.data) rows.push(line(n.data));
    });
  } else {
    for (let offset = 0; ; offset += MAX_PAGE) {
      const page = await listRows(spec, { filter: serverQuery.filter, orderBy: serverQuery.orderBy, limit: MAX_PAGE, offset });
      page.items.forEach((r) => rows.push(line(r)));
      if (offset + MAX_PAGE >= page.totalCount || !page.items.length) break;
    }
  }
  return {
    title: spec.label[lang],
    filter: filterInWords(spec, api.getFilterModel(), search, lang),
    date: printDate(lang),
    columns: columns.map((c) => c.getColDef().headerName ?? c.getColId()),
    rows,
  };
}

/** The heading every printout starts with: what, when, which rows. Shown only in print. */
export function PrintHeading({ title, filter, date, count }: { title: string; filter: string; date: string; count?: number }) {
  const { lang, t } = useI18n();
  return (
    <header className="print-heading print-only" data-testid="print-heading">
      <h1>{title}</h1>
      <p>
        <span data-testid="print-date">{fmt(t({ zh: '打印时间：{date}', en: 'Printed {date}' }), { date })}</span>
        {count != null && <span> · {fmt(t({ zh: '共 {n} 行', en: '{n} rows' }), { n: formatNumber(count, lang) })}</span>}
      </p>
      <p data-testid="print-filter">{fmt(t({ zh: '筛选条件：{filter}', en: 'Filter: {filter}' }), { filter })}</p>
      <DemoPrintNote />
    </header>
  );
}

/** The printout of a grid: outside the app's root, the only thing shown in print. */
export function PrintView({ job }: { job: PrintJob | null }) {
  if (!job) return null;
  return createPortal(
    <div className="print-view" data-testid="print-view">
      <PrintHeading title={job.title} filter={job.filter} date={job.date} count={job.rows.length} />
      <table className="print-table">
        <thead>
          <tr>
            {job.columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {job.rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => (
                <td key={j}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>,
    document.body,
  );
}

/**
 * The print button's work: collect the rows, render the printout, then open the browser's print
 * dialog. Printing with Ctrl+P works too: the rows the grid holds are printed (every row for the
 * small tables; the indicators' loaded rows — the button fetches all of them).
 */
export function useGridPrint(api: GridApi<Row> | null, spec: TableSpec, lang: Lang, search: () => string, serverQuery: () => ServerQuery) {
  const [job, setJob] = useState<PrintJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState(false);
  /** The printout was made by the button for this print: Ctrl+P's handler leaves it. */
  const fromButton = useRef(false);
  useEffect(() => {
    if (!job || !pending) return;
    setPending(false);
    // After the printout is in the page.
    const timer = setTimeout(() => window.print(), 0);
    return () => clearTimeout(timer);
  }, [job, pending]);
  useEffect(() => {
    if (!api) return;
    // Ctrl+P without the button: what the grid holds.
    const before = () => {
      if (api.isDestroyed() || fromButton.current) return;
      const columns = dataColumns(api);
      const fields = columns.map((c) => fieldOf(spec, c.getColId()));
      const rows: string[][] = [];
      api.forEachNodeAfterFilterAndSort((n) => {
        if (n.data) rows.push(fields.map((f) => (f ? formatValue(f, n.data![f.name], lang) : '')));
      });
      if (spec.rowModel !== 'clientSide') {
        rows.length = 0;
        api.forEachNode((n) => {
          if (n.data) rows.push(fields.map((f) => (f ? formatValue(f, n.data![f.name], lang) : '')));
        });
      }
      setJob({ title: spec.label[lang], filter: filterInWords(spec, api.getFilterModel(), search(), lang), date: printDate(lang), columns: columns.map((c) => c.getColDef().headerName ?? c.getColId()), rows });
    };
    const after = () => {
      fromButton.current = false;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, [api, spec, lang, search]);
  const print = async () => {
    if (!api) return;
    setBusy(true);
    try {
      setJob(await collectPrintJob(api, spec, lang, search(), serverQuery()));
      fromButton.current = true;
      setPending(true);
    } finally {
      setBusy(false);
    }
  };
  return { job, print, busy };
}
