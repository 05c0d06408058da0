import { Migration } from '@mikro-orm/migrations';

/** Issue 15: citizen comments of the public page (公众监督), with their data-generation counter. */
export class Migration20261130100300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`citizen_comment\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`item_kind\` text check (\`item_kind\` in ('INDICATOR', 'SPECIAL_TARGET', 'RECTIFICATION')) not null, \`indicator_id\` integer null, \`special_target_id\` integer null, \`rectification_id\` integer null, \`text\` text not null, \`contact\` text null, \`state\` text check (\`state\` in ('PENDING', 'PUBLISHED', 'REJECTED')) not null default 'PENDING', \`client_key\` text not null, \`moderated_at\` datetime null, \`moderated_by\` text null, constraint \`citizen_comment_indicator_id_foreign\` foreign key(\`indicator_id\`) references \`indicator\`(\`id\`) on delete cascade on update cascade, constraint \`citizen_comment_special_target_id_foreign\` foreign key(\`special_target_id\`) references \`special_target\`(\`id\`) on delete cascade on update cascade, constraint \`citizen_comment_rectification_id_foreign\` foreign key(\`rectification_id\`) references \`rectification\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`citizen_comment_indicator_id_index\` on \`citizen_comment\` (\`indicator_id\`);`);
    this.addSql(`create index \`citizen_comment_special_target_id_index\` on \`citizen_comment\` (\`special_target_id\`);`);
    this.addSql(`create index \`citizen_comment_rectification_id_index\` on \`citizen_comment\` (\`rectification_id\`);`);
    this.addSql(`create index \`citizen_comment_state_created_at_index\` on \`citizen_comment\` (\`state\`, \`created_at\`);`);
    this.addSql(`create index \`citizen_comment_client_key_created_at_index\` on \`citizen_comment\` (\`client_key\`, \`created_at\`);`);

    // The answer cache's data generation follows the table (publicComments, the public page's latest feedback), as Migration20261130033117 does.
    this.addSql(`insert into \`data_generation\` (\`table_name\`, \`generation\`) values ('citizen_comment', 0);`);
    for (const event of ['insert', 'update', 'delete']) {
      this.addSql(`create trigger \`citizen_comment_${event}_generation\` after ${event} on \`citizen_comment\` begin update \`data_generation\` set \`generation\` = \`generation\` + 1 where \`table_name\` = 'citizen_comment'; end;`);
    }
  }

  override async down(): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists \`citizen_comment_${event}_generation\`;`);
    this.addSql(`delete from \`data_generation\` where \`table_name\` = 'citizen_comment';`);
    this.addSql(`drop table if exists \`citizen_comment\`;`);
  }
}
