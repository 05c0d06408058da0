import { Migration } from '@mikro-orm/migrations';

/** Issue 16: datasets (saved queries served as links) and their link tokens, with their data-generation counters. */
export class Migration20261130110100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`dataset\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`name\` text not null, \`title\` text not null, \`query\` text not null, \`variables\` text not null default '{}', \`column_labels\` text not null default '{}', \`created_by\` text null);`);
    this.addSql(`create unique index \`dataset_name_unique\` on \`dataset\` (\`name\`);`);
    this.addSql(`create table \`dataset_link_token\` (\`id\` integer not null primary key autoincrement, \`secret_hash\` text not null, \`dataset_id\` integer not null, \`created_by\` text null, \`created_at\` datetime not null, \`revoked_at\` datetime null, \`last_used_at\` datetime null, constraint \`dataset_link_token_dataset_id_foreign\` foreign key(\`dataset_id\`) references \`dataset\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create unique index \`dataset_link_token_secret_hash_unique\` on \`dataset_link_token\` (\`secret_hash\`);`);
    this.addSql(`create index \`dataset_link_token_dataset_id_index\` on \`dataset_link_token\` (\`dataset_id\`);`);

    // The answer cache's data generation follows both tables (datasets, Dataset.linkTokens), as Migration20261130033117 does.
    for (const table of ['dataset', 'dataset_link_token']) {
      this.addSql(`insert into \`data_generation\` (\`table_name\`, \`generation\`) values ('${table}', 0);`);
      for (const event of ['insert', 'update', 'delete']) {
        this.addSql(`create trigger \`${table}_${event}_generation\` after ${event} on \`${table}\` begin update \`data_generation\` set \`generation\` = \`generation\` + 1 where \`table_name\` = '${table}'; end;`);
      }
    }
  }

  override async down(): Promise<void> {
    for (const table of ['dataset_link_token', 'dataset']) {
      for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists \`${table}_${event}_generation\`;`);
      this.addSql(`delete from \`data_generation\` where \`table_name\` = '${table}';`);
      this.addSql(`drop table if exists \`${table}\`;`);
    }
  }
}
