// Writes a month's bulletin (月度通报) of the database named by DATABASE_URL:
//   npm run bulletin -- 2019-06 --format xlsx|pdf|html [--out <file>] [--version <issue>]
// The published bulletin as issued (its latest issue, or --version), or the draft from the approved
// data when the month is unpublished. Without --out it goes to standard output (not XLSX or PDF on a terminal).
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { readConfig } from '../config';
import { initORM, type Em } from '../orm';
import { cliActor } from '../common/actor';
import { AppError } from '../errors';
import { createServices } from '../services';
import { BULLETIN_FORMATS, renderBulletin, type BulletinFormat } from '../bulletins/bulletin.render';

const USAGE = 'usage: npm run bulletin -- <month, e.g. 2019-06> --format xlsx|pdf|html [--out <file>] [--version <issue>]';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let parsed: { values: { format?: string; out?: string; version?: string; help?: boolean }; positionals: string[] };
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' }, version: { type: 'string', short: 'v' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (values.help) fail(USAGE, 0);
if (positionals.length !== 1) fail(`give one month\n${USAGE}`);
const wanted = (values.format ?? values.out?.match(/\.(xlsx|pdf|html)$/i)?.[1] ?? '').toLowerCase();
const format = (BULLETIN_FORMATS.find((f) => f === wanted) as BulletinFormat | undefined) ?? fail(`give --format xlsx, pdf or html${wanted ? ` (not "${wanted}")` : ''}\n${USAGE}`);
const version = values.version != null ? Number(values.version) : null;
if (version != null && (!Number.isInteger(version) || version < 1)) fail(`--version must be an issue number (1, 2, …), not "${values.version}"`);
const toStdout = !values.out || values.out === '-';
if (toStdout && format !== 'html' && process.stdout.isTTY) fail(`${format.toUpperCase()} is binary: give --out <file>.${format} or redirect the output`);

const orm = await initORM(readConfig().database);
try {
  const services = createServices(orm.em.fork() as Em, cliActor(null, 'cli'));
  const bulletin = await services.bulletins.get(positionals[0], version);
  const body = await renderBulletin(bulletin, format);
  if (toStdout) process.stdout.write(body);
  else {
    // Written beside its name and renamed when complete: a failed run leaves no half file.
    const partial = `${values.out}.partial-${process.pid}`;
    try {
      writeFileSync(partial, body);
      renameSync(partial, values.out!);
    } finally {
      rmSync(partial, { force: true });
    }
    console.error(`wrote ${bulletin.title} (${bulletin.published ? `published, issue ${bulletin.version}` : 'draft, unpublished'}) to ${values.out}`);
  }
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(`bulletin refused: ${error.message}`);
  process.exitCode = 1;
} finally {
  await orm.close();
}
