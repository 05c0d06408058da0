import type { Em } from '../orm';
import { createServices, type Services } from '../services';
import type { Actor } from '../common/actor';
import { AppError, BulkRefusal, ErrorCode } from '../errors';
import type { PlanItemService, ItemData, NewItem } from '../common/plan-item.service';
import type { PlanItem } from '../../schema/common/plan-item.entity';
import { Department, DepartmentAlias, normaliseName } from '../../schema/departments/department.entity';
import { Plan } from '../../schema/plans/plan.entity';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { TransferTable, ImportAction } from '../../schema/transfer/transfer.enums';
import { parseTarget } from '../indicators/target';
import { CellError, displayCell, isBlank, readCell, writeCell, type NoteCell, type ResponsibilityCell } from './cells';
import { fileProblem, type Problem } from './problems';
import { columnFor, informationalColumn, TABLES, type ColumnSpec, type PlanTableSpec, type TableName, type TableSpec } from './tables';
import type { SourceRow, TableSource } from './readers';
import { checkInput } from './validate';
import { departmentRows, idsBySeq } from '../db/rows';
import { setSqliteCacheSize } from '../db/pragmas';
import { StoredRows } from './stored';
import { importLimits } from './limits';

export interface ImportOptions {
  dryRun: boolean;
  deleteMissing: boolean;
  /** The plan to load plan tables into; else the file's 规划 column, else the newest plan. */
  planCode?: string | null;
  previewLimit: number;
  /**
   * Files with more rows than this create their new rows set-wise (the service's createMany, with the same
   * permission check and audit entries) instead of one services.create each.
   */
  bulkAbove: number;
  chunkSize: number;
  maxProblems: number;
  /** A whole-plan document is being loaded (its plans table is that one plan). */
  whole?: boolean;
  /** Called after each chunk with the rows handled so far. */
  onProgress?: (rows: number) => void;
}

export const DEFAULT_OPTIONS: ImportOptions = {
  dryRun: true,
  deleteMissing: false,
  previewLimit: 100,
  bulkAbove: 1000,
  chunkSize: 1000,
  maxProblems: 1000,
};

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface RowPreview {
  row: number | null;
  key: string;
  action: ImportAction;
  cells: string[];
  changes: FieldChange[];
}

export interface TableOutcome {
  table: TableName;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  columns: { header: string; field: string }[];
  rows: RowPreview[];
}

/** A responsibility with its department looked up. note undefined: keep the stored note. */
export interface Resp {
  departmentId: number;
  department: string;
  code: string;
  role: string;
  note: string | null | undefined;
  /** undefined: the service keeps the stored English note while the note stays the same. */
  noteEn?: string | null;
}

/** One row of the file on its way in. */
interface Row {
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
  action?: ImportAction;
  /** What the preview shows as changed; computed only for previewed rows. */
  changes?: () => FieldChange[];
}

type Dept = { id: number; name: string; code: string };
/** A stored row as the import compares it. */
type Current = { id: number; version: number; values: Record<string, unknown>; responsibilities: Resp[]; indicatorIds: number[] };

/** What a responsibility becomes in a service's input: the English note only where the file gives one. */
const respInput = (w: Resp) => ({ department: w.department, role: w.role as never, note: w.note ?? undefined, ...(w.noteEn !== undefined ? { noteEn: w.noteEn ?? undefined } : {}) });

/** Rows written through the services between two clears of the identity map (a flush scans all it holds). */
const SERVICE_BATCH = 50;

/**
 * One import: a transaction on its own EntityManager fork, the services for its actor (so every
 * write passes the same permission checks and gets the same audit entries as through the API),
 * the problems found and what each table did. Tables are imported one after another into the same
 * transaction; the caller commits only when nothing was found wrong and it is not a dry run.
 */
export class ImportRun {
  services: Services;
  readonly problems: Problem[] = [];
  problemCount = 0;
  /** A problem was found: nothing more is written, and the transaction will be rolled back. */
  failed = false;
  readonly outcomes: TableOutcome[] = [];
  rowsDone = 0;
  /** The plan the plan tables were loaded into. */
  planCode: string | null = null;

  constructor(
    readonly em: Em,
    readonly actor: Actor,
    readonly options: ImportOptions,
  ) {
    this.services = createServices(em, actor);
  }

  private inflight: Promise<void> = Promise.resolve();

  /** Remembers writes running in the background, so nothing ends the transaction under them. */
  track(write: Promise<void>) {
    this.inflight = this.inflight.then(() => write);
  }

  /** Waits for every background write (they never reject: their errors are problems or kept for settle()). */
  drain(): Promise<void> {
    return this.inflight;
  }

