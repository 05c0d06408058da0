import type { MigrationObject } from '@mikro-orm/core';
import { sqliteMigrations } from './sqlite';
import { postgresqlMigrations } from './postgresql';

/** Migrations are listed, not globbed, so tsx, vitest and a build load the same set. */
export function migrationsFor(engine: 'sqlite' | 'postgresql'): MigrationObject[] {
  return engine === 'sqlite' ? sqliteMigrations : postgresqlMigrations;
}
