import { Migration } from '@mikro-orm/migrations';

/** The tables whose changes the data generation follows (as of this migration). */
const TABLES = ['plan', 'department', 'department_alias', 'responsibility', 'indicator', 'special_target', 'special_target_indicator', 'rectification', 'innovation_topic', 'standard', 'user', 'audit_entry'];

/**
 * The data generation (schema/cache/data-generation.entity.ts): one counter, bumped by triggers on
 * every insert, update and delete of the plan's tables, so it moves at commit with the change, whoever
 * writes. SQLite has row triggers only; a bump is one in-page update of a one-row table.
 */
export class Migration20261127065528 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`data_generation\` (\`id\` integer not null, \`generation\` bigint not null default 0, primary key (\`id\`));`);
    this.addSql(`insert into \`data_generation\` (\`id\`, \`generation\`) values (1, 0);`);
    for (const table of TABLES) {
      for (const event of ['insert', 'update', 'delete']) {
        this.addSql(`create trigger \`${table}_${event}_generation\` after ${event} on \`${table}\` begin update \`data_generation\` set \`generation\` = \`generation\` + 1 where \`id\` = 1; end;`);
      }
    }
  }

  override async down(): Promise<void> {
    for (const table of TABLES) for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists \`${table}_${event}_generation\`;`);
    this.addSql(`drop table if exists \`data_generation\`;`);
  }
}
