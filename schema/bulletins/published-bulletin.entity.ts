import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { User } from '../accounts/user.entity';

/**
 * A monthly bulletin (月度通报) as the evaluation office issued it: the content frozen as JSON (the
 * Bulletin GraphQL answer at the moment of publication, server/bulletins/bulletin.content.ts), with
 * its foreword, who issued it and when. A month may be issued again (a corrected issue): each issue
 * is a new row with the next `version`, the earlier ones are kept as they were issued; the latest
 * issue is the month's bulletin. Rows are never changed after they are written. Not a GraphQL type
 * itself: `bulletin(month)` answers its content.
 */
@Entity({ tableName: 'published_bulletin' })
// The unique index (month, version) also serves the look-ups by month.
@Unique({ properties: ['month', 'version'] })
export class PublishedBulletin {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The canonical month, 2019-06 (sorts as text). */
  @Property({ type: 'string', length: 7 })
  month!: string;

  /** The issue of the month: 1 for the first, 2 for a corrected re-issue, … */
  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'text', nullable: true })
  foreword?: string | null;

  /** The bulletin's content as issued (JSON of BulletinContent). */
  @Property({ type: 'text' })
  content!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  publishedBy?: Rel<User> | null;

  /** The issuer's username, copied: kept when the account is deleted. */
  @Property({ type: 'string', length: 64, nullable: true })
  publishedByName?: string | null;

  @Property({ type: 'Date' })
  publishedAt: Date = new Date();
}
