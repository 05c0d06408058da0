import type { Column, GridApi } from 'ag-grid-community';
import type { Lang } from '../i18n';
import { fieldOf, isEditable } from '../tables/specs';
import { formatValue, parseText, sameInput, ValueError } from '../tables/values';
import type { Department, Row, TableSpec } from '../tables/types';
import type { Change } from './undo';
import { cellLabel } from './labels';

/**
 * Reads tab-separated text as Excel and WPS put it on the clipboard: rows end in a newline, cells
 * holding a tab, newline or quote are quoted with doubled quotes inside.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  const s = text.replace(/\r\n?/g, '\n');
  while (i < s.length) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i++;
      continue;
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export function toTsv(rows: string[][]): string {
  const q = (c: string) => (/[\t\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(q).join('\t')).join('\n');
}

/** A pasted cell that cannot be used, with where it is. */
export class PasteProblem extends Error {
  constructor(
    message: string,
    readonly rowId?: string,
    readonly colId?: string,
  ) {
    super(message);
  }
}

/** Data columns in display order (without the selection and open-row columns). */
export const dataColumns = (api: GridApi<Row>): Column[] => api.getAllDisplayedColumns().filter((c) => !c.getColId().startsWith('_') && c.getColId() !== 'ag-Grid-SelectionColumn');

/**
 * Turns a pasted block anchored at the focused cell into changes, reading each value as its column
 * expects. The first unusable cell refuses the whole block, naming the cell.
 */
export function planPaste(api: GridApi<Row>, spec: TableSpec, block: string[][], lang: Lang, departments: Department[]): { changes: Change[]; skipped: string[] } {
  const zh = lang === 'zh';
  const focused = api.getFocusedCell();
  if (!focused || focused.rowPinned) throw new PasteProblem(zh ? '请先点选要粘贴到的起始单元格' : 'Click the cell where the paste should start first');
  const columns = dataColumns(api);
  const start = columns.findIndex((c) => c.getColId() === focused.column.getColId());
  if (start < 0) throw new PasteProblem(zh ? '请先点选一个数据单元格' : 'Click a data cell first');
  const width = Math.max(...block.map((r) => r.length));
  if (start + width > columns.length) {
    throw new PasteProblem(zh ? `粘贴的块有 ${width} 列，从这一列起右边只有 ${columns.length - start} 列` : `The block is ${width} columns wide; there are only ${columns.length - start} columns from here`);
  }
  const changes: Change[] = [];
  const skipped = new Set<string>();
  for (let r = 0; r < block.length; r++) {
    const node = api.getDisplayedRowAtIndex(focused.rowIndex + r);
    if (!node?.data) {
      throw new PasteProblem(zh ? `粘贴的块有 ${block.length} 行，从这一行起只有 ${r} 行` : `The block is ${block.length} rows tall; there are only ${r} rows from here`);
    }
    const row = node.data;
    for (let c = 0; c < width; c++) {
      const col = columns[start + c];
      const field = fieldOf(spec, col.getColId());
      const text = block[r][c] ?? '';
      if (!field || !isEditable(field)) {
        // Version, times and ids are the server's: a copied row pasted back leaves them alone.
        if (text.trim() !== (field ? formatValue(field, row[field.name], lang).trim() : '')) skipped.add(col.getColDef().headerName ?? col.getColId());
        continue;
      }
      let value: unknown;
      try {
        value = parseText(field, text, lang, { departments, current: row[field.name] });
      } catch (e) {
        if (e instanceof ValueError) throw new PasteProblem(`${cellLabel(spec, row, field, lang)}${zh ? '：' : ': '}${e.message}`, row.id, field.name);
        throw e;
      }
      if (!sameInput(field, row[field.name], value)) changes.push({ rowId: row.id, field, before: row[field.name], after: value });
    }
  }
  return { changes, skipped: [...skipped] };
}

/** What Ctrl+C copies: the selected rows, or else the focused cell, as Excel reads it. */
export function copyText(api: GridApi<Row>, spec: TableSpec, lang: Lang): string | null {
  const columns = dataColumns(api);
  const selected = api.getSelectedNodes().filter((n) => n.data);
  const text = (row: Row, colId: string) => {
    const f = fieldOf(spec, colId);
    return f ? formatValue(f, row[f.name], lang) : '';
  };
  if (selected.length) {
    const ordered = selected.sort((a, b) => (a.rowIndex ?? 0) - (b.rowIndex ?? 0));
    return toTsv(ordered.map((n) => columns.map((c) => text(n.data!, c.getColId()))));
  }
  const focused = api.getFocusedCell();
  if (!focused) return null;
  const node = api.getDisplayedRowAtIndex(focused.rowIndex);
  if (!node?.data) return null;
  return text(node.data, focused.column.getColId());
}
