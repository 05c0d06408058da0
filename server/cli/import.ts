// Loads a CSV, XLSX or JSON file into the database named by DATABASE_URL:
//   npm run import -- <file> --table <name> [--dry-run] [--plan <code>] [--delete-missing] [--format csv|xlsx|json]
// Checked first; applied in one transaction, or not at all. Exit code 0: applied (or a clean dry
// run); 1: refused, nothing changed; 2: bad arguments.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { readConfig } from '../config';
import { initORM, type Em } from '../orm';
import { cliActor } from '../common/actor';
import { AppError } from '../errors';
import { TransferFormat, TransferTable } from '../../schema/transfer/transfer.enums';
import { TransferService } from '../transfer/transfer.service';
import { fileSource, megabytes } from '../transfer/source';
import { parseTableName } from '../transfer/tables';
import { importLimits } from '../transfer/limits';
import { describeProblem, type Problem } from '../transfer/problems';

const USAGE = `usage: npm run import -- <file> --table <table> [--dry-run] [--plan <code>] [--delete-missing] [--format csv|xlsx|json]
tables: ${Object.values(TransferTable).join(', ')} (all: a whole-plan JSON document)`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      table: { type: 'string', short: 't' },
      format: { type: 'string', short: 'f' },
      plan: { type: 'string', short: 'p' },
      'dry-run': { type: 'boolean', short: 'n' },
      'delete-missing': { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
try {
  args = parse();
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`);
}
const { values, positionals } = args;
if (values.help) fail(USAGE, 0);
if (positionals.length !== 1) fail(`give one file to import\n${USAGE}`);
const path = positionals[0];
if (!existsSync(path)) fail(`no such file: ${path}`);

const format = values.format ? (Object.values(TransferFormat).find((f) => f === values.format!.toLowerCase()) ?? fail(`unknown format "${values.format}": use csv, xlsx or json`)) : null;
let table: TransferTable;
try {
  table = values.table ? parseTableName(values.table) : /\.json$/i.test(path) || format === TransferFormat.JSON ? TransferTable.ALL : fail(`give --table\n${USAGE}`);
} catch (e) {
  fail((e as AppError).message.replace(/^table: /, ''));
}

const limits = importLimits();
const source = fileSource(path);
let bytesRead = 0;
const open = source.stream;
source.stream = () => open().on('data', (c: Buffer | string) => (bytesRead += c.length));

const interactive = process.stderr.isTTY && !values.quiet;
const bar = interactive
  ? new cliProgress.SingleBar({ format: 'importing {bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
  : null;
let started = performance.now();
let peakRss = process.memoryUsage().rss;
let lastLogged = 0;
function progress(rows: number) {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const rate = Math.round(rows / ((performance.now() - started) / 1000));
  if (bar) bar.update(Math.min(bytesRead, source.size), { rows, rate });
  else if (!values.quiet && (rows - lastLogged >= 5_000 || lastLogged === 0)) {
    console.error(`progress: ${rows} rows checked${values['dry-run'] ? '' : ' and written'} (${rate} rows/s)`);
    lastLogged = rows;
  }
}

const orm = await initORM(readConfig().database);
const service = new TransferService(orm.em.fork() as Em, cliActor(null, 'cli'));
bar?.start(source.size, 0, { rows: 0, rate: 0 });
started = performance.now();
let exitCode = 0;
try {
  const report = await service.import(
    { table, format, source, dryRun: values['dry-run'] ?? false, deleteMissing: values['delete-missing'] ?? false, planCode: values.plan ?? null, previewLimit: 0 },
    { maxBytes: limits.cliBytes, maxBytesSetting: 'IMPORT_CLI_MAX_BYTES', throwOnProblems: false, onProgress: progress },
  );
  bar?.stop();
  const seconds = (performance.now() - started) / 1000;
  const what = report.applied ? 'imported' : report.dryRun && !report.problemCount ? 'dry run, nothing written' : 'refused, nothing changed';
  const counts = `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.deleted} deleted`;
  const tables = report.tables.length > 1 ? '\n' + report.tables.map((t) => `  ${t.table}: ${t.rowCount} rows: ${t.created} created, ${t.updated} updated, ${t.unchanged} unchanged, ${t.deleted} deleted`).join('\n') : '';
  console.log(`${what}: ${path} → ${report.table}${report.planCode ? ` (plan ${report.planCode})` : ''}, ${report.format}${report.encoding ? ` ${report.encoding}` : ''}, ${report.rowCount} rows: ${counts}${tables}`);
  console.log(`import id ${report.importId}; ${seconds.toFixed(1)} s, ${Math.round(report.rowCount / seconds)} rows/s, peak memory ${megabytes(peakRss)}`);
  if (report.problemCount) {
    printProblems(report.problems, report.problemCount);
    exitCode = 1;
  }
} catch (error) {
  bar?.stop();
  if (!(error instanceof AppError)) throw error;
  console.error(`import refused, nothing changed: ${error.message.replace(/^file: /, '')}`);
  const problems = (error.details.problems as Problem[] | undefined) ?? [];
  if (problems.length > 1) printProblems(problems, problems.length);
  exitCode = 1;
} finally {
  await orm.close();
}
process.exitCode = exitCode;

function printProblems(problems: Problem[], total: number) {
  const shown = problems.slice(0, 50);
  console.error(`${total} problem${total === 1 ? '' : 's'}:`);
  for (const p of shown) console.error(`  ${describeProblem(p)}`);
  if (total > shown.length) console.error(`  … and ${total - shown.length} more`);
}
