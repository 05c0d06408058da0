import type { GridApi } from 'ag-grid-community';
import { useI18n, type Lang } from '../i18n';
import type { PresenceEntry } from '../api/presence';

interface Person {
  username: string;
  department: string | null;
  rows: string[];
}

/** One chip a person, however many tabs they have open. */
function people(entries: PresenceEntry[], lang: Lang): Person[] {
  const byName = new Map<string, Person>();
  for (const e of entries) {
    const p = byName.get(e.username) ?? { username: e.username, department: (lang === 'en' ? e.departmentEn : null) ?? e.department, rows: [] };
    if (e.rowId && !p.rows.includes(e.rowId)) p.rows.push(e.rowId);
    byName.set(e.username, p);
  }
  return [...byName.values()];
}

/** A CSS string literal: anything but plain letters, digits and CJK as an escape, so a name cannot end the rule. */
const cssString = (s: string) => `"${s.replace(/[^\p{L}\p{N} ._()（）-]/gu, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;

const ROW_MARK = 'box-shadow:inset 3px 0 0 #7c3aed;background-color:#f5f3ff;';
const NAME_TAG = 'position:absolute;top:50%;right:4px;transform:translateY(-50%);padding:0 6px;border-radius:8px;background:#7c3aed;color:#fff;font-size:11px;line-height:17px;pointer-events:none;';

/**
 * Who else has this table open (issue 17, presence), as chips above the grid — "也在看：张三（区住建局）" —
 * and the rows they are editing marked in the grid: a violet bar on the row's left and their name
 * on its title cell. The marks are a style sheet keyed by row id, so they follow the rows as the grid
 * scrolls, pages and redraws, without touching the grid's rendering.
 */
export function PresenceBar<T extends object>({ scope, titleField, api, others, nameOf }: {
  /** The `data-presence` of the element around the grid: the marks apply to its rows only. */
  scope: string;
  /** The column whose cell carries the editor's name tag. */
  titleField: string;
  api: GridApi<T> | null;
  others: PresenceEntry[];
  /** A row's name in the chip's tooltip, when the title column is not a field of the row. */
  nameOf?: (row: T) => string;
}) {
  const { lang, t } = useI18n();
  const list = people(others, lang);
  const marks = list
    .flatMap((p) => p.rows.filter((id) => /^\d+$/.test(id)).map((id) => ({ id, who: p.username })))
    .map(({ id, who }) => {
      const row = `[data-presence="${scope}"] .ag-row[row-id="${id}"]`;
      return `${row}{${ROW_MARK}}\n${row} .ag-cell[col-id="${titleField}"]::after{${NAME_TAG}content:${cssString(`✎ ${who}`)}}`;
    })
    .join('\n');
  if (!list.length) return null;
  const rowName = (id: string) => {
    const row = api && !api.isDestroyed() ? api.getRowNode(id)?.data : undefined;
    if (row && nameOf) return nameOf(row);
    const title = (row as Record<string, unknown> | undefined)?.[titleField];
    return title != null && typeof title !== 'object' ? String(title) : `#${id}`;
  };
  return (
    <div className="presence-bar" data-testid="presence" aria-live="polite">
      <span className="presence-lead">{t({ zh: '也在看：', en: 'Also here:' })}</span>
      {list.map((p) => (
        <span
          key={p.username}
          className={`chip presence-chip${p.rows.length ? ' presence-editing' : ''}`}
          data-user={p.username}
          title={p.rows.length ? `${t({ zh: '正在编辑：', en: 'Editing: ' })}${p.rows.map(rowName).join(lang === 'zh' ? '、' : ', ')}` : undefined}
        >
          {p.username}
          {p.department && (lang === 'zh' ? `（${p.department}）` : ` (${p.department})`)}
          {p.rows.length > 0 && (
            <>
              <span aria-hidden="true"> ✎</span>
              <span className="visually-hidden">{t({ zh: '（正在编辑）', en: ' (editing)' })}</span>
            </>
          )}
        </span>
      ))}
      <style>{marks}</style>
    </div>
  );
}
