import { Migration } from '@mikro-orm/migrations';

/** Issue 15: the published monthly bulletins (published_bulletin), with their data-generation counter. */
export class Migration20261130100100 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "published_bulletin" ("id" serial primary key, "month" varchar(7) not null, "version" int not null, "foreword" text null, "content" text not null, "published_by_id" int null, "published_by_name" varchar(64) null, "published_at" timestamptz not null);`);
    this.addSql(`create index "published_bulletin_published_by_id_index" on "published_bulletin" ("published_by_id");`);
    this.addSql(`alter table "published_bulletin" add constraint "published_bulletin_month_version_unique" unique ("month", "version");`);

    this.addSql(`alter table "published_bulletin" add constraint "published_bulletin_published_by_id_foreign" foreign key ("published_by_id") references "user" ("id") on update cascade on delete set null;`);

    // The answer cache's data generation follows the table too, as Migration20261130033123 does.
    this.addSql(`insert into "data_generation" ("table_name", "generation") values ('published_bulletin', 0);`);
    this.addSql(`create trigger "published_bulletin_generation" after insert or update or delete or truncate on "published_bulletin" for each statement execute function "plan_hub_note_change"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "data_generation" where "table_name" = 'published_bulletin';`);
    this.addSql(`drop table if exists "published_bulletin" cascade;`);
  }

}
