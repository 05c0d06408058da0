import { Migration } from '@mikro-orm/migrations';

/** The tables whose changes the data generation follows (as of this migration). */
const TABLES = ['plan', 'department', 'department_alias', 'responsibility', 'indicator', 'special_target', 'special_target_indicator', 'rectification', 'innovation_topic', 'standard', 'user', 'audit_entry'];

/**
 * The data generation (schema/cache/data-generation.entity.ts): one counter, bumped by a statement
 * trigger on every insert, update, delete and truncate of the plan's tables. The new value becomes
 * visible at commit, with the change. The trigger runs BEFORE the statement, so a writing transaction
 * takes the counter's row lock before any row lock of its own: writers queue on it in one order and
 * cannot deadlock on it.
 */
export class Migration20261127065530 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "data_generation" ("id" int not null, "generation" bigint not null default 0, constraint "data_generation_pkey" primary key ("id"));`);
    this.addSql(`insert into "data_generation" ("id", "generation") values (1, 0);`);
    this.addSql(`create function "plan_hub_bump_generation"() returns trigger language plpgsql as $$ begin update "data_generation" set "generation" = "generation" + 1 where "id" = 1; return null; end $$;`);
    for (const table of TABLES) {
      this.addSql(`create trigger "${table}_generation" before insert or update or delete or truncate on "${table}" for each statement execute function "plan_hub_bump_generation"();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(`drop trigger if exists "${table}_generation" on "${table}";`);
    this.addSql(`drop function if exists "plan_hub_bump_generation"();`);
    this.addSql(`drop table if exists "data_generation" cascade;`);
  }
}
