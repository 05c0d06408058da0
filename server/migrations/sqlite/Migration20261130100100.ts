import { Migration } from '@mikro-orm/migrations';

/** Issue 15: the published monthly bulletins (published_bulletin), with their data-generation counter. */
export class Migration20261130100100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`published_bulletin\` (\`id\` integer not null primary key autoincrement, \`month\` text not null, \`version\` integer not null, \`foreword\` text null, \`content\` text not null, \`published_by_id\` integer null, \`published_by_name\` text null, \`published_at\` datetime not null, constraint \`published_bulletin_published_by_id_foreign\` foreign key(\`published_by_id\`) references \`user\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`published_bulletin_published_by_id_index\` on \`published_bulletin\` (\`published_by_id\`);`);
    this.addSql(`create unique index \`published_bulletin_month_version_unique\` on \`published_bulletin\` (\`month\`, \`version\`);`);

    // The answer cache's data generation follows the table too, as Migration20261130033117 does.
    this.addSql(`insert into \`data_generation\` (\`table_name\`, \`generation\`) values ('published_bulletin', 0);`);
    for (const event of ['insert', 'update', 'delete']) {
      this.addSql(`create trigger \`published_bulletin_${event}_generation\` after ${event} on \`published_bulletin\` begin update \`data_generation\` set \`generation\` = \`generation\` + 1 where \`table_name\` = 'published_bulletin'; end;`);
    }
  }

  override async down(): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists \`published_bulletin_${event}_generation\`;`);
    this.addSql(`delete from \`data_generation\` where \`table_name\` = 'published_bulletin';`);
    this.addSql(`drop table if exists \`published_bulletin\`;`);
  }
}
