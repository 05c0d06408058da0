import { Migration } from '@mikro-orm/migrations';

/** Year targets (issue 14): Indicator.baseValue, baseYear, targetMethod and the year_target table. */
export class Migration20261130033123 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "year_target" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "indicator_id" int not null, "year" int not null, "target_value" double precision null, "derived" boolean not null default true);`);
    this.addSql(`create index "year_target_indicator_id_index" on "year_target" ("indicator_id");`);
    this.addSql(`alter table "year_target" add constraint "year_target_indicator_id_year_unique" unique ("indicator_id", "year");`);

    this.addSql(`alter table "year_target" add constraint "year_target_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade on delete cascade;`);

    // The response cache's data generation follows this table too (as Migration20261127065530 made it for the others).
    this.addSql(`create trigger "year_target_generation" before insert or update or delete or truncate on "year_target" for each statement execute function "plan_hub_bump_generation"();`);

    this.addSql(`alter table "indicator" add column "base_value" double precision null, add column "base_year" int not null default 2015, add column "target_method" text check ("target_method" in ('GEOMETRIC', 'GROWTH_RATE', 'LINEAR', 'EVEN_SPLIT', 'FINAL', 'MANUAL')) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "year_target" cascade;`);

    this.addSql(`alter table "indicator" drop column "base_value", drop column "base_year", drop column "target_method";`);
  }

}
