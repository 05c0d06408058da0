// Loads the plan's seed into the database named by DATABASE_URL:
//   npm run seed [-- <file>]     default: SEED_FILE, else seeds/binjiang-13th.json
// The seed is a whole-plan JSON document, loaded as any import is (npm run import -- <file> --table all),
// as the system actor: in one transaction, idempotent (a second run changes nothing), and a file with
// problems changes nothing (exit 1, the problems listed).
//
//   npm run seed -- --demo           adds the demo data set (server/demo/demo.ts) for trying the board:
//                                    invented base values and ledger entries, each labelled 【演示数据】, and the
//                                    UI says "demo data" on every page while it is there. Seeds the plan first
//                                    when the hub holds none. Never loaded otherwise (not by npm start).
//   npm run seed -- --demo --remove  takes the demo data out again, and only it.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { readConfig } from '../config';
import { initORM, type Em } from '../orm';
import { seedFromFile } from '../seed';
import { describeProblem } from '../transfer/problems';
import { toAppError } from '../errors';
import { cliActor } from '../common/actor';
import { createServices } from '../services';
import { Plan } from '../../schema/plans/plan.entity';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const unknown = [...flags].filter((f) => f !== '--demo' && f !== '--remove');
if (unknown.length || (flags.has('--remove') && !flags.has('--demo'))) {
  console.error(`usage: npm run seed [-- <file>] | npm run seed -- --demo [--remove]${unknown.length ? ` (unknown: ${unknown.join(' ')})` : ''}`);
  process.exit(2);
}
const positional = args.filter((a) => !a.startsWith('--'));

const config = readConfig();
const file = positional[0] ? resolve(positional[0]) : config.seedFile;
const orm = await initORM(config.database);

async function seedPlan(): Promise<boolean> {
  const r = await seedFromFile(orm, file, { throwOnProblems: false });
  if (r.applied) {
    console.log(`seeded ${r.planCode} from ${file}: ${r.rowCount} rows, ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged (import ${r.importId})`);
    return true;
  }
  console.error(`seed refused, nothing changed: ${r.problemCount} problem${r.problemCount === 1 ? '' : 's'} in ${file}`);
  for (const p of r.problems.slice(0, 20)) console.error(`  ${describeProblem(p)}`);
  if (r.problemCount > 20) console.error(`  … and ${r.problemCount - 20} more`);
  process.exitCode = 1;
  return false;
}

async function demo(remove: boolean): Promise<void> {
  if (!remove && !(await orm.em.fork().count(Plan, {}))) {
    if (!(await seedPlan())) return;
  }
  // One batch in the audit trail: demo-20261130T061500Z-3f9a1c.
  const batchId = `demo-${new Date().toISOString().replace(/[-:]|\.\d+/g, '')}-${randomBytes(3).toString('hex')}`;
  const services = createServices(orm.em.fork() as Em, cliActor(batchId, 'seed'));
  const r = remove ? await services.demo.remove() : await services.demo.load();
  const e = r.entries;
  const states = Object.entries(r.states).map(([s, n]) => `${s} ${n}`).join(', ');
  if (remove) console.log(`demo data removed: ${e.deleted} ledger entries deleted, ${r.baseValues.cleared} base values cleared (batch ${batchId})`);
  else {
    console.log(`demo data loaded: ${r.baseValues.set} base values set; ledger entries ${e.created} created, ${e.updated} updated, ${e.deleted} deleted, ${e.unchanged} unchanged` + (e.skippedForRealEntries ? `, ${e.skippedForRealEntries} left to the departments' own entries` : '') + ` (batch ${batchId})`);
    console.log(`demo entries now: ${states}. Remove them with: npm run seed -- --demo --remove`);
  }
}

try {
  if (flags.has('--demo')) await demo(flags.has('--remove'));
  else await seedPlan();
} catch (error) {
  const known = toAppError(error);
  console.error(known ? `seed refused, nothing changed: ${known.message}` : error);
  process.exitCode = 1;
} finally {
  await orm.close();
}
