import { Migration } from '@mikro-orm/migrations';

/** Year targets (issue 14): Indicator.baseValue, baseYear, targetMethod and the year_target table. */
export class Migration20261130033117 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`year_target\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`indicator_id\` integer not null, \`year\` integer not null, \`target_value\` double null, \`derived\` integer not null default true, constraint \`year_target_indicator_id_foreign\` foreign key(\`indicator_id\`) references \`indicator\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`year_target_indicator_id_index\` on \`year_target\` (\`indicator_id\`);`);
    this.addSql(`create unique index \`year_target_indicator_id_year_unique\` on \`year_target\` (\`indicator_id\`, \`year\`);`);
    // The answer cache's data generation follows this table too: its own counter row and row triggers (as Migration20261130025640 made them for the others).
    this.addSql(`insert into \`data_generation\` (\`table_name\`, \`generation\`) values ('year_target', 0);`);
    for (const event of ['insert', 'update', 'delete']) {
      this.addSql(`create trigger \`year_target_${event}_generation\` after ${event} on \`year_target\` begin update \`data_generation\` set \`generation\` = \`generation\` + 1 where \`table_name\` = 'year_target'; end;`);
    }
    this.addSql(`alter table \`indicator\` add column \`base_value\` double null;`);
    this.addSql(`alter table \`indicator\` add column \`base_year\` integer not null default 2015;`);
    this.addSql(`alter table \`indicator\` add column \`target_method\` text check (\`target_method\` in ('GEOMETRIC', 'GROWTH_RATE', 'LINEAR', 'EVEN_SPLIT', 'FINAL', 'MANUAL')) null;`);
  }

  override async down(): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists \`year_target_${event}_generation\`;`);
    this.addSql(`delete from \`data_generation\` where \`table_name\` = 'year_target';`);
    this.addSql(`drop table if exists \`year_target\`;`);
    this.addSql(`alter table \`indicator\` drop column \`target_method\`;`);
    this.addSql(`alter table \`indicator\` drop column \`base_year\`;`);
    this.addSql(`alter table \`indicator\` drop column \`base_value\`;`);
  }
}
