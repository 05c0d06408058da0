import { Migration } from '@mikro-orm/migrations';

/** The foreign-key indexes SQLite has had from the start (server/orm.ts: PostgreSqlPlatformIndexingForeignKeys). */
export class Migration20261127070550 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "department_alias_department_id_index" on "department_alias" ("department_id");`);

    this.addSql(`create index "innovation_topic_plan_id_index" on "innovation_topic" ("plan_id");`);

    this.addSql(`create index "indicator_plan_id_index" on "indicator" ("plan_id");`);

    this.addSql(`create index "rectification_plan_id_index" on "rectification" ("plan_id");`);

    this.addSql(`create index "special_target_plan_id_index" on "special_target" ("plan_id");`);

    this.addSql(`create index "special_target_indicator_special_target_id_index" on "special_target_indicator" ("special_target_id");`);
    this.addSql(`create index "special_target_indicator_indicator_id_index" on "special_target_indicator" ("indicator_id");`);

    this.addSql(`create index "standard_plan_id_index" on "standard" ("plan_id");`);

    this.addSql(`create index "responsibility_department_id_index" on "responsibility" ("department_id");`);
    this.addSql(`create index "responsibility_indicator_id_index" on "responsibility" ("indicator_id");`);
    this.addSql(`create index "responsibility_special_target_id_index" on "responsibility" ("special_target_id");`);
    this.addSql(`create index "responsibility_rectification_id_index" on "responsibility" ("rectification_id");`);
    this.addSql(`create index "responsibility_innovation_topic_id_index" on "responsibility" ("innovation_topic_id");`);
    this.addSql(`create index "responsibility_standard_id_index" on "responsibility" ("standard_id");`);

    this.addSql(`create index "user_department_id_index" on "user" ("department_id");`);

    this.addSql(`create index "credential_user_id_index" on "credential" ("user_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "credential_user_id_index";`);

    this.addSql(`drop index "department_alias_department_id_index";`);

    this.addSql(`drop index "indicator_plan_id_index";`);

    this.addSql(`drop index "innovation_topic_plan_id_index";`);

    this.addSql(`drop index "rectification_plan_id_index";`);

    this.addSql(`drop index "responsibility_department_id_index";`);
    this.addSql(`drop index "responsibility_indicator_id_index";`);
    this.addSql(`drop index "responsibility_special_target_id_index";`);
    this.addSql(`drop index "responsibility_rectification_id_index";`);
    this.addSql(`drop index "responsibility_innovation_topic_id_index";`);
    this.addSql(`drop index "responsibility_standard_id_index";`);

    this.addSql(`drop index "special_target_plan_id_index";`);

    this.addSql(`drop index "special_target_indicator_special_target_id_index";`);
    this.addSql(`drop index "special_target_indicator_indicator_id_index";`);

    this.addSql(`drop index "standard_plan_id_index";`);

    this.addSql(`drop index "user_department_id_index";`);
  }

}
