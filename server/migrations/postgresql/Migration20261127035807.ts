import { Migration } from '@mikro-orm/migrations';

export class Migration20261127035807 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "department" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "code" varchar(64) not null, "name" varchar(200) not null, "name_key" varchar(200) not null, "name_en" varchar(300) not null);`);
    this.addSql(`alter table "department" add constraint "department_code_unique" unique ("code");`);
    this.addSql(`alter table "department" add constraint "department_name_unique" unique ("name");`);
    this.addSql(`alter table "department" add constraint "department_name_key_unique" unique ("name_key");`);

    this.addSql(`create table "department_alias" ("id" serial primary key, "department_id" int not null, "alias" varchar(200) not null, "key" varchar(200) not null);`);
    this.addSql(`alter table "department_alias" add constraint "department_alias_key_unique" unique ("key");`);

    this.addSql(`create table "plan" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "code" varchar(64) not null, "name" varchar(500) not null, "name_en" varchar(500) not null, "start_year" int not null, "end_year" int not null, "published_on" varchar(10) null, "source" varchar(500) null);`);
    this.addSql(`alter table "plan" add constraint "plan_code_unique" unique ("code");`);

    this.addSql(`create table "innovation_topic" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "plan_id" int not null, "seq" int not null, "field" text check ("field" in ('ECONOMY', 'POLITICS', 'CULTURE', 'SOCIETY', 'ECOLOGY', 'INSTITUTIONS')) not null, "title" varchar(300) not null, "problem" text not null, "path" text not null, "sources" jsonb not null);`);
    this.addSql(`alter table "innovation_topic" add constraint "innovation_topic_plan_id_seq_unique" unique ("plan_id", "seq");`);

    this.addSql(`create table "indicator" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "plan_id" int not null, "seq" int not null, "name" varchar(300) not null, "unit" varchar(50) not null, "unit_as_written" varchar(300) null, "target_text" varchar(200) not null, "target_as_written" varchar(200) null, "target_value" double precision null, "target_kind" text check ("target_kind" in ('EXACT', 'APPROX', 'AT_LEAST', 'AT_MOST', 'RELATIVE', 'ASSIGNED')) not null, "annual_growth_pct" double precision null, "attribute" text check ("attribute" in ('EXPECTED', 'BINDING')) not null, "cumulative" boolean not null default false);`);
    this.addSql(`alter table "indicator" add constraint "indicator_plan_id_seq_unique" unique ("plan_id", "seq");`);

    this.addSql(`create table "rectification" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "plan_id" int not null, "seq" int not null, "problem" text not null, "direction" text not null, "plan_text" text not null, "measures" text not null, "expected_outcomes" text not null, "deadline_year" int null, "status" text check ("status" in ('OPEN', 'IN_PROGRESS', 'DONE')) not null default 'OPEN', "others_involved" boolean not null default false);`);
    this.addSql(`alter table "rectification" add constraint "rectification_plan_id_seq_unique" unique ("plan_id", "seq");`);

    this.addSql(`create table "special_target" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "plan_id" int not null, "seq" int not null, "title" varchar(300) not null, "content" text not null, "assessment_method_list" varchar(200) not null default '', "others_involved" boolean not null default false);`);
    this.addSql(`alter table "special_target" add constraint "special_target_plan_id_seq_unique" unique ("plan_id", "seq");`);

    this.addSql(`create table "special_target_indicator" ("special_target_id" int not null, "indicator_id" int not null, constraint "special_target_indicator_pkey" primary key ("special_target_id", "indicator_id"));`);

    this.addSql(`create table "standard" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "plan_id" int not null, "seq" int not null, "name" varchar(300) not null, "release_year" int not null);`);
    this.addSql(`alter table "standard" add constraint "standard_plan_id_seq_unique" unique ("plan_id", "seq");`);

    this.addSql(`create table "responsibility" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "department_id" int not null, "role" text check ("role" in ('LEAD', 'SUPPORT')) not null, "note" text null, "indicator_id" int null, "special_target_id" int null, "rectification_id" int null, "innovation_topic_id" int null, "standard_id" int null);`);
    this.addSql(`create index "responsibility_department_id_role_index" on "responsibility" ("department_id", "role");`);

    this.addSql(`alter table "department_alias" add constraint "department_alias_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "innovation_topic" add constraint "innovation_topic_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "indicator" add constraint "indicator_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "rectification" add constraint "rectification_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "special_target" add constraint "special_target_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "special_target_indicator" add constraint "special_target_indicator_special_target_id_foreign" foreign key ("special_target_id") references "special_target" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "special_target_indicator" add constraint "special_target_indicator_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "standard" add constraint "standard_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "responsibility" add constraint "responsibility_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "responsibility" add constraint "responsibility_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "responsibility" add constraint "responsibility_special_target_id_foreign" foreign key ("special_target_id") references "special_target" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "responsibility" add constraint "responsibility_rectification_id_foreign" foreign key ("rectification_id") references "rectification" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "responsibility" add constraint "responsibility_innovation_topic_id_foreign" foreign key ("innovation_topic_id") references "innovation_topic" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "responsibility" add constraint "responsibility_standard_id_foreign" foreign key ("standard_id") references "standard" ("id") on update cascade on delete cascade;`);
  }

}
