import { Migration } from '@mikro-orm/migrations';

/** Responsibility.noteEn: the note in English, for the English UI (issue 10, item 4). */
export class Migration20261130000307 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`responsibility\` add column \`note_en\` text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`responsibility\` drop column \`note_en\`;`);
  }
}
