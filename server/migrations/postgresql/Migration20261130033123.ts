import { Migration } from '@mikro-orm/migrations';

/** Year targets (issue 14): Indicator.baseValue, baseYear, targetMethod and the year_target table. */
export class Migration20261130033123 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "year_target" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "indicator_id" int not null, "year" int not null, "target_value" double precision null, "derived" boolean not null default true);`);
    this.addSql(`create index "year_target_indicator_id_index" on "year_target" ("indicator_id");`);
    this.addSql(`alter table "year_target" add constraint "year_target_indicator_id_year_unique" unique ("indicator_id", "year");`);

    this.addSql(`alter table "year_target" add constraint "year_target_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade on delete cascade;`);

    // The answer cache's data generation follows this table too: its own counter row and statement trigger (as Migration20261130025646 made them for the others).
    this.addSql(`insert into "data_generation" ("table_name", "generation") values ('year_target', 0);`);
    this.addSql(`create trigger "year_target_generation" after insert or update or delete or truncate on "year_target" for each statement execute function "plan_hub_note_change"();`);

    this.addSql(`alter table "indicator" add column "base_value" double precision null, add column "base_year" int not null default 2015, add column "target_method" text check ("target_method" in ('GEOMETRIC', 'GROWTH_RATE', 'LINEAR', 'EVEN_SPLIT', 'FINAL', 'MANUAL')) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "data_generation" where "table_name" = 'year_target';`);
    this.addSql(`drop table if exists "year_target" cascade;`);

    this.addSql(`alter table "indicator" drop column "base_value", drop column "base_year", drop column "target_method";`);
  }

}
