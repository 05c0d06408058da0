import { Migration } from '@mikro-orm/migrations';

const TABLES = ['evaluation', 'score_rule', 'department_rating', 'innovation_bonus', 'score_publication'];

/**
 * Issue 15: quarterly evaluations and special inspections (evaluation), and the "3+1" annual score —
 * the year's rules (score_rule), the entered 社会评价/领导考评 (department_rating), the 创新创优 bonus
 * points (innovation_bonus) and the published years (score_publication). The answer cache's data
 * generation follows the new tables too (as Migration20261130053407/…053410 did for theirs).
 */
export class Migration20261130100200 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "department_rating" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "department_id" int not null, "year" int not null, "social_score" double precision null, "leadership_score" double precision null, "note" text null);`);
    this.addSql(`create index "department_rating_department_id_index" on "department_rating" ("department_id");`);
    this.addSql(`alter table "department_rating" add constraint "department_rating_department_id_year_unique" unique ("department_id", "year");`);

    this.addSql(`create table "evaluation" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "department_id" int not null, "kind" text check ("kind" in ('QUARTERLY', 'INSPECTION')) not null, "year" int not null, "quarter" int null, "quarter_key" varchar(10) null, "title" varchar(300) null, "inspection_date" varchar(10) null, "findings" text not null, "measures" text not null, "response" text null, "responded_by" varchar(100) null, "responded_at" timestamptz null, "status" text check ("status" in ('OPEN', 'RESPONDED', 'CLOSED')) not null default 'OPEN', "status_note" text null, "closed_at" timestamptz null);`);
    this.addSql(`create index "evaluation_department_id_index" on "evaluation" ("department_id");`);
    this.addSql(`create index "evaluation_status_year_index" on "evaluation" ("status", "year");`);
    this.addSql(`alter table "evaluation" add constraint "evaluation_department_id_quarter_key_unique" unique ("department_id", "quarter_key");`);

    this.addSql(`create table "innovation_bonus" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "department_id" int not null, "year" int not null, "innovation_topic_id" int not null, "points" double precision not null, "note" text null);`);
    this.addSql(`create index "innovation_bonus_department_id_index" on "innovation_bonus" ("department_id");`);
    this.addSql(`create index "innovation_bonus_innovation_topic_id_index" on "innovation_bonus" ("innovation_topic_id");`);
    this.addSql(`create index "innovation_bonus_year_index" on "innovation_bonus" ("year");`);
    this.addSql(`alter table "innovation_bonus" add constraint "innovation_bonus_department_id_year_innovation_topic_id_unique" unique ("department_id", "year", "innovation_topic_id");`);

    this.addSql(`create table "score_publication" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "year" int not null, "published_by" varchar(100) null, "published_at" timestamptz not null, "snapshot" text not null);`);
    this.addSql(`alter table "score_publication" add constraint "score_publication_year_unique" unique ("year");`);

    this.addSql(`create table "score_rule" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "year" int not null, "lead_share" double precision not null default 0.7, "support_share" double precision not null default 0.3, "binding_weight" double precision not null default 2, "expected_weight" double precision not null default 1, "milestone_weight" double precision not null default 1, "points_achieved" double precision not null default 100, "points_on_track" double precision not null default 90, "points_at_risk" double precision not null default 60, "points_off_track" double precision not null default 30, "points_missed" double precision not null default 0, "points_no_data" double precision not null default 0, "target_weight" double precision not null default 0.6, "social_weight" double precision not null default 0.2, "leadership_weight" double precision not null default 0.2, "innovation_weight" double precision not null default 1, "innovation_cap" double precision null default 5);`);
    this.addSql(`alter table "score_rule" add constraint "score_rule_year_unique" unique ("year");`);

    this.addSql(`alter table "department_rating" add constraint "department_rating_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "evaluation" add constraint "evaluation_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "innovation_bonus" add constraint "innovation_bonus_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "innovation_bonus" add constraint "innovation_bonus_innovation_topic_id_foreign" foreign key ("innovation_topic_id") references "innovation_topic" ("id") on update cascade on delete cascade;`);

    for (const table of TABLES) {
      this.addSql(`insert into "data_generation" ("table_name", "generation") values ('${table}', 0);`);
      this.addSql(`create trigger "${table}_generation" after insert or update or delete or truncate on "${table}" for each statement execute function "plan_hub_note_change"();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(`delete from "data_generation" where "table_name" = '${table}';`);
    this.addSql(`drop table if exists "department_rating" cascade;`);

    this.addSql(`drop table if exists "evaluation" cascade;`);

    this.addSql(`drop table if exists "innovation_bonus" cascade;`);

    this.addSql(`drop table if exists "score_publication" cascade;`);

    this.addSql(`drop table if exists "score_rule" cascade;`);
  }

}
