import type { CellClassParams, ColDef, EditableCallbackParams, ITooltipParams, ValueFormatterParams } from 'ag-grid-community';
import type { Lang } from '../i18n';
import { enumKeys } from '../tables/enums';
import { isEditable } from '../tables/specs';
import { formatValue } from '../tables/values';
import type { FieldSpec, Row, TableSpec } from '../tables/types';
import type { GridContext } from './context';
import { mayEditCell } from '../api/session';
import { LinksCell, OpenRowCell, ResponsibilitiesCell, StatusCell } from './cells';
import { loopColumn } from '../pages/rectifications/LoopCell';
import { STATUS_LABEL, shownStatusYear } from '../ui/status';
import { LinksEditor, ListEditor, MultiEnumEditor, popupKeys, ResponsibilitiesEditor } from './editors';
import { DepartmentFilter, EnumFilter } from './filters';
import { numberEditor } from './numberCells';

const LONG = new Set(['longText', 'responsibilities', 'links', 'stringList', 'enumList']);

/** Saving / saved / failed, read from the edit controller through the grid context. */
const stateRules = (colId: string) => ({
  'ph-cell-saving': (p: CellClassParams<Row, unknown, GridContext>) => p.context.controller.cellState(p.data?.id, colId) === 'saving',
  'ph-cell-saved': (p: CellClassParams<Row, unknown, GridContext>) => p.context.controller.cellState(p.data?.id, colId) === 'saved',
  'ph-cell-failed': (p: CellClassParams<Row, unknown, GridContext>) => p.context.controller.cellState(p.data?.id, colId) === 'failed',
});

function editorFor(f: FieldSpec): Partial<ColDef<Row>> {
  switch (f.kind) {
    case 'text':
      return { cellEditor: 'agTextCellEditor', cellEditorParams: { maxLength: f.maxLength } };
    case 'longText':
      return { cellEditor: 'agLargeTextCellEditor', cellEditorPopup: true, cellEditorParams: { maxLength: f.maxLength ?? 20000, rows: 12, cols: 64 } };
    case 'int':
    case 'year':
    case 'float':
      return numberEditor(f);
    case 'enum':
      return { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: enumKeys(f.enumName!) } };
    case 'bool':
      return { cellEditor: 'agCheckboxCellEditor', cellRenderer: 'agCheckboxCellRenderer' };
    case 'enumList':
      return { cellEditor: MultiEnumEditor, cellEditorParams: { enumName: f.enumName }, cellEditorPopup: true, suppressKeyboardEvent: popupKeys };
    case 'responsibilities':
      return { cellEditor: ResponsibilitiesEditor, cellEditorPopup: true, suppressKeyboardEvent: popupKeys };
    case 'stringList':
      return { cellEditor: ListEditor, cellEditorPopup: true, suppressKeyboardEvent: popupKeys };
    case 'links':
      return { cellEditor: LinksEditor, cellEditorParams: { linkTable: f.linkTable }, cellEditorPopup: true, suppressKeyboardEvent: popupKeys };
    default:
      return {};
  }
}

function filterFor(spec: TableSpec, f: FieldSpec, lang: Lang): Partial<ColDef<Row>> {
  if (spec.rowModel === 'infinite') {
    // Paged tables filter on the server: only what the list query's filter argument can express.
    const server = spec.serverFilters[f.name];
    if (server === 'enum') return { filter: EnumFilter, filterParams: { enumName: f.enumName, lang } };
    if (server === 'bool') return { filter: EnumFilter, filterParams: { enumName: 'Boolean', lang } };
    if (server === 'department') return { filter: DepartmentFilter, filterParams: { lang } };
    return { filter: false };
  }
  switch (f.kind) {
    case 'int':
    case 'year':
    case 'float':
    case 'meta':
      return f.name === 'planCode' ? { filter: 'agTextColumnFilter' } : { filter: 'agNumberColumnFilter' };
    case 'id':
      return { filter: 'agNumberColumnFilter', filterValueGetter: (p) => Number(p.data?.id) };
    case 'enum':
      return { filter: EnumFilter, filterParams: { enumName: f.enumName, lang } };
    case 'enumList':
      return { filter: EnumFilter, filterParams: { enumName: f.enumName, lang } };
    case 'bool':
      return { filter: EnumFilter, filterParams: { enumName: 'Boolean', lang } };
    case 'responsibilities':
      return { filter: DepartmentFilter, filterParams: { lang } };
    case 'datetime':
      return {
        filter: 'agDateColumnFilter',
        filterValueGetter: (p) => {
          const v = p.data?.[f.name];
          if (!v) return null;
          const d = new Date(v);
          return new Date(d.getFullYear(), d.getMonth(), d.getDate());
        },
      };
    default:
      // Text, lists and links filter on the text the cell shows.
      return { filter: 'agTextColumnFilter', filterValueGetter: (p) => formatValue(f, p.data?.[f.name], lang) };
  }
}

function sortFor(spec: TableSpec, f: FieldSpec, lang: Lang): Partial<ColDef<Row>> {
  if (spec.rowModel === 'infinite') return { sortable: spec.sortable.includes(f.name) };
  if (f.kind === 'enum') {
    // The plan's order of the values (预期性 before 约束性), not the alphabet.
    const order = enumKeys(f.enumName!);
    return { comparator: (a, b) => order.indexOf(a) - order.indexOf(b) };
  }
  if (f.kind === 'id') return { comparator: (a, b) => Number(a) - Number(b) };
  if (LONG.has(f.kind)) {
    return { comparator: (a, b) => formatValue(f, a, lang).localeCompare(formatValue(f, b, lang), lang === 'zh' ? 'zh-CN' : 'en') };
  }
  if (f.kind === 'text') return { comparator: (a, b) => String(a ?? '').localeCompare(String(b ?? ''), lang === 'zh' ? 'zh-CN' : 'en') };
  return {};
}

