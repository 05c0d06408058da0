import { useCallback, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { Row, TableSpec } from '../../tables/types';
import { clearColumnState, loadColumnState, saveColumnState } from '../columnState';

/** The columns' widths, order, visibility, pinning and sort, remembered per table in this browser. */
export function useColumnLayout(spec: TableSpec, apiRef: RefObject<GridApi<Row> | null>) {
  const remember = useCallback(() => {
    if (apiRef.current) saveColumnState(spec.key, apiRef.current);
  }, [spec, apiRef]);
  const restore = (api: GridApi<Row>) => {
    const state = loadColumnState(spec.key);
    if (state) api.applyColumnState({ state, applyOrder: true });
  };
  const reset = (api: GridApi<Row> | null) => {
    clearColumnState(spec.key);
    api?.resetColumnState();
  };
  return { remember, restore, reset };
}
