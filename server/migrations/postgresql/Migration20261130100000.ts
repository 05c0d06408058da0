import { Migration } from '@mikro-orm/migrations';

/**
 * The rectification loop (issue 15): RectificationStatus gains VERIFIED; each step of the loop
 * (rectification_step) and the feedback under a rectification (rectification_feedback).
 */
export class Migration20261130100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "rectification_step" ("id" serial primary key, "rectification_id" int not null, "from_status" text check ("from_status" in ('OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED')) not null, "to_status" text check ("to_status" in ('OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED')) not null, "note" text not null, "user_id" int null, "username" varchar(100) null, "department_id" int null, "at" timestamptz not null);`);
    this.addSql(`create index "rectification_step_rectification_id_index" on "rectification_step" ("rectification_id");`);
    this.addSql(`create index "rectification_step_user_id_index" on "rectification_step" ("user_id");`);
    this.addSql(`create index "rectification_step_department_id_index" on "rectification_step" ("department_id");`);

    this.addSql(`create table "rectification_feedback" ("id" serial primary key, "rectification_id" int not null, "text" text not null, "source" text check ("source" in ('OFFICE', 'DEPARTMENT', 'PUBLIC')) not null, "user_id" int null, "username" varchar(100) null, "department_id" int null, "created_at" timestamptz not null);`);
    this.addSql(`create index "rectification_feedback_rectification_id_index" on "rectification_feedback" ("rectification_id");`);
    this.addSql(`create index "rectification_feedback_user_id_index" on "rectification_feedback" ("user_id");`);
    this.addSql(`create index "rectification_feedback_department_id_index" on "rectification_feedback" ("department_id");`);

    this.addSql(`alter table "rectification_step" add constraint "rectification_step_rectification_id_foreign" foreign key ("rectification_id") references "rectification" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "rectification_step" add constraint "rectification_step_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "rectification_step" add constraint "rectification_step_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "rectification_feedback" add constraint "rectification_feedback_rectification_id_foreign" foreign key ("rectification_id") references "rectification" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "rectification_feedback" add constraint "rectification_feedback_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "rectification_feedback" add constraint "rectification_feedback_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "rectification" drop constraint if exists "rectification_status_check";`);

    this.addSql(`alter table "rectification" add constraint "rectification_status_check" check("status" in ('OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED'));`);

    // The answer cache's data generation follows the new tables too (as Migration20261130033123 did for year_target).
    for (const table of ['rectification_step', 'rectification_feedback']) {
      this.addSql(`insert into "data_generation" ("table_name", "generation") values ('${table}', 0);`);
      this.addSql(`create trigger "${table}_generation" after insert or update or delete or truncate on "${table}" for each statement execute function "plan_hub_note_change"();`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "data_generation" where "table_name" in ('rectification_step', 'rectification_feedback');`);
    this.addSql(`update "rectification" set "status" = 'DONE' where "status" = 'VERIFIED';`);
    this.addSql(`drop table if exists "rectification_step" cascade;`);

    this.addSql(`drop table if exists "rectification_feedback" cascade;`);

    this.addSql(`alter table "rectification" drop constraint if exists "rectification_status_check";`);

    this.addSql(`alter table "rectification" add constraint "rectification_status_check" check("status" in ('OPEN', 'IN_PROGRESS', 'DONE'));`);
  }

}
