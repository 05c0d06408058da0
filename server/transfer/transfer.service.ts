import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { Em } from '../orm';
import { createServices } from '../services';
import type { Actor } from '../common/actor';
import { AppError, ErrorCode } from '../errors';
import { TransferFormat, TransferTable, type ImportAction } from '../../schema/transfer/transfer.enums';
import { DEFAULT_OPTIONS, ImportRun, type ImportOptions, type TableOutcome } from './importer';
import { Exporter, MIME, type ExportTarget } from './exporter';
import { bufferSource, checkSize, detectFormat, type ByteSource } from './source';
import { openFile } from './readers';
import { fileProblem, publicProblem, type Problem } from './problems';

export interface ImportRequest {
  table: TransferTable;
  format?: TransferFormat | null;
  source: ByteSource;
  dryRun: boolean;
  deleteMissing?: boolean;
  planCode?: string | null;
  previewLimit?: number;
}

export interface ImportReport {
  importId: string;
  table: TransferTable;
  format: TransferFormat;
  encoding: string | null;
  planCode: string | null;
  dryRun: boolean;
  applied: boolean;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  problemCount: number;
  problems: Problem[];
  tables: (Omit<TableOutcome, 'rows'> & { rows: { row: number | null; key: string; action: ImportAction; cells: string[]; changes: { field: string; before: string | null; after: string | null }[] }[] })[];
}

export interface ImportSettings extends Partial<ImportOptions> {
  /** Largest file accepted, in bytes, and the setting that configures it (for the message). */
  maxBytes: number;
  maxBytesSetting: string;
  /** A real run with problems throws BAD_USER_INPUT (GraphQL); false returns the report (CLI). */
  throwOnProblems?: boolean;
}

/** A GraphQL upload's content as bytes; the size is checked before base64 is decoded. */
export function contentSource(content: string, encoding: 'text' | 'base64', name: string, maxBytes: number, setting: string): ByteSource {
  const approx = encoding === 'base64' ? Math.floor((content.length * 3) / 4) : content.length;
  checkSize({ name, size: approx, head: Buffer.alloc(0), stream: () => { throw new Error('unused'); } }, maxBytes, setting);
  if (encoding === 'base64') {
    if (!/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(content)) throw fileProblem('content is not valid base64');
    return bufferSource(Buffer.from(content, 'base64'), name);
  }
  return bufferSource(Buffer.from(content, 'utf8'), name);
}

/** imp-20261127T043100Z-3f9a1c: sortable, and names the run in the audit trail (batchId). */
export function newImportId(now = new Date()): string {
  return `imp-${now.toISOString().replace(/[-:]|\.\d+/g, '')}-${randomBytes(3).toString('hex')}`;
}

/**
 * Bulk import and export, one service for the CLI and GraphQL. An import is checked row by row
 * and applied in one transaction on its own EntityManager fork through the actor's services:
 * a dry run, or a run that found any problem, is rolled back, so it changes nothing.
 */
export class TransferService {
  constructor(
    private readonly em: Em,
    private readonly actor: Actor,
  ) {}

  async import(request: ImportRequest, settings: ImportSettings): Promise<ImportReport> {
    const importId = newImportId();
    checkSize(request.source, settings.maxBytes, settings.maxBytesSetting);
    const format = detectFormat(request.source, request.format);
    const actor: Actor = { ...this.actor, batchId: importId };
    createServices(this.em, actor).permissions.assertWrite(`import ${request.table}`);
    const options: ImportOptions = {
      ...DEFAULT_OPTIONS,
      ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
      dryRun: request.dryRun,
      deleteMissing: request.deleteMissing ?? false,
      planCode: request.planCode ?? null,
      previewLimit: request.previewLimit ?? DEFAULT_OPTIONS.previewLimit,
    };

    const em = this.em.fork() as Em;
    const run = new ImportRun(em, actor, options);
    let encoding: string | null = null;
    await em.begin();
    try {
      const file = await openFile(request.source, format, request.table);
      encoding = file.encoding;
      run.options.whole = file.whole;
      for (const table of file.tables) await run.importTable(table);
      // Year targets follow the indicators, whichever way (row by row or set-wise) they were written.
      if (!request.dryRun && !run.failed && run.outcomes.some((o) => o.table === 'indicators' && o.created + o.updated > 0)) await createServices(em, actor).yearTargets.sync();
      if (request.dryRun || run.failed) await em.rollback();
      else await em.commit();
    } catch (error) {
      await run.drain();
      await em.rollback();
      throw error;
    } finally {
      await run.endBigTransaction();
    }
    const applied = !request.dryRun && !run.failed;
    const sum = (k: 'rowCount' | 'created' | 'updated' | 'unchanged' | 'deleted') => run.outcomes.reduce((n, t) => n + t[k], 0);
    const planCode = run.planCode ?? options.planCode ?? null;
    const report: ImportReport = {
      importId,
      table: request.table,
      format,
      encoding,
      planCode,
      dryRun: request.dryRun,
      applied,
      rowCount: sum('rowCount'),
      created: sum('created'),
      updated: sum('updated'),
      unchanged: sum('unchanged'),
      deleted: sum('deleted'),
      problemCount: run.problemCount,
      problems: run.sortedProblems(),
      tables: run.outcomes,
    };
    if (!request.dryRun && run.failed && settings.throwOnProblems !== false) {
      const forbidden = report.problems.find((p) => p.code === ErrorCode.FORBIDDEN || p.code === ErrorCode.UNAUTHENTICATED);
      const first = report.problems[0];
      const where = [first.row != null && `row ${first.row}`, first.column && `column ${first.column}`].filter(Boolean).join(', ');
      throw new AppError(
        (forbidden?.code as ErrorCode) ?? ErrorCode.BAD_USER_INPUT,
        `import refused, nothing was changed: ${run.problemCount} problem${run.problemCount === 1 ? '' : 's'}; the first: ${where ? `${where}: ` : ''}${first.reason}`,
        { field: 'file', importId, problemCount: run.problemCount, problems: report.problems.slice(0, 100).map(publicProblem) },
      );
    }
    return report;
  }

  /** Streams the export into `out` (and ends it). */
  async export(target: ExportTarget, out: NodeJS.WritableStream & import('node:stream').Writable) {
    const em = this.em.fork() as Em;
    return new Exporter(em, createServices(em, this.actor)).write(target, out);
  }

  /** The export as bytes, for GraphQL. */
  async exportBytes(target: ExportTarget): Promise<{ filename: string; mimeType: string; rowCount: number; bytes: Buffer }> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
    const ended = new Promise((resolve, reject) => {
      out.on('end', resolve);
      out.on('error', reject);
    });
    const info = await this.export(target, out);
    await ended;
    return { ...info, mimeType: MIME[target.format], bytes: Buffer.concat(chunks) };
  }
}

