import type { CustomCellRendererProps } from 'ag-grid-react';
import { enumLabel } from '../tables/enums';
import { TABLE_BY_KEY } from '../tables/specs';
import { departmentName, linkTitle } from '../tables/values';
import type { LinkRef, Responsibility, Row, TableKey } from '../tables/types';
import type { GridContext } from './context';
import { Link } from '../router';
import { StatusChip, type ProgressStatus } from '../ui/status';

/** Departments with their role: the leads first, bold. */
export function ResponsibilitiesCell(p: CustomCellRendererProps<Row, Responsibility[], GridContext>) {
  const list = p.value ?? [];
  const lang = p.context.lang;
  return (
    <span className="chips">
      {list.map((r, i) => (
        <span key={`${r.department.id || r.department.name}-${i}`} className={`chip chip-${r.role.toLowerCase()}`} title={[lang === 'en' ? r.department.name : r.department.nameEn, lang === 'en' ? r.noteEn || r.note : r.note].filter(Boolean).join(' — ')}>
          <span className="chip-role">{enumLabel('ResponsibilityRole', r.role, lang)}</span>
          <span className="chip-name">{departmentName(r.department, lang)}</span>
        </span>
      ))}
    </span>
  );
}

/** Linked rows of the other table, each a link to that row. */
export function LinksCell(p: CustomCellRendererProps<Row, LinkRef[], GridContext> & { linkTable: TableKey }) {
  const list = p.value ?? [];
  const target = TABLE_BY_KEY[p.linkTable];
  return (
    <span className="chips">
      {list.map((l) => (
        <Link key={l.id} className="chip chip-link" to={`${target.path}?row=${l.id}`} title={`${l.seq} ${linkTitle(l)}`} onMouseDown={(e) => e.stopPropagation()}>
          <span className="chip-seq">{l.seq}</span>
          {linkTitle(l)}
        </Link>
      ))}
    </span>
  );
}

/** The row's details panel (plan tables) or the department page (departments). */
export function OpenRowCell(p: CustomCellRendererProps<Row, unknown, GridContext>) {
  if (!p.data) return null;
  const { lang, spec } = p.context;
  const isDept = spec.key === 'departments';
  const label = isDept ? (lang === 'zh' ? '查看该部门负责的全部事项' : 'Everything this department answers for') : lang === 'zh' ? '详情与关联' : 'Details and links';
  return (
    <button type="button" className="open-row" title={label} aria-label={label} data-row-open={p.data.id} onClick={() => p.context.openRow(p.data!)}>
      {isDept ? '↗' : '⋯'}
    </button>
  );
}

/** A row's completion status in the year the grid judges by (indicators): a coloured chip, the explanation its tooltip. */
export function StatusCell(p: CustomCellRendererProps<Row, { status: ProgressStatus; explanation?: string | null } | null, GridContext>) {
  const v = p.data?.progress as { status: ProgressStatus; explanation?: string | null; explanationEn?: string | null } | null | undefined;
  if (!v) return null;
  return <StatusChip status={v.status} explanation={v.explanation} explanationEn={v.explanationEn} lang={p.context.lang} />;
}
