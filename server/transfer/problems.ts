import { AppError, ErrorCode } from '../errors';
import { TransferTable } from '../../schema/transfer/transfer.enums';

const TABLE_NAMES = new Map(Object.entries(TransferTable).map(([name, value]) => [value, name]));

/** A problem as GraphQL error extensions carry it: the table by its enum name (STANDARDS), as in ImportResult. */
export function publicProblem(p: Problem): Problem {
  return p.table ? { ...p, table: (TABLE_NAMES.get(p.table) ?? p.table) as TransferTable } : p;
}

/** One problem in a file, as ImportProblem shows it. */
export interface Problem {
  table?: TransferTable | null;
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
  code: ErrorCode | string;
  suggestions?: string[] | null;
}

/** A file that cannot be read at all (encoding, format, headers, size): nothing is read or written. */
export function fileProblem(reason: string, problems: Problem[] = []): AppError {
  const list = problems.length ? problems : [{ row: null, column: null, value: null, reason, code: ErrorCode.BAD_USER_INPUT }];
  return new AppError(ErrorCode.BAD_USER_INPUT, `file: ${reason}`, { field: 'file', problems: list.map(publicProblem), problemCount: list.length });
}

/** "row 5, column 单位 ("亿"): reason", for logs and the CLI. */
export function describeProblem(p: Problem): string {
  const where = [p.table && `${p.table}`, p.row != null && `row ${p.row}`, p.column && `column ${p.column}`].filter(Boolean).join(', ');
  const value = p.value != null ? ` (${JSON.stringify(p.value.length > 60 ? `${p.value.slice(0, 60)}…` : p.value)})` : '';
  return `${where || 'file'}${value}: ${p.reason}`;
}
