import { Migration } from '@mikro-orm/migrations';

/** Issue 16: datasets (saved queries served as links) and their link tokens, with their data-generation counters. */
export class Migration20261130110100 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dataset" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "name" varchar(80) not null, "title" varchar(200) not null, "query" text not null, "variables" text not null default '{}', "column_labels" text not null default '{}', "created_by" varchar(100) null);`);
    this.addSql(`alter table "dataset" add constraint "dataset_name_unique" unique ("name");`);
    this.addSql(`create table "dataset_link_token" ("id" serial primary key, "secret_hash" varchar(64) not null, "dataset_id" int not null, "created_by" varchar(100) null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "last_used_at" timestamptz null);`);
    this.addSql(`alter table "dataset_link_token" add constraint "dataset_link_token_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "dataset_link_token_dataset_id_index" on "dataset_link_token" ("dataset_id");`);
    this.addSql(`alter table "dataset_link_token" add constraint "dataset_link_token_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on update cascade on delete cascade;`);

    // The answer cache's data generation follows both tables, as Migration20261130033117 does.
    for (const table of ['dataset', 'dataset_link_token']) {
      this.addSql(`insert into "data_generation" ("table_name", "generation") values ('${table}', 0);`);
      this.addSql(`create trigger "${table}_generation" after insert or update or delete or truncate on "${table}" for each statement execute function "plan_hub_note_change"();`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "data_generation" where "table_name" in ('dataset', 'dataset_link_token');`);
    this.addSql(`drop table if exists "dataset_link_token" cascade;`);
    this.addSql(`drop table if exists "dataset" cascade;`);
  }

}
