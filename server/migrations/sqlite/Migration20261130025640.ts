import { Migration } from '@mikro-orm/migrations';

/** The tables whose changes the data generation follows (as of this migration): credentials too, since issue 13. */
const TABLES = ['plan', 'department', 'department_alias', 'responsibility', 'indicator', 'special_target', 'special_target_indicator', 'rectification', 'innovation_topic', 'standard', 'user', 'audit_entry', 'credential'];
/** Those the single counter followed before it. */
const BEFORE = TABLES.filter((t) => t !== 'credential');
const EVENTS = ['insert', 'update', 'delete'];

/**
 * The data generation kept per table (issue 13): one counter row per table (credentials now too: a
 * credential verified once stands in memory until the credential or user table changes), bumped by that table's
 * row triggers, so a cached answer is dropped only when a table it read changed. SQLite runs one
 * write transaction at a time, so the in-page update of a tiny table is all a bump costs.
 */
export class Migration20261130025640 extends Migration {
  override async up(): Promise<void> {
    for (const table of BEFORE) for (const event of EVENTS) this.addSql(`drop trigger if exists \`${table}_${event}_generation\`;`);
    this.addSql(`drop table if exists \`data_generation\`;`);
    this.addSql(`create table \`data_generation\` (\`table_name\` text not null, \`generation\` bigint not null default 0, primary key (\`table_name\`));`);
    this.addSql(`insert into \`data_generation\` (\`table_name\`, \`generation\`) values ${TABLES.map((t) => `('${t}', 0)`).join(', ')};`);
    for (const table of TABLES) {
      for (const event of EVENTS) {
        this.addSql(`create trigger \`${table}_${event}_generation\` after ${event} on \`${table}\` begin update \`data_generation\` set \`generation\` = \`generation\` + 1 where \`table_name\` = '${table}'; end;`);
      }
    }
  }

  override async down(): Promise<void> {
    for (const table of TABLES) for (const event of EVENTS) this.addSql(`drop trigger if exists \`${table}_${event}_generation\`;`);
    this.addSql(`drop table if exists \`data_generation\`;`);
    this.addSql(`create table \`data_generation\` (\`id\` integer not null, \`generation\` bigint not null default 0, primary key (\`id\`));`);
    this.addSql(`insert into \`data_generation\` (\`id\`, \`generation\`) values (1, 0);`);
    for (const table of BEFORE) {
      for (const event of EVENTS) {
        this.addSql(`create trigger \`${table}_${event}_generation\` after ${event} on \`${table}\` begin update \`data_generation\` set \`generation\` = \`generation\` + 1 where \`id\` = 1; end;`);
      }
    }
  }
}
