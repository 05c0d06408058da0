import type { GridApi } from 'ag-grid-community';

export type CellState = 'saving' | 'saved' | 'failed';

/**
 * A grid's cells being saved, just saved (2.5 s) or refused (8 s), by row id and column, for the
 * cell class rules (ph-cell-saving / -saved / -failed) of the grids that save cell by cell outside the
 * plan tables' controller: the year targets and the ledger. Each change redraws the cell.
 */
export class CellStates {
  private states = new Map<string, { state: CellState; token: number }>();
  private token = 0;

  constructor(private readonly api: () => GridApi<any> | null) {}

  get(rowId: string | undefined, col: string): CellState | undefined {
    return rowId ? this.states.get(`${rowId}|${col}`)?.state : undefined;
  }

  set(rowId: string, col: string, state: CellState | null) {
    const key = `${rowId}|${col}`;
    const token = ++this.token;
    if (state) this.states.set(key, { state, token });
    else this.states.delete(key);
    this.refresh(rowId, col);
    const ttl = state === 'saved' ? 2500 : state === 'failed' ? 8000 : 0;
    if (ttl)
      setTimeout(() => {
        if (this.states.get(key)?.token !== token) return;
        this.states.delete(key);
        this.refresh(rowId, col);
      }, ttl);
  }

  private refresh(rowId: string, col: string) {
    const api = this.api();
    const node = api?.getRowNode(rowId);
    if (api && node) api.refreshCells({ rowNodes: [node], columns: [col], force: true });
  }
}
