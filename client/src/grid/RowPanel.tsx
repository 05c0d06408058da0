import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { getRow } from '../api/rows';
import { toProblem } from '../api/errors';
import { reason } from '../api/describe';
import { enumLabel } from '../tables/enums';
import { TABLE_BY_KEY } from '../tables/specs';
import { departmentName, formatValue, linkTitle } from '../tables/values';
import { listPlans, type PlanSummary } from '../api/transfer';
import type { LinkRef, Responsibility, Row, TableSpec } from '../tables/types';
import { Link } from '../router';
import { rowLabel } from './labels';
import { RowHistory } from './RowHistory';

/**
 * One row in full, with its cross-links: an indicator's special targets, a special target's
 * indicators, each unit's department page; and its history (the audit trail), with restore.
 */
export function RowPanel({
  spec,
  rowId,
  onClose,
  onLocate,
  onRestored,
  version,
  initialTab = 'details',
}: {
  spec: TableSpec;
  rowId: string;
  onClose(): void;
  onLocate(row: Row): void;
  /** A field was restored from the history: the grid shows the saved row. */
  onRestored(row: Row): void;
  version?: number;
  initialTab?: 'details' | 'history';
}) {
  const { lang, t } = useI18n();
  const [tab, setTab] = useState<'details' | 'history'>(initialTab);
  const [row, setRow] = useState<Row | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    getRow(spec, rowId)
      .then((r) => (r ? setRow(r) : setError(t({ zh: '这一行不存在（可能已被删除）', en: 'This row does not exist (it may have been deleted)' }))))
      .catch((e) => setError(reason(toProblem(e), lang)));
  }, [spec, rowId, lang, t]);
  // Reloads when the grid saves a newer version of the row.
  useEffect(load, [load, version]);
  // The plan a row belongs to, by its name (the row carries only the plan's code).
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  useEffect(() => {
    if (!spec.fields.some((f) => f.name === 'planCode')) return;
    let live = true;
    listPlans()
      .then((list) => live && setPlans(list))
      .catch(() => undefined); // the code is shown instead
    return () => {
      live = false;
    };
  }, [spec]);
  const planName = (code: unknown) => {
    const p = plans.find((x) => x.code === code);
    return p ? (lang === 'en' ? p.nameEn || p.name : p.name) : String(code ?? '');
  };
  // English titles start with a capital: "Indicator · No. 5" (the noun is lower case inside sentences).
  const noun = lang === 'en' ? spec.rowNoun.en.charAt(0).toUpperCase() + spec.rowNoun.en.slice(1) : spec.rowNoun.zh;

  return (
    <aside className="row-panel" aria-label={t({ zh: '行详情', en: 'Row details' })} data-testid="row-panel">
      <header>
        <div>
          <div className="muted small">
            {noun} · {rowLabel(spec, row, lang)}
          </div>
          <h2>{row ? String(row[spec.titleField] ?? '') : '…'}</h2>
        </div>
        <button type="button" className="icon" aria-label={t({ zh: '关闭', en: 'Close' })} title={t({ zh: '关闭', en: 'Close' })} onClick={onClose}>
          ×
        </button>
      </header>
      {error && <p className="field-error">{error}</p>}
      {row && (
        <>
          <div className="row-panel-actions">
            <button type="button" onClick={() => onLocate(row)}>
              {t({ zh: '在表格中定位', en: 'Show in the grid' })}
            </button>
            <button type="button" onClick={load}>
              {t({ zh: '刷新', en: 'Reload' })}
            </button>
          </div>
          <div className="panel-tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'details'} className={tab === 'details' ? 'on' : ''} onClick={() => setTab('details')} data-testid="tab-details">
              {t({ zh: '详情', en: 'Details' })}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'history'} className={tab === 'history' ? 'on' : ''} onClick={() => setTab('history')} data-testid="tab-history">
              {t({ zh: '历史', en: 'History' })}
            </button>
          </div>
          {tab === 'history' ? (
            <RowHistory
              spec={spec}
              row={row}
              onRestored={(saved) => {
                setRow(saved);
                onRestored(saved);
              }}
            />
          ) : (
          <dl className="row-fields">
            {/* The internal id is the hub's, not the reader's: the panel leaves it out. */}
            {spec.fields.filter((f) => f.kind !== 'id').map((f) => (
              <div key={f.name} className={`row-field row-field-${f.kind}`}>
                <dt>{f.label[lang]}</dt>
                <dd>
                  {f.kind === 'responsibilities' ? (
                    units(row[f.name] as Responsibility[])
                  ) : f.kind === 'links' ? (
                    links(row[f.name] as LinkRef[], f.linkTable!)
                  ) : f.name === 'planCode' ? (
                    <span data-testid="row-plan">{planName(row[f.name])}</span>
                  ) : (
                    formatValue(f, row[f.name], lang) || <span className="muted">—</span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
          )}
        </>
      )}
    </aside>
  );

  function units(list: Responsibility[]) {
    if (!list?.length) return <span className="muted">—</span>;
    return (
      <ul className="plain">
        {list.map((r, i) => (
          <li key={i}>
            <span className={`chip chip-${r.role.toLowerCase()}`}>
              <span className="chip-role">{enumLabel('ResponsibilityRole', r.role, lang)}</span>
              <Link to={`/department?name=${encodeURIComponent(r.department.name)}`}>{departmentName(r.department, lang)}</Link>
            </span>
            {(lang === 'en' ? r.noteEn || r.note : r.note) && (
              <div className="muted small" data-testid="unit-note">
                {lang === 'en' ? r.noteEn || r.note : r.note}
              </div>
            )}
          </li>
        ))}
      </ul>
    );
  }

  function links(list: LinkRef[], table: TableSpec['key']) {
    if (!list?.length) return <span className="muted">—</span>;
    const target = TABLE_BY_KEY[table];
    return (
      <ul className="plain">
        {list.map((l) => (
          <li key={l.id}>
            <Link to={`${target.path}?row=${l.id}`}>
              <span className="chip-seq">{l.seq}</span> {linkTitle(l)}
            </Link>
          </li>
        ))}
      </ul>
    );
  }
}
