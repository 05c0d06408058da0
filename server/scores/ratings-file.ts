import { ErrorCode } from '../errors';
import { TransferFormat, TransferTable } from '../../schema/transfer/transfer.enums';
import { openFile } from '../transfer/readers';
import { detectFormat, type ByteSource } from '../transfer/source';
import { fileProblem, type Problem } from '../transfer/problems';
import type { RatingRow } from './score.service';

/** Header words that name each column (any cell containing one, case-insensitive). */
const COLUMNS = {
  department: ['部门', '单位', 'department'],
  socialScore: ['社会评价', 'social'],
  leadershipScore: ['领导考评', 'leadership'],
  note: ['备注', 'note'],
} as const;

/** A cell as exceljs or the CSV parser gives it: text, a number, or a formula's result. */
function plain(cell: unknown): string | number | null {
  if (cell == null) return null;
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'object' && 'result' in (cell as object)) return plain((cell as { result: unknown }).result);
  if (typeof cell === 'object' && 'richText' in (cell as object)) return (cell as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  const text = String(cell).trim();
  return text === '' ? null : text;
}

/**
 * The entered scores (社会评价, 领导考评) of a spreadsheet, CSV or XLSX as the transfer import reads
 * them (encodings, delimiters, the first sheet): a header row naming the department column and at
 * least one score column, then one row per department. An empty cell leaves that score as it is.
 * Every problem is reported at once with its row and column; nothing is saved when there is one.
 */
export async function readRatingsFile(source: ByteSource): Promise<{ rows: RatingRow[]; rowNos: number[] }> {
  const format = detectFormat(source);
  if (format === TransferFormat.JSON) throw fileProblem('give the scores as a CSV or XLSX sheet (部门, 社会评价, 领导考评)');
  const file = await openFile(source, format, TransferTable.DEPARTMENTS);
  let header: Record<keyof typeof COLUMNS, number> | null = null;
  const rows: RatingRow[] = [];
  const rowNos: number[] = [];
  const problems: Problem[] = [];
  const problem = (row: number, column: string, value: unknown, reason: string) =>
    problems.push({ row, column, value: value == null ? null : String(value), reason, code: ErrorCode.BAD_USER_INPUT });
  for await (const { rowNo, cells } of file.tables[0].rows) {
    const values = cells.map(plain);
    if (!header) {
      const find = (words: readonly string[]) => values.findIndex((v) => typeof v === 'string' && words.some((w) => v.toLowerCase().includes(w)));
      header = { department: find(COLUMNS.department), socialScore: find(COLUMNS.socialScore), leadershipScore: find(COLUMNS.leadershipScore), note: find(COLUMNS.note) };
      if (header.department < 0) throw fileProblem('the header row has no department column (部门)');
      if (header.socialScore < 0 && header.leadershipScore < 0) throw fileProblem('the header row has neither 社会评价 nor 领导考评');
      continue;
    }
    if (values.every((v) => v == null)) continue;
    const department = values[header.department];
    if (department == null) problem(rowNo, '部门', null, 'give the department');
    const row: RatingRow = { department: String(department ?? '') };
    for (const [field, label] of [['socialScore', '社会评价'], ['leadershipScore', '领导考评']] as const) {
      const at = header[field];
      const value = at < 0 ? null : values[at];
      if (value == null) continue;
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n) || n < 0 || n > 100) problem(rowNo, label, value, `${label} must be a number from 0 to 100`);
      else row[field] = n;
    }
    if (header.note >= 0 && values[header.note] != null) row.note = String(values[header.note]);
    rows.push(row);
    rowNos.push(rowNo);
  }
  if (!header) throw fileProblem('the file has no header row');
  if (problems.length) {
    const listed = problems.slice(0, 3).map((p) => `row ${p.row}, ${p.column}${p.value != null ? ` "${p.value}"` : ''}: ${p.reason}`).join('; ');
    throw fileProblem(`${listed}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}; nothing was saved`, problems);
  }
  if (!rows.length) throw fileProblem('the file has no rows of scores under its header');
  return { rows, rowNos };
}
