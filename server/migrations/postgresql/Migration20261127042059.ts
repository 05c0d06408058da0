import { Migration } from '@mikro-orm/migrations';

export class Migration20261127042059 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" serial primary key, "at" timestamptz not null, "user_id" int null, "username" varchar(100) null, "action" text check ("action" in ('CREATE', 'UPDATE', 'DELETE')) not null, "entity" varchar(64) not null, "entity_id" varchar(64) not null, "field" varchar(64) null, "before" text null, "after" text null, "source" varchar(16) not null, "batch_id" varchar(64) null);`);
    this.addSql(`create index "audit_entry_batch_id_index" on "audit_entry" ("batch_id");`);
    this.addSql(`create index "audit_entry_at_index" on "audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_entity_entity_id_index" on "audit_entry" ("entity", "entity_id");`);

    this.addSql(`create table "login_attempt" ("id" serial primary key, "key" varchar(300) not null, "at" timestamptz not null, "ok" boolean not null);`);
    this.addSql(`create index "login_attempt_key_at_index" on "login_attempt" ("key", "at");`);

    this.addSql(`create table "user" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "username" varchar(64) not null, "password_hash" varchar(300) not null, "role" text check ("role" in ('ADMIN', 'EDITOR', 'VIEWER')) not null, "department_id" int null, "disabled" boolean not null default false);`);
    this.addSql(`alter table "user" add constraint "user_username_unique" unique ("username");`);

    this.addSql(`create table "credential" ("id" serial primary key, "secret_hash" varchar(64) not null, "kind" text check ("kind" in ('SESSION', 'API_TOKEN')) not null, "name" varchar(200) not null default '', "user_id" int not null, "created_at" timestamptz not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null);`);
    this.addSql(`alter table "credential" add constraint "credential_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "credential_user_id_kind_index" on "credential" ("user_id", "kind");`);

    this.addSql(`alter table "user" add constraint "user_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "credential" add constraint "credential_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "credential" drop constraint "credential_user_id_foreign";`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "login_attempt" cascade;`);

    this.addSql(`drop table if exists "user" cascade;`);

    this.addSql(`drop table if exists "credential" cascade;`);
  }

}
