import { ImportAction } from '../../schema/transfer/transfer.enums';
import { CellError, isBlank, readCell, type MilestoneCell, type NoteCell, type ResponsibilityCell } from './cells';
import type { FieldChange, Resp } from './diff';
import type { ColumnSpec } from './tables';
import type { SourceRow } from './readers';

/** One row of the file on its way in. */
export interface Row {
  rowNo: number;
  cells: unknown[];
  /** The file's values by field, for the columns it has. */
  values: Record<string, unknown>;
  key: string | number | null;
  ok: boolean;
  /** Fields whose cell could not be read: their input rules are not run again. */
  unreadable?: Set<string>;
  resps?: ResponsibilityCell[];
  notes?: NoteCell[];
  /** Resolved responsibilities. */
  responsibilities?: Resp[];
  /** specialTargets: linked indicator ids. */
  indicatorIds?: number[];
  /** specialTargets, JSON: the milestones as the file gives them; undefined: the file does not set them (they are left alone). */
  milestones?: MilestoneCell[];
  action?: ImportAction;
  /** What the preview shows as changed; computed only for previewed rows. */
  changes?: () => FieldChange[];
}

/** Reports a problem of a row: in a field's column, or (field null) of the row as a whole. */
export type RowProblem = (row: Row, field: string | null, reason: string, extra?: { value?: unknown; suggestions?: string[] }) => void;

/**
 * Cells → values by field, each cell read for its column's kind (`spreadsheet`: cells are text as
 * a spreadsheet writes them, not JSON values). An unreadable cell is a problem in its column; the
 * row goes on being read so every cell's problem is found at once.
 */
export function readRow(source: SourceRow, columns: (ColumnSpec | null)[], spreadsheet: boolean, problem: RowProblem): Row {
  const row: Row = { rowNo: source.rowNo, cells: source.cells, values: {}, key: null, ok: true };
  const n = Math.max(source.cells.length, columns.length);
  for (let i = 0; i < n; i++) {
    const raw = source.cells[i];
    const column = columns[i];
    if (!column) {
      if (i < columns.length || isBlank(raw)) continue;
      problem(row, null, `a value beyond the last column (cell ${i + 1}; the header has ${columns.length})`, { value: raw });
      continue;
    }
    try {
      const value = readCell(column.kind, raw, column.nullable, spreadsheet);
      if (column.kind.type === 'responsibilities') row.resps = value as ResponsibilityCell[];
      else if (column.kind.type === 'notes') row.notes = value as NoteCell[];
      else if (column.kind.type === 'milestones') row.milestones = value as MilestoneCell[] | undefined;
      else row.values[column.field] = value;
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      problem(row, column.field, error.reason, { suggestions: error.extra.suggestions });
      (row.unreadable ??= new Set()).add(column.kind.type === 'notes' ? 'responsibilities' : column.field);
    }
  }
  return row;
}
