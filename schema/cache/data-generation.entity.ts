import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One row per table of the plan's data, whose counter moves with every committed change to that
 * table. Database triggers (server/migrations, one set per engine) bump it, so every writer — any hub
 * process, the CLI, a bulk import, even SQL typed by an administrator — moves it, and it moves at
 * commit, with the change. The response cache (server/cache) keeps with each answer the counters of
 * the tables it read, and serves it only while those are still the current ones: an edit of a
 * standard leaves the cached answers about indicators alone. Not part of the GraphQL schema.
 */
@Entity({ tableName: 'data_generation' })
export class DataGeneration {
  /** A table of TRACKED_TABLES. */
  @PrimaryKey({ type: 'string', length: 64 })
  tableName!: string;

  @Property({ type: 'bigint', default: 0 })
  generation!: string;
}

/**
 * The tables whose changes move their counter: every table but the sign-in attempts. No cached answer
 * shows credentials; their counter (with the users') lets a credential verified for one request stand
 * for the next ones until either table changes (server/accounts/account.service.ts). A test checks
 * that each table of the database is either here or in UNTRACKED_TABLES.
 */
export const TRACKED_TABLES = [
  'plan', 'department', 'department_alias', 'responsibility', 'indicator', 'special_target', 'special_target_indicator',
  'rectification', 'innovation_topic', 'standard', 'user', 'audit_entry', 'credential', 'year_target',
  'milestone', 'ledger_entry', 'evidence', 'evidence_file', 'demo_mark',
  'rectification_step', 'rectification_feedback',
  'published_bulletin',
  'citizen_comment',
  'evaluation', 'score_rule', 'department_rating', 'innovation_bonus', 'score_publication',
  'dataset', 'dataset_link_token',
] as const;
export type TrackedTable = (typeof TRACKED_TABLES)[number];
export const UNTRACKED_TABLES = ['login_attempt', 'data_generation', 'mikro_orm_migrations', 'row_change', 'row_change_set'] as const;
