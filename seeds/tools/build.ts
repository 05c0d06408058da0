// Produces the committed seed files from the transcription:
//   npx tsx seeds/tools/build.ts           writes seeds/<plan code>.json for each plan in seeds/transcription/
//   npx tsx seeds/tools/build.ts --check   exits 1 when a committed file differs from what it would write
// Each file is what `npm run export -- --table all --format json` writes for that plan, after the
// transcription is loaded through the current rules into a scratch in-memory database.
import 'reflect-metadata';
import { readFileSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initORM, type Em } from '../../server/orm';
import { SYSTEM_ACTOR } from '../../server/common/actor';
import { TransferService } from '../../server/transfer/transfer.service';
import { TransferFormat, TransferTable } from '../../schema/transfer/transfer.enums';
import { loadTranscription, TRANSCRIPTION_DIR, TranscriptionError } from './transcription';

/** seeds/, where the built files are committed. */
export const SEEDS_DIR = fileURLToPath(new URL('../', import.meta.url));

/** The plan codes the transcription holds (one folder with a plan.json each). */
export function transcribedPlans(dir: string = TRANSCRIPTION_DIR): string[] {
  return readdirSync(dir)
    .filter((d) => statSync(join(dir, d)).isDirectory() && existsSync(join(dir, d, 'plan.json')))
    .map((d) => String(JSON.parse(readFileSync(join(dir, d, 'plan.json'), 'utf8')).code))
    .sort();
}

/** The seed files the transcription produces: file name (`<plan code>.json`) → its text. */
export async function buildSeeds(dir: string = TRANSCRIPTION_DIR): Promise<Map<string, string>> {
  // The logger takes the migrator's announcements too: a scratch database's are noise.
  const orm = await initORM({ engine: 'sqlite', path: ':memory:' }, { onQuery: () => {} });
  try {
    const report = await loadTranscription(orm, dir);
    const out = new Map<string, string>();
    for (const code of report.plans) {
      const { bytes } = await new TransferService(orm.em.fork() as Em, SYSTEM_ACTOR).exportBytes({ table: TransferTable.ALL, format: TransferFormat.JSON, planCode: code });
      out.set(`${code}.json`, bytes.toString('utf8'));
    }
    return out;
  } finally {
    await orm.close();
  }
}

/** The built files that differ from the committed ones (missing counts as different). */
export async function staleSeeds(): Promise<string[]> {
  const built = await buildSeeds();
  return [...built].filter(([name, text]) => !existsSync(join(SEEDS_DIR, name)) || readFileSync(join(SEEDS_DIR, name), 'utf8') !== text).map(([name]) => name);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    if (process.argv.includes('--check')) {
      const stale = await staleSeeds();
      if (stale.length) {
        console.error(`stale: ${stale.join(', ')} (run npx tsx seeds/tools/build.ts and commit the result)`);
        process.exitCode = 1;
      } else console.log('the seed files are up to date');
    } else {
      for (const [name, text] of await buildSeeds()) {
        writeFileSync(join(SEEDS_DIR, name), text);
        console.log(`wrote seeds/${name} (${text.length} characters)`);
      }
    }
  } catch (error) {
    console.error(error instanceof TranscriptionError ? `the transcription was refused: ${error.message}` : error);
    process.exitCode = 1;
  }
}
