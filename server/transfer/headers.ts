import { ErrorCode } from '../errors';
import { displayCell } from './cells';
import { fileProblem, type Problem } from './problems';
import { columnFor, informationalColumn, type ColumnSpec, type TableSpec } from './tables';
import type { SourceRow } from './readers';

/** A file's header row, mapped to the table's columns. */
export interface HeaderMap {
  /** The header cells as written (trimmed). */
  headers: string[];
  /** Each cell's column; null for an empty header or one the grid writes and a file does not set (版本, 更新时间…). */
  columns: (ColumnSpec | null)[];
  /** Field → index of its cell. */
  byField: Map<string, number>;
}

/** The header the file gives a field, else the table's own. */
export function headerOf(spec: TableSpec, map: HeaderMap, field: string): string {
  const i = map.byField.get(field);
  return i == null ? (spec.columns.find((c) => c.field === field)?.header ?? field) : map.headers[i];
}

/**
 * Maps the header row to the table's columns: Chinese or English labels, field names, older headers.
 * An unknown column, one named twice, a missing required one or the notes column without the
 * responsibilities beside it refuses the file (fileProblem) before any row is read.
 */
export function mapHeaders(spec: TableSpec, header: SourceRow): HeaderMap {
  const map: HeaderMap = { headers: [], columns: [], byField: new Map() };
  const problems: Problem[] = [];
  const at = header.rowNo || null;
  const known = () => spec.columns.map((c) => c.header).join(', ');
  header.cells.forEach((raw, i) => {
    const text = raw == null ? '' : typeof raw === 'string' ? raw.trim() : (displayCell(raw) ?? '').trim();
    map.headers.push(text);
    if (!text) return void map.columns.push(null);
    const column = columnFor(spec.name, text.replace(/^\uFEFF/, ''));
    // The grid's own columns that a file does not set (版本, 更新时间, …): accepted, left alone.
    if (!column && informationalColumn(spec.name, text.replace(/^\uFEFF/, ''))) return void map.columns.push(null);
    if (!column) {
      problems.push({ table: spec.name, row: at, column: text, value: text, reason: `unknown column "${text}" for ${spec.label} (${spec.name}); the columns are ${known()}`, code: ErrorCode.BAD_USER_INPUT });
      return void map.columns.push(null);
    }
    if (map.byField.has(column.field)) {
      problems.push({ table: spec.name, row: at, column: text, value: text, reason: `"${text}" is the same column as "${map.headers[map.byField.get(column.field)!]}" (${column.field})`, code: ErrorCode.BAD_USER_INPUT });
      return void map.columns.push(null);
    }
    map.byField.set(column.field, i);
    map.columns.push(column);
  });
  for (const c of spec.columns) {
    if (c.required && !map.byField.has(c.field)) {
      problems.push({ table: spec.name, row: at, column: c.header, value: null, reason: `missing column ${c.header} (${c.field}): rows cannot be created without it`, code: ErrorCode.BAD_USER_INPUT });
    }
  }
  if (map.byField.has('responsibilityNotes') && !map.byField.has('responsibilities')) {
    const notes = headerOf(spec, map, 'responsibilityNotes');
    problems.push({ table: spec.name, row: at, column: notes, value: null, reason: `${notes} needs the 责任单位 column beside it`, code: ErrorCode.BAD_USER_INPUT });
  }
  if (problems.length) {
    throw fileProblem(`the header of ${spec.label} (${spec.name}) does not fit: ${problems.map((p) => p.reason).join('; ')}`, problems);
  }
  return map;
}

/** The columns the file sets, as the outcome lists them. */
export function outcomeColumns(map: HeaderMap): { header: string; field: string }[] {
  return map.headers.flatMap((h, i) => (map.columns[i] ? [{ header: h, field: map.columns[i]!.field }] : []));
}
