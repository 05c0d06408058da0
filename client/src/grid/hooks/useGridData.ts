import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { GridApi, IDatasource, IGetRowsParams } from 'ag-grid-community';
import { useI18n, type Lang } from '../../i18n';
import { listRows, loadAll } from '../../api/rows';
import { toProblem } from '../../api/errors';
import { reason } from '../../api/describe';
import { notify } from '../../ui/notify';
import type { Row, TableSpec } from '../../tables/types';
import type { EditController } from '../controller';
import { serverFilter, type ServerQuery } from '../serverQuery';

export type { ServerQuery };

export interface Counts {
  /** Rows in the table (all plans, no filter). */
  all: number | null;
  /** Rows the filters and search let through. */
  matching: number;
  /** Rows held in the browser (paged tables load blocks as they scroll). */
  loaded: number;
  selected: number;
}

/**
 * The rows of one table and what the status bar counts. The indicators table pages, sorts and
 * filters on the server (AG Grid's infinite row model: `datasource`); the small tables load whole
 * (`reloadAll` puts them in as rowData). The quick search is applied after a pause, so the server
 * is asked once, not per key.
 */
export function useGridData(spec: TableSpec, apiRef: RefObject<GridApi<Row> | null>, controller: EditController, langRef: RefObject<Lang>, initialSearch: string) {
  const { t } = useI18n();
  const [search, setSearch] = useState(initialSearch);
  const [appliedSearch, setAppliedSearch] = useState(search);
  const searchRef = useRef(appliedSearch);
  const [counts, setCounts] = useState<Counts>({ all: null, matching: 0, loaded: 0, selected: 0 });
  const [loading, setLoading] = useState(spec.rowModel === 'clientSide');
  const loadingRef = useRef(loading);
  loadingRef.current = loading;
  const lastQuery = useRef<ServerQuery>({ filter: {}, orderBy: [] });
  /** Settles when the infinite model's first block has come back (or failed). */
  const firstBlock = useMemo(() => {
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    return { done, settle };
  }, [spec]);
  const allCount = useRef<number | null>(null);
  /** Run after rows arrived and the loading overlay is down (the row focus hangs itself here). */
  const onLoaded = useRef<() => void>(() => {});

  const updateCounts = useCallback(() => {
    const a = apiRef.current;
    if (!a || a.isDestroyed()) return;
    let held = 0;
    a.forEachNode((n) => {
      if (n.data) held++;
    });
    const selected = a.getSelectedNodes().length;
    const next = (c: Counts): Counts =>
      spec.rowModel === 'clientSide' ? { all: held, matching: a.getDisplayedRowCount(), loaded: held, selected } : { ...c, all: allCount.current, loaded: held, selected };
    setCounts((c) => {
      const n = next(c);
      return n.all === c.all && n.matching === c.matching && n.loaded === c.loaded && n.selected === c.selected ? c : n;
    });
  }, [spec, apiRef]);

  const countAll = useCallback(async () => {
    if (spec.rowModel !== 'infinite') return;
    try {
      allCount.current = (await listRows(spec, { limit: 1, offset: 0 })).totalCount;
      setCounts((c) => ({ ...c, all: allCount.current }));
    } catch {
      // the status bar shows the matching count only
    }
  }, [spec]);

  const afterLoad = useCallback(() => {
    updateCounts();
    // Not while the loading overlay is up: hiding it takes the focus away again.
    if (!loadingRef.current) onLoaded.current();
  }, [updateCounts]);
  useEffect(() => {
    if (!loading) afterLoad();
  }, [loading, afterLoad]);

  const datasource = useMemo<IDatasource | undefined>(
    () =>
      spec.rowModel !== 'infinite'
        ? undefined
        : {
            getRows: async (p: IGetRowsParams) => {
              const filter = serverFilter(spec, p.filterModel, searchRef.current);
              const orderBy = p.sortModel.map((s) => ({ field: s.colId, direction: s.sort === 'desc' ? ('DESC' as const) : ('ASC' as const) }));
              lastQuery.current = { filter, orderBy };
              try {
                const page = await listRows(spec, { filter, orderBy, limit: p.endRow - p.startRow, offset: p.startRow });
                p.successCallback(page.items, page.totalCount);
                firstBlock.settle();
                setCounts((c) => (c.matching === page.totalCount ? c : { ...c, matching: page.totalCount }));
                setTimeout(afterLoad, 0);
              } catch (e) {
                p.failCallback();
                firstBlock.settle();
                const problem = toProblem(e);
                notify({ kind: 'error', title: t({ zh: '加载失败', en: 'Could not load' }), body: reason(problem, langRef.current) });
              }
            },
          },
    [spec], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const reloadAll = useCallback(async () => {
    const a = apiRef.current;
    if (!a) return;
    if (spec.rowModel === 'infinite') {
      a.refreshInfiniteCache();
      void countAll();
      return;
    }
    setLoading(true);
    try {
      const rows = await loadAll(spec);
      a.setGridOption('rowData', rows);
      setTimeout(afterLoad, 0);
    } catch (e) {
      controller.reportLoadError(e);
    } finally {
      setLoading(false);
    }
  }, [spec, apiRef, afterLoad, controller, countAll]);

  // Quick search: typed, then applied after a pause (the server is asked once, not per key).
  useEffect(() => {
    const timer = setTimeout(() => setAppliedSearch(search), spec.rowModel === 'infinite' ? 350 : 150);
    return () => clearTimeout(timer);
  }, [search, spec]);
  useEffect(() => {
    if (searchRef.current === appliedSearch) return;
    searchRef.current = appliedSearch;
    const a = apiRef.current;
    if (a && spec.rowModel === 'infinite') {
      a.ensureIndexVisible(0, 'top');
      a.purgeInfiniteCache();
    }
  }, [appliedSearch, spec, apiRef]);

  return { counts, loading, search, setSearch, appliedSearch, searchRef, lastQuery, firstBlock, datasource, updateCounts, countAll, afterLoad, reloadAll, onLoaded };
}

export type GridData = ReturnType<typeof useGridData>;
