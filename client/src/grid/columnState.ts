import type { ColumnState, GridApi } from 'ag-grid-community';

/** Column widths, order, visibility, pinning and sort, remembered per browser and table. */
const key = (table: string) => `planhub.columns.${table}.v1`;

export function loadColumnState(table: string): ColumnState[] | null {
  try {
    const raw = localStorage.getItem(key(table));
    return raw ? (JSON.parse(raw) as ColumnState[]) : null;
  } catch {
    return null;
  }
}

export function saveColumnState(table: string, api: GridApi) {
  try {
    localStorage.setItem(key(table), JSON.stringify(api.getColumnState()));
  } catch {
    // storage full or blocked: the layout is simply not remembered
  }
}

export function clearColumnState(table: string) {
  try {
    localStorage.removeItem(key(table));
  } catch {
    // nothing to clear
  }
}
