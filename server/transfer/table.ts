import { AppError, BulkRefusal, ErrorCode } from '../errors';
import { ImportAction } from '../../schema/transfer/transfer.enums';
import { displayCell, isBlank } from './cells';
import type { FieldChange } from './diff';
import { headerOf, mapHeaders, outcomeColumns, type HeaderMap } from './headers';
import type { ImportRun, TableOutcome } from './importer';
import { errorField, errorReason, fileProblem } from './problems';
import { readRow, type Row } from './rows';
import type { TableSpec } from './tables';
import type { SourceRow } from './readers';
import { checkInput } from './validate';

/** What every table's import shares: header mapping, reading cells, checking rows, chunks, preview. */
export abstract class TableImporter<S extends TableSpec = TableSpec> {
  /** The file's header, mapped to the table's columns. */
  protected map: HeaderMap = { headers: [], columns: [], byField: new Map() };
  protected readonly outcome: TableOutcome;
  /** Natural key → row number, for duplicates within the file and delete-missing. */
  protected readonly seen = new Map<string | number, number>();
  protected rowCount = 0;
  private spreadsheet = true;

  constructor(
    protected readonly run: ImportRun,
    protected readonly spec: S,
  ) {
    this.outcome = { table: spec.name, rowCount: 0, created: 0, updated: 0, unchanged: 0, deleted: 0, columns: [], rows: [] };
  }

  /** The file has this field's column. */
  protected has(field: string): boolean {
    return this.map.byField.has(field);
  }

  protected header(field: string): string {
    return headerOf(this.spec, this.map, field);
  }

