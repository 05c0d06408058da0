import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One row whose counter moves with every committed change to the plan's data. Database triggers
 * (server/migrations, one set per engine) bump it, so every writer — any hub process, the CLI,
 * a bulk import, even SQL typed by an administrator — moves it, and it moves at commit, with the
 * change. The response cache (server/cache) serves an answer only while the counter it was
 * computed at is still the current one. Not part of the GraphQL schema.
 */
@Entity({ tableName: 'data_generation' })
export class DataGeneration {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'bigint', default: 0 })
  generation!: string;
}

/**
 * The tables whose changes move the counter: every table except the accounts' own bookkeeping
 * (sign-in attempts, sessions' last-used times), which no cached answer shows. A test checks that
 * each table of the database is either here or in UNTRACKED_TABLES.
 */
export const TRACKED_TABLES = [
  'plan', 'department', 'department_alias', 'responsibility', 'indicator', 'special_target', 'special_target_indicator',
  'rectification', 'innovation_topic', 'standard', 'user', 'audit_entry', 'year_target',
] as const;
export const UNTRACKED_TABLES = ['credential', 'login_attempt', 'data_generation', 'mikro_orm_migrations'] as const;
