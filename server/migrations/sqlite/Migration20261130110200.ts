import { Migration } from '@mikro-orm/migrations';

/** The live tables as of this migration (server/live/tables.ts), with the columns the log keeps besides id and version. */
const TABLES: Record<string, string[]> = {
  indicator: ['plan_id'], special_target: ['plan_id'], rectification: ['plan_id'], innovation_topic: ['plan_id'], standard: ['plan_id'],
  department: [], ledger_entry: ['department_id', 'state'], year_target: [],
};
const EVENTS = [['insert', 'CREATED', 'new'], ['update', 'UPDATED', 'new'], ['delete', 'DELETED', 'old']] as const;
const NOW_MS = `cast((julianday('now') - 2440587.5) * 86400000 as integer)`;

/**
 * Issue 17: the change log behind live subscriptions. A row trigger per table and event logs the
 * row's id, version and kind (and plan, or a ledger entry's department and state) in `row_change`;
 * SQLite runs one writer at a time, so the log's ids are in commit order and a subscriber's
 * generation is the last id it saw. `row_change_set` is PostgreSQL's (its commit order); it is
 * created here too so both engines hold the same tables as the entities.
 */
export class Migration20261130110200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`row_change\` (\`id\` integer not null primary key autoincrement, \`table_name\` text not null, \`row_id\` bigint not null, \`version\` integer null, \`kind\` text not null, \`plan_id\` integer null, \`department_id\` integer null, \`state\` text null, \`txid\` bigint null, \`created_at\` bigint not null);`);
    this.addSql(`create index \`row_change_txid_index\` on \`row_change\` (\`txid\`);`);
    this.addSql(`create index \`row_change_created_at_index\` on \`row_change\` (\`created_at\`);`);
    this.addSql(`create index \`row_change_table_name_id_index\` on \`row_change\` (\`table_name\`, \`id\`);`);
    this.addSql(`create table \`row_change_set\` (\`table_name\` text not null, \`generation\` bigint not null, \`txid\` bigint not null, \`created_at\` bigint not null, primary key (\`table_name\`, \`generation\`));`);
    this.addSql(`create index \`row_change_set_created_at_index\` on \`row_change_set\` (\`created_at\`);`);
    for (const [table, extra] of Object.entries(TABLES)) {
      for (const [event, kind, row] of EVENTS) {
        const cols = ['table_name', 'row_id', 'version', 'kind', ...extra, 'created_at'].map((c) => `\`${c}\``).join(', ');
        const values = [`'${table}'`, `${row}.\`id\``, `${row}.\`version\``, `'${kind}'`, ...extra.map((c) => `${row}.\`${c}\``), NOW_MS].join(', ');
        this.addSql(`create trigger \`${table}_${event}_live\` after ${event} on \`${table}\` begin insert into \`row_change\` (${cols}) values (${values}); end;`);
      }
    }
  }

  override async down(): Promise<void> {
    for (const table of Object.keys(TABLES)) for (const [event] of EVENTS) this.addSql(`drop trigger if exists \`${table}_${event}_live\`;`);
    this.addSql(`drop table if exists \`row_change_set\`;`);
    this.addSql(`drop table if exists \`row_change\`;`);
  }
}
