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
    this.addSql(`create table \`department_rating\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`department_id\` integer not null, \`year\` integer not null, \`social_score\` double null, \`leadership_score\` double null, \`note\` text null, constraint \`department_rating_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`department_rating_department_id_index\` on \`department_rating\` (\`department_id\`);`);
    this.addSql(`create unique index \`department_rating_department_id_year_unique\` on \`department_rating\` (\`department_id\`, \`year\`);`);

    this.addSql(`create table \`evaluation\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`department_id\` integer not null, \`kind\` text check (\`kind\` in ('QUARTERLY', 'INSPECTION')) not null, \`year\` integer not null, \`quarter\` integer null, \`quarter_key\` text null, \`title\` text null, \`inspection_date\` text null, \`findings\` text not null, \`measures\` text not null, \`response\` text null, \`responded_by\` text null, \`responded_at\` datetime null, \`status\` text check (\`status\` in ('OPEN', 'RESPONDED', 'CLOSED')) not null default 'OPEN', \`status_note\` text null, \`closed_at\` datetime null, constraint \`evaluation_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`evaluation_department_id_index\` on \`evaluation\` (\`department_id\`);`);
    this.addSql(`create index \`evaluation_status_year_index\` on \`evaluation\` (\`status\`, \`year\`);`);
    this.addSql(`create unique index \`evaluation_department_id_quarter_key_unique\` on \`evaluation\` (\`department_id\`, \`quarter_key\`);`);

    this.addSql(`create table \`innovation_bonus\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`department_id\` integer not null, \`year\` integer not null, \`innovation_topic_id\` integer not null, \`points\` double not null, \`note\` text null, constraint \`innovation_bonus_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on delete cascade on update cascade, constraint \`innovation_bonus_innovation_topic_id_foreign\` foreign key(\`innovation_topic_id\`) references \`innovation_topic\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`innovation_bonus_department_id_index\` on \`innovation_bonus\` (\`department_id\`);`);
    this.addSql(`create index \`innovation_bonus_innovation_topic_id_index\` on \`innovation_bonus\` (\`innovation_topic_id\`);`);
    this.addSql(`create index \`innovation_bonus_year_index\` on \`innovation_bonus\` (\`year\`);`);
    this.addSql(`create unique index \`innovation_bonus_department_id_year_innovation_topic_id_unique\` on \`innovation_bonus\` (\`department_id\`, \`year\`, \`innovation_topic_id\`);`);

    this.addSql(`create table \`score_publication\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`year\` integer not null, \`published_by\` text null, \`published_at\` datetime not null, \`snapshot\` text not null);`);
    this.addSql(`create unique index \`score_publication_year_unique\` on \`score_publication\` (\`year\`);`);

    this.addSql(`create table \`score_rule\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`year\` integer not null, \`lead_share\` double not null default 0.7, \`support_share\` double not null default 0.3, \`binding_weight\` double not null default 2, \`expected_weight\` double not null default 1, \`milestone_weight\` double not null default 1, \`points_achieved\` double not null default 100, \`points_on_track\` double not null default 90, \`points_at_risk\` double not null default 60, \`points_off_track\` double not null default 30, \`points_missed\` double not null default 0, \`points_no_data\` double not null default 0, \`target_weight\` double not null default 0.6, \`social_weight\` double not null default 0.2, \`leadership_weight\` double not null default 0.2, \`innovation_weight\` double not null default 1, \`innovation_cap\` double null default 5);`);
    this.addSql(`create unique index \`score_rule_year_unique\` on \`score_rule\` (\`year\`);`);

    for (const table of TABLES) {
      this.addSql(`insert into \`data_generation\` (\`table_name\`, \`generation\`) values ('${table}', 0);`);
      for (const event of ['insert', 'update', 'delete']) {
        this.addSql(`create trigger \`${table}_${event}_generation\` after ${event} on \`${table}\` begin update \`data_generation\` set \`generation\` = \`generation\` + 1 where \`table_name\` = '${table}'; end;`);
      }
    }
  }

  override async down(): Promise<void> {
    for (const table of TABLES) {
      for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists \`${table}_${event}_generation\`;`);
      this.addSql(`delete from \`data_generation\` where \`table_name\` = '${table}';`);
      this.addSql(`drop table if exists \`${table}\`;`);
    }
  }
}
