// Loads the plan's seed into the database named by DATABASE_URL:
//   npm run seed [-- <file>]     default: SEED_FILE, else seeds/binjiang-13th.json
// The seed is a whole-plan JSON document, loaded as any import is (npm run import -- <file> --table all),
// as the system actor: in one transaction, idempotent (a second run changes nothing), and a file with
// problems changes nothing (exit 1, the problems listed).
import 'reflect-metadata';
import { resolve } from 'node:path';
import { readConfig } from '../config';
import { initORM } from '../orm';
import { seedFromFile } from '../seed';
import { describeProblem } from '../transfer/problems';
import { toAppError } from '../errors';

const config = readConfig();
const file = process.argv[2] ? resolve(process.argv[2]) : config.seedFile;
const orm = await initORM(config.database);
try {
  const r = await seedFromFile(orm, file, { throwOnProblems: false });
  if (r.applied) {
    console.log(`seeded ${r.planCode} from ${file}: ${r.rowCount} rows, ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged (import ${r.importId})`);
  } else {
    console.error(`seed refused, nothing changed: ${r.problemCount} problem${r.problemCount === 1 ? '' : 's'} in ${file}`);
    for (const p of r.problems.slice(0, 20)) console.error(`  ${describeProblem(p)}`);
    if (r.problemCount > 20) console.error(`  … and ${r.problemCount - 20} more`);
    process.exitCode = 1;
  }
} catch (error) {
  const known = toAppError(error);
  console.error(known ? `seed refused, nothing changed: ${known.message}` : error);
  process.exitCode = 1;
} finally {
  await orm.close();
}
