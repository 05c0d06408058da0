import { existsSync } from 'node:fs';
import type { Orm, Em } from './orm';
import { SYSTEM_ACTOR, type Actor } from './common/actor';
import { AppError, ErrorCode } from './errors';
import { TransferFormat, TransferTable } from '../schema/transfer/transfer.enums';
import { TransferService, type ImportReport, type ImportSettings } from './transfer/transfer.service';
import { fileSource } from './transfer/source';
import { importLimits } from './transfer/limits';

/**
 * Loads a seed file (a whole-plan JSON document, as `npm run export -- --table all` writes it; the
 * plan's is seeds/binjiang-13th.json) the way any import is loaded: through the TransferService, in
 * one transaction, as the system actor (audited with source "seed" and the import's batch id).
 * Rows are matched by natural key, so a second load changes nothing, and an edited file updates just
 * the rows that differ (through the services, row by row). The server finds the file by
 * path (config: SEED_FILE), never by importing code from seeds/.
 *
 * throwOnProblems (default true): a file with problems throws BAD_USER_INPUT naming the first;
 * false returns the report with its problems (the CLI lists them). Either way nothing is changed.
 */
export async function seedFromFile(
  orm: Orm,
  path: string,
  settings: Partial<Omit<ImportSettings, 'maxBytes' | 'maxBytesSetting'>> = {},
  actor: Actor = SYSTEM_ACTOR,
): Promise<ImportReport> {
  if (!existsSync(path)) throw new AppError(ErrorCode.BAD_USER_INPUT, `SEED_FILE: no seed file at ${path}`, { field: 'SEED_FILE' });
  const limits = importLimits();
  return new TransferService(orm.em.fork() as Em, actor).import(
    { table: TransferTable.ALL, format: TransferFormat.JSON, source: fileSource(path), dryRun: false },
    // New rows set-wise at any size (the import's BulkInserter: the same permission check and audit
    // entries as services.create, a few statements per 1,000 rows): a seed mostly creates rows.
    { maxBytes: limits.cliBytes, maxBytesSetting: 'IMPORT_CLI_MAX_BYTES', throwOnProblems: true, bulkAbove: 0, ...settings },
  );
}
