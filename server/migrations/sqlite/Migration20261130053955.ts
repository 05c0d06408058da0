import { Migration } from '@mikro-orm/migrations';

/** Issue 14: the marks of the demo data set (npm run seed -- --demo), with their data-generation counter. */
export class Migration20261130053955 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`demo_mark\` (\`id\` integer not null primary key autoincrement, \`ledger_entry_id\` integer null, \`indicator_id\` integer null, \`base_value\` double null, \`created_at\` datetime not null, constraint \`demo_mark_ledger_entry_id_foreign\` foreign key(\`ledger_entry_id\`) references \`ledger_entry\`(\`id\`) on delete cascade on update cascade, constraint \`demo_mark_indicator_id_foreign\` foreign key(\`indicator_id\`) references \`indicator\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`demo_mark_ledger_entry_id_index\` on \`demo_mark\` (\`ledger_entry_id\`);`);
    this.addSql(`create index \`demo_mark_indicator_id_index\` on \`demo_mark\` (\`indicator_id\`);`);
    this.addSql(`create unique index \`demo_mark_indicator_id_unique\` on \`demo_mark\` (\`indicator_id\`);`);
    this.addSql(`create unique index \`demo_mark_ledger_entry_id_unique\` on \`demo_mark\` (\`ledger_entry_id\`);`);

    // The answer cache's data generation follows the table (hubInfo.demoData reads it), as Migration20261130053407 does.
    this.addSql(`insert into \`data_generation\` (\`table_name\`, \`generation\`) values ('demo_mark', 0);`);
    for (const event of ['insert', 'update', 'delete']) {
      this.addSql(`create trigger \`demo_mark_${event}_generation\` after ${event} on \`demo_mark\` begin update \`data_generation\` set \`generation\` = \`generation\` + 1 where \`table_name\` = 'demo_mark'; end;`);
    }
  }

  override async down(): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists \`demo_mark_${event}_generation\`;`);
    this.addSql(`delete from \`data_generation\` where \`table_name\` = 'demo_mark';`);
    this.addSql(`drop table if exists \`demo_mark\`;`);
  }
}
