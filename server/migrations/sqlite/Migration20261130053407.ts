import { Migration } from '@mikro-orm/migrations';

const TABLES = ['milestone', 'ledger_entry', 'evidence', 'evidence_file'];

/** Issue 14: special targets' milestones, the ledger (电子台账) and its evidence files. */
export class Migration20261130053407 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`evidence_file\` (\`sha256\` text not null, \`size\` integer not null, \`bytes\` blob null, \`created_at\` datetime not null, primary key (\`sha256\`));`);

    this.addSql(`create table \`milestone\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`special_target_id\` integer not null, \`seq\` integer not null, \`text\` text not null, \`name\` text not null, \`value\` double not null, \`unit\` text not null, \`year\` integer not null default 2020, \`cumulative\` integer not null default false, constraint \`milestone_special_target_id_foreign\` foreign key(\`special_target_id\`) references \`special_target\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`milestone_special_target_id_index\` on \`milestone\` (\`special_target_id\`);`);
    this.addSql(`create unique index \`milestone_special_target_id_seq_unique\` on \`milestone\` (\`special_target_id\`, \`seq\`);`);

    this.addSql(`create table \`ledger_entry\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`department_id\` integer not null, \`indicator_id\` integer null, \`special_target_id\` integer null, \`milestone_id\` integer null, \`item_key\` text not null, \`period\` text not null, \`period_kind\` text check (\`period_kind\` in ('YEAR', 'QUARTER', 'MONTH')) not null, \`year\` integer not null, \`actual_value\` double null, \`progress_text\` text null, \`state\` text check (\`state\` in ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED')) not null default 'DRAFT', \`return_reason\` text null, \`submitted_by_id\` integer null, \`submitted_at\` datetime null, \`decided_by_id\` integer null, \`decided_at\` datetime null, constraint \`ledger_entry_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on delete cascade on update cascade, constraint \`ledger_entry_indicator_id_foreign\` foreign key(\`indicator_id\`) references \`indicator\`(\`id\`) on delete cascade on update cascade, constraint \`ledger_entry_special_target_id_foreign\` foreign key(\`special_target_id\`) references \`special_target\`(\`id\`) on delete cascade on update cascade, constraint \`ledger_entry_milestone_id_foreign\` foreign key(\`milestone_id\`) references \`milestone\`(\`id\`) on delete cascade on update cascade, constraint \`ledger_entry_submitted_by_id_foreign\` foreign key(\`submitted_by_id\`) references \`user\`(\`id\`) on delete set null on update cascade, constraint \`ledger_entry_decided_by_id_foreign\` foreign key(\`decided_by_id\`) references \`user\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`ledger_entry_department_id_index\` on \`ledger_entry\` (\`department_id\`);`);
    this.addSql(`create index \`ledger_entry_indicator_id_index\` on \`ledger_entry\` (\`indicator_id\`);`);
    this.addSql(`create index \`ledger_entry_special_target_id_index\` on \`ledger_entry\` (\`special_target_id\`);`);
    this.addSql(`create index \`ledger_entry_milestone_id_index\` on \`ledger_entry\` (\`milestone_id\`);`);
    this.addSql(`create index \`ledger_entry_submitted_by_id_index\` on \`ledger_entry\` (\`submitted_by_id\`);`);
    this.addSql(`create index \`ledger_entry_decided_by_id_index\` on \`ledger_entry\` (\`decided_by_id\`);`);
    this.addSql(`create index \`ledger_entry_department_id_year_index\` on \`ledger_entry\` (\`department_id\`, \`year\`);`);
    this.addSql(`create index \`ledger_entry_state_year_index\` on \`ledger_entry\` (\`state\`, \`year\`);`);
    this.addSql(`create unique index \`ledger_entry_item_key_department_id_period_unique\` on \`ledger_entry\` (\`item_key\`, \`department_id\`, \`period\`);`);

    this.addSql(`create table \`evidence\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`ledger_entry_id\` integer not null, \`file_sha256\` text not null, \`file_name\` text not null, \`content_type\` text not null, \`size\` integer not null, \`sha256\` text not null, \`uploaded_by_id\` integer null, constraint \`evidence_ledger_entry_id_foreign\` foreign key(\`ledger_entry_id\`) references \`ledger_entry\`(\`id\`) on delete cascade on update cascade, constraint \`evidence_file_sha256_foreign\` foreign key(\`file_sha256\`) references \`evidence_file\`(\`sha256\`) on delete restrict on update cascade, constraint \`evidence_uploaded_by_id_foreign\` foreign key(\`uploaded_by_id\`) references \`user\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`evidence_file_sha256_index\` on \`evidence\` (\`file_sha256\`);`);
    this.addSql(`create index \`evidence_uploaded_by_id_index\` on \`evidence\` (\`uploaded_by_id\`);`);
    this.addSql(`create index \`evidence_ledger_entry_id_index\` on \`evidence\` (\`ledger_entry_id\`);`);

    // The answer cache's data generation follows the new tables too (as Migration20261130025640 made it for the others).
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
    }
    for (const table of ['evidence', 'evidence_file', 'ledger_entry', 'milestone']) this.addSql(`drop table if exists \`${table}\`;`);
  }
}
