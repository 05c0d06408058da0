import { Migration } from '@mikro-orm/migrations';

const TABLES = ['milestone', 'ledger_entry', 'evidence', 'evidence_file'];

/** Issue 14: special targets' milestones, the ledger (电子台账) and its evidence files. */
export class Migration20261130053410 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "evidence_file" ("sha256" varchar(64) not null, "size" int not null, "bytes" bytea null, "created_at" timestamptz not null, constraint "evidence_file_pkey" primary key ("sha256"));`);

    this.addSql(`create table "milestone" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "special_target_id" int not null, "seq" int not null, "text" varchar(300) not null, "name" varchar(200) not null, "value" double precision not null, "unit" varchar(50) not null, "year" int not null default 2020, "cumulative" boolean not null default false);`);
    this.addSql(`create index "milestone_special_target_id_index" on "milestone" ("special_target_id");`);
    this.addSql(`alter table "milestone" add constraint "milestone_special_target_id_seq_unique" unique ("special_target_id", "seq");`);

    this.addSql(`create table "ledger_entry" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "department_id" int not null, "indicator_id" int null, "special_target_id" int null, "milestone_id" int null, "item_key" varchar(40) not null, "period" varchar(10) not null, "period_kind" text check ("period_kind" in ('YEAR', 'QUARTER', 'MONTH')) not null, "year" int not null, "actual_value" double precision null, "progress_text" text null, "state" text check ("state" in ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED')) not null default 'DRAFT', "return_reason" text null, "submitted_by_id" int null, "submitted_at" timestamptz null, "decided_by_id" int null, "decided_at" timestamptz null);`);
    this.addSql(`create index "ledger_entry_department_id_index" on "ledger_entry" ("department_id");`);
    this.addSql(`create index "ledger_entry_indicator_id_index" on "ledger_entry" ("indicator_id");`);
    this.addSql(`create index "ledger_entry_special_target_id_index" on "ledger_entry" ("special_target_id");`);
    this.addSql(`create index "ledger_entry_milestone_id_index" on "ledger_entry" ("milestone_id");`);
    this.addSql(`create index "ledger_entry_submitted_by_id_index" on "ledger_entry" ("submitted_by_id");`);
    this.addSql(`create index "ledger_entry_decided_by_id_index" on "ledger_entry" ("decided_by_id");`);
    this.addSql(`create index "ledger_entry_department_id_year_index" on "ledger_entry" ("department_id", "year");`);
    this.addSql(`create index "ledger_entry_state_year_index" on "ledger_entry" ("state", "year");`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_item_key_department_id_period_unique" unique ("item_key", "department_id", "period");`);

    this.addSql(`create table "evidence" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "ledger_entry_id" int not null, "file_sha256" varchar(64) not null, "file_name" varchar(255) not null, "content_type" varchar(100) not null, "size" int not null, "sha256" varchar(64) not null, "uploaded_by_id" int null);`);
    this.addSql(`create index "evidence_file_sha256_index" on "evidence" ("file_sha256");`);
    this.addSql(`create index "evidence_uploaded_by_id_index" on "evidence" ("uploaded_by_id");`);
    this.addSql(`create index "evidence_ledger_entry_id_index" on "evidence" ("ledger_entry_id");`);

    this.addSql(`alter table "milestone" add constraint "milestone_special_target_id_foreign" foreign key ("special_target_id") references "special_target" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_special_target_id_foreign" foreign key ("special_target_id") references "special_target" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_milestone_id_foreign" foreign key ("milestone_id") references "milestone" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_submitted_by_id_foreign" foreign key ("submitted_by_id") references "user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_decided_by_id_foreign" foreign key ("decided_by_id") references "user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "evidence" add constraint "evidence_ledger_entry_id_foreign" foreign key ("ledger_entry_id") references "ledger_entry" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "evidence" add constraint "evidence_file_sha256_foreign" foreign key ("file_sha256") references "evidence_file" ("sha256") on update cascade on delete restrict;`);
    this.addSql(`alter table "evidence" add constraint "evidence_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "user" ("id") on update cascade on delete set null;`);
    // The answer cache's data generation follows the new tables too: a counter row and a statement trigger each (as Migration20261130025646 made them).
    for (const table of TABLES) {
      this.addSql(`insert into "data_generation" ("table_name", "generation") values ('${table}', 0);`);
      this.addSql(`create trigger "${table}_generation" after insert or update or delete or truncate on "${table}" for each statement execute function "plan_hub_note_change"();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(`delete from "data_generation" where "table_name" = '${table}';`);
    this.addSql(`alter table "evidence" drop constraint "evidence_file_sha256_foreign";`);

    this.addSql(`alter table "ledger_entry" drop constraint "ledger_entry_milestone_id_foreign";`);

    this.addSql(`alter table "evidence" drop constraint "evidence_ledger_entry_id_foreign";`);

    this.addSql(`drop table if exists "evidence_file" cascade;`);

    this.addSql(`drop table if exists "milestone" cascade;`);

    this.addSql(`drop table if exists "ledger_entry" cascade;`);

    this.addSql(`drop table if exists "evidence" cascade;`);
  }

}
