import { useState } from 'react';
import { useMenu } from '../ui/useMenu';
import type { GridApi } from 'ag-grid-community';
import { useI18n } from '../i18n';
import type { Row } from '../tables/types';

/** Show or hide columns; reset widths, order and visibility to the defaults. */
export function ColumnsMenu({ api, onReset }: { api: GridApi<Row> | null; onReset(): void }) {
  const { t } = useI18n();
  const { open, setOpen, ref } = useMenu();
  const [, setTick] = useState(0);
  const columns = (api && !api.isDestroyed() ? (api.getColumns() ?? []) : []).filter((c) => !c.getColId().startsWith('_') && c.getColId() !== 'ag-Grid-SelectionColumn');
  return (
    <div className="menu" ref={ref}>
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="columns-menu">
        {t({ zh: '列', en: 'Columns' })} ▾
      </button>
      {open && (
        <div className="menu-popup" role="menu">
          {columns.map((c) => (
            <label key={c.getColId()} className="menu-item">
              <input
                type="checkbox"
                checked={c.isVisible()}
                onChange={(e) => {
                  api?.setColumnsVisible([c.getColId()], e.target.checked);
                  setTick((x) => x + 1);
                }}
              />
              {c.getColDef().headerName}
            </label>
          ))}
          <hr />
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              onReset();
              setOpen(false);
            }}
          >
            {t({ zh: '恢复默认列布局', en: 'Reset column layout' })}
          </button>
        </div>
      )}
    </div>
  );
}
