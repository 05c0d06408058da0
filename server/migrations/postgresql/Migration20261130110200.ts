import { Migration } from '@mikro-orm/migrations';

/** The live tables as of this migration (server/live/tables.ts). */
const TABLES = ['indicator', 'special_target', 'rectification', 'innovation_topic', 'standard', 'department', 'ledger_entry', 'year_target'];
const EVENTS = [['insert', 'CREATED', 'new_rows'], ['update', 'UPDATED', 'new_rows'], ['delete', 'DELETED', 'old_rows']] as const;
const NOW_MS = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/** The commit-time function of Migration20261130025646, as it was. */
const BUMP_BEFORE =
  `create or replace function "plan_hub_bump_generations"() returns trigger language plpgsql as $$ ` +
  `declare t text; ` +
  `begin ` +
  `for t in select x from unnest(string_to_array(coalesce(current_setting('plan_hub.changed_tables', true), ''), ',')) as x where x <> '' order by x loop ` +
  `update "data_generation" set "generation" = "generation" + 1 where "table_name" = t; ` +
  `end loop; ` +
  `perform set_config('plan_hub.changed_tables', '', true); ` +
  `delete from "data_generation" where "table_name" = new."table_name"; ` +
  `return null; end $$;`;

/**
 * Issue 17: the change log behind live subscriptions.
 *
 * - A statement trigger per live table and event, with a transition table, logs the changed rows in
 *   `row_change` with one INSERT … SELECT per statement (a 100,000-row import is one statement per
 *   chunk, not a trigger call per row), stamped with the transaction's id.
 * - The commit-time function that bumps the data generations (Migration20261130025646) also, for
 *   each live table the transaction changed, notes the change set (`row_change_set`: the table, the
 *   generation it moved to, the transaction) and sends NOTIFY plan_hub_rows '<schema>.<table>:<gen>'.
 *   It runs under the counter's row lock, so a table's generations are in commit order: a listener
 *   reading the sets above the generation it last saw misses nothing, and NOTIFY is delivered at
 *   commit (and never for a rolled-back transaction).
 */
export class Migration20261130110200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "row_change" ("id" bigserial primary key, "table_name" varchar(64) not null, "row_id" bigint not null, "version" int null, "kind" varchar(8) not null, "plan_id" int null, "department_id" int null, "state" varchar(16) null, "txid" bigint null, "created_at" bigint not null);`);
    this.addSql(`create index "row_change_txid_index" on "row_change" ("txid");`);
    this.addSql(`create index "row_change_created_at_index" on "row_change" ("created_at");`);
    this.addSql(`create index "row_change_table_name_id_index" on "row_change" ("table_name", "id");`);
    this.addSql(`create table "row_change_set" ("table_name" varchar(64) not null, "generation" bigint not null, "txid" bigint not null, "created_at" bigint not null, constraint "row_change_set_pkey" primary key ("table_name", "generation"));`);
    this.addSql(`create index "row_change_set_created_at_index" on "row_change_set" ("created_at");`);
    for (const [event, kind, rows] of EVENTS) {
      this.addSql(
        `create function "plan_hub_log_${event}"() returns trigger language plpgsql as $$ begin ` +
          `insert into "row_change" ("table_name", "row_id", "version", "kind", "plan_id", "department_id", "state", "txid", "created_at") ` +
          `select TG_TABLE_NAME, (j->>'id')::bigint, (j->>'version')::int, '${kind}', (j->>'plan_id')::int, ` +
          `case when TG_TABLE_NAME = 'ledger_entry' then (j->>'department_id')::int end, case when TG_TABLE_NAME = 'ledger_entry' then j->>'state' end, ` +
          `txid_current(), ${NOW_MS} from (select to_jsonb(r) as j from ${rows} r) x; ` +
          `return null; end $$;`,
      );
    }
    for (const table of TABLES) {
      for (const [event, , rows] of EVENTS) {
        const ref = rows === 'old_rows' ? 'old table as old_rows' : 'new table as new_rows';
        this.addSql(`create trigger "${table}_${event}_live" after ${event} on "${table}" referencing ${ref} for each statement execute function "plan_hub_log_${event}"();`);
      }
    }
    this.addSql(
      `create or replace function "plan_hub_bump_generations"() returns trigger language plpgsql as $$ ` +
        `declare t text; g bigint; ` +
        `begin ` +
        `for t in select x from unnest(string_to_array(coalesce(current_setting('plan_hub.changed_tables', true), ''), ',')) as x where x <> '' order by x loop ` +
        `update "data_generation" set "generation" = "generation" + 1 where "table_name" = t returning "generation" into g; ` +
        `if t in (${TABLES.map((t) => `'${t}'`).join(', ')}) then ` +
        `insert into "row_change_set" ("table_name", "generation", "txid", "created_at") values (t, g, txid_current(), ${NOW_MS}); ` +
        `perform pg_notify('plan_hub_rows', TG_TABLE_SCHEMA || '.' || t || ':' || g); ` +
        `end if; ` +
        `end loop; ` +
        `perform set_config('plan_hub.changed_tables', '', true); ` +
        `delete from "data_generation" where "table_name" = new."table_name"; ` +
        `return null; end $$;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(BUMP_BEFORE);
    for (const table of TABLES) for (const [event] of EVENTS) this.addSql(`drop trigger if exists "${table}_${event}_live" on "${table}";`);
    for (const [event] of EVENTS) this.addSql(`drop function if exists "plan_hub_log_${event}"();`);
    this.addSql(`drop table if exists "row_change_set";`);
    this.addSql(`drop table if exists "row_change";`);
  }
}
