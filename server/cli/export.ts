// Writes a table (or the whole plan) of the database named by DATABASE_URL:
//   npm run export -- --table <name> --format csv|xlsx|json [--out <file>] [--plan <code>]
// Without --out the export goes to standard output (not for XLSX on a terminal).
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { readConfig } from '../config';
import { initORM, type Em } from '../orm';
import { cliActor } from '../common/actor';
import { AppError } from '../errors';
import { TransferFormat, TransferTable } from '../../schema/transfer/transfer.enums';
import { TransferService } from '../transfer/transfer.service';
import { parseTableName } from '../transfer/tables';

const USAGE = `usage: npm run export -- --table <table> --format csv|xlsx|json [--out <file>] [--plan <code>]
tables: ${Object.values(TransferTable).join(', ')} (all: the whole plan, JSON only)`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let parsed: { values: { table?: string; format?: string; out?: string; plan?: string; help?: boolean } };
try {
  parsed = parseArgs({
    options: { table: { type: 'string', short: 't' }, format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' }, plan: { type: 'string', short: 'p' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`);
}
const { values } = parsed;
if (values.help) fail(USAGE, 0);
if (!values.table) fail(`give --table\n${USAGE}`);
let table: TransferTable;
try {
  table = parseTableName(values.table);
} catch (e) {
  fail((e as AppError).message.replace(/^table: /, ''));
}
const format =
  (Object.values(TransferFormat).find((f) => f === (values.format ?? (values.out?.match(/\.(csv|xlsx|json)$/i)?.[1] ?? '')).toLowerCase()) as TransferFormat | undefined) ??
  fail(`give --format csv, xlsx or json\n${USAGE}`);
const toStdout = !values.out || values.out === '-';
if (toStdout && format === TransferFormat.XLSX && process.stdout.isTTY) fail('XLSX is binary: give --out <file>.xlsx or redirect the output');

const orm = await initORM(readConfig().database);
const service = new TransferService(orm.em.fork() as Em, cliActor(null, 'cli'));
// A file is written beside its name and renamed when complete: a failed export leaves no half file.
const partial = toStdout ? null : `${values.out}.partial-${process.pid}`;
const out = partial ? createWriteStream(partial) : process.stdout;
try {
  const info = await service.export({ table, format, planCode: values.plan ?? null }, out as never);
  if (partial) {
    if (!out.writableFinished) await once(out, 'finish');
    renameSync(partial, values.out!);
    console.error(`exported ${info.rowCount} rows to ${values.out} (suggested name ${info.filename})`);
  }
} catch (error) {
  if (partial) rmSync(partial, { force: true });
  if (!(error instanceof AppError)) throw error;
  console.error(`export refused: ${error.message.replace(/^(file|planCode): /, '')}`);
  process.exitCode = 1;
} finally {
  await orm.close();
}
