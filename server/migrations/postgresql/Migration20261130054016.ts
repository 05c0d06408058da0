import { Migration } from '@mikro-orm/migrations';

/** Issue 14: the marks of the demo data set (npm run seed -- --demo), with their data-generation counter. */
export class Migration20261130054016 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "demo_mark" ("id" serial primary key, "ledger_entry_id" int null, "indicator_id" int null, "base_value" double precision null, "created_at" timestamptz not null);`);
    this.addSql(`create index "demo_mark_ledger_entry_id_index" on "demo_mark" ("ledger_entry_id");`);
    this.addSql(`create index "demo_mark_indicator_id_index" on "demo_mark" ("indicator_id");`);
    this.addSql(`alter table "demo_mark" add constraint "demo_mark_indicator_id_unique" unique ("indicator_id");`);
    this.addSql(`alter table "demo_mark" add constraint "demo_mark_ledger_entry_id_unique" unique ("ledger_entry_id");`);

    this.addSql(`alter table "demo_mark" add constraint "demo_mark_ledger_entry_id_foreign" foreign key ("ledger_entry_id") references "ledger_entry" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "demo_mark" add constraint "demo_mark_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade on delete cascade;`);

    // The answer cache's data generation follows the table (hubInfo.demoData reads it), as Migration20261130053410 does.
    this.addSql(`insert into "data_generation" ("table_name", "generation") values ('demo_mark', 0);`);
    this.addSql(`create trigger "demo_mark_generation" after insert or update or delete or truncate on "demo_mark" for each statement execute function "plan_hub_note_change"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "data_generation" where "table_name" = 'demo_mark';`);
    this.addSql(`drop table if exists "demo_mark" cascade;`);
  }

}
