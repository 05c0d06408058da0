import { Migration } from '@mikro-orm/migrations';

export class Migration20261127035800 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`department\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`code\` text not null, \`name\` text not null, \`name_key\` text not null, \`name_en\` text not null);`);
    this.addSql(`create unique index \`department_code_unique\` on \`department\` (\`code\`);`);
    this.addSql(`create unique index \`department_name_unique\` on \`department\` (\`name\`);`);
    this.addSql(`create unique index \`department_name_key_unique\` on \`department\` (\`name_key\`);`);

    this.addSql(`create table \`department_alias\` (\`id\` integer not null primary key autoincrement, \`department_id\` integer not null, \`alias\` text not null, \`key\` text not null, constraint \`department_alias_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`department_alias_department_id_index\` on \`department_alias\` (\`department_id\`);`);
    this.addSql(`create unique index \`department_alias_key_unique\` on \`department_alias\` (\`key\`);`);

    this.addSql(`create table \`plan\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`code\` text not null, \`name\` text not null, \`name_en\` text not null, \`start_year\` integer not null, \`end_year\` integer not null, \`published_on\` text null, \`source\` text null);`);
    this.addSql(`create unique index \`plan_code_unique\` on \`plan\` (\`code\`);`);

    this.addSql(`create table \`innovation_topic\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`plan_id\` integer not null, \`seq\` integer not null, \`field\` text check (\`field\` in ('ECONOMY', 'POLITICS', 'CULTURE', 'SOCIETY', 'ECOLOGY', 'INSTITUTIONS')) not null, \`title\` text not null, \`problem\` text not null, \`path\` text not null, \`sources\` json not null, constraint \`innovation_topic_plan_id_foreign\` foreign key(\`plan_id\`) references \`plan\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`innovation_topic_plan_id_index\` on \`innovation_topic\` (\`plan_id\`);`);
    this.addSql(`create unique index \`innovation_topic_plan_id_seq_unique\` on \`innovation_topic\` (\`plan_id\`, \`seq\`);`);

    this.addSql(`create table \`indicator\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`plan_id\` integer not null, \`seq\` integer not null, \`name\` text not null, \`unit\` text not null, \`unit_as_written\` text null, \`target_text\` text not null, \`target_as_written\` text null, \`target_value\` double null, \`target_kind\` text check (\`target_kind\` in ('EXACT', 'APPROX', 'AT_LEAST', 'AT_MOST', 'RELATIVE', 'ASSIGNED')) not null, \`annual_growth_pct\` double null, \`attribute\` text check (\`attribute\` in ('EXPECTED', 'BINDING')) not null, \`cumulative\` integer not null default false, constraint \`indicator_plan_id_foreign\` foreign key(\`plan_id\`) references \`plan\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`indicator_plan_id_index\` on \`indicator\` (\`plan_id\`);`);
    this.addSql(`create unique index \`indicator_plan_id_seq_unique\` on \`indicator\` (\`plan_id\`, \`seq\`);`);

    this.addSql(`create table \`rectification\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`plan_id\` integer not null, \`seq\` integer not null, \`problem\` text not null, \`direction\` text not null, \`plan_text\` text not null, \`measures\` text not null, \`expected_outcomes\` text not null, \`deadline_year\` integer null, \`status\` text check (\`status\` in ('OPEN', 'IN_PROGRESS', 'DONE')) not null default 'OPEN', \`others_involved\` integer not null default false, constraint \`rectification_plan_id_foreign\` foreign key(\`plan_id\`) references \`plan\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`rectification_plan_id_index\` on \`rectification\` (\`plan_id\`);`);
    this.addSql(`create unique index \`rectification_plan_id_seq_unique\` on \`rectification\` (\`plan_id\`, \`seq\`);`);

    this.addSql(`create table \`special_target\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`plan_id\` integer not null, \`seq\` integer not null, \`title\` text not null, \`content\` text not null, \`assessment_method_list\` text not null default '', \`others_involved\` integer not null default false, constraint \`special_target_plan_id_foreign\` foreign key(\`plan_id\`) references \`plan\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`special_target_plan_id_index\` on \`special_target\` (\`plan_id\`);`);
    this.addSql(`create unique index \`special_target_plan_id_seq_unique\` on \`special_target\` (\`plan_id\`, \`seq\`);`);

    this.addSql(`create table \`special_target_indicator\` (\`special_target_id\` integer not null, \`indicator_id\` integer not null, constraint \`special_target_indicator_special_target_id_foreign\` foreign key(\`special_target_id\`) references \`special_target\`(\`id\`) on delete cascade on update cascade, constraint \`special_target_indicator_indicator_id_foreign\` foreign key(\`indicator_id\`) references \`indicator\`(\`id\`) on delete cascade on update cascade, primary key (\`special_target_id\`, \`indicator_id\`));`);
    this.addSql(`create index \`special_target_indicator_special_target_id_index\` on \`special_target_indicator\` (\`special_target_id\`);`);
    this.addSql(`create index \`special_target_indicator_indicator_id_index\` on \`special_target_indicator\` (\`indicator_id\`);`);

    this.addSql(`create table \`standard\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`plan_id\` integer not null, \`seq\` integer not null, \`name\` text not null, \`release_year\` integer not null, constraint \`standard_plan_id_foreign\` foreign key(\`plan_id\`) references \`plan\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`standard_plan_id_index\` on \`standard\` (\`plan_id\`);`);
    this.addSql(`create unique index \`standard_plan_id_seq_unique\` on \`standard\` (\`plan_id\`, \`seq\`);`);

    this.addSql(`create table \`responsibility\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`department_id\` integer not null, \`role\` text check (\`role\` in ('LEAD', 'SUPPORT')) not null, \`note\` text null, \`indicator_id\` integer null, \`special_target_id\` integer null, \`rectification_id\` integer null, \`innovation_topic_id\` integer null, \`standard_id\` integer null, constraint \`responsibility_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on delete cascade on update cascade, constraint \`responsibility_indicator_id_foreign\` foreign key(\`indicator_id\`) references \`indicator\`(\`id\`) on delete cascade on update cascade, constraint \`responsibility_special_target_id_foreign\` foreign key(\`special_target_id\`) references \`special_target\`(\`id\`) on delete cascade on update cascade, constraint \`responsibility_rectification_id_foreign\` foreign key(\`rectification_id\`) references \`rectification\`(\`id\`) on delete cascade on update cascade, constraint \`responsibility_innovation_topic_id_foreign\` foreign key(\`innovation_topic_id\`) references \`innovation_topic\`(\`id\`) on delete cascade on update cascade, constraint \`responsibility_standard_id_foreign\` foreign key(\`standard_id\`) references \`standard\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`responsibility_department_id_index\` on \`responsibility\` (\`department_id\`);`);
    this.addSql(`create index \`responsibility_indicator_id_index\` on \`responsibility\` (\`indicator_id\`);`);
    this.addSql(`create index \`responsibility_special_target_id_index\` on \`responsibility\` (\`special_target_id\`);`);
    this.addSql(`create index \`responsibility_rectification_id_index\` on \`responsibility\` (\`rectification_id\`);`);
    this.addSql(`create index \`responsibility_innovation_topic_id_index\` on \`responsibility\` (\`innovation_topic_id\`);`);
    this.addSql(`create index \`responsibility_standard_id_index\` on \`responsibility\` (\`standard_id\`);`);
    this.addSql(`create index \`responsibility_department_id_role_index\` on \`responsibility\` (\`department_id\`, \`role\`);`);
  }

}