  protected problem(row: Row | null, field: string | null, reason: string, extra: { value?: unknown; code?: string; suggestions?: string[] } = {}) {
    const column = field ? this.header(field.replace(/[.[].*$/, '')) : null;
    const i = field ? this.map.byField.get(field.replace(/[.[].*$/, '')) : undefined;
    const value = 'value' in extra ? extra.value : row && i != null ? row.cells[i] : null;
    this.run.report(
      {
        table: this.spec.name,
        row: row?.rowNo ?? null,
        column,
        value: displayCell(value),
        reason,
        code: extra.code ?? ErrorCode.BAD_USER_INPUT,
        suggestions: extra.suggestions ?? null,
      },
      i ?? -1,
    );
    if (row) row.ok = false;
  }

  /** A service's refusal, as a problem of the row. */
  protected serviceProblem(row: Row | null, error: unknown, key?: string) {
    if (!(error instanceof AppError)) throw error;
    const field = errorField(error);
    const known = field && this.spec.columns.some((c) => c.field === field.replace(/[.[].*$/, ''));
    this.problem(row, known ? field : null, known || !field ? errorReason(error) : error.message, {
      code: error.code,
      suggestions: Array.isArray(error.details.suggestions) ? (error.details.suggestions as string[]) : undefined,
      ...(row ? {} : { value: key ?? null }),
    });
  }

  async load(rows: AsyncIterable<SourceRow>, spreadsheet = true): Promise<TableOutcome> {
    this.spreadsheet = spreadsheet;
    let headerRow: SourceRow | null = null;
    let chunk: Row[] = [];
    let ahead: Row | null = null;
    for await (const source of rows) {
      if (!headerRow) {
        if (source.cells.every(isBlank)) continue;
        headerRow = source;
        this.map = mapHeaders(this.spec, source);
        this.outcome.columns = outcomeColumns(this.map);
        continue;
      }
      if (source.cells.every(isBlank)) continue;
      this.rowCount++;
      const row = readRow(source, this.map.columns, this.spreadsheet, (r, field, reason, extra) => this.problem(r, field, reason, extra));
      this.readKey(row);
      // One row of look-ahead: a chunk is handled knowing whether more rows follow (bulk or not).
      if (ahead) chunk.push(ahead);
      ahead = row;
      if (chunk.length >= this.run.options.chunkSize) {
        await this.handle(chunk);
        chunk = [];
      }
    }
    if (!headerRow) throw fileProblem(`the file is empty: no header row for ${this.spec.label} (${this.spec.name})`);
    if (ahead) chunk.push(ahead);
    if (chunk.length) await this.handle(chunk);
    await this.settle();
    if (this.rowCount === 0) throw fileProblem(`the file has a header but no rows for ${this.spec.label} (${this.spec.name})`);
    this.outcome.rowCount = this.rowCount;
    if (this.run.options.deleteMissing) await this.deleteMissing();
    return this.outcome;
  }

  private async handle(chunk: Row[]) {
    await this.handleChunk(chunk);
    for (const row of chunk) {
      if (!row.ok) row.action = ImportAction.ERROR;
      this.preview(row.rowNo, String(row.key ?? ''), row.action ?? ImportAction.ERROR, row.cells, row.changes ?? (() => []));
    }
    this.run.rowsDone += chunk.length;
    this.run.refresh();
    this.run.options.onProgress?.(this.run.rowsDone);
  }

  protected preview(rowNo: number | null, key: string, action: ImportAction, cells: unknown[], changes: () => FieldChange[]) {
    if (this.outcome.rows.length >= this.run.options.previewLimit) return;
    this.outcome.rows.push({ row: rowNo, key, action, cells: this.map.columns.flatMap((c, i) => (c ? [displayCell(cells[i], 1000) ?? ''] : [])), changes: action === ImportAction.ERROR || action === ImportAction.UNCHANGED ? [] : changes() });
  }

  protected count(action: ImportAction) {
    if (action === ImportAction.CREATE) this.outcome.created++;
    else if (action === ImportAction.UPDATE) this.outcome.updated++;
    else if (action === ImportAction.UNCHANGED) this.outcome.unchanged++;
  }

  /** Waits for writes still in flight (none, unless a table writes in the background). */
  protected async settle(): Promise<void> {}

  protected abstract readKey(row: Row): void;
  protected abstract handleChunk(chunk: Row[]): Promise<void>;
  protected abstract deleteMissing(): Promise<void>;

  /** Runs the input class's rules on the row's values; each broken rule is a problem in its column. */
  protected validate(row: Row, data: Record<string, unknown>) {
    // One problem per cell: the first rule it breaks (a bad year breaks three with the same words).
    const reported = new Set<string>();
    for (const p of checkInput(this.spec.inputClass, data)) {
      const root = p.field.replace(/[.[].*$/, '');
      if (row.unreadable?.has(root) || reported.has(p.field)) continue;
      reported.add(p.field);
      const field = root === 'responsibilities' && /\.note$/.test(p.field) && this.has('responsibilityNotes') ? 'responsibilityNotes' : p.field;
      this.problem(row, field, p.message);
    }
  }

  /**
   * Delete-missing: the rows (key, id) through the service's deleteMany, 500 between clears of the
   * identity map. A refused row is a problem and nothing more is deleted; the rest are still listed.
   */
  protected async deleteRows(gone: [string | number, number][], deleteMany: (ids: number[]) => Promise<void>) {
    let refused = -1;
    for (let start = 0; start < gone.length; start += 500) {
      const batch = gone.slice(start, start + 500);
      if (!this.run.failed) {
        try {
          await deleteMany(batch.map(([, id]) => id));
        } catch (error) {
          this.run.em.clear();
          if (!(error instanceof BulkRefusal)) throw error;
          refused = start + error.index;
          this.serviceProblem(null, error.error, String(batch[error.index][0]));
        }
      }
      this.run.refresh();
    }
    for (const [i, [key]] of gone.entries()) {
      if (i === refused) continue;
      this.outcome.deleted++;
      this.preview(null, String(key), ImportAction.DELETE, [], () => []);
    }
  }

  /** Marks a key seen; a key met before is a problem of this row. */
  protected checkDuplicate(row: Row, field: string) {
    if (row.key == null) return;
    const first = this.seen.get(row.key);
    if (first != null) return this.problem(row, field, `${this.header(field)} ${row.key} is already at row ${first} of this file: each row must have its own key`);
    this.seen.set(row.key, row.rowNo);
  }
}
