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

/**
 * The problems of one import: counted all, kept up to `max`, listed by table, row and column (they
 * are found per cell, then per row, then per chunk). Any problem fails the run: nothing more is
 * written and the transaction is rolled back.
 */
export class ProblemLog {
  readonly problems: Problem[] = [];
  problemCount = 0;
  /** A problem was found: nothing more is written, and the transaction will be rolled back. */
  failed = false;
  private readonly positions = new WeakMap<Problem, number[]>();

  constructor(private readonly max: () => number) {}

  /** The index of the table being imported, which problems sort by first. */
  protected tableIndex(): number {
    return 0;
  }

  /** Records a problem; `column` is its column's index, so problems list in row and column order. */
  report(p: Problem, column = -1) {
    this.problemCount++;
    this.failed = true;
    if (this.problems.length >= this.max()) return;
    this.positions.set(p, [this.tableIndex(), p.row ?? Number.MAX_SAFE_INTEGER, column]);
    this.problems.push(p);
  }

  /** The problems by table, row and column. */
  sortedProblems(): Problem[] {
    const key = (p: Problem) => this.positions.get(p) ?? [0, 0, 0];
    return [...this.problems].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
  }
}

/** The field of the service's input an AppError names (responsibilities[0].department), if any. */
export function errorField(error: AppError): string | null {
  const f = error.details.field;
  return typeof f === 'string' ? f : null;
}

/** An AppError's message without its leading `field: `. */
export function errorReason(error: AppError): string {
  const f = error.details.field;
  return typeof f === 'string' && error.message.startsWith(`${f}: `) ? error.message.slice(f.length + 2) : error.message;
}
