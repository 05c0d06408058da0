import { Migration } from '@mikro-orm/migrations';

export class Migration20261127042054 extends Migration {

  // MikroORM's SQLite diff also proposed rebuilding indicator, innovation_topic and rectification
  // (a false difference in how it reads check constraints); those statements were removed.
  override async up(): Promise<void> {
    this.addSql(`create table \`audit_entry\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`user_id\` integer null, \`username\` text null, \`action\` text check (\`action\` in ('CREATE', 'UPDATE', 'DELETE')) not null, \`entity\` text not null, \`entity_id\` text not null, \`field\` text null, \`before\` text null, \`after\` text null, \`source\` text not null, \`batch_id\` text null);`);
    this.addSql(`create index \`audit_entry_batch_id_index\` on \`audit_entry\` (\`batch_id\`);`);
    this.addSql(`create index \`audit_entry_at_index\` on \`audit_entry\` (\`at\`);`);
    this.addSql(`create index \`audit_entry_entity_entity_id_index\` on \`audit_entry\` (\`entity\`, \`entity_id\`);`);

    this.addSql(`create table \`login_attempt\` (\`id\` integer not null primary key autoincrement, \`key\` text not null, \`at\` datetime not null, \`ok\` integer not null);`);
    this.addSql(`create index \`login_attempt_key_at_index\` on \`login_attempt\` (\`key\`, \`at\`);`);

    this.addSql(`create table \`user\` (\`id\` integer not null primary key autoincrement, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`created_at\` datetime not null, \`username\` text not null, \`password_hash\` text not null, \`role\` text check (\`role\` in ('ADMIN', 'EDITOR', 'VIEWER')) not null, \`department_id\` integer null, \`disabled\` integer not null default false, constraint \`user_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on delete restrict on update cascade);`);
    this.addSql(`create unique index \`user_username_unique\` on \`user\` (\`username\`);`);
    this.addSql(`create index \`user_department_id_index\` on \`user\` (\`department_id\`);`);

    this.addSql(`create table \`credential\` (\`id\` integer not null primary key autoincrement, \`secret_hash\` text not null, \`kind\` text check (\`kind\` in ('SESSION', 'API_TOKEN')) not null, \`name\` text not null default '', \`user_id\` integer not null, \`created_at\` datetime not null, \`expires_at\` datetime null, \`revoked_at\` datetime null, \`last_used_at\` datetime null, constraint \`credential_user_id_foreign\` foreign key(\`user_id\`) references \`user\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create unique index \`credential_secret_hash_unique\` on \`credential\` (\`secret_hash\`);`);
    this.addSql(`create index \`credential_user_id_index\` on \`credential\` (\`user_id\`);`);
    this.addSql(`create index \`credential_user_id_kind_index\` on \`credential\` (\`user_id\`, \`kind\`);`);

  }

}
