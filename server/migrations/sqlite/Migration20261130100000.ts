import { Migration } from '@mikro-orm/migrations';

const STATUSES_BEFORE = `('OPEN', 'IN_PROGRESS', 'DONE')`;
const STATUSES = `('OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED')`;

/**
 * The rectification loop (issue 15): RectificationStatus gains VERIFIED; each step of the loop
 * (rectification_step) and the feedback under a rectification (rectification_feedback).
 *
 * SQLite cannot alter a CHECK constraint, and the usual rebuild (new table, copy, drop, rename) would
 * cascade-delete the rectifications' responsibilities: foreign keys are on and cannot be switched off
 * inside the migration's transaction. A wider IN list accepts every stored value, so the table's
 * definition is changed in place, by SQLite's own procedure for such changes
 * (https://sqlite.org/lang_altertable.html#otheralter): writable_schema, then the schema version
 * bumped so every connection reads the new definition.
 */
export class Migration20261130100000 extends Migration {
  override async up(): Promise<void> {
    await this.widenStatus(STATUSES_BEFORE, STATUSES);
    this.addSql(`create table \`rectification_step\` (\`id\` integer not null primary key autoincrement, \`rectification_id\` integer not null, \`from_status\` text check (\`from_status\` in ('OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED')) not null, \`to_status\` text check (\`to_status\` in ('OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED')) not null, \`note\` text not null, \`user_id\` integer null, \`username\` text null, \`department_id\` integer null, \`at\` datetime not null, constraint \`rectification_step_rectification_id_foreign\` foreign key(\`rectification_id\`) references \`rectification\`(\`id\`) on delete cascade on update cascade, constraint \`rectification_step_user_id_foreign\` foreign key(\`user_id\`) references \`user\`(\`id\`) on delete set null on update cascade, constraint \`rectification_step_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`rectification_step_rectification_id_index\` on \`rectification_step\` (\`rectification_id\`);`);
    this.addSql(`create index \`rectification_step_user_id_index\` on \`rectification_step\` (\`user_id\`);`);
    this.addSql(`create index \`rectification_step_department_id_index\` on \`rectification_step\` (\`department_id\`);`);

    this.addSql(`create table \`rectification_feedback\` (\`id\` integer not null primary key autoincrement, \`rectification_id\` integer not null, \`text\` text not null, \`source\` text check (\`source\` in ('OFFICE', 'DEPARTMENT', 'PUBLIC')) not null, \`user_id\` integer null, \`username\` text null, \`department_id\` integer null, \`created_at\` datetime not null, constraint \`rectification_feedback_rectification_id_foreign\` foreign key(\`rectification_id\`) references \`rectification\`(\`id\`) on delete cascade on update cascade, constraint \`rectification_feedback_user_id_foreign\` foreign key(\`user_id\`) references \`user\`(\`id\`) on delete set null on update cascade, constraint \`rectification_feedback_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`rectification_feedback_rectification_id_index\` on \`rectification_feedback\` (\`rectification_id\`);`);
    this.addSql(`create index \`rectification_feedback_user_id_index\` on \`rectification_feedback\` (\`user_id\`);`);
    this.addSql(`create index \`rectification_feedback_department_id_index\` on \`rectification_feedback\` (\`department_id\`);`);

    // The answer cache's data generation follows the new tables too: their counter rows and row triggers (as Migration20261130033117 made them).
    for (const table of ['rectification_step', 'rectification_feedback']) {
      this.addSql(`insert into \`data_generation\` (\`table_name\`, \`generation\`) values ('${table}', 0);`);
      for (const event of ['insert', 'update', 'delete']) {
        this.addSql(`create trigger \`${table}_${event}_generation\` after ${event} on \`${table}\` begin update \`data_generation\` set \`generation\` = \`generation\` + 1 where \`table_name\` = '${table}'; end;`);
      }
    }
  }

  override async down(): Promise<void> {
    for (const table of ['rectification_step', 'rectification_feedback']) {
      for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists \`${table}_${event}_generation\`;`);
      this.addSql(`delete from \`data_generation\` where \`table_name\` = '${table}';`);
      this.addSql(`drop table if exists \`${table}\`;`);
    }
    this.addSql(`update \`rectification\` set \`status\` = 'DONE' where \`status\` = 'VERIFIED';`);
    await this.widenStatus(STATUSES, STATUSES_BEFORE);
  }

  /** Rewrites the rectification table's status CHECK from one IN list to another (see above). */
  private async widenStatus(from: string, to: string) {
    const [{ schema_version: version }] = (await this.execute('pragma schema_version')) as { schema_version: number }[];
    this.addSql(`pragma writable_schema = on;`);
    const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;
    this.addSql(`update sqlite_master set sql = replace(sql, ${quoted(`in ${from}`)}, ${quoted(`in ${to}`)}) where type = 'table' and name = 'rectification';`);
    this.addSql(`pragma schema_version = ${Number(version) + 1};`);
    this.addSql(`pragma writable_schema = off;`);
  }
}
