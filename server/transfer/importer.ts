import type { Em } from '../orm';
import { createServices, type Services } from '../services';
import type { Actor } from '../common/actor';
import { TransferTable, ImportAction } from '../../schema/transfer/transfer.enums';
import { setSqliteCacheSize } from '../db/pragmas';
import { ProblemLog } from './problems';
import { TABLES, type PlanTableSpec, type TableName } from './tables';
import type { TableSource } from './readers';
import type { FieldChange } from './diff';
import { importLimits } from './limits';
import { PlanTableImporter } from './plan-table';
import { DepartmentImporter } from './department-table';
import { PlanRowImporter } from './plan-row-table';
import { LedgerImporter } from './ledger-table';

/**
 * An import's orchestration: the tables of a file one after another, in one transaction, each
 * through its table importer (plan-table.ts, department-table.ts, plan-row-table.ts), which reads
 * the header (headers.ts) and rows (rows.ts), looks departments up (departments.ts), compares with
 * the stored rows (diff.ts) and writes through the services' bulk methods; problems go to the
 * run's log (problems.ts).
 */

export type { FieldChange } from './diff';

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

/**
 * One import: a transaction on its own EntityManager fork, the services for its actor (so every
 * write passes the same permission checks and gets the same audit entries as through the API),
 * the problems found and what each table did. Tables are imported one after another into the same
 * transaction; the caller commits only when nothing was found wrong and it is not a dry run.
 */
export class ImportRun extends ProblemLog {
  services: Services;
  readonly outcomes: TableOutcome[] = [];
  rowsDone = 0;
  /** The plan the plan tables were loaded into. */
  planCode: string | null = null;

  constructor(
    readonly em: Em,
    readonly actor: Actor,
    readonly options: ImportOptions,
  ) {
    super(() => options.maxProblems);
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

  protected override tableIndex(): number {
    return this.outcomes.length;
  }

  async importTable(source: TableSource): Promise<TableOutcome> {
    const spec = TABLES[source.table];
    const importer =
      spec.name === TransferTable.PLANS
        ? new PlanRowImporter(this, spec)
        : spec.name === TransferTable.DEPARTMENTS
          ? new DepartmentImporter(this, spec)
          : spec.name === TransferTable.LEDGER
            ? new LedgerImporter(this, spec)
            : new PlanTableImporter(this, spec as PlanTableSpec);
    const outcome = await importer.load(source.rows, source.spreadsheet);
    this.outcomes.push(outcome);
    return outcome;
  }
}