  /** Drops the identity map between chunks (bounded memory) and starts fresh services on it. */
  refresh() {
    this.em.clear();
    this.services = createServices(this.em, this.actor);
  }

  private cacheRestore: number | null = null;

  /**
   * SQLite keeps 2 MB of pages by default; a transaction of 100,000 rows with their indexes then
   * goes to the disk for every chunk. A large import gets IMPORT_SQLITE_CACHE (64 MB) until it ends.
   */
  async bigTransaction() {
    if (this.cacheRestore != null) return;
    this.cacheRestore = await setSqliteCacheSize(this.em, -Math.max(1, Math.round(importLimits().sqliteCacheBytes / 1024)));
  }

  async endBigTransaction() {
    if (this.cacheRestore == null) return;
    await setSqliteCacheSize(this.em, this.cacheRestore);
    this.cacheRestore = null;
  }

  private readonly positions = new WeakMap<Problem, number[]>();

  /** Records a problem; `column` is its column's index, so problems list in row and column order. */
  report(p: Problem, column = -1) {
    this.problemCount++;
    this.failed = true;
    if (this.problems.length >= this.options.maxProblems) return;
    this.positions.set(p, [this.outcomes.length, p.row ?? Number.MAX_SAFE_INTEGER, column]);
    this.problems.push(p);
  }

  /** The problems by table, row and column (they are found per cell, then per row, then per chunk). */
  sortedProblems(): Problem[] {
    const key = (p: Problem) => this.positions.get(p) ?? [0, 0, 0];
    return [...this.problems].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
  }

  async importTable(source: TableSource): Promise<TableOutcome> {
    const spec = TABLES[source.table];
    const importer =
      spec.name === TransferTable.PLANS ? new PlanRowImporter(this, spec) : spec.name === TransferTable.DEPARTMENTS ? new DepartmentImporter(this, spec) : new PlanTableImporter(this, spec as PlanTableSpec);
    const outcome = await importer.load(source.rows, source.spreadsheet);
    this.outcomes.push(outcome);
    return outcome;
  }
}

/** The field of the service's input an AppError names (responsibilities[0].department). */
function errorField(error: AppError): string | null {
  const f = error.details.field;
  return typeof f === 'string' ? f : null;
}

function errorReason(error: AppError): string {
  const f = error.details.field;
  return typeof f === 'string' && error.message.startsWith(`${f}: `) ? error.message.slice(f.length + 2) : error.message;
}

/** What every table's import shares: header mapping, reading cells, checking rows, chunks, preview. */
abstract class TableImporter<S extends TableSpec = TableSpec> {
  protected columns: (ColumnSpec | null)[] = [];
  protected headers: string[] = [];
  protected readonly byField = new Map<string, number>();
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

  protected has(field: string): boolean {
    return this.byField.has(field);
  }

  protected header(field: string): string {
    const i = this.byField.get(field);
    return i == null ? (this.spec.columns.find((c) => c.field === field)?.header ?? field) : this.headers[i];
  }

