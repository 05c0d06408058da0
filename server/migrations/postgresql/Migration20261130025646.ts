import { Migration } from '@mikro-orm/migrations';

/** The tables whose changes the data generation follows (as of this migration): credentials too, since issue 13. */
const TABLES = ['plan', 'department', 'department_alias', 'responsibility', 'indicator', 'special_target', 'special_target_indicator', 'rectification', 'innovation_topic', 'standard', 'user', 'audit_entry', 'credential'];
/** Those the single counter followed before it. */
const BEFORE = TABLES.filter((t) => t !== 'credential');

/**
 * The data generation kept per table (issue 13): one counter row per table (credentials now too: a
 * credential verified once stands in memory until the credential or user table changes), so a cached answer is
 * dropped only when a table it read changed.
 *
 * The counters move at commit, in one order. A statement trigger on each table only notes the table
 * in a transaction-local setting (no lock), and on the transaction's first change inserts a marker
 * row ('commit:<txid>') whose deferred constraint trigger runs once, just before commit: it bumps the
 * noted tables' rows in name order and deletes the marker, which no other transaction ever sees.
 * Row locks on the counters are so held only for the moment of the commit, never across a
 * transaction's work (the single counter's lock was a contention point under soak), and always taken
 * in the same order, so two writers cannot deadlock on them. A savepoint rolled back takes its notes
 * and its marker with it, as it does its changes.
 */
export class Migration20261130025646 extends Migration {
  override async up(): Promise<void> {
    for (const table of BEFORE) this.addSql(`drop trigger if exists "${table}_generation" on "${table}";`);
    this.addSql(`drop function if exists "plan_hub_bump_generation"();`);
    this.addSql(`delete from "data_generation";`);
    this.addSql(`alter table "data_generation" drop constraint "data_generation_pkey";`);
    this.addSql(`alter table "data_generation" drop column "id";`);
    this.addSql(`alter table "data_generation" add column "table_name" varchar(64) not null;`);
    this.addSql(`alter table "data_generation" add constraint "data_generation_pkey" primary key ("table_name");`);
    this.addSql(`insert into "data_generation" ("table_name", "generation") values ${TABLES.map((t) => `('${t}', 0)`).join(', ')};`);
    this.addSql(
      `create function "plan_hub_note_change"() returns trigger language plpgsql as $$ ` +
        `declare noted text := coalesce(current_setting('plan_hub.changed_tables', true), ''); ` +
        `begin ` +
        `if noted = '' then insert into "data_generation" ("table_name", "generation") values ('commit:' || txid_current(), 0); end if; ` +
        `if strpos(noted || ',', ',' || TG_TABLE_NAME || ',') = 0 then perform set_config('plan_hub.changed_tables', noted || ',' || TG_TABLE_NAME, true); end if; ` +
        `return null; end $$;`,
    );
    this.addSql(
      `create function "plan_hub_bump_generations"() returns trigger language plpgsql as $$ ` +
        `declare t text; ` +
        `begin ` +
        `for t in select x from unnest(string_to_array(coalesce(current_setting('plan_hub.changed_tables', true), ''), ',')) as x where x <> '' order by x loop ` +
        `update "data_generation" set "generation" = "generation" + 1 where "table_name" = t; ` +
        `end loop; ` +
        `perform set_config('plan_hub.changed_tables', '', true); ` +
        `delete from "data_generation" where "table_name" = new."table_name"; ` +
        `return null; end $$;`,
    );
    this.addSql(
      `create constraint trigger "data_generation_at_commit" after insert on "data_generation" deferrable initially deferred ` +
        `for each row when (new."table_name" like 'commit:%') execute function "plan_hub_bump_generations"();`,
    );
    for (const table of TABLES) {
      this.addSql(`create trigger "${table}_generation" after insert or update or delete or truncate on "${table}" for each statement execute function "plan_hub_note_change"();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(`drop trigger if exists "${table}_generation" on "${table}";`);
    this.addSql(`drop trigger if exists "data_generation_at_commit" on "data_generation";`);
    this.addSql(`drop function if exists "plan_hub_note_change"();`);
    this.addSql(`drop function if exists "plan_hub_bump_generations"();`);
    this.addSql(`delete from "data_generation";`);
    this.addSql(`alter table "data_generation" drop constraint "data_generation_pkey";`);
    this.addSql(`alter table "data_generation" drop column "table_name";`);
    this.addSql(`alter table "data_generation" add column "id" int not null;`);
    this.addSql(`alter table "data_generation" add constraint "data_generation_pkey" primary key ("id");`);
    this.addSql(`insert into "data_generation" ("id", "generation") values (1, 0);`);
    this.addSql(`create function "plan_hub_bump_generation"() returns trigger language plpgsql as $$ begin update "data_generation" set "generation" = "generation" + 1 where "id" = 1; return null; end $$;`);
    for (const table of BEFORE) {
      this.addSql(`create trigger "${table}_generation" before insert or update or delete or truncate on "${table}" for each statement execute function "plan_hub_bump_generation"();`);
    }
  }
}
