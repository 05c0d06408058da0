// Applies pending migrations to the database named by DATABASE_URL: npm run migrate
import { readConfig } from '../config';
import { initORM } from '../orm';

const orm = await initORM(readConfig().database);
const executed = await orm.getMigrator().getExecutedMigrations();
console.log(`database at migration ${executed.at(-1)?.name ?? '(none)'}`);
await orm.close();