/** A row's departments as search finds them: names, aliases, English names and codes. */
export function responsibilitiesSearchText(v: unknown): string {
  if (!Array.isArray(v)) return '';
  return v
    .map((r: { department?: { name?: string; nameEn?: string; code?: string; aliases?: string[] } }) =>
      [r.department?.name, r.department?.nameEn, r.department?.code, ...(r.department?.aliases ?? [])].filter(Boolean).join(' '),
    )
    .join(' ');
}

/** The grid's columns for a table: every API field, with its editor, filter and formatting. */
export function buildColumns(spec: TableSpec, lang: Lang): ColDef<Row>[] {
  const open: ColDef<Row> = {
    colId: '_open',
    headerName: '',
    width: 48,
    pinned: 'left',
    lockPosition: 'left',
    suppressMovable: true,
    sortable: false,
    filter: false,
    resizable: false,
    editable: false,
    cellRenderer: OpenRowCell,
    cellClass: 'open-cell',
    suppressHeaderMenuButton: true,
    getQuickFilterText: () => '',
  };
  const columns = spec.fields.map((f): ColDef<Row> => {
    const long = LONG.has(f.kind);
    return {
      colId: f.name,
      field: f.name,
      headerName: f.label[lang],
      headerTooltip: f.hint ? `${f.label[lang]} — ${f.hint[lang]}` : f.label[lang],
      width: f.width,
      hide: f.hidden ?? false,
      pinned: f.name === 'seq' ? 'left' : undefined,
      // Editable only where the user may change it: read-only in look and behaviour otherwise.
      editable: isEditable(f) ? (p: EditableCallbackParams<Row, unknown, GridContext>) => !!p.data && mayEditCell(p.context.user, spec, p.data, f) : false,
      cellDataType: false,
      valueFormatter: (p: ValueFormatterParams<Row>) => formatValue(f, p.value, lang),
      tooltip: (p: ITooltipParams<Row, unknown, GridContext>) =>
        p.context.controller.cellMessage(p.data?.id, f.name) ?? (long || f.kind === 'text' ? formatValue(f, p.value, lang) || undefined : undefined),
      // The row's own value, not p.value: AG Grid hands this the filter value, which for text-filtered
      // lists and links is already the formatted string (formatting it again threw on 专项目标, 创新指南, 部门).
      getQuickFilterText: (p) => {
        const v = p.data?.[f.name];
        if (f.kind === 'responsibilities') return responsibilitiesSearchText(v);
        if (f.kind === 'enum' || f.kind === 'enumList' || f.kind === 'bool') return `${formatValue(f, v, 'zh')} ${formatValue(f, v, 'en')}`;
        return formatValue(f, v, lang);
      },
      cellClassRules: isEditable(f) ? { ...stateRules(f.name), 'ph-cell-locked': (p: CellClassParams<Row, unknown, GridContext>) => !!p.data && p.context.user?.role === 'EDITOR' && !mayEditCell(p.context.user, spec, p.data, f) } : stateRules(f.name),
      cellClass: f.kind === 'int' || f.kind === 'year' || f.kind === 'float' || f.kind === 'meta' ? 'num' : undefined,
      ...(f.kind === 'responsibilities' ? { cellRenderer: ResponsibilitiesCell } : {}),
      ...(f.kind === 'links' ? { cellRenderer: LinksCell, cellRendererParams: { linkTable: f.linkTable } } : {}),
      ...editorFor(f),
      ...filterFor(spec, f, lang),
      ...sortFor(spec, f, lang),
    };
  });
  if (spec.key === 'rectifications') return [open, ...columns, loopColumn(lang)];
  return spec.key === 'indicators' ? [open, ...columns, statusColumn(lang)] : [open, ...columns];
}

/**
 * 完成状态: the indicator's completion status in the year the grid judges by (shownStatusYear: the
 * year picked above the grid, else the latest plan year begun, 2020 once the plan has ended), read only. The list query asks for it with the rows
 * (specs.ts), so a page is still one request. Its colId starts with _ so copy, paste, CSV and print,
 * which carry the table's own fields, leave it out.
 */
function statusColumn(lang: Lang): ColDef<Row> {
  const year = shownStatusYear();
  const label = lang === 'zh' ? `完成状态（${year}）` : `Status (${year})`;
  return {
    colId: '_status',
    headerName: label,
    headerTooltip: lang === 'zh' ? `${year} 年的完成状态（按已审核的台账）` : `Completion status in ${year} (from approved ledger entries)`,
    width: 130,
    editable: false,
    sortable: false,
    filter: false,
    cellDataType: false,
    valueGetter: (p) => (p.data?.progress as { status?: keyof typeof STATUS_LABEL } | undefined)?.status ?? null,
    valueFormatter: (p) => (p.value ? STATUS_LABEL[p.value as keyof typeof STATUS_LABEL][lang] : ''),
    cellRenderer: StatusCell,
    getQuickFilterText: () => '',
  };
}
