import { useEffect, useMemo, useRef, useState } from 'react';
import type { SuppressKeyboardEventParams } from 'ag-grid-community';
import type { CustomCellEditorProps } from 'ag-grid-react';
import { useI18n, type Lang } from '../i18n';
import { ENUMS, enumKeys, enumLabel, type EnumName } from '../tables/enums';
import type { Department, LinkRef, Responsibility, Row, TableKey } from '../tables/types';
import { searchDepartments, useDepartments } from '../api/departments';
import { listRows, loadAll } from '../api/rows';
import { TABLE_BY_KEY } from '../tables/specs';
import { linkTitle } from '../tables/values';

/**
 * Keys inside our popup editors belong to the editor, except Escape (cancel), Tab (commit and
 * move) and Enter outside an element marked data-own-enter (commit).
 */
export function popupKeys(p: SuppressKeyboardEventParams): boolean {
  if (!p.editing) return false;
  const key = p.event.key;
  if (key === 'Escape' || key === 'Tab') return false;
  const target = p.event.target as HTMLElement | null;
  if (key === 'Enter') return !!target?.closest?.('[data-own-enter]') && !(p.event.ctrlKey || p.event.metaKey);
  return true;
}

// ---- responsibilities -------------------------------------------------------------------------

/** Departments with LEAD / SUPPORT: search by any name or alias, add, change role, reorder, remove. */
export function ResponsibilitiesField({ value, onChange, autoFocus, lang }: { value: Responsibility[]; onChange(v: Responsibility[]): void; autoFocus?: boolean; lang: Lang }) {
  const departments = useDepartments();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const zh = lang === 'zh';
  const taken = new Set(value.map((r) => r.department.id));
  const matches = useMemo(() => searchDepartments(departments, query, 8).filter((d) => !taken.has(d.id)), [departments, query, value]); // eslint-disable-line react-hooks/exhaustive-deps
  const add = (d: Department) => {
    const role = value.some((r) => r.role === 'LEAD') ? 'SUPPORT' : 'LEAD';
    onChange([...value, { role, note: null, department: d }]);
    setQuery('');
    setActive(0);
  };
  const update = (i: number, patch: Partial<Responsibility>) => onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...value];
    const [x] = next.splice(i, 1);
    next.splice(Math.max(0, Math.min(next.length, i + d)), 0, x);
    onChange(next);
  };
  return (
    <div className="resp-field">
      <ul className="resp-list" aria-label={zh ? '责任单位' : 'Responsible units'}>
        {value.length === 0 && <li className="muted">{zh ? '（暂无责任单位）' : '(no units yet)'}</li>}
        {value.map((r, i) => (
          <li key={`${r.department.id}-${i}`} className="resp-item">
            <span className="resp-name" title={r.department.nameEn}>
              {r.department.name}
            </span>
            <select aria-label={zh ? '角色' : 'Role'} value={r.role} onChange={(e) => update(i, { role: e.target.value as Responsibility['role'] })}>
              {enumKeys('ResponsibilityRole').map((k) => (
                <option key={k} value={k}>
                  {enumLabel('ResponsibilityRole', k, lang)}
                </option>
              ))}
            </select>
            <input className="resp-note" placeholder={zh ? '备注（可选）' : 'Note (optional)'} value={r.note ?? ''} onChange={(e) => update(i, { note: e.target.value || null })} />
            <button type="button" title={zh ? '上移' : 'Up'} aria-label={zh ? '上移' : 'Up'} disabled={i === 0} onClick={() => move(i, -1)}>
              ↑
            </button>
            <button type="button" title={zh ? '下移' : 'Down'} aria-label={zh ? '下移' : 'Down'} disabled={i === value.length - 1} onClick={() => move(i, 1)}>
              ↓
            </button>
            <button type="button" className="danger" title={zh ? '移除' : 'Remove'} aria-label={zh ? `移除 ${r.department.name}` : `Remove ${r.department.name}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="resp-search">
        <input
          autoFocus={autoFocus}
          data-own-enter={query ? '' : undefined}
          placeholder={zh ? '输入部门名称或别名，如 住建' : 'Type a department name or alias, e.g. 住建'}
          aria-label={zh ? '搜索部门' : 'Search departments'}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
            else if (e.key === 'Enter' && query && matches[active]) {
              e.preventDefault();
              add(matches[active]);
            } else return;
            e.preventDefault();
          }}
        />
        {query && (
          <ul className="resp-matches" role="listbox">
            {matches.length === 0 && <li className="muted">{zh ? '没有匹配的部门' : 'No matching department'}</li>}
            {matches.map((d, i) => (
              <li key={d.id} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={(e) => e.preventDefault()} onClick={() => add(d)}>
                <strong>{d.name}</strong>
                {d.aliases.length > 0 && <span className="muted"> {d.aliases.join('、')}</span>}
                <span className="muted small"> {d.nameEn}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function EditorFrame({ title, children, onDone, onCancel, hint }: { title: string; children: React.ReactNode; onDone(): void; onCancel(): void; hint?: string }) {
  const { t } = useI18n();
  return (
    <div className="popup-editor" role="dialog" aria-label={title}>
      <div className="popup-editor-title">{title}</div>
      {children}
      <div className="popup-editor-buttons">
        {hint && <span className="muted small">{hint}</span>}
        <button type="button" onClick={onCancel}>
          {t({ zh: '取消', en: 'Cancel' })}
        </button>
        <button type="button" className="primary" onClick={onDone}>
          {t({ zh: '完成', en: 'Done' })}
        </button>
      </div>
    </div>
  );
}

export function ResponsibilitiesEditor(p: CustomCellEditorProps<Row, Responsibility[]>) {
  const { lang } = useI18n();
  const value = p.value ?? [];
  return (
    <EditorFrame title={p.colDef.headerName ?? ''} onDone={() => p.stopEditing()} onCancel={() => p.stopEditing(true)}>
      <ResponsibilitiesField value={value} onChange={(v) => p.onValueChange(v)} autoFocus lang={lang} />
    </EditorFrame>
  );
}

// ---- several values of an enum -----------------------------------------------------------------

export function EnumChecks({ enumName, value, onChange, lang }: { enumName: EnumName; value: string[]; onChange(v: string[]): void; lang: Lang }) {
  const keys = Object.keys(ENUMS[enumName]);
  return (
    <div className="checks">
      {keys.map((k, i) => (
        <label key={k}>
          <input
            type="checkbox"
            autoFocus={i === 0}
            checked={value.includes(k)}
            // Keep the plan's order, whatever the order of clicks.
            onChange={(e) => onChange(keys.filter((x) => (x === k ? e.target.checked : value.includes(x))))}
          />
          {enumLabel(enumName, k, lang)}
        </label>
      ))}
    </div>
  );
}

export function MultiEnumEditor(p: CustomCellEditorProps<Row, string[]> & { enumName: EnumName }) {
  const { lang } = useI18n();
  return (
    <EditorFrame title={p.colDef.headerName ?? ''} onDone={() => p.stopEditing()} onCancel={() => p.stopEditing(true)}>
      <EnumChecks enumName={p.enumName} value={p.value ?? []} onChange={(v) => p.onValueChange(v)} lang={lang} />
    </EditorFrame>
  );
}

// ---- a list of short texts ---------------------------------------------------------------------

export function ListEditor(p: CustomCellEditorProps<Row, string[]>) {
  const { t } = useI18n();
  const [text, setText] = useState((p.value ?? []).join('\n'));
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const set = (s: string) => {
    setText(s);
    p.onValueChange(
      s
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean),
    );
  };
  return (
    <EditorFrame title={p.colDef.headerName ?? ''} onDone={() => p.stopEditing()} onCancel={() => p.stopEditing(true)} hint={t({ zh: '每行一项；Ctrl+Enter 完成', en: 'One per line; Ctrl+Enter when done' })}>
      <textarea ref={ref} data-own-enter="" rows={6} cols={48} value={text} onChange={(e) => set(e.target.value)} />
    </EditorFrame>
  );
}

// ---- links to rows of another table --------------------------------------------------------------

export function LinksField({ linkTable, value, onChange, lang }: { linkTable: TableKey; value: LinkRef[]; onChange(v: LinkRef[]): void; lang: Lang }) {
  const spec = TABLE_BY_KEY[linkTable];
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<LinkRef[]>([]);
  const [loading, setLoading] = useState(true);
  const zh = lang === 'zh';
  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = setTimeout(async () => {
      try {
        // Small tables load whole; indicators are searched on the server.
        const rows =
          spec.rowModel === 'clientSide'
            ? await loadAll(spec)
            : (await listRows(spec, { filter: query.trim() ? { search: query.trim() } : undefined, limit: 50, offset: 0 })).items;
        if (!live) return;
        const q = query.trim().toLowerCase();
        const refs = rows.map((r) => ({ id: r.id, seq: r.seq, [spec.titleField === 'name' ? 'name' : 'title']: r[spec.titleField] }) as LinkRef);
        setOptions(spec.rowModel === 'clientSide' && q ? refs.filter((r) => `${r.seq} ${linkTitle(r)}`.toLowerCase().includes(q)) : refs);
      } finally {
        if (live) setLoading(false);
      }
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, spec]);
  const chosen = new Set(value.map((v) => v.id));
  return (
    <div className="links-field">
      <div className="chips">
        {value.length === 0 && <span className="muted">{zh ? '（未关联）' : '(none linked)'}</span>}
        {value.map((l) => (
          <span key={l.id} className="chip chip-link">
            <span className="chip-seq">{l.seq}</span>
            {linkTitle(l)}
            <button type="button" aria-label={zh ? '移除' : 'Remove'} onClick={() => onChange(value.filter((x) => x.id !== l.id))}>
              ×
            </button>
          </span>
        ))}
      </div>
      <input autoFocus placeholder={zh ? `搜索${spec.label.zh}` : `Search ${spec.label.en.toLowerCase()}`} value={query} onChange={(e) => setQuery(e.target.value)} />
      <ul className="links-options">
        {loading && options.length === 0 && <li className="muted">{zh ? '加载中…' : 'Loading…'}</li>}
        {options.map((o) => (
          <li key={o.id}>
            <label>
              <input
                type="checkbox"
                checked={chosen.has(o.id)}
                onChange={(e) => onChange(e.target.checked ? [...value, o].sort((a, b) => a.seq - b.seq) : value.filter((x) => x.id !== o.id))}
              />
              <span className="chip-seq">{o.seq}</span> {linkTitle(o)}
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function LinksEditor(p: CustomCellEditorProps<Row, LinkRef[]> & { linkTable: TableKey }) {
  const { lang } = useI18n();
  return (
    <EditorFrame title={p.colDef.headerName ?? ''} onDone={() => p.stopEditing()} onCancel={() => p.stopEditing(true)}>
      <LinksField linkTable={p.linkTable} value={p.value ?? []} onChange={(v) => p.onValueChange(v)} lang={lang} />
    </EditorFrame>
  );
}