  protected problem(row: Row | null, field: string | null, reason: string, extra: { value?: unknown; code?: string; suggestions?: string[] } = {}) {
    const column = field ? this.header(field.replace(/[.[].*$/, '')) : null;
    const i = field ? this.byField.get(field.replace(/[.[].*$/, '')) : undefined;
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

  private mapHeader(header: SourceRow) {
    const problems: Problem[] = [];
    const known = () => this.spec.columns.map((c) => c.header).join(', ');
    header.cells.forEach((raw, i) => {
      const text = raw == null ? '' : typeof raw === 'string' ? raw.trim() : (displayCell(raw) ?? '').trim();
      this.headers.push(text);
      if (!text) return void this.columns.push(null);
      const column = columnFor(this.spec.name, text.replace(/^\uFEFF/, ''));
      // The grid's own columns that a file does not set (版本, 更新时间, …): accepted, left alone.
      if (!column && informationalColumn(this.spec.name, text.replace(/^\uFEFF/, ''))) return void this.columns.push(null);
      if (!column) {
        problems.push({ table: this.spec.name, row: header.rowNo || null, column: text, value: text, reason: `unknown column "${text}" for ${this.spec.label} (${this.spec.name}); the columns are ${known()}`, code: ErrorCode.BAD_USER_INPUT });
        return void this.columns.push(null);
      }
      if (this.byField.has(column.field)) {
        problems.push({ table: this.spec.name, row: header.rowNo || null, column: text, value: text, reason: `"${text}" is the same column as "${this.headers[this.byField.get(column.field)!]}" (${column.field})`, code: ErrorCode.BAD_USER_INPUT });
        return void this.columns.push(null);
      }
      this.byField.set(column.field, i);
      this.columns.push(column);
    });
    for (const c of this.spec.columns) {
      if (c.required && !this.byField.has(c.field)) {
        problems.push({ table: this.spec.name, row: header.rowNo || null, column: c.header, value: null, reason: `missing column ${c.header} (${c.field}): rows cannot be created without it`, code: ErrorCode.BAD_USER_INPUT });
      }
    }
    if (this.byField.has('responsibilityNotes') && !this.byField.has('responsibilities')) {
      problems.push({ table: this.spec.name, row: header.rowNo || null, column: this.header('responsibilityNotes'), value: null, reason: `${this.header('responsibilityNotes')} needs the 责任单位 column beside it`, code: ErrorCode.BAD_USER_INPUT });
    }
    if (problems.length) {
      throw fileProblem(`the header of ${this.spec.label} (${this.spec.name}) does not fit: ${problems.map((p) => p.reason).join('; ')}`, problems);
    }
    this.outcome.columns = this.headers.flatMap((h, i) => (this.columns[i] ? [{ header: h, field: this.columns[i]!.field }] : []));
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
        this.mapHeader(source);
        continue;
      }
      if (source.cells.every(isBlank)) continue;
      this.rowCount++;
      const row = this.read(source);
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
    this.outcome.rows.push({ row: rowNo, key, action, cells: this.columns.flatMap((c, i) => (c ? [displayCell(cells[i], 1000) ?? ''] : [])), changes: action === ImportAction.ERROR || action === ImportAction.UNCHANGED ? [] : changes() });
  }

  protected count(action: ImportAction) {
    if (action === ImportAction.CREATE) this.outcome.created++;
    else if (action === ImportAction.UPDATE) this.outcome.updated++;
    else if (action === ImportAction.UNCHANGED) this.outcome.unchanged++;
  }

  /** Cells → values by field, each cell read for its column's kind; then the row's key and its duplicates. */
  private read(source: SourceRow): Row {
    const row: Row = { rowNo: source.rowNo, cells: source.cells, values: {}, key: null, ok: true };
    const n = Math.max(source.cells.length, this.columns.length);
    for (let i = 0; i < n; i++) {
      const raw = source.cells[i];
      const column = this.columns[i];
      if (!column) {
        if (i < this.columns.length || isBlank(raw)) continue;
        this.problem(row, null, `a value beyond the last column (cell ${i + 1}; the header has ${this.columns.length})`, { value: raw });
        continue;
      }
      try {
        const value = readCell(column.kind, raw, column.nullable, this.spreadsheet);
        if (column.kind.type === 'responsibilities') row.resps = value as ResponsibilityCell[];
        else if (column.kind.type === 'notes') row.notes = value as NoteCell[];
        else row.values[column.field] = value;
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        this.problem(row, column.field, error.reason, { suggestions: error.extra.suggestions });
        (row.unreadable ??= new Set()).add(column.kind.type === 'notes' ? 'responsibilities' : column.field);
      }
    }
    this.readKey(row);
    return row;
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

/** Values written the way a file writes them, for previews. */
function show(column: ColumnSpec | undefined, value: unknown): string | null {
  if (value == null) return null;
  if (!column) return typeof value === 'string' ? value : JSON.stringify(value);
  const out = writeCell(column.kind, value);
  return out === '' ? null : String(out);
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Department names → departments, once per distinct spelling for the whole table (not per row):
 * the services' find() (code, canonical name or any alias), and suggest() for an unknown name.
 */
class DepartmentDirectory {
  private readonly byName = new Map<string, Dept | null>();
  private readonly byId = new Map<number, Dept>();
  private readonly suggestions = new Map<string, string[]>();
  private loaded = false;

  constructor(private readonly run: ImportRun) {}

  async load() {
    if (this.loaded) return;
    for (const r of await departmentRows(this.run.em)) this.byId.set(r.id, r);
    this.loaded = true;
  }

  /** Looks up every spelling not seen before; unknown ones get their suggestions now, so rows are checked without waiting. */
  async resolve(names: Iterable<string>) {
    for (const name of names) {
      if (this.byName.has(name)) continue;
      const found = await this.run.services.departments.find(name);
      this.byName.set(name, found ? { id: found.id, name: found.name, code: found.code } : null);
      const key = normaliseName(name);
      if (!found && !this.suggestions.has(key) && this.suggestions.size < 1000) this.suggestions.set(key, await this.run.services.departments.suggest(name));
    }
  }

  get(name: string): Dept | null {
    return this.byName.get(name) ?? null;
  }

  name(id: number): Dept {
    return this.byId.get(id) ?? { id, name: String(id), code: String(id) };
  }

  suggest(name: string): string[] {
    return this.suggestions.get(normaliseName(name)) ?? [];
  }
}

/** Indicators, special targets, rectifications, innovation topics and standards: keyed by plan + seq. */
class PlanTableImporter extends TableImporter<PlanTableSpec> {
  private plan: { id: number; code: string } | null = null;
  /** seq → id of the rows the plan had when the import started. */
  private existing = new Map<number, number>();
  private readonly departments: DepartmentDirectory;
  /** specialTargets: indicator seq → id in this plan. */
  private indicatorIds: Map<number, number> | null = null;
  private useBulk = false;
  private pending: Promise<void> = Promise.resolve();
  private fatal: unknown = null;
  /** The file's columns that are fields of the input class. */
  private get inputFields(): string[] {
    return (this._inputFields ??= [...this.byField.keys()].filter((f) => !['planCode', 'indicators', 'responsibilities', 'responsibilityNotes'].includes(f)));
  }
  private _inputFields: string[] | undefined;
  private readonly columnOf = new Map(this.spec.columns.map((c) => [c.field, c]));

  private readonly stored: StoredRows;

  constructor(run: ImportRun, spec: PlanTableSpec) {
    super(run, spec);
    this.departments = new DepartmentDirectory(run);
    this.stored = new StoredRows(run.em, spec);
  }

  private get service(): PlanItemService<PlanItem> {
    return this.run.services[this.spec.name] as unknown as PlanItemService<PlanItem>;
  }

  protected readKey(row: Row) {
    const seq = row.values.seq;
    row.key = typeof seq === 'number' && Number.isInteger(seq) ? seq : null;
  }

  /** The plan: --plan / planCode given, else the first row's 规划 cell, else the newest plan. */
  private async resolvePlan(first: Row) {
    const fromFile = typeof first.values.planCode === 'string' && first.values.planCode.trim() ? first.values.planCode.trim() : null;
    const code = this.run.options.planCode ?? fromFile;
    try {
      const plan = await this.run.services.plans.resolve(code, this.run.options.planCode ? 'planCode' : 'file.planCode');
      this.plan = { id: plan.id, code: plan.code };
      this.run.planCode = plan.code;
    } catch (error) {
      if (error instanceof AppError) throw fileProblem(errorReason(error));
      throw error;
    }
    this.existing = await idsBySeq(this.run.em, this.spec.typeName, this.plan.id);
    await this.departments.load();
  }

  protected async handleChunk(chunk: Row[]) {
    if (!this.plan) await this.resolvePlan(chunk[0]);
    if (!this.useBulk && this.rowCount > this.run.options.bulkAbove) {
      this.useBulk = true;
      await this.run.bigTransaction();
    }
    await this.departments.resolve(chunk.flatMap((r) => [...(r.resps ?? []).map((x) => x.department), ...(r.notes ?? []).map((x) => x.department)]));
    if (this.spec.name === TransferTable.SPECIAL_TARGETS) await this.loadIndicatorIds(chunk);
    for (const row of chunk) this.check(row);

    const existing = chunk.filter((r) => r.ok && this.existing.has(r.key as number));
    const current = await this.current(existing.map((r) => this.existing.get(r.key as number)!));
    const creates: Row[] = [];
    const updates: { row: Row; id: number; version: number; patch: ItemData }[] = [];
    for (const row of chunk) {
      if (!row.ok) continue;
      const id = this.existing.get(row.key as number);
      if (id == null) {
        this.finishTarget(row, null);
        if (!row.ok) continue;
        row.action = ImportAction.CREATE;
        row.changes = () => this.changes(row, null);
        creates.push(row);
        continue;
      }
      const cur = current.get(id)!;
      this.finishTarget(row, cur);
      if (!row.ok) continue;
      const patch = this.patch(row, cur);
      row.changes = () => this.changes(row, cur, patch);
      row.action = Object.keys(patch).length ? ImportAction.UPDATE : ImportAction.UNCHANGED;
      if (row.action === ImportAction.UPDATE) updates.push({ row, id, version: cur.version, patch });
    }
    if (!this.run.failed && updates.length) {
      await this.settle();
      await this.update(updates);
    }
    if (!this.run.failed && creates.length) {
      // Double-buffered: this chunk's rows are written while the next chunk is read and checked;
      // the database works in its own thread. At most one chunk's writes are in flight.
      await this.settle();
      if (this.useBulk && !this.run.failed) this.run.track((this.pending = this.createBulk(creates).catch((error) => void (this.fatal = error))));
      else if (!this.run.failed) await this.createEach(creates);
    }
    for (const row of chunk) if (row.ok && row.action) this.count(row.action);
  }

  /** Waits for the writes in flight; an unexpected error there ends the import. */
  protected async settle() {
    await this.pending;
    if (this.fatal) throw this.fatal;
  }

  /** The row's own checks: plan, key, duplicates, departments, the input class's rules. */
  private check(row: Row) {
    const v = row.values;
    if (typeof v.planCode === 'string' && v.planCode.trim() && v.planCode.trim() !== this.plan!.code) {
      this.problem(row, 'planCode', `the row belongs to plan ${v.planCode.trim()}, but this import loads plan ${this.plan!.code}: load one plan per file`);
    }
    this.checkDuplicate(row, 'seq');
    if (row.resps) this.resolveResponsibilities(row);
    if (this.spec.name === TransferTable.SPECIAL_TARGETS && Array.isArray(v.indicators)) {
      const ids: number[] = [];
      for (const seq of v.indicators as number[]) {
        const id = this.indicatorIds!.get(seq);
        if (id == null) this.problem(row, 'indicators', `no indicator with seq ${seq} in plan ${this.plan!.code}`);
        else ids.push(id);
      }
      row.indicatorIds = ids;
    }
    const data: Record<string, unknown> = {};
    for (const field of this.inputFields) if (v[field] !== undefined) data[field] = v[field];
    if (row.resps) {
      // The notes column's notes are checked with their departments (a note is at most 2000 characters).
      const notes = this.has('responsibilityNotes') ? new Map((row.notes ?? []).map((n) => [normaliseName(n.department), n.note])) : null;
      data.responsibilities = row.resps.map((r) => {
        const note = notes ? notes.get(normaliseName(r.department)) : r.note;
        return note != null ? { department: r.department, role: r.role, note } : { department: r.department, role: r.role };
      });
    }
    this.validate(row, data);
  }

  private resolveResponsibilities(row: Row) {
    const out: Resp[] = [];
    const at = new Map<number, string>();
    const unknown = new Set<string>();
    for (const r of row.resps!) {
      const d = this.departments.get(r.department);
      if (!d) {
        unknown.add(normaliseName(r.department));
        const suggestions = this.departments.suggest(r.department);
        const hint = suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '';
        this.problem(row, 'responsibilities', `unknown department "${r.department}"${hint}`, { suggestions });
        continue;
      }
      if (at.has(d.id)) {
        this.problem(row, 'responsibilities', `${d.name} is listed twice (as "${at.get(d.id)}" and "${r.department}"); give it one role`);
        continue;
      }
      at.set(d.id, r.department);
      const resp: Resp = { departmentId: d.id, department: d.name, code: d.code, role: r.role, note: r.note === undefined ? undefined : r.note?.trim() || null };
      if (r.noteEn !== undefined) resp.noteEn = r.noteEn?.trim() || null;
      out.push(resp);
    }
    if (this.has('responsibilityNotes')) {
      for (const r of out) r.note = null;
      for (const n of row.notes ?? []) {
        const d = this.departments.get(n.department);
        const target = d && out.find((r) => r.departmentId === d.id);
        // A note for a department already reported unknown in this row is the same problem once more;
        // so is a note left without its department when the row names an unknown one (the cell was
        // mistyped, the note beside it is untouched): one mistake, one problem.
        if (!d && unknown.has(normaliseName(n.department))) continue;
        if (!target && unknown.size) continue;
        if (!target) {
          this.problem(row, 'responsibilityNotes', `"${n.department}" is not among the row's ${this.header('responsibilities')}; a note needs its department there`);
          continue;
        }
        target.note = n.note.trim() || null;
      }
    }
    row.responsibilities = out;
  }

  private async loadIndicatorIds(chunk: Row[]) {
    this.indicatorIds ??= new Map();
    const wanted = [...new Set(chunk.flatMap((r) => (Array.isArray(r.values.indicators) ? (r.values.indicators as number[]) : [])))].filter((s) => !this.indicatorIds!.has(s));
    for (const [seq, id] of await idsBySeq(this.run.em, Indicator.name, this.plan!.id, wanted)) this.indicatorIds.set(seq, id);
  }

  /** The stored rows of this chunk, with their responsibilities (in stored order, departments named) and links. */
  private async current(ids: number[]): Promise<Map<number, Current>> {
    const out = new Map<number, Current>();
    for (const [id, row] of await this.stored.byIds(ids)) {
      out.set(id, {
        id,
        version: row.version,
        values: row.values,
        responsibilities: row.responsibilities.map((r) => {
          const d = this.departments.name(r.departmentId);
          return { departmentId: d.id, department: d.name, code: d.code, role: r.role, note: r.note, noteEn: r.noteEn };
        }),
        indicatorIds: row.indicatorIds,
      });
    }
    return out;
  }

  /**
   * Indicators: a target kind the file does not give is read from the target text, as the API does,
   * for new rows and changed texts.
   */
  private finishTarget(row: Row, cur: { values: Record<string, unknown> } | null) {
    if (this.spec.name !== TransferTable.INDICATORS) return;
    const v = row.values;
    if (v.targetKind != null) {
      if (!this.has('targetValue') && !cur) v.targetValue = null;
      return;
    }
    delete v.targetKind;
    if (cur && v.targetText === cur.values.targetText) return;
    const parsed = parseTarget(String(v.targetText ?? ''));
    if (!parsed) return this.problem(row, 'targetText', `cannot read the target "${v.targetText}"; give ${this.header('targetKind')} and ${this.header('targetValue')} with it`);
    v.targetKind = parsed.kind;
    v.targetValue = parsed.value;
  }

  /** The responsibilities the file asks for, with stored notes kept where the file gives none. */
  private wantedResponsibilities(row: Row, cur: { responsibilities: Resp[] } | null): Resp[] {
    return row.responsibilities!.map((r) => {
      const stored = cur?.responsibilities.find((c) => c.departmentId === r.departmentId);
      const note = r.note !== undefined ? r.note : (stored?.note ?? null);
      // The English note: the file's, else the stored one while the note stays the same (as the service keeps it).
      const noteEn = r.noteEn !== undefined ? r.noteEn : stored && (stored.note ?? null) === (note ?? null) ? (stored.noteEn ?? null) : null;
      return { ...r, note, noteEn };
    });
  }

  /** Only what differs, in the API's terms; unchanged fields are left out so an EDITOR may load rows they may edit. */
  private patch(row: Row, cur: Current): ItemData {
    const patch: ItemData = {};
    for (const [field, value] of Object.entries(row.values)) {
      if (field === 'planCode' || field === 'indicators' || field === 'seq' || value === undefined) continue;
      const next = typeof value === 'string' ? value.trim() : value;
      if (!same(next, cur.values[field])) patch[field] = next;
    }
    // A new target text travels with its kind and value, so the API does not read them again.
    if (patch.targetText !== undefined || patch.targetKind !== undefined) {
      if (row.values.targetKind !== undefined) patch.targetKind = row.values.targetKind;
      if (row.values.targetValue !== undefined) patch.targetValue = row.values.targetValue;
    }
    if (row.responsibilities) {
      const wanted = this.wantedResponsibilities(row, cur);
      const unchanged =
        wanted.length === cur.responsibilities.length &&
        wanted.every(
          (w, i) =>
            w.departmentId === cur.responsibilities[i].departmentId &&
            w.role === cur.responsibilities[i].role &&
            (w.note ?? null) === (cur.responsibilities[i].note ?? null) &&
            (w.noteEn ?? null) === (cur.responsibilities[i].noteEn ?? null),
        );
      if (!unchanged) patch.responsibilities = wanted.map(respInput);
    }
    if (row.indicatorIds) {
      const a = [...new Set(row.indicatorIds)].sort((x, y) => x - y);
      const b = [...cur.indicatorIds].sort((x, y) => x - y);
      if (!same(a, b)) patch.indicatorIds = a.map(String);
    }
    return patch;
  }

  private changes(row: Row, cur: Current | null, patch?: ItemData): FieldChange[] {
    const col = (field: string) => this.spec.columns.find((c) => c.field === field);
    const seqOf = (ids: number[]) => ids.map((id) => [...this.indicatorIds!.entries()].find(([, v]) => v === id)?.[0] ?? id).sort((a, b) => a - b);
    const out: FieldChange[] = [];
    const fields = patch ? Object.keys(patch) : Object.keys(row.values).filter((f) => f !== 'planCode' && row.values[f] !== undefined);
    for (const field of fields) {
      if (field === 'responsibilities') continue;
      if (field === 'indicatorIds' || field === 'indicators') {
        const after = seqOf(row.indicatorIds ?? []);
        out.push({ field: 'indicators', before: cur ? show(col('indicators'), seqOf(cur.indicatorIds)) : null, after: show(col('indicators'), after) });
        continue;
      }
      const after = show(col(field), patch ? patch[field] : row.values[field]);
      const before = cur ? show(col(field), cur.values[field]) : null;
      if (!cur || before !== after) out.push({ field, before, after });
    }
    if (row.responsibilities && (!patch || patch.responsibilities)) {
      const wanted = this.wantedResponsibilities(row, cur);
      out.push({ field: 'responsibilities', before: cur ? show(col('responsibilities'), cur.responsibilities) || null : null, after: show(col('responsibilities'), wanted) || null });
      if (this.has('responsibilityNotes') || wanted.some((w) => w.note)) {
        const before = cur ? show(col('responsibilityNotes'), cur.responsibilities) : null;
        const after = show(col('responsibilityNotes'), wanted);
        if (before !== after) out.push({ field: 'responsibilityNotes', before, after });
      }
    }
    return out;
  }

  /** Changed rows through the service's updateMany (its permission checks and audit entries), a batch between clears of the identity map. */
  private async update(updates: { row: Row; id: number; version: number; patch: ItemData }[]) {
    // A flush looks at every entity the EntityManager holds: small batches keep that short.
    for (let start = 0; start < updates.length && !this.run.failed; start += SERVICE_BATCH) {
      const batch = updates.slice(start, start + SERVICE_BATCH);
      try {
        const changed = await this.service.updateMany(batch);
        batch.forEach((u, i) => changed[i] || (u.row.action = ImportAction.UNCHANGED));
      } catch (error) {
        this.run.em.clear();
        if (!(error instanceof BulkRefusal)) throw error;
        const u = batch[error.index];
        const stale = error.error.code === ErrorCode.NOT_FOUND || (error.error.code === ErrorCode.CONFLICT && error.error.details.currentVersion != null);
        if (stale) this.problem(u.row, null, `${this.spec.typeName} ${u.id} changed while the file was being read; load the file again`, { code: ErrorCode.CONFLICT, value: null });
        else this.serviceProblem(u.row, error.error);
        return;
      }
      this.run.refresh();
    }
  }

  /** What services.create gets for a new row. */
  private createData(row: Row): ItemData {
    const data: ItemData = { planCode: this.plan!.code };
    for (const [field, value] of Object.entries(row.values)) {
      if (field === 'planCode' || field === 'indicators' || value === undefined) continue;
      data[field] = typeof value === 'string' ? value.trim() : value;
    }
    if (row.responsibilities) data.responsibilities = this.wantedResponsibilities(row, null).map(respInput);
    if (row.indicatorIds) data.indicatorIds = [...new Set(row.indicatorIds)].map(String);
    return data;
  }

  private async createEach(rows: Row[]) {
    for (const [i, row] of rows.entries()) {
      try {
        await this.service.create(this.createData(row));
      } catch (error) {
        this.run.em.clear();
        this.serviceProblem(row, error);
        return;
      }
      if (i % SERVICE_BATCH === SERVICE_BATCH - 1) this.run.refresh();
    }
  }

  /** New rows set-wise through the service's createMany (its permission check and audit entries). */
  private async createBulk(rows: Row[]) {
    const items: NewItem[] = rows.map((row) => {
      const values: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(row.values)) if (field !== 'planCode' && field !== 'indicators' && field !== 'seq') values[field] = value;
      return {
        seq: row.key as number,
        values,
        responsibilities: row.responsibilities?.map((w) => ({ departmentId: w.departmentId, code: w.code, role: w.role, note: w.note ?? null, noteEn: w.noteEn })),
        indicatorIds: row.indicatorIds,
      };
    });
    try {
      await this.service.createMany(this.plan!, items);
    } catch (error) {
      this.run.em.clear();
      if (error instanceof AppError) return this.serviceProblem(rows[0], error);
      this.run.report({ table: this.spec.name, row: null, column: null, value: null, reason: `the database refused rows ${rows[0].rowNo}–${rows[rows.length - 1].rowNo}: ${(error as Error).message}`, code: ErrorCode.CONFLICT });
    }
  }

  protected async deleteMissing() {
    if (!this.plan) return;
    const gone = [...this.existing.entries()].filter(([seq]) => !this.seen.has(seq)).sort((a, b) => a[0] - b[0]);
    await this.deleteRows(gone, (ids) => this.service.deleteMany(ids));
  }
}

/** Departments: keyed by code, through DepartmentService.upsert (aliases included). */
class DepartmentImporter extends TableImporter {
  private existing = new Map<string, number>();
  private loaded = false;

  protected readKey(row: Row) {
    row.key = typeof row.values.code === 'string' && row.values.code.trim() ? row.values.code.trim() : null;
  }

  protected async handleChunk(chunk: Row[]) {
    if (!this.loaded) {
      this.existing = new Map((await departmentRows(this.run.em)).map((r) => [r.code, r.id]));
      this.loaded = true;
    }
    for (const row of chunk) {
      this.checkDuplicate(row, 'code');
      this.validate(row, { ...row.values });
    }
    const ids = chunk.filter((r) => r.ok && this.existing.has(r.key as string)).map((r) => this.existing.get(r.key as string)!);
    const current = new Map<number, Record<string, unknown>>();
    if (ids.length) {
      const departments = await this.run.em.find(Department, { id: { $in: ids } });
      const aliases = await this.run.em.find(DepartmentAlias, { department: { $in: ids } }, { orderBy: { id: 'asc' } });
      for (const d of departments) current.set(d.id, { code: d.code, name: d.name, nameEn: d.nameEn, aliases: aliases.filter((a) => a.department.id === d.id).map((a) => a.alias) });
    }
    const writes: { row: Row; data: Record<string, unknown> }[] = [];
    for (const row of chunk) {
      if (!row.ok) continue;
      const id = this.existing.get(row.key as string);
      const cur = id != null ? current.get(id)! : null;
      const data = Object.fromEntries(Object.entries(row.values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : Array.isArray(v) ? v.map((x) => String(x).trim()) : v]));
      const differs = (k: string) => {
        if (k !== 'aliases') return !same(data[k], cur![k]);
        // Aliases: as DepartmentService stores them: by normalised spelling, the name itself left out.
        const key = (list: unknown) => {
          const m = new Map<string, string>();
          for (const a of (list as string[]) ?? []) if (normaliseName(a) && normaliseName(a) !== normaliseName(String(data.name ?? cur!.name))) m.has(normaliseName(a)) || m.set(normaliseName(a), a);
          return JSON.stringify([...m.entries()].sort());
        };
        return key(data.aliases) !== key(cur!.aliases);
      };
      const changed = cur ? Object.keys(data).filter((k) => data[k] !== undefined && differs(k)) : Object.keys(data);
      row.action = !cur ? ImportAction.CREATE : changed.length ? ImportAction.UPDATE : ImportAction.UNCHANGED;
      const col = (f: string) => this.spec.columns.find((c) => c.field === f);
      row.changes = () => changed.map((f) => ({ field: f, before: cur ? show(col(f), cur[f]) : null, after: show(col(f), data[f]) }));
      if (row.action !== ImportAction.UNCHANGED) writes.push({ row, data });
    }
    if (!this.run.failed && writes.length) {
      try {
        for (const saved of await this.run.services.departments.upsertMany(writes.map((w) => w.data as never))) this.existing.set(saved.code, saved.id);
      } catch (error) {
        this.run.em.clear();
        if (!(error instanceof BulkRefusal)) throw error;
        this.serviceProblem(writes[error.index].row, error.error);
      }
    }
    for (const row of chunk) if (row.ok && row.action) this.count(row.action);
  }

  protected async deleteMissing() {
    const gone = [...this.existing.entries()].filter(([code]) => !this.seen.has(code)).sort();
    await this.deleteRows(gone, (ids) => this.run.services.departments.deleteMany(ids));
  }
}

/** Plans: keyed by code, through PlanService.upsert. Delete-missing is not offered for plans. */
class PlanRowImporter extends TableImporter {
  protected readKey(row: Row) {
    row.key = typeof row.values.code === 'string' && row.values.code.trim() ? row.values.code.trim() : null;
  }

  protected async handleChunk(chunk: Row[]) {
    for (const row of chunk) {
      this.checkDuplicate(row, 'code');
      this.validate(row, { ...row.values });
      if (!row.ok) continue;
      const data = Object.fromEntries(Object.entries(row.values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() || null : v]));
      const cur = await this.run.em.findOne(Plan, { code: row.key as string });
      const changed = Object.keys(data).filter((k) => data[k] !== undefined && (!cur || !same(data[k], (cur as unknown as Record<string, unknown>)[k])));
      row.action = !cur ? ImportAction.CREATE : changed.length ? ImportAction.UPDATE : ImportAction.UNCHANGED;
      const col = (f: string) => this.spec.columns.find((c) => c.field === f);
      const before = cur ? { ...(cur as unknown as Record<string, unknown>) } : null;
      row.changes = () => changed.map((f) => ({ field: f, before: before ? show(col(f), before[f]) : null, after: show(col(f), data[f]) }));
      if (this.run.failed || row.action === ImportAction.UNCHANGED) continue;
      try {
        await this.run.services.plans.upsert(data as never);
      } catch (error) {
        this.run.em.clear();
        this.serviceProblem(row, error);
      }
    }
    for (const row of chunk) if (row.ok && row.action) this.count(row.action);
  }

  /** Never for plans: a whole-plan document holds one plan and leaves the others alone; a plans file is refused. */
  protected async deleteMissing() {
    if (this.run.options.whole) return;
    this.run.report({ table: this.spec.name, row: null, column: null, value: null, reason: 'delete-missing is not offered for plans: deleting a plan deletes all its rows; delete it on its own', code: ErrorCode.BAD_USER_INPUT });
  }
}
