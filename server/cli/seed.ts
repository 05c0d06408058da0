// Loads seeds/ into the database named by DATABASE_URL: npm run seed
// Idempotent (a second run changes nothing) and atomic (a bad file changes nothing).
import { readConfig } from '../config';
import { initORM } from '../orm';
import { importSeeds, SeedError } from '../../seeds/importer';

const config = readConfig();
const orm = await initORM(config.database);
try {
  const r = await importSeeds(orm);
  console.log(`seeded ${r.plans.join(', ')}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`);
} catch (error) {
  console.error(error instanceof SeedError ? `seed refused, nothing changed: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await orm.close();
}
