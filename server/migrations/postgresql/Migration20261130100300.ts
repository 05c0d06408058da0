import { Migration } from '@mikro-orm/migrations';

/** Issue 15: citizen comments of the public page (公众监督), with their data-generation counter. */
export class Migration20261130100300 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "citizen_comment" ("id" serial primary key, "version" int not null default 1, "updated_at" timestamptz not null, "created_at" timestamptz not null, "item_kind" text check ("item_kind" in ('INDICATOR', 'SPECIAL_TARGET', 'RECTIFICATION')) not null, "indicator_id" int null, "special_target_id" int null, "rectification_id" int null, "text" text not null, "contact" varchar(100) null, "state" text check ("state" in ('PENDING', 'PUBLISHED', 'REJECTED')) not null default 'PENDING', "client_key" varchar(64) not null, "moderated_at" timestamptz null, "moderated_by" varchar(100) null);`);
    this.addSql(`create index "citizen_comment_indicator_id_index" on "citizen_comment" ("indicator_id");`);
    this.addSql(`create index "citizen_comment_special_target_id_index" on "citizen_comment" ("special_target_id");`);
    this.addSql(`create index "citizen_comment_rectification_id_index" on "citizen_comment" ("rectification_id");`);
    this.addSql(`create index "citizen_comment_state_created_at_index" on "citizen_comment" ("state", "created_at");`);
    this.addSql(`create index "citizen_comment_client_key_created_at_index" on "citizen_comment" ("client_key", "created_at");`);

    this.addSql(`alter table "citizen_comment" add constraint "citizen_comment_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "citizen_comment" add constraint "citizen_comment_special_target_id_foreign" foreign key ("special_target_id") references "special_target" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "citizen_comment" add constraint "citizen_comment_rectification_id_foreign" foreign key ("rectification_id") references "rectification" ("id") on update cascade on delete cascade;`);

    // The answer cache's data generation follows the table (publicComments, the public page's latest feedback), as Migration20261130033123 does.
    this.addSql(`insert into "data_generation" ("table_name", "generation") values ('citizen_comment', 0);`);
    this.addSql(`create trigger "citizen_comment_generation" after insert or update or delete or truncate on "citizen_comment" for each statement execute function "plan_hub_note_change"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "data_generation" where "table_name" = 'citizen_comment';`);
    this.addSql(`drop table if exists "citizen_comment" cascade;`);
  }

}
